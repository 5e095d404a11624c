// The host interface the core reads files through. The CLI implements it over node's fs; the
// language server over open editor buffers plus disk. The core never touches fs directly, which is
// what keeps it testable with an in-memory workspace and keeps every read inside the root.

/** What the core needs to know about one file without reading it. */
export interface FileStat {
  size: number;
  /** Modification time in ms, used only as a cache hint; content hashes decide. */
  mtimeMs: number;
}

/** A read-only view of one workspace folder, addressed by workspace-relative `/` paths. */
export interface WorkspaceHost {
  /** Absolute path of the root, for display and for absolute-path references. */
  readonly root: string;
  /** Every file in the workspace that is not ignored (tracked and untracked-not-ignored), relative, with `/`. */
  listFiles(): Promise<string[]>;
  /** The file's bytes, or `undefined` when it does not exist, lies outside the root, or cannot be read. */
  readFile(relativePath: string): Promise<Uint8Array | undefined>;
  /** The file's size and mtime, or `undefined` when it does not exist or lies outside the root. */
  stat(relativePath: string): Promise<FileStat | undefined>;
  /** `readFile` and `stat` in one: a host that stats before reading anyway saves a round trip. Optional. */
  readFileWithStat?(relativePath: string): Promise<{ bytes: Uint8Array; stat: FileStat } | undefined>;
  /**
   * True when the path, lexically or through a symlink anywhere along it, lands outside the root.
   * Such a path is reported as `outside-workspace` and never read.
   */
  isOutsideRoot(relativePath: string): Promise<boolean>;
}

/** Receives what the core wants to say about its own work; hosts route it to their log. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** A logger that drops everything, for tests and for hosts that don't care. */
export const nullLogger: Logger = {
  info() {},
  warn() {},
  error() {},
};

/** Lets long loops stop early when the host no longer wants the answer. */
export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
}

/** A signal that never cancels, for callers that have no token. */
export const neverCancelled: CancellationSignal = { isCancellationRequested: false };
