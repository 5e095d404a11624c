// Settings pulled per workspace folder with workspace/configuration, cached as one promise per
// folder and dropped on didChangeConfiguration. Never held as server globals.
import type { Connection } from 'vscode-languageserver/node';
import type { DiagnosticCode, DiagnosticSeverity } from '../core/model';

/** A diagnostic severity setting: one of the LSP severities, or off. */
export type SeveritySetting = DiagnosticSeverity | 'off';

/** The settings of one folder, with defaults filled in. */
export interface FolderSettings {
  include: string[];
  exclude: string[];
  diagnosticSeverity: Partial<Record<DiagnosticCode, SeveritySetting>>;
  codeLensEnabled: boolean;
  codeLensShowResolved: boolean;
  inlayHintsEnabled: boolean;
  gitEnabled: boolean;
  /** `auditLens.git.base`: a revision every reference is compared from; empty for the blame of each line. */
  gitBase: string;
}

/** What a folder gets when the client sends nothing. */
export const DEFAULT_SETTINGS: FolderSettings = {
  include: [],
  exclude: [],
  diagnosticSeverity: {},
  codeLensEnabled: true,
  codeLensShowResolved: false,
  inlayHintsEnabled: true,
  gitEnabled: true,
  gitBase: '',
};

/** Pulls and caches settings per folder URI. */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<FolderSettings>>();

  /** `isTrusted` gates the settings that would run git: an untrusted workspace's own value is ignored. */
  constructor(
    private readonly connection: Connection,
    private readonly clientSupportsConfiguration: () => boolean,
    private readonly isTrusted: () => boolean = () => true,
  ) {}

  /** The settings of the folder, pulled once and then cached until cleared. */
  get(folderUri: string): Promise<FolderSettings> {
    let settings = this.cache.get(folderUri);
    if (!settings) {
      settings = this.pull(folderUri);
      this.cache.set(folderUri, settings);
    }
    return settings;
  }

  /** Forgets every cached setting (the client said they changed). */
  clear(): void {
    this.cache.clear();
  }

  private async pull(folderUri: string): Promise<FolderSettings> {
    const settings = await this.pullRaw(folderUri);
    return this.isTrusted() ? settings : { ...settings, gitEnabled: false };
  }

  private async pullRaw(folderUri: string): Promise<FolderSettings> {
    if (!this.clientSupportsConfiguration()) return DEFAULT_SETTINGS;
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: folderUri, section: 'auditLens' });
      return normalizeSettings(raw);
    } catch {
      return DEFAULT_SETTINGS;
    }
  }
}

/** Reads raw `auditLens` settings defensively: wrong types fall back to defaults. */
export function normalizeSettings(raw: unknown): FolderSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const section = (name: string): Record<string, unknown> => {
    const inner = value[name];
    return typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : {};
  };
  const strings = (input: unknown): string[] => (Array.isArray(input) ? input.filter((item): item is string => typeof item === 'string') : []);
  const bool = (input: unknown, fallback: boolean): boolean => (typeof input === 'boolean' ? input : fallback);
  const severities: Partial<Record<DiagnosticCode, SeveritySetting>> = {};
  for (const [code, level] of Object.entries(section('diagnostics')['severity'] as Record<string, unknown> ?? {})) {
    if (level === 'error' || level === 'warning' || level === 'information' || level === 'hint' || level === 'off') severities[code as DiagnosticCode] = level;
  }
  return {
    include: strings(value['include']),
    exclude: strings(value['exclude']),
    diagnosticSeverity: severities,
    codeLensEnabled: bool(section('codeLens')['enabled'], true),
    codeLensShowResolved: bool(section('codeLens')['showResolved'], false),
    inlayHintsEnabled: bool(section('inlayHints')['enabled'], true),
    gitEnabled: bool(section('git')['enabled'], true),
    gitBase: typeof section('git')['base'] === 'string' ? (section('git')['base'] as string).trim() : '',
  };
}
