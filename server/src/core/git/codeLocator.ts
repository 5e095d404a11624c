// Finds where referenced code stands in a file now, given the lines as they were when the audit
// line was written: unchanged in place, moved (the same lines elsewhere), edited in place, or gone.
// Lines are compared without whitespace; the diff map (when there is one) says where the range went,
// and a search for the whole block finds code that moved within the file.
import { LineMap, normalizeLine } from './lineDiff';

/** Where the code of a reference stands in one file; lines are 1-based and inclusive. */
export type Location =
  | { kind: 'ok' }
  | { kind: 'moved'; startLine: number; endLine: number }
  | { kind: 'changed'; startLine: number; endLine: number; kept: number }
  | { kind: 'deleted' };

/** The referenced lines as they were, and where they were. */
export interface BaseBlock {
  /** The referenced lines, normalized (see normalizeLine). */
  lines: readonly string[];
  /** 1-based first line the reference names. */
  startLine: number;
}

/** The normalized lines `startLine..endLine` (1-based) of a normalized file, or undefined when out of range. */
export function blockAt(fileLines: readonly string[], startLine: number, endLine: number): BaseBlock | undefined {
  if (startLine < 1 || endLine < startLine || endLine > fileLines.length) return undefined;
  return { lines: fileLines.slice(startLine - 1, endLine), startLine };
}

/** True when a block has nothing to recognize it by (blank lines, lone braces). */
export function isIndistinct(block: BaseBlock): boolean {
  return block.lines.every((line) => line.length <= 2);
}

/** Where the block stands in `current` (normalized lines), using `map` from the old file when known. */
export function locateBlock(block: BaseBlock, current: readonly string[], map: LineMap | undefined): Location {
  const count = block.lines.length;
  if (sameAt(block.lines, current, block.startLine - 1)) return { kind: 'ok' };
  const mapped = map?.mapRange(block.startLine - 1, block.startLine - 2 + count);
  if (mapped?.unchanged) return { kind: 'moved', startLine: mapped.start + 1, endLine: mapped.end + 1 };
  const near = mapped ? mapped.start : block.startLine - 1;
  const found = findBlock(block.lines, current, near);
  if (found >= 0) return { kind: 'moved', startLine: found + 1, endLine: found + count };
  if (!mapped) return { kind: 'changed', startLine: block.startLine, endLine: block.startLine + count - 1, kept: 0 };
  if (mapped.kept === 0 && mapped.end < mapped.start) return { kind: 'deleted' };
  const end = Math.max(mapped.start, mapped.end);
  // One edited line inside a larger hunk: point at the line it became, not the whole hunk.
  const edited = count === 1 && end > mapped.start ? closestLine(block.lines[0] as string, current, mapped.start, end) : -1;
  if (edited >= 0) return { kind: 'changed', startLine: edited + 1, endLine: edited + 1, kept: mapped.kept };
  return { kind: 'changed', startLine: mapped.start + 1, endLine: end + 1, kept: mapped.kept };
}

/** Lines of a hunk looked at for the one an edited line became; larger hunks keep their whole span. */
const MAX_HUNK_SCAN = 400;
/** How alike (Dice coefficient of character pairs) an edited line and its successor must be. */
const MIN_LINE_LIKENESS = 0.6;
/** Longer lines (minified or generated code) are not compared, so a hunk costs at most 400 × 1,000 pairs. */
const MAX_COMPARED_LINE = 1000;

/** The 0-based line in `lines[from..to]` most like `line`, or -1 when none is alike enough. */
export function closestLine(line: string, lines: readonly string[], from: number, to: number): number {
  if (line.length < 2 || line.length > MAX_COMPARED_LINE || to - from >= MAX_HUNK_SCAN) return -1;
  const pairs = characterPairs(line);
  let best = -1;
  let bestLikeness = MIN_LINE_LIKENESS;
  for (let index = from; index <= to; index++) {
    const candidate = lines[index] ?? '';
    if (candidate.length < 2 || candidate.length > MAX_COMPARED_LINE) continue;
    const likeness = (2 * sharedPairs(pairs, candidate)) / (line.length - 1 + candidate.length - 1);
    if (likeness >= bestLikeness && (best < 0 || likeness > bestLikeness)) {
      best = index;
      bestLikeness = likeness;
    }
  }
  return best;
}

function characterPairs(text: string): Map<string, number> {
  const pairs = new Map<string, number>();
  for (let index = 0; index + 1 < text.length; index++) {
    const pair = text.slice(index, index + 2);
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  return pairs;
}

function sharedPairs(pairs: ReadonlyMap<string, number>, text: string): number {
  const left = new Map(pairs);
  let shared = 0;
  for (let index = 0; index + 1 < text.length; index++) {
    const pair = text.slice(index, index + 2);
    const count = left.get(pair) ?? 0;
    if (count > 0) {
      shared++;
      left.set(pair, count - 1);
    }
  }
  return shared;
}

/** The 0-based line where `block` starts in `lines` closest to `near`, or -1. */
export function findBlock(block: readonly string[], lines: readonly string[], near: number): number {
  const first = block[0];
  if (first === undefined) return -1;
  let best = -1;
  for (let start = 0; start + block.length <= lines.length; start++) {
    if (lines[start] !== first || !sameAt(block, lines, start)) continue;
    if (best < 0 || Math.abs(start - near) < Math.abs(best - near)) best = start;
  }
  return best;
}

/** The most distinctive line of a block to search other files for: the longest, as written. */
export function distinctiveLine(rawLines: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const line of rawLines) {
    const trimmed = line.trim();
    if (normalizeLine(trimmed).length >= 8 && (best === undefined || trimmed.length > best.length)) best = trimmed;
  }
  return best;
}

function sameAt(block: readonly string[], lines: readonly string[], start: number): boolean {
  if (start < 0 || start + block.length > lines.length) return false;
  for (let index = 0; index < block.length; index++) if (lines[start + index] !== block[index]) return false;
  return true;
}
