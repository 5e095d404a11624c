// Keeps the fingerprints of uncommitted audit lines in a JSON file outside the user's tree: the
// CLI's cache folder ($XDG_CACHE_HOME/audit-lens, ~/.cache/audit-lens, or the temp folder), or a
// storage folder the editor passes to the server. One file per workspace root.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeFingerprint, FingerprintStore } from '../core/git/fingerprints';

/** Bound on kept fingerprints; the oldest go first. */
const MAX_FINGERPRINTS = 20_000;

/** The cache folder of the CLI (and of a server the client gives no storage). */
export function defaultCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'audit-lens');
  const home = os.homedir();
  if (home && process.platform !== 'win32') return path.join(home, '.cache', 'audit-lens');
  return path.join(os.tmpdir(), 'audit-lens');
}

/** A fingerprint store backed by one JSON file; `flush` writes it when something changed. */
export class FileFingerprintStore implements FingerprintStore {
  private entries = new Map<string, CodeFingerprint>();
  private dirty = false;

  private constructor(private readonly file: string | undefined) {}

  /** Loads the store of `workspaceRoot` from `folder`; a folder inside the workspace is never written. */
  static async load(folder: string, workspaceRoot: string): Promise<FileFingerprintStore> {
    const relative = path.relative(workspaceRoot, folder);
    const inside = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    if (inside) return new FileFingerprintStore(undefined);
    const id = createHash('sha1').update(path.resolve(workspaceRoot)).digest('hex').slice(0, 16);
    const store = new FileFingerprintStore(path.join(folder, `fingerprints-${id}.json`));
    await store.read();
    return store;
  }

  /** The fingerprint kept under `key`. */
  get(key: string): CodeFingerprint | undefined {
    return this.entries.get(key);
  }

  /** Keeps a fingerprint; written on the next flush. */
  set(key: string, fingerprint: CodeFingerprint): void {
    this.entries.delete(key);
    this.entries.set(key, fingerprint);
    if (this.entries.size > MAX_FINGERPRINTS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.dirty = true;
  }

  /** Writes the file (through a temporary file and a rename) if anything changed; errors are swallowed: it is a cache. */
  async flush(): Promise<void> {
    if (!this.dirty || this.file === undefined) return;
    this.dirty = false;
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(temporary, JSON.stringify(Object.fromEntries(this.entries)), { mode: 0o600 });
      await fs.rename(temporary, this.file);
    } catch {
      this.dirty = true;
    }
  }

  private async read(): Promise<void> {
    if (this.file === undefined) return;
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(this.file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null) return;
      for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
        if (isFingerprint(value)) this.entries.set(key, value);
      }
    } catch {
      // No file yet, or a damaged one: start empty.
    }
  }
}

function isFingerprint(value: unknown): value is CodeFingerprint {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['path'] === 'string' && typeof record['startLine'] === 'number' && Array.isArray(record['lines']) && record['lines'].every((line) => typeof line === 'string');
}
