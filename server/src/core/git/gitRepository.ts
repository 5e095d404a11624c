// What the staleness layer asks of git, as an interface so the core never spawns a process. The
// node implementation (server/src/node/nodeGitRepository.ts) runs git with argument arrays; tests
// and other hosts may answer from memory. Every path is workspace-relative with `/`.

/** The commit each line of a document was last changed in; `null` for a line not committed yet. */
export type LineCommits = ReadonlyArray<string | null>;

/** A read-only view of the git repository that holds a workspace folder. */
export interface GitRepository {
  /** Full commit id of a revision (`HEAD`, `b5cc756`, a branch), or undefined when it names none. */
  resolveCommit(revision: string): Promise<string | undefined>;
  /**
   * The commit of each line of the document (index 0 is line 1), blamed against `text` when given
   * (an editor buffer) or the file on disk; undefined when git cannot blame it (untracked, no HEAD).
   */
  blame(path: string, text?: string): Promise<LineCommits | undefined>;
  /** The file's text at a commit, or undefined when the commit has no such file. Cached by blob id. */
  readFile(commit: string, path: string): Promise<string | undefined>;
  /** The first parent of a commit, or undefined for a root commit. */
  parentOf(commit: string): Promise<string | undefined>;
  /** Files renamed between the commit and the working tree (git's rename detection): old path → new path. */
  renamesSince(commit: string): Promise<ReadonlyMap<string, string>>;
  /** Working-tree files (tracked, and untracked not ignored) that contain `text` literally; at most `limit`. */
  filesContaining(text: string, limit: number): Promise<string[]>;
  /** Drops what depends on the working tree or HEAD (renames, resolved revisions), if cached. */
  forgetWorkingTree?(): void;
}

/** A commit id as people read it. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 7);
}
