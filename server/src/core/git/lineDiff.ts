// A line diff (Myers' O(ND) algorithm) between a file as it was when an audit line was written and
// the file now, on lines compared without whitespace, so reformatting alone never reads as a change.
// Computed in process rather than by `git diff` so that editor buffers and stored fingerprints can
// be the "now" side, and so both sides come from the blob cache instead of one process per file.
import { sliceLines } from '../lineIndex';

/** Past this many edits the diff gives up (memory grows with its square); content search still works. */
const MAX_EDITS = 2000;

/** A line as compared: every whitespace character removed. */
export function normalizeLine(line: string): string {
  let out = '';
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12 && code !== 11 && code !== 0xa0 && code !== 0xfeff) out += line[index];
  }
  return out;
}

/** A text's lines, without endings, numbered as lineIndex.ts counts them. */
export function textLines(text: string): string[] {
  return sliceLines(text, 1, Infinity);
}

/** Where a 0-based inclusive range of the old file lies in the new one. */
export interface MappedRange {
  /** 0-based first and last line in the new file; `end < start` when nothing is left there. */
  start: number;
  end: number;
  /** Every line kept, in order and without gaps: only lines above or below changed. */
  unchanged: boolean;
  /** How many of the range's lines are still there (matched by the diff). */
  kept: number;
}

/** The correspondence of lines between two versions of a file. */
export class LineMap {
  private constructor(
    private readonly oldToNew: Int32Array,
    private readonly newLength: number,
  ) {}

  /** Diffs two line lists (already normalized); undefined when they differ in more than MAX_EDITS lines. */
  static between(oldLines: readonly string[], newLines: readonly string[]): LineMap | undefined {
    const ids = new Map<string, number>();
    const idOf = (line: string): number => {
      let id = ids.get(line);
      if (id === undefined) ids.set(line, (id = ids.size));
      return id;
    };
    const a = Int32Array.from(oldLines, idOf);
    const b = Int32Array.from(newLines, idOf);
    const matches = myersMatches(a, b);
    return matches ? new LineMap(matches, b.length) : undefined;
  }

  /** Maps old lines `start..end` (0-based, inclusive) to the new file. */
  mapRange(start: number, end: number): MappedRange {
    let kept = 0;
    for (let line = start; line <= end; line++) if ((this.oldToNew[line] ?? -1) >= 0) kept++;
    const first = this.oldToNew[start] ?? -1;
    const last = this.oldToNew[end] ?? -1;
    const unchanged = kept === end - start + 1 && last - first === end - start;
    let newStart = first;
    if (newStart < 0) {
      newStart = 0;
      for (let line = start - 1; line >= 0; line--) {
        const at = this.oldToNew[line] ?? -1;
        if (at >= 0) {
          newStart = at + 1;
          break;
        }
      }
    }
    let newEnd = last;
    if (newEnd < 0) {
      newEnd = this.newLength - 1;
      for (let line = end + 1; line < this.oldToNew.length; line++) {
        const at = this.oldToNew[line] ?? -1;
        if (at >= 0) {
          newEnd = at - 1;
          break;
        }
      }
    }
    return { start: newStart, end: newEnd, unchanged, kept };
  }
}

/** For each line of `a`, the line of `b` it matches in a shortest edit script, or -1. */
function myersMatches(a: Int32Array, b: Int32Array): Int32Array | undefined {
  const matches = new Int32Array(a.length).fill(-1);
  // Common head and tail cost nothing and are most of a typical file.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) matches[head] = head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) {
    matches[a.length - 1 - tail] = b.length - 1 - tail;
    tail++;
  }
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n === 0 || m === 0) return matches;
  const limit = Math.min(n + m, MAX_EDITS);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  // trace[d] holds v[-d..d] after step d; its total size is (d+1)², hence MAX_EDITS.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= limit && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = d === 0 ? 0 : k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number)) ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[head + x] === b[head + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) found = d;
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  if (found < 0) return undefined;
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const previous = trace[d - 1] as Int32Array;
    const at = (k: number): number => previous[k + d - 1] as number;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x--;
      y--;
      matches[head + x] = head + y;
    }
    x = previousX;
    y = previousY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    matches[head + x] = head + y;
  }
  return matches;
}
