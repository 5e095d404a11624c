// Just enough block-level markdown to know, line by line, whether we are in code, on a heading, a
// rule, a list item, a table row or a field label. Hand-written scanners, each linear in the line.

import * as chars from './charClasses';

// tsx, which runs the tests, compiles every use of an import into a getter call; binding the
// character helpers once at load keeps the per-character loops fast there too.
const { Code, isAsciiLetter, isBlank } = chars;

/** A fenced code block's opening: the fence character and how many of it. */
export interface Fence {
  char: number;
  length: number;
}

/** Leading whitespace of a line: its width in columns (tab = 4) and where the content starts. */
export interface Indent {
  columns: number;
  index: number;
}

/** Measures a line's leading whitespace. */
export function readIndent(line: string): Indent {
  let columns = 0;
  let index = 0;
  while (index < line.length) {
    const c = line.charCodeAt(index);
    if (c === Code.Space) columns++;
    else if (c === Code.Tab) columns += 4 - (columns % 4);
    else break;
    index++;
  }
  return { columns, index };
}

/** True for a line of nothing but whitespace. */
export function isBlankLine(line: string): boolean {
  return readIndent(line).index === line.length;
}

function runLength(line: string, index: number, char: number): number {
  let k = index;
  while (k < line.length && line.charCodeAt(k) === char) k++;
  return k - index;
}

/** Reads a ``` or ~~~ fence opening at any indentation (lists indent them), or `null`. */
export function readFenceOpening(line: string): Fence | null {
  const { index } = readIndent(line);
  const char = line.charCodeAt(index);
  if (char !== Code.Backtick && char !== Code.Tilde) return null;
  const length = runLength(line, index, char);
  if (length < 3) return null;
  if (char === Code.Backtick && line.indexOf('`', index + length) !== -1) return null;
  return { char, length };
}

/** True when the line closes `fence`: the same character, at least as many, nothing after. */
export function isFenceClosing(line: string, fence: Fence): boolean {
  const { index } = readIndent(line);
  const length = runLength(line, index, fence.char);
  if (length < fence.length) return false;
  return readIndent(line.slice(index + length)).index === line.length - index - length;
}

/** True for an ATX heading: up to three spaces, 1-6 `#`, then a space or the end. */
export function isAtxHeading(line: string): boolean {
  const { columns, index } = readIndent(line);
  if (columns > 3) return false;
  const hashes = runLength(line, index, Code.Hash);
  if (hashes < 1 || hashes > 6) return false;
  const next = index + hashes;
  return next === line.length || isBlank(line.charCodeAt(next));
}

/** True for `---`, `***`, `___` rules (spaces allowed between), which also underline setext headings. */
export function isThematicBreak(line: string): boolean {
  const { columns, index } = readIndent(line);
  if (columns > 3) return false;
  const char = line.charCodeAt(index);
  if (char !== Code.Hyphen && char !== Code.Asterisk && char !== Code.Underscore) return false;
  let count = 0;
  for (let k = index; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c === char) count++;
    else if (!isBlank(c)) return false;
  }
  return count >= 3;
}

/** True for a setext `===` underline. */
export function isSetextEquals(line: string): boolean {
  const { columns, index } = readIndent(line);
  if (columns > 3 || line.charCodeAt(index) !== 61) return false;
  const length = runLength(line, index, 61);
  return readIndent(line.slice(index + length)).index === line.length - index - length;
}

/** Where a list item's content starts (after `-`, `*`, `+`, `1.` or `1)` and a space), or -1. */
export function listItemContentStart(line: string): number {
  const { index } = readIndent(line);
  const c = line.charCodeAt(index);
  if (c === Code.Hyphen || c === Code.Asterisk || c === 43) {
    const next = line.charCodeAt(index + 1);
    return index + 1 === line.length || isBlank(next) ? index + 1 : -1;
  }
  let k = index;
  while (k < line.length && k - index < 9 && line.charCodeAt(k) >= 48 && line.charCodeAt(k) <= 57) k++;
  if (k === index) return -1;
  const marker = line.charCodeAt(k);
  if (marker !== Code.Dot && marker !== Code.CloseParen) return -1;
  return k + 1 === line.length || isBlank(line.charCodeAt(k + 1)) ? k + 1 : -1;
}

const LINES_LABELS = new Set(['line', 'lines', 'line(s)', 'line number', 'line numbers', 'line range', 'line ranges']);
const MAX_LABEL = 40;
const MAX_PREFIX = 12;

