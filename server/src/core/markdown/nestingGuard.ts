// remark-parse recurses per nesting level and slows down super-linearly on deep structure: 1,000
// nested list levels took 98 s here, and 4,000 `- ` markers on one line overflowed the stack in
// remark-gfm. No real audit nests more than a handful of levels, so before parsing, each line's
// container prefix and indentation are capped. Lines keep their number; only absurdly deep lines
// lose some leading markers or indentation.

/** Container markers (`>`, `-`, `*`, `+`, `1.`) kept at the start of a line. */
export const MAX_CONTAINER_MARKERS = 16;

/** Leading columns of indentation kept on a line. */
export const MAX_INDENT_COLUMNS = 64;

/** Caps the nesting a line can express; returns the line itself when it is within bounds. */
export function capLineNesting(line: string): string {
  let index = 0;
  let markers = 0;
  let cutAt = -1;
  for (;;) {
    const start = index;
    while (line[index] === ' ' || line[index] === '\t') index++;
    if (index > MAX_INDENT_COLUMNS && cutAt < 0) return line.slice(0, MAX_INDENT_COLUMNS) + line.slice(index);
    const char = line[index];
    let next = index;
    if (char === '>') next = index + 1;
    else if ((char === '-' || char === '*' || char === '+') && (line[index + 1] === ' ' || line[index + 1] === '\t')) next = index + 1;
    else {
      let digits = 0;
      while (digits < 9 && line.charCodeAt(index + digits) >= 48 && line.charCodeAt(index + digits) <= 57) digits++;
      const delimiter = line[index + digits];
      if (digits > 0 && (delimiter === '.' || delimiter === ')') && (line[index + digits + 1] === ' ' || line[index + digits + 1] === '\t')) next = index + digits + 1;
    }
    if (next === index) break;
    markers++;
    if (markers === MAX_CONTAINER_MARKERS) cutAt = next;
    index = next;
    if (index === start) break;
  }
  return cutAt < 0 ? line : line.slice(0, cutAt) + ' ' + line.slice(index).trimStart();
}

/** Applies capLineNesting to every line of a section's text. Linear in the text's length. */
export function capNesting(text: string): string {
  let changed = false;
  const lines = text.split('\n').map((line) => {
    const capped = capLineNesting(line);
    if (capped !== line) changed = true;
    return capped;
  });
  return changed ? lines.join('\n') : text;
}

/** Longest run of one emphasis delimiter (`*`, `_`, `~`) kept; `********` is already absurd. */
export const MAX_DELIMITER_RUN = 8;

/** Most `[` a section may hold: remark's bracket matching is quadratic in them. */
export const MAX_BRACKETS_PER_SECTION = 4000;

/** Most emphasis delimiters a section may hold before the rest are neutralized. */
export const MAX_EMPHASIS_PER_SECTION = 400;

/** Look-alike characters that mean nothing to markdown, one UTF-16 unit each so columns stay put. */
const NEUTRAL: Record<string, string> = { '*': '∗', _: '＿', '~': '∼', '[': '［', ']': '］' };

/**
 * Neutralizes inline delimiters that only hostile input has: long delimiter runs, and brackets or
 * emphasis beyond a per-section budget. `all` neutralizes every inline delimiter (the fallback
 * when remark still overflows its stack).
 */
export function neutralizeInlineDelimiters(text: string, all = false): string {
  let output: string[] | undefined;
  let brackets = 0;
  let emphasis = 0;
  let runChar = '';
  let runLength = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    const neutral = NEUTRAL[char];
    if (neutral === undefined) {
      runChar = '';
      continue;
    }
    runLength = char === runChar ? runLength + 1 : 1;
    runChar = char;
    let replace = all;
    if (char === '[') replace ||= ++brackets > MAX_BRACKETS_PER_SECTION;
    else if (char === ']') replace ||= brackets > MAX_BRACKETS_PER_SECTION;
    else replace ||= runLength > MAX_DELIMITER_RUN || ++emphasis > MAX_EMPHASIS_PER_SECTION;
    if (replace) {
      output ??= text.split('');
      output[index] = neutral;
    }
  }
  return output ? output.join('') : text;
}
