// Splits a markdown document into sections at ATX headings that stand outside fenced code.
// remark-parse is slow (about 0.2 MB/s here), so documents are parsed one section at a time and
// unchanged sections reuse their cached trees: an edit re-parses only the section it touches.

/** A run of whole lines of a document, starting at a heading (or at the top of the file). */
export interface MarkdownSection {
  /** 0-based line where the section starts in the document. */
  startLine: number;
  /** Number of lines in the section. */
  lineCount: number;
  /** The section's source, lines joined with `\n`. */
  text: string;
}

/** Splits text into lines on \n, \r\n and lone \r, the way CommonMark and editors count them. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let lineStart = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10 /* \n */ || code === 13 /* \r */) {
      lines.push(text.slice(lineStart, index));
      if (code === 13 && text.charCodeAt(index + 1) === 10) index++;
      lineStart = index + 1;
    }
  }
  lines.push(text.slice(lineStart));
  return lines;
}

/** The fence marker that opens a fenced code block on this line (``` or ~~~, any indent), or undefined. */
export function fenceOpening(line: string): { char: string; length: number } | undefined {
  let index = 0;
  while (index < line.length && (line[index] === ' ' || line[index] === '\t' || line[index] === '>')) index++;
  // List markers may precede a fence inside a list item ("- ```python").
  if ((line[index] === '-' || line[index] === '*' || line[index] === '+') && line[index + 1] === ' ') {
    index += 2;
    while (line[index] === ' ') index++;
  }
  const char = line[index];
  if (char !== '`' && char !== '~') return undefined;
  let length = 0;
  while (line[index + length] === char) length++;
  if (length < 3) return undefined;
  // A backtick fence's info string may not contain backticks (CommonMark), else it is inline code.
  if (char === '`' && line.indexOf('`', index + length) !== -1) return undefined;
  return { char, length };
}

/** True when the line closes a fence opened with the given marker. */
export function closesFence(line: string, opening: { char: string; length: number }): boolean {
  let index = 0;
  while (index < line.length && (line[index] === ' ' || line[index] === '\t' || line[index] === '>')) index++;
  let length = 0;
  while (line[index + length] === opening.char) length++;
  if (length < opening.length) return false;
  for (let rest = index + length; rest < line.length; rest++) {
    if (line[rest] !== ' ' && line[rest] !== '\t') return false;
  }
  return true;
}

/** True for an ATX heading line: up to three spaces, 1-6 `#`, then a space or the end of the line. */
export function isAtxHeading(line: string): boolean {
  let index = 0;
  while (index < 3 && line[index] === ' ') index++;
  let hashes = 0;
  while (line[index + hashes] === '#') hashes++;
  if (hashes < 1 || hashes > 6) return false;
  const after = line[index + hashes];
  return after === undefined || after === ' ' || after === '\t';
}

/** For each line, whether it lies inside a fenced code block (fence lines included). Linear. */
export function fencedLineMask(lines: readonly string[]): boolean[] {
  const mask: boolean[] = new Array<boolean>(lines.length).fill(false);
  let open: { char: string; length: number } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (open) {
      mask[index] = true;
      if (closesFence(line, open)) open = undefined;
    } else {
      const opening = fenceOpening(line);
      if (opening) {
        open = opening;
        mask[index] = true;
      }
    }
  }
  return mask;
}

/** Splits a document into sections, each starting at a heading outside fenced code. */
export function splitSections(lines: readonly string[]): MarkdownSection[] {
  const inFence = fencedLineMask(lines);
  const sections: MarkdownSection[] = [];
  let sectionStart = 0;
  const close = (endLine: number): void => {
    if (endLine <= sectionStart) return;
    sections.push({
      startLine: sectionStart,
      lineCount: endLine - sectionStart,
      text: lines.slice(sectionStart, endLine).join('\n'),
    });
  };
  for (let index = 0; index < lines.length; index++) {
    if (!inFence[index] && index > sectionStart && isAtxHeading(lines[index] ?? '')) {
      close(index);
      sectionStart = index;
    }
  }
  close(lines.length);
  return sections;
}
