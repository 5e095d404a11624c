// Whether a folder the last walk listed still resolves to a real folder inside the root. The walk
// lets the host skip a realpath per file, but a folder can be swapped for a symlink after the walk,
// and lstat on a file only refuses a link in the last name, not above it. So the folder on the
// way is resolved and the answer shared by every file in it for a second (the index's own answers
// about what lies outside the root hold for a whole run): a warm start asks about tens of
// thousands of files in a few thousand folders, over a thousand documents.
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

/** How long a folder's answer is trusted; `forget()` (a file event, a new walk) ends it sooner. */
const TRUST_MS = 1000;

/** Resolves walked folders through symlinks, remembering each answer for a second. */
export class RealFolderChecks {
  private readonly verdicts = new Map<string, boolean>();
  private trustedSince = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly realRoot: string,
    private readonly realpathSync: ((path: string) => string) | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True when `folder` (workspace-relative, `''` for the root) resolves inside the root now; false when it does not or cannot be told. */
  resolvesInside(folder: string): boolean {
    if (folder === '') return true;
    if (this.realpathSync === undefined) return false;
    const now = this.now();
    if (now - this.trustedSince > TRUST_MS) {
      this.verdicts.clear();
      this.trustedSince = now;
    }
    const known = this.verdicts.get(folder);
    if (known !== undefined) return known;
    let verdict: boolean;
    try {
      verdict = isInside(this.realRoot, this.realpathSync(nodePath.join(this.realRoot, ...folder.split('/'))));
    } catch {
      verdict = false; // gone, a loop, no permission: the caller asks the slow way
    }
    this.verdicts.set(folder, verdict);
    return verdict;
  }

  /** Drops every answer: the tree changed. */
  forget(): void {
    this.verdicts.clear();
  }
}
