// Character tests the scanners share. They work on UTF-16 code units so every scanner can walk a
// line with charCodeAt and never allocate per character.

/** Code units the scanners compare against, named for readability. */
export const Code = Object.freeze({
  Tab: 9,
  Space: 32,
  Quote: 34,
  Hash: 35,
  Apostrophe: 39,
  OpenParen: 40,
  CloseParen: 41,
  Asterisk: 42,
  Comma: 44,
  Hyphen: 45,
  Dot: 46,
  Slash: 47,
  Colon: 58,
  Less: 60,
  Greater: 62,
  UpperC: 67,
  UpperL: 76,
  OpenBracket: 91,
  Backslash: 92,
  CloseBracket: 93,
  Underscore: 95,
  Backtick: 96,
  Pipe: 124,
  Tilde: 126,
  Exclamation: 33,
  EnDash: 0x2013,
});

const ASCII_PATH_CHAR = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_PATH_CHAR[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_PATH_CHAR[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_PATH_CHAR[c] = 1;
for (const ch of '_-.~@+$%/') ASCII_PATH_CHAR[ch.charCodeAt(0)] = 1;

// Non-ASCII letters can appear in file names; a lazily filled table keeps the Unicode regex off the
// hot path for text that repeats the same few characters.
const NON_ASCII_WORD = /[\p{L}\p{N}]/u;
const nonAsciiCache = new Int8Array(65536);

function isNonAsciiWord(code: number): boolean {
  const cached = nonAsciiCache[code];
  if (cached === 1) return true;
  if (cached === 2) return false;
  const word = code < 0xd800 || code > 0xdfff ? NON_ASCII_WORD.test(String.fromCharCode(code)) : false;
  nonAsciiCache[code] = word ? 1 : 2;
  return word;
}

/** True for a code unit that can be part of a path token (backslash is handled by the tokenizer). */
export function isPathChar(code: number): boolean {
  if (code < 128) return ASCII_PATH_CHAR[code] === 1;
  return isNonAsciiWord(code);
}

/** True for 0-9. */
export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** True for A-Z and a-z. */
export function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** True for letters, digits and underscore, ASCII or not: what glues a number to a word. */
export function isWordChar(code: number): boolean {
  if (code < 128) return isDigit(code) || isAsciiLetter(code) || code === Code.Underscore;
  return isNonAsciiWord(code);
}

/** True for a space or a tab. */
export function isBlank(code: number): boolean {
  return code === Code.Space || code === Code.Tab;
}

/** True when `line` holds `word` at `index`, compared case-insensitively (word is lower-case ASCII). */
export function matchesWordAt(line: string, index: number, word: string): boolean {
  if (index + word.length > line.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = line.charCodeAt(index + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}