/**
 * Classifies a `**File:**` / `**Lines:**` / `File:` label at the start of a block's content, so a
 * Lines field can bind to the File field before it.
 */
export function readFieldLabel(line: string, from: number): 'file' | 'lines' | null {
  let k = from;
  while (k < line.length && isBlank(line.charCodeAt(k))) k++;
  if (line.charCodeAt(k) === Code.OpenBracket && line.charCodeAt(k + 2) === Code.CloseBracket) k += 3;
  // Status emoji (or their mojibake) often come first.
  const prefixStart = k;
  while (k < line.length && k - prefixStart < MAX_PREFIX) {
    const c = line.charCodeAt(k);
    if (c === Code.Asterisk || isAsciiLetter(c)) break;
    k++;
  }
  const bold = line.charCodeAt(k) === Code.Asterisk && line.charCodeAt(k + 1) === Code.Asterisk;
  if (bold) k += 2;
  const labelStart = k;
  while (k < line.length && k - labelStart <= MAX_LABEL) {
    const c = line.charCodeAt(k);
    if (c === Code.Colon || c === Code.Asterisk) break;
    if (!isAsciiLetter(c) && c !== Code.Space && c !== Code.OpenParen && c !== Code.CloseParen) return null;
    k++;
  }
  const label = line.slice(labelStart, k).trim().toLowerCase();
  if (label.length === 0) return null;
  const colonInside = line.charCodeAt(k) === Code.Colon;
  if (bold) {
    const close = colonInside ? k + 1 : k;
    if (line.charCodeAt(close) !== Code.Asterisk || line.charCodeAt(close + 1) !== Code.Asterisk) return null;
    if (!colonInside && line.charCodeAt(close + 2) !== Code.Colon) return null;
  } else if (!colonInside) {
    return null;
  }
  if (LINES_LABELS.has(label)) return 'lines';
  if (/\b(?:files?|locations?|paths?)\b/.test(label)) return 'file';
  return null;
}

/** A table cell's content bounds on its line (untrimmed, pipes excluded). */
export interface TableCell {
  start: number;
  end: number;
}

/** Splits a pipe-table row into cells at unescaped pipes; leading and trailing pipes are optional. */
export function splitTableRow(line: string): TableCell[] {
  const { index } = readIndent(line);
  let start = line.charCodeAt(index) === Code.Pipe ? index + 1 : index;
  const cells: TableCell[] = [];
  for (let k = start; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c === Code.Backslash) {
      k++;
      continue;
    }
    if (c === Code.Pipe) {
      cells.push({ start, end: k });
      start = k + 1;
    }
  }
  if (!isBlankLine(line.slice(start))) cells.push({ start, end: line.length });
  return cells;
}

/** True for a table's delimiter row (`|---|:--:|`). */
export function isTableDelimiterRow(line: string): boolean {
  let pipes = 0;
  let dashes = 0;
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c === Code.Pipe) pipes++;
    else if (c === Code.Hyphen) dashes++;
    else if (c !== Code.Colon && !isBlank(c)) return false;
  }
  return pipes > 0 && dashes > 0;
}

/** Which columns of a table hold the file and the line numbers. */
export interface TableColumns {
  fileColumn: number;
  lineColumn: number;
}

const FILE_HEADERS = new Set(['file', 'files', 'path', 'file path', 'filepath', 'location', 'source', 'source file', 'filename', 'file name']);
const LINE_HEADERS = new Set(['line', 'lines', 'line(s)', 'line #', 'line no', 'line no.', 'line number', 'line numbers', 'ln']);

function headerName(line: string, cell: TableCell): string {
  return line.slice(cell.start, cell.end).replace(/[*`_]/g, '').trim().toLowerCase();
}

/** The file and line columns of a header row, or `null` when it lacks either. */
export function classifyTableHeader(line: string, cells: readonly TableCell[]): TableColumns | null {
  let fileColumn = -1;
  let lineColumn = -1;
  cells.forEach((cell, column) => {
    const name = headerName(line, cell);
    if (fileColumn < 0 && FILE_HEADERS.has(name)) fileColumn = column;
    else if (lineColumn < 0 && LINE_HEADERS.has(name)) lineColumn = column;
  });
  return fileColumn >= 0 && lineColumn >= 0 ? { fileColumn, lineColumn } : null;
}
