// Finds the inline constructs of one line that change how its text is read: code spans (a path
// inside backticks is read more leniently) and links (a link's target may be a reference, and a
// URL's text is skipped). Both finders are linear: no opener ever searches the rest of the line.

import * as chars from './charClasses';
import type { StepCounter } from './scanState';

// tsx, which runs the tests, compiles every use of an import into a getter call; binding the
// character helpers once at load keeps the per-character loops fast there too.
const { Code, isBlank } = chars;

/** A code span: backticks at [openStart, contentStart) and [contentEnd, closeEnd). */
export interface CodeSpan {
  openStart: number;
  contentStart: number;
  contentEnd: number;
  closeEnd: number;
}

/** An inline link `[text](target)`; `start` is the `[` (or the `!` of an image). */
export interface InlineLink {
  start: number;
  textStart: number;
  textEnd: number;
  targetStart: number;
  targetEnd: number;
  end: number;
  isImage: boolean;
}

/** Pairs backtick runs of equal length, as CommonMark does, in one pass over the line. */
export function findCodeSpans(line: string, counter: StepCounter): CodeSpan[] {
  if (line.indexOf('`') < 0) return [];
  const runStarts: number[] = [];
  const runLengths: number[] = [];
  for (let i = 0; i < line.length; ) {
    counter.steps++;
    if (line.charCodeAt(i) !== Code.Backtick) {
      i++;
      continue;
    }
    const start = i;
    while (i < line.length && line.charCodeAt(i) === Code.Backtick) i++;
    runStarts.push(start);
    runLengths.push(i - start);
  }
  if (runStarts.length < 2) return [];
  // For each run length, the indices of the runs of that length; a cursor per length only moves on.
  const runsByLength = new Map<number, number[]>();
  runLengths.forEach((length, index) => {
    const list = runsByLength.get(length);
    if (list) list.push(index);
    else runsByLength.set(length, [index]);
  });
  const cursors = new Map<number, number>();
  const spans: CodeSpan[] = [];
  let run = 0;
  while (run < runStarts.length) {
    counter.steps++;
    const length = runLengths[run] ?? 0;
    const sameLength = runsByLength.get(length) ?? [];
    let cursor = cursors.get(length) ?? 0;
    while (cursor < sameLength.length && (sameLength[cursor] ?? 0) <= run) {
      cursor++;
      counter.steps++;
    }
    cursors.set(length, cursor);
    const closer = sameLength[cursor];
    if (closer === undefined) {
      run++;
      continue;
    }
    const openStart = runStarts[run] ?? 0;
    const closeStart = runStarts[closer] ?? 0;
    spans.push({ openStart, contentStart: openStart + length, contentEnd: closeStart, closeEnd: closeStart + length });
    run = closer + 1;
  }
  return spans;
}

/**
 * Finds `[text](target)` links outside code spans. A failed target scan sets a barrier: any later
 * `](` before it is not tried again, which keeps runs of `](` linear.
 */
export function findLinks(line: string, spans: readonly CodeSpan[], counter: StepCounter): InlineLink[] {
  if (line.indexOf('](') < 0) return [];
  const links: InlineLink[] = [];
  const openers: number[] = [];
  let spanIndex = 0;
  let barrier = -1;
  let i = 0;
  while (i < line.length) {
    counter.steps++;
    const span = spans[spanIndex];
    if (span && i >= span.openStart) {
      i = Math.max(i, span.closeEnd);
      spanIndex++;
      continue;
    }
    const c = line.charCodeAt(i);
    if (c === Code.Backslash) {
      i += 2;
      continue;
    }
    if (c === Code.OpenBracket) {
      openers.push(i);
      i++;
      continue;
    }
    if (c !== Code.CloseBracket || openers.length === 0) {
      i++;
      continue;
    }
    const open = openers.pop() ?? 0;
    if (line.charCodeAt(i + 1) !== Code.OpenParen || i + 2 <= barrier) {
      i++;
      continue;
    }
    const target = readLinkTarget(line, i + 2, counter);
    if (!target.ok) {
      barrier = Math.max(barrier, target.scannedTo);
      i++;
      continue;
    }
    const isImage = open > 0 && line.charCodeAt(open - 1) === Code.Exclamation;
    links.push({
      start: isImage ? open - 1 : open,
      textStart: open + 1,
      textEnd: i,
      targetStart: target.start,
      targetEnd: target.end,
      end: target.closeEnd,
      isImage,
    });
    // Links cannot contain links, so no earlier `[` can still open one around this.
    openers.length = 0;
    while (spans[spanIndex] && (spans[spanIndex]?.openStart ?? 0) < target.closeEnd) spanIndex++;
    i = target.closeEnd;
  }
  return links;
}

interface TargetRead {
  ok: boolean;
  start: number;
  end: number;
  closeEnd: number;
  scannedTo: number;
}

/** Reads `target)`, `<target>)` or `target "title")` starting right after `(`. */
function readLinkTarget(line: string, from: number, counter: StepCounter): TargetRead {
  const fail = (at: number): TargetRead => {
    counter.steps += at - from + 1;
    return { ok: false, start: 0, end: 0, closeEnd: 0, scannedTo: at };
  };
  let k = from;
  while (k < line.length && isBlank(line.charCodeAt(k))) k++;
  const start = k;
  let end: number;
  if (line.charCodeAt(k) === Code.Less) {
    k++;
    while (k < line.length && line.charCodeAt(k) !== Code.Greater) k++;
    if (k >= line.length) return fail(k);
    end = k;
    k++;
  } else {
    let depth = 0;
    while (k < line.length) {
      const c = line.charCodeAt(k);
      if (isBlank(c)) break;
      if (c === Code.OpenParen) depth++;
      else if (c === Code.CloseParen) {
        if (depth === 0) break;
        depth--;
      }
      k++;
    }
    end = k;
  }
  const targetStart = line.charCodeAt(start) === Code.Less ? start + 1 : start;
  while (k < line.length && isBlank(line.charCodeAt(k))) k++;
  const quote = line.charCodeAt(k);
  if (quote === Code.Quote || quote === Code.Apostrophe) {
    k++;
    while (k < line.length && line.charCodeAt(k) !== quote) k++;
    if (k >= line.length) return fail(k);
    k++;
    while (k < line.length && isBlank(line.charCodeAt(k))) k++;
  }
  if (line.charCodeAt(k) !== Code.CloseParen) return fail(k);
  counter.steps += k - from + 1;
  return { ok: true, start: targetStart, end, closeEnd: k + 1, scannedTo: k };
}
