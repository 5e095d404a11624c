// The corpus's git history: one commit with the whole tree and the audit documents, then commits
// that insert, edit, delete and move code under the references, as the weeks after an audit do.
// Emitted as a `git fast-import` stream, which writes 20,000 files and 200 commits in seconds.
import { codeLines, HOT_SOURCE_PATH, type SourceFile } from './sourceTree';
import type { Random } from './random';

/** One change in a commit: a file's new content, or a rename. */
export type FileChange = { kind: 'modify'; path: string; lines: string[] } | { kind: 'rename'; from: string; to: string };

/** One commit after the first. */
export interface Commit {
  message: string;
  changes: FileChange[];
}

/** The commits and the tree they leave behind. */
export interface History {
  commits: Commit[];
  /** Path → lines after the last commit. */
  finalTree: Map<string, string[]>;
}

/**
 * Generates `count - 1` commits over the referenced files (the first commit is the initial tree).
 * `renameChance` is the share of touched files that move instead of changing.
 */
export function generateHistory(random: Random, files: readonly SourceFile[], referenced: readonly string[], count: number, renameChance = 0.15): History {
  const tree = new Map(files.map((file) => [file.path, file.lines]));
  // The hot file stays put, so its 50 lenses are a stable measure.
  const targets = referenced.filter((path) => path !== HOT_SOURCE_PATH).sort();
  const commits: Commit[] = [];
  for (let index = 1; index < count && targets.length > 0; index++) {
    const changes: FileChange[] = [];
    const verbs: string[] = [];
    for (let touched = random.int(1, 4); touched > 0; touched--) {
      const slot = random.int(0, targets.length - 1);
      const path = targets[slot] as string;
      const lines = tree.get(path);
      if (!lines || changes.some((change) => (change.kind === 'modify' ? change.path : change.to) === path)) continue;
      const roll = random.next();
      if (roll < renameChance) {
        const to = movedPath(random, path, tree);
        tree.delete(path);
        tree.set(to, lines);
        targets[slot] = to;
        changes.push({ kind: 'rename', from: path, to });
        verbs.push(`move ${path} to ${to}`);
        continue;
      }
      const next = [...lines];
      const at = random.int(0, next.length);
      if (roll < renameChance + 0.4) {
        next.splice(at, 0, ...codeLines(random, random.int(1, 12)));
        verbs.push(`insert code in ${path}`);
      } else if (roll < renameChance + 0.75) {
        const span = random.int(1, 3);
        next.splice(at, span, ...codeLines(random, span));
        verbs.push(`edit ${path}`);
      } else {
        next.splice(at, random.int(1, 8));
        verbs.push(`delete code from ${path}`);
      }
      tree.set(path, next);
      changes.push({ kind: 'modify', path, lines: next });
    }
    if (changes.length > 0) commits.push({ message: verbs.join('; '), changes });
  }
  return { commits, finalTree: tree };
}

function movedPath(random: Random, path: string, tree: ReadonlyMap<string, unknown>): string {
  const slash = path.lastIndexOf('/');
  for (let attempt = 0; ; attempt++) {
    const folder = random.pick(['moved', 'legacy', 'v2', 'shared']);
    const candidate = `${path.slice(0, slash)}/${folder}${attempt === 0 ? '' : attempt}${path.slice(slash)}`;
    if (!tree.has(candidate)) return candidate;
  }
}

/** Seconds since the epoch of the first commit; each later commit is an hour after the one before. */
const EPOCH = 1_767_225_600;

/** Writes the whole history as a `git fast-import` stream through `write`. */
export function writeFastImport(write: (chunk: string) => void, initial: ReadonlyMap<string, string>, commits: readonly Commit[]): void {
  const header = (mark: number, message: string): void => {
    const when = `${EPOCH + (mark - 1) * 3600} +0000`;
    write(`commit refs/heads/main\nmark :${mark}\nauthor Bench <bench@example.invalid> ${when}\ncommitter Bench <bench@example.invalid> ${when}\n`);
    write(`data ${Buffer.byteLength(message)}\n${message}\n`);
    if (mark > 1) write(`from :${mark - 1}\n`);
  };
  const modify = (path: string, content: string): void => {
    write(`M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
  };
  header(1, 'The code base and its audit documents');
  for (const [path, content] of initial) modify(path, content);
  commits.forEach((commit, index) => {
    header(index + 2, commit.message);
    for (const change of commit.changes) {
      if (change.kind === 'rename') write(`R ${change.from} ${change.to}\n`);
      else modify(change.path, joinLines(change.lines));
    }
  });
}

/** A file's text from its lines: newline-terminated, as editors save. */
export function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
