// An in-memory WorkspaceHost for core tests: no disk, and a record of every path read, so tests
// can prove what the core touched (and that it never touched what it must not).
import type { FileStat, WorkspaceHost } from '../../server/src/core/workspace';

/** A WorkspaceHost over a map of workspace-relative paths to contents. */
export class MemoryWorkspace implements WorkspaceHost {
  readonly root: string;
  /** Every path passed to readFile, in order. */
  readonly reads: string[] = [];
  private readonly files = new Map<string, Uint8Array>();
  private readonly mtimes = new Map<string, number>();

  constructor(files: Record<string, string | Uint8Array> = {}, root = '/workspace') {
    this.root = root;
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  /** Adds or replaces a file, bumping its mtime. */
  write(path: string, content: string | Uint8Array): void {
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    this.mtimes.set(path, (this.mtimes.get(path) ?? 0) + 1);
  }

  /** Removes a file. */
  delete(path: string): void {
    this.files.delete(path);
  }

  async listFiles(): Promise<string[]> {
    return [...this.files.keys()].sort();
  }

  async readFile(relativePath: string): Promise<Uint8Array | undefined> {
    this.reads.push(relativePath);
    return this.files.get(relativePath);
  }

  async stat(relativePath: string): Promise<FileStat | undefined> {
    const content = this.files.get(relativePath);
    return content ? { size: content.length, mtimeMs: this.mtimes.get(relativePath) ?? 0 } : undefined;
  }

  async isOutsideRoot(relativePath: string): Promise<boolean> {
    return relativePath.startsWith('/') || relativePath.split('/').includes('..');
  }
}

/** Joins lines with `\n`, so fixtures read like the documents they stand for. */
export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}
