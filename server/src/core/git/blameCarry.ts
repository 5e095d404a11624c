// Blame for an editor buffer without running git on every keystroke: the lines of the new text
// that the diff matches to the last blamed text keep their commits, and every other line is
// uncommitted, which is what `git blame --contents` would say of an edited line.
import type { LineCommits } from './gitRepository';
import { LineMap } from './lineDiff';

/** A blamed text: its lines as written and the commit of each. */
export interface BlamedText {
  lines: readonly string[];
  commits: LineCommits;
}

/** The commits of `lines` carried over from an earlier blame; undefined when the texts differ too much. */
export function carryBlame(previous: BlamedText, lines: readonly string[]): LineCommits | undefined {
  const map = LineMap.between(previous.lines, lines);
  if (!map) return undefined;
  const commits: Array<string | null> = new Array<string | null>(lines.length).fill(null);
  for (let line = 0; line < previous.lines.length; line++) {
    const mapped = map.mapRange(line, line);
    if (mapped.kept === 1) commits[mapped.start] = previous.commits[line] ?? null;
  }
  return commits;
}
