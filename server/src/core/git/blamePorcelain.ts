// Reads `git blame --porcelain` output: the commit of each final line. Pure text parsing, so it
// lives in the core and is tested without git.
import type { LineCommits } from './gitRepository';

/** The all-zero id blame gives lines that are not committed yet. */
const UNCOMMITTED = '0000000000000000000000000000000000000000';

/** The commit of every line of a porcelain blame (index 0 is line 1); uncommitted lines are `null`. */
export function parseBlamePorcelain(output: string): LineCommits {
  const commits: Array<string | null> = [];
  let start = 0;
  while (start < output.length) {
    let end = output.indexOf('\n', start);
    if (end < 0) end = output.length;
    // A header is "<40 hex> <original line> <final line> [<group size>]"; content lines start with a tab.
    if (end - start > 41 && output.charCodeAt(start + 40) === 32 && isHexRun(output, start, start + 40)) {
      const fields = output.slice(start + 41, end).split(' ');
      const finalLine = Number(fields[1]);
      if (Number.isInteger(finalLine) && finalLine >= 1) {
        const commit = output.slice(start, start + 40);
        commits[finalLine - 1] = commit === UNCOMMITTED ? null : commit;
      }
    }
    start = end + 1;
  }
  for (let index = 0; index < commits.length; index++) if (commits[index] === undefined) commits[index] = null;
  return commits;
}

function isHexRun(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (!((code >= 48 && code <= 57) || (code >= 97 && code <= 102))) return false;
  }
  return true;
}
