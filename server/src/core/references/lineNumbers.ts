// Reads line numbers and line ranges (`144`, `229-237`, `L10-L20`, `144:12`, `L3C1-L9C4`) and
// comma lists of them. Every reader moves forward only and gives up after a bounded look-ahead, so
// a caller that resumes right after a failure stays linear.

import * as chars from './charClasses';
import type { StepCounter } from './scanState';

// tsx, which runs the tests, compiles every use of an import into a getter call; binding the
// character helpers once at load keeps the per-character loops fast there too.
const { Code, isBlank, isDigit, isWordChar } = chars;

/** One number or range as written: `start`/`end` are character offsets, `first`/`last` 1-based lines. */
export interface LineGroup {
  start: number;
  end: number;
  first: number;
  last: number;
}

/** What a caller accepts around the digits. */
export interface LineNumberSyntax {
  /** `L144` as well as `144`. */
  allowL: boolean;
  /** `144:12` (a column after the line). */
  allowColumn: boolean;
  /** GitHub's `L10C5` columns. */
  allowGithubColumn: boolean;
  /** A short parenthesised label between list items: `106-120 (Upload), 379-393`. */
  allowLabels: boolean;
}

const MAX_DIGITS = 9;
const MAX_GAP = 8;
const MAX_LABEL = 40;
// Real lists stop at a handful of ranges; the cap bounds the output a hostile line can cause.
const MAX_GROUPS = 64;

interface NumberRead {
  value: number;
  end: number;
}

function readDigits(line: string, index: number, limit: number): NumberRead | null {
  let k = index;
  let value = 0;
  while (k < limit && isDigit(line.charCodeAt(k))) {
    value = value * 10 + (line.charCodeAt(k) - 48);
    k++;
    if (k - index > MAX_DIGITS) return null;
  }
  return k === index ? null : { value, end: k };
}

function readLineNumber(line: string, index: number, limit: number, syntax: LineNumberSyntax): NumberRead | null {
  let k = index;
  if (syntax.allowL && line.charCodeAt(k) === Code.UpperL && isDigit(line.charCodeAt(k + 1))) k++;
  const read = readDigits(line, k, limit);
  if (!read || read.value < 1) return null;
  let end = read.end;
  if (syntax.allowColumn && line.charCodeAt(end) === Code.Colon && isDigit(line.charCodeAt(end + 1))) {
    const column = readDigits(line, end + 1, limit);
    if (!column) return null;
    end = column.end;
  } else if (syntax.allowGithubColumn && line.charCodeAt(end) === Code.UpperC && isDigit(line.charCodeAt(end + 1))) {
    const column = readDigits(line, end + 1, limit);
    if (!column) return null;
    end = column.end;
  }
  return { value: read.value, end };
}

/** True when what follows a number cannot make it part of a date, version, ratio or word. */
function endsCleanly(line: string, index: number, limit: number): boolean {
  if (index >= limit) return true;
  const c = line.charCodeAt(index);
  if (isWordChar(c) || c === 37 /* % */ || c === Code.Slash) return false;
  if (c === Code.Dot || c === Code.Colon || c === Code.Hyphen || c === Code.EnDash) {
    return !(index + 1 < limit && isDigit(line.charCodeAt(index + 1)));
  }
  return true;
}

/** Reads one `N`, `N-M` (with the options of `syntax`) at `index`, or `null` when none is there. */
export function readLineGroup(line: string, index: number, limit: number, syntax: LineNumberSyntax): LineGroup | null {
  const first = readLineNumber(line, index, limit, syntax);
  if (!first) return null;
  let end = first.end;
  let last = first.value;
  const dash = line.charCodeAt(end);
  if ((dash === Code.Hyphen || dash === Code.EnDash) && end + 1 < limit) {
    const second = readLineNumber(line, end + 1, limit, syntax);
    if (second) {
      last = second.value;
      end = second.end;
    }
  }
  if (!endsCleanly(line, end, limit)) return null;
  return { start: index, end, first: Math.min(first.value, last), last: Math.max(first.value, last) };
}

function skipBlanks(line: string, index: number, limit: number): number {
  let k = index;
  while (k < limit && k - index < MAX_GAP && isBlank(line.charCodeAt(k))) k++;
  return k;
}

/** Skips `(Upload)`-style labels after a range; returns `index` unchanged when there is none. */
function skipLabel(line: string, index: number, limit: number): number {
  const open = skipBlanks(line, index, limit);
  if (line.charCodeAt(open) !== Code.OpenParen) return index;
  for (let k = open + 1; k < limit && k - open <= MAX_LABEL; k++) {
    const c = line.charCodeAt(k);
    if (c === Code.CloseParen) return k > open + 1 ? k + 1 : index;
    if (!(isWordChar(c) && !isDigit(c)) && c !== Code.Space && c !== Code.Dot && c !== Code.Hyphen) return index;
  }
  return index;
}

/**
 * Reads `N[-M]` followed by `, N[-M]` items; the list stops at the first item that is not a clean
 * number, so `149, and more` yields only 149. Returns an empty array when `index` holds no number.
 */
export function readLineGroupList(
  line: string,
  index: number,
  limit: number,
  syntax: LineNumberSyntax,
  counter: StepCounter,
): LineGroup[] {
  const head = readLineGroup(line, index, limit, syntax);
  if (!head) return [];
  const groups = [head];
  let previous = head;
  while (groups.length < MAX_GROUPS) {
    counter.steps++;
    let k = syntax.allowLabels ? skipLabel(line, previous.end, limit) : previous.end;
    k = skipBlanks(line, k, limit);
    if (line.charCodeAt(k) !== Code.Comma) break;
    k = skipBlanks(line, k + 1, limit);
    const next = readLineGroup(line, k, limit, syntax);
    if (!next) break;
    groups.push(next);
    previous = next;
  }
  counter.steps += previous.end - index;
  return groups;
}
