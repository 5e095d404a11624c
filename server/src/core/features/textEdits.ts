// The edit model of quick fixes and status commands: plain data that the LSP adapter turns into a
// WorkspaceEdit, so the editor applies it and the user can undo it. Nothing here writes files.
// `applyTextEdits` exists for tests and for hosts without an editor; it counts lines the way LSP
// does (`\n`, `\r\n` and a lone `\r` each end a line) and never throws.
import type { Position, Range } from '../model';

/** One replacement in a document: `range` (as it is before any edit) becomes `newText`. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** Edits to one document, all against its text before any of them is applied; they never overlap. */
export interface DocumentEdit {
  /** Workspace-relative path of the document, with `/`. */
  path: string;
  edits: TextEdit[];
}

/** A document split into lines, with the terminator that ends each (the last one's is empty). */
export interface DocumentLines {
  lines: string[];
  terminators: string[];
  /** The document's usual line ending, for the lines an edit inserts. */
  eol: string;
}

/** Splits text into LSP lines and keeps each line's terminator, so inserted lines can match them. */
export function documentLines(text: string): DocumentLines {
  const lines: string[] = [];
  const terminators: string[] = [];
  const counts = { '\n': 0, '\r\n': 0, '\r': 0 };
  let lineStart = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 10 && code !== 13) continue;
    const terminator = code === 13 && text.charCodeAt(index + 1) === 10 ? '\r\n' : code === 13 ? '\r' : '\n';
    lines.push(text.slice(lineStart, index));
    terminators.push(terminator);
    counts[terminator]++;
    index += terminator.length - 1;
    lineStart = index + 1;
  }
  lines.push(text.slice(lineStart));
  terminators.push('');
  const eol = counts['\r\n'] > counts['\n'] && counts['\r\n'] >= counts['\r'] ? '\r\n' : counts['\r'] > counts['\n'] ? '\r' : '\n';
  return { lines, terminators, eol };
}

/** Orders positions: negative when `a` comes first, zero when equal. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** True when two ranges share text, or when both insert at the same place (their order would be unclear). */
export function editsOverlap(a: Range, b: Range): boolean {
  if (comparePositions(a.start, b.start) === 0) return true;
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

/** A range on one line, from `start` to `end` characters. */
export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/**
 * The smallest edit turning one line's text into another: only the changed middle is replaced, so
 * the cursor and the rest of the line stay put. Never splits a surrogate pair. Undefined when equal.
 */
export function minimalLineEdit(line: number, before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const limit = Math.min(before.length, after.length);
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < limit - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return { range: lineRange(line, prefix, before.length - suffix), newText: after.slice(prefix, after.length - suffix) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Applies non-overlapping edits given in any order, each against the original text. Positions past
 * the end of a line or of the document are clamped, as LSP asks; an edit overlapping one that
 * starts earlier is skipped rather than corrupting the text.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStartOffsets(text);
  const offsetOf = (position: Position): number => {
    const line = Math.max(0, Math.floor(position.line));
    if (line >= starts.length) return text.length;
    const lineStart = starts[line] as number;
    const lineEnd = line + 1 < starts.length ? contentEnd(text, starts[line + 1] as number) : text.length;
    return lineStart + Math.min(Math.max(0, Math.floor(position.character)), lineEnd - lineStart);
  };
  const placed = edits
    .map((edit, order) => ({ start: offsetOf(edit.range.start), end: offsetOf(edit.range.end), text: edit.newText, order }))
    .map((edit) => (edit.end < edit.start ? { ...edit, end: edit.start } : edit))
    .sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start) || a.order - b.order);
  let result = '';
  let cursor = 0;
  for (const edit of placed) {
    if (edit.start < cursor) continue;
    result += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/** Offset where each LSP line starts; a terminator at the very end opens one more, empty line. */
function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 10 && code !== 13) continue;
    if (code === 13 && text.charCodeAt(index + 1) === 10) index++;
    starts.push(index + 1);
  }
  return starts;
}

/** The offset where the line ending just before `nextLineStart` begins. */
function contentEnd(text: string, nextLineStart: number): number {
  if (text.charCodeAt(nextLineStart - 1) === 10 && text.charCodeAt(nextLineStart - 2) === 13) return nextLineStart - 2;
  return nextLineStart - 1;
}
