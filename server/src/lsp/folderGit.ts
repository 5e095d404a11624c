// The git-aware staleness check of one workspace folder in the language server: opened when the
// settings and the workspace's trust allow it, re-opened when the base setting changes, and closed
// with the folder. In an untrusted workspace git never runs, and where git or a repository is
// missing it cannot: references there are `unverified`, with the reason.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chainRefiners, quotedCodeRefiner } from '../core/git/quoteRefiner';
import { unverifiedRefiner } from '../core/git/unverified';
import type { ReferenceRefiner } from '../core/git/stalenessChecker';
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import type { Logger } from '../core/workspace';
import { openGitStaleness, type GitStaleness } from '../node/gitStaleness';

/** What decides whether and how the folder's check runs. */
export interface FolderGitSettings {
  gitEnabled: boolean;
  /** A revision every reference is compared from; empty for the blame of each line. */
  gitBase: string;
  /** Whether the editor trusts the workspace, and what to say when it does not. */
  trusted: boolean;
  restriction: string | undefined;
  /** Where fingerprints of uncommitted lines go (the editor's storage), or undefined for the cache folder. */
  storageFolder: string | undefined;
}

/** The staleness check of one folder, kept across re-indexes. */
export class FolderGit {
  private key: string | undefined;
  private staleness: GitStaleness | undefined;
  private refiner: ReferenceRefiner | null = null;

  constructor(
    private readonly root: string,
    private readonly logger: Logger,
  ) {}

  /** The refiner the index should use under these settings (null: none), opening git when needed. */
  async refinerFor(settings: FolderGitSettings, index: WorkspaceIndex): Promise<ReferenceRefiner | null> {
    const key = JSON.stringify([settings.gitEnabled, settings.gitBase, settings.trusted, settings.storageFolder]);
    if (key === this.key) return this.refiner;
    await this.close();
    this.key = key;
    const readCurrent = (file: string): Promise<string | undefined> => index.readSavedText(file);
    // Without history, the code an issue quotes is the only evidence of where it went.
    const quotesAlone = quotedCodeRefiner(readCurrent, new Set(['ok', 'line-out-of-range']));
    if (!settings.trusted) {
      // Only a folder git would have checked is worth the note; elsewhere states stay as they are.
      const unverified = unverifiedRefiner(`Not checked against git history: ${settings.restriction ?? 'the workspace is not trusted.'}`);
      this.refiner = hasGitFolder(this.root) ? chainRefiners(quotesAlone, unverified) : quotesAlone;
      return this.refiner;
    }
    if (!settings.gitEnabled) return (this.refiner = quotesAlone);
    const setup = await openGitStaleness(this.root, {
      ...(settings.gitBase === '' ? {} : { base: settings.gitBase }),
      ...(settings.storageFolder === undefined ? {} : { storageFolder: settings.storageFolder }),
      readCurrent,
      exists: (file) => index.files.has(file),
      logger: this.logger,
    });
    if (setup.kind === 'ready') {
      this.staleness = setup.staleness;
      // Git judges first; quotes then help with what git could not place.
      return (this.refiner = chainRefiners(setup.staleness.checker, quotedCodeRefiner(readCurrent, new Set(['line-out-of-range']))));
    }
    const why = setup.kind === 'bad-base' ? `auditLens.git.base ${setup.message}` : setup.reason;
    this.logger.info(`Audit Lens: no git-aware staleness check in ${this.root}: ${why}`);
    // The user asked for the check and it could not run: say so on each reference, as a hint.
    return (this.refiner = chainRefiners(quotesAlone, unverifiedRefiner(`Not checked against git history: ${why}`)));
  }

  /** Writes the fingerprints of uncommitted lines seen so far. */
  async flush(): Promise<void> {
    await this.staleness?.flush();
  }

  /** Ends git and writes what is pending. */
  async close(): Promise<void> {
    const staleness = this.staleness;
    this.staleness = undefined;
    this.refiner = null;
    this.key = undefined;
    await staleness?.close();
  }
}

/** The storage folder the client passes in `initializationOptions.storagePath`, if it is an absolute path. */
export function readStorageFolder(initializationOptions: unknown): string | undefined {
  if (typeof initializationOptions !== 'object' || initializationOptions === null) return undefined;
  const value = (initializationOptions as Record<string, unknown>)['storagePath'];
  return typeof value === 'string' && path.isAbsolute(value) ? value : undefined;
}

/** True when the folder or one above it holds `.git`: a repository git would have been asked about. */
function hasGitFolder(root: string): boolean {
  for (let folder = path.resolve(root); ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, '.git'))) return true;
    if (path.dirname(folder) === folder) return false;
  }
}
