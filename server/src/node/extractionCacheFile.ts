// The warm-start cache of the language server: every audit document's extraction (issues,
// references, lints), keyed by its path and content hash, in one JSON file per workspace root in
// the storage folder the client gives (or the user's cache folder), never inside the workspace.
// Entries carry the build they came from: another build may extract differently, so it starts cold.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ExtractedDocument } from '../core/documentExtractor';
import type { ExtractionStore } from '../core/index/extractionStore';
import type { SavedLineCount } from '../core/referenceResolver';

/** Bumped when the file layout changes. 2: line counts of referenced files. */
const FORMAT = 2;

interface CacheFile {
  format: number;
  build: string;
  entries: Record<string, { hash: string; document: ExtractedDocument }>;
  /** Path, size, mtime in ms, lines: kept as tuples, the file holds tens of thousands. */
  lineCounts: Array<[string, number, number, number]>;
}

/** An extraction store backed by one JSON file; `flush` writes it when something changed. */
export class FileExtractionStore implements ExtractionStore {
  private entries = new Map<string, { hash: string; document: ExtractedDocument }>();
  private savedLineCounts: ReadonlyArray<readonly [string, SavedLineCount]> = [];
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string | undefined,
    private readonly build: string,
  ) {}

  /** Loads the store of `workspaceRoot` from `folder` for this `build`; a folder inside the workspace is never read or written. */
  static async load(folder: string, workspaceRoot: string, build: string): Promise<FileExtractionStore> {
    const relative = path.relative(workspaceRoot, folder);
    const inside = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    if (inside) return new FileExtractionStore(undefined, build);
    const id = createHash('sha1').update(path.resolve(workspaceRoot)).digest('hex').slice(0, 16);
    const store = new FileExtractionStore(path.join(folder, `extractions-${id}.json`), build);
    await store.read();
    return store;
  }

  /** How many documents the store holds. */
  get size(): number {
    return this.entries.size;
  }

  get(documentPath: string, hash: string): ExtractedDocument | undefined {
    const entry = this.entries.get(documentPath);
    return entry && entry.hash === hash ? entry.document : undefined;
  }

  set(documentPath: string, hash: string, document: ExtractedDocument): void {
    const entry = this.entries.get(documentPath);
    if (entry && entry.hash === hash) return;
    this.entries.set(documentPath, { hash, document });
    this.dirty = true;
  }

  delete(documentPath: string): void {
    if (this.entries.delete(documentPath)) this.dirty = true;
  }

  lineCounts(): ReadonlyArray<readonly [string, SavedLineCount]> {
    return this.savedLineCounts;
  }

  setLineCounts(counts: ReadonlyArray<readonly [string, SavedLineCount]>): void {
    if (sameLineCounts(this.savedLineCounts, counts)) return;
    this.savedLineCounts = counts;
    this.dirty = true;
  }

  /**
   * Writes the file (through a temporary file and a rename) if anything changed. Writes run one
   * after another, so two flushes never share the temporary file. Errors are swallowed: it is a cache.
   */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  private async write(): Promise<void> {
    if (!this.dirty || this.file === undefined) return;
    this.dirty = false;
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      const lineCounts = this.savedLineCounts.map(([file, { size, mtimeMs, lines }]): [string, number, number, number] => [file, size, mtimeMs, lines]);
      const content: CacheFile = { format: FORMAT, build: this.build, entries: Object.fromEntries(this.entries), lineCounts };
      await fs.writeFile(temporary, JSON.stringify(content), { mode: 0o600 });
      await fs.rename(temporary, this.file);
    } catch {
      this.dirty = true;
      await fs.rm(temporary, { force: true }).catch(() => undefined);
    }
  }

  private async read(): Promise<void> {
    if (this.file === undefined) return;
    try {
      const parsed = JSON.parse(await fs.readFile(this.file, 'utf8')) as Partial<CacheFile> | null;
      if (parsed === null || parsed.format !== FORMAT || parsed.build !== this.build || typeof parsed.entries !== 'object' || parsed.entries === null) return;
      for (const [documentPath, entry] of Object.entries(parsed.entries)) {
        if (isEntry(entry)) this.entries.set(documentPath, entry);
      }
      this.savedLineCounts = Array.isArray(parsed.lineCounts) ? parsed.lineCounts.filter(isLineCountTuple).map(([file, size, mtimeMs, lines]) => [file, { size, mtimeMs, lines }] as const) : [];
    } catch {
      // No file yet, or a damaged one: start cold.
    }
  }
}

/** Enough of the shape to trust an entry; anything else is dropped and extracted again. */
function isEntry(value: unknown): value is { hash: string; document: ExtractedDocument } {
  if (typeof value !== 'object' || value === null) return false;
  const { hash, document } = value as { hash?: unknown; document?: Record<string, unknown> };
  if (typeof hash !== 'string' || typeof document !== 'object' || document === null) return false;
  return (
    typeof document['path'] === 'string' &&
    typeof document['text'] === 'string' &&
    ['issues', 'mentions', 'references', 'referenceIssueKeys', 'subprojectRoots', 'diagnostics'].every((key) => Array.isArray(document[key]))
  );
}

function isLineCountTuple(value: unknown): value is [string, number, number, number] {
  return Array.isArray(value) && value.length === 4 && typeof value[0] === 'string' && value.slice(1).every((part) => typeof part === 'number' && Number.isFinite(part));
}

/** True when two lists of counts say the same, so an unchanged workspace does not rewrite the cache. */
function sameLineCounts(a: ReadonlyArray<readonly [string, SavedLineCount]>, b: ReadonlyArray<readonly [string, SavedLineCount]>): boolean {
  if (a.length !== b.length) return false;
  return a.every(([file, count], index) => {
    const [otherFile, other] = b[index] as readonly [string, SavedLineCount];
    return file === otherFile && count.size === other.size && count.mtimeMs === other.mtimeMs && count.lines === other.lines;
  });
}

/** Identifies the running build (the bundle's size and mtime), so a rebuilt server never trusts an older build's extractions. */
export async function currentBuildId(file: string, version: string): Promise<string> {
  try {
    const stat = await fs.stat(file);
    return `${version}:${stat.size}:${Math.round(stat.mtimeMs)}`;
  } catch {
    return `${version}:unknown:${Date.now()}`;
  }
}
