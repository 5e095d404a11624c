// Whether a folder the last walk listed still resolves to a real folder inside the root. The walk
// lets the host skip a realpath per file, but a folder can be swapped for a symlink after the walk,
// and lstat on a file only refuses a link in the last name, not above it. So the folder on the
// way is resolved once per turn of the event loop and the answer shared by every file in it: a
// warm start asks about tens of thousands of files in a few thousand folders.
import * as nodePath from 'node:path';

/** True when `candidate` is `root` or below it (paths already absolute and real). */
export function isInside(root: string, candidate: string): boolean {
  const fold = process.platform === 'win32' ? (text: string) => text.toLowerCase() : (text: string) => text;
  const base = fold(root);
  const target = fold(candidate);
  if (target === base) return true;
  const prefix = base.endsWith(nodePath.sep) ? base : base + nodePath.sep;
  return target.startsWith(prefix);
}

/** Resolves walked folders through symlinks, remembering each answer until the event loop turns. */
export class RealFolderChecks {
  private readonly verdicts = new Map<string, boolean>();
  private clearScheduled = false;

  constructor(
    private readonly realRoot: string,
    private readonly realpathSync: ((path: string) => string) | undefined,
  ) {}

  /** True when `folder` (workspace-relative, `''` for the root) resolves inside the root now; false when it does not or cannot be told. */
  resolvesInside(folder: string): boolean {
    if (folder === '') return true;
    if (this.realpathSync === undefined) return false;
    const known = this.verdicts.get(folder);
    if (known !== undefined) return known;
    let verdict: boolean;
    try {
      verdict = isInside(this.realRoot, this.realpathSync(nodePath.join(this.realRoot, ...folder.split('/'))));
    } catch {
      verdict = false; // gone, a loop, no permission: the caller asks the slow way
    }
    this.remember(folder, verdict);
    return verdict;
  }

  private remember(folder: string, verdict: boolean): void {
    this.verdicts.set(folder, verdict);
    if (this.clearScheduled) return;
    this.clearScheduled = true;
    // Answers hold for this turn only: whatever ran in between may have changed the tree.
    setImmediate(() => {
      this.verdicts.clear();
      this.clearScheduled = false;
    });
  }
}
