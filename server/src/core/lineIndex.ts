// Line arithmetic for referenced source files: how many lines a file has (to tell whether
// `views.py:149` is still in range) and the text of a few lines (for hovers).
//
// Counting follows editors' numbering of lines that hold something: an empty file has 0 lines,
// `a\nb` and `a\nb\n` both have 2 (the final newline ends line 2, it does not open a line 3), and
// `\n` has 1 empty line. `\n`, `\r\n` and a lone `\r` each end a line. Bytes are counted without
// decoding, which is right for UTF-8 and every ASCII-compatible encoding (not for UTF-16).

const LF = 0x0a;
const CR = 0x0d;

/** Number of lines in a file's bytes or text: 0 when empty, the last line counted with or without a final newline. */
export function countLines(bytesOrText: Uint8Array | string): number {
  return typeof bytesOrText === 'string' ? countTextLines(bytesOrText) : countByteLines(bytesOrText);
}

/** Offset where each counted line starts (so `lineStartOffsets(t).length === countLines(t)`). */
export function lineStartOffsets(text: string): number[] {
  if (text.length === 0) return [];
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== LF && code !== CR) continue;
    if (code === CR && text.charCodeAt(index + 1) === LF) index++;
    if (index + 1 < text.length) starts.push(index + 1);
  }
  return starts;
}

/**
 * Lines `startLine1` to `endLine1` (1-based, inclusive) without their line endings, clamped to the
 * lines the text has (`Infinity` reads to the end); empty when the range is empty, inverted or NaN. Stops at
 * the last wanted line, so a hover near the top of a 20 MB file costs little.
 */
export function sliceLines(text: string, startLine1: number, endLine1: number): string[] {
  if (Number.isNaN(startLine1) || Number.isNaN(endLine1)) return [];
  const first = Math.max(1, Math.floor(startLine1));
  const last = Math.floor(endLine1);
  if (last < first || text.length === 0) return [];
  const lines: string[] = [];
  let lineNumber = 1;
  let lineStart = 0;
  for (let index = 0; index < text.length && lineNumber <= last; index++) {
    const code = text.charCodeAt(index);
    if (code !== LF && code !== CR) continue;
    if (lineNumber >= first) lines.push(text.slice(lineStart, index));
    if (code === CR && text.charCodeAt(index + 1) === LF) index++;
    lineStart = index + 1;
    lineNumber++;
  }
  // The last line has no terminator to close it.
  if (lineNumber <= last && lineNumber >= first && lineStart < text.length) lines.push(text.slice(lineStart));
  return lines;
}

function countTextLines(text: string): number {
  let terminators = 0;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === LF) terminators++;
    else if (code === CR && text.charCodeAt(index + 1) !== LF) terminators++;
  }
  return terminators + (length > 0 && !isTerminator(text.charCodeAt(length - 1)) ? 1 : 0);
}

function countByteLines(bytes: Uint8Array): number {
  let terminators = 0;
  const length = bytes.length;
  for (let index = 0; index < length; index++) {
    const byte = bytes[index];
    if (byte === LF) terminators++;
    else if (byte === CR && bytes[index + 1] !== LF) terminators++;
  }
  return terminators + (length > 0 && !isTerminator(bytes[length - 1] as number) ? 1 : 0);
}

function isTerminator(code: number): boolean {
  return code === LF || code === CR;
}
