// The two code pages that turn UTF-8 into the mojibake we repair, and the reading of text back
// through them: one sequence, one run. The per-character loops live here, beside the tables, so
// they never cross a module boundary (bundlers and tsx turn cross-module calls into getters).

/** A code page that UTF-8 was wrongly decoded through. */
export type MojibakeCodePage = 'mac-roman' | 'windows-1252';

/** Mac Roman bytes 0x80–0xFF as Unicode code points (Apple's current mapping: 0xDB is €, 0xF0 the Apple logo). */
export const MAC_ROMAN_HIGH: readonly number[] = [
  0x00c4, 0x00c5, 0x00c7, 0x00c9, 0x00d1, 0x00d6, 0x00dc, 0x00e1, 0x00e0, 0x00e2, 0x00e4, 0x00e3, 0x00e5, 0x00e7, 0x00e9, 0x00e8,
  0x00ea, 0x00eb, 0x00ed, 0x00ec, 0x00ee, 0x00ef, 0x00f1, 0x00f3, 0x00f2, 0x00f4, 0x00f6, 0x00f5, 0x00fa, 0x00f9, 0x00fb, 0x00fc,
  0x2020, 0x00b0, 0x00a2, 0x00a3, 0x00a7, 0x2022, 0x00b6, 0x00df, 0x00ae, 0x00a9, 0x2122, 0x00b4, 0x00a8, 0x2260, 0x00c6, 0x00d8,
  0x221e, 0x00b1, 0x2264, 0x2265, 0x00a5, 0x00b5, 0x2202, 0x2211, 0x220f, 0x03c0, 0x222b, 0x00aa, 0x00ba, 0x03a9, 0x00e6, 0x00f8,
  0x00bf, 0x00a1, 0x00ac, 0x221a, 0x0192, 0x2248, 0x2206, 0x00ab, 0x00bb, 0x2026, 0x00a0, 0x00c0, 0x00c3, 0x00d5, 0x0152, 0x0153,
  0x2013, 0x2014, 0x201c, 0x201d, 0x2018, 0x2019, 0x00f7, 0x25ca, 0x00ff, 0x0178, 0x2044, 0x20ac, 0x2039, 0x203a, 0xfb01, 0xfb02,
  0x2021, 0x00b7, 0x201a, 0x201e, 0x2030, 0x00c2, 0x00ca, 0x00c1, 0x00cb, 0x00c8, 0x00cd, 0x00ce, 0x00cf, 0x00cc, 0x00d3, 0x00d4,
  0xf8ff, 0x00d2, 0x00da, 0x00db, 0x00d9, 0x0131, 0x02c6, 0x02dc, 0x00af, 0x02d8, 0x02d9, 0x02da, 0x00b8, 0x02dd, 0x02db, 0x02c7,
];

// Older or vendor variants of the Mac Roman mapping; decoders in the wild produce either form.
const MAC_ROMAN_VARIANTS: ReadonlyArray<readonly [codePoint: number, byte: number]> = [
  [0x00a4, 0xdb], // ¤ before Mac OS 8.5 put € there
  [0x2126, 0xbd], // Ω as OHM SIGN
  [0x0394, 0xc6], // ∆ as Greek capital delta
  [0x03bc, 0xb5], // µ as Greek mu
];

/** Windows-1252 bytes 0x80–0x9F as code points; the five undefined bytes appear as their C1 control, as sloppy decoders leave them. */
export const WINDOWS_1252_C1: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** The bytes Windows-1252 leaves undefined; some decoders drop them, which loses one byte of a sequence. */
export const WINDOWS_1252_UNDEFINED: readonly number[] = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

// Maps a UTF-16 code unit to the byte a code page encodes it as; 0 means "not in the code page".
type ReverseTable = Uint8Array;

function buildMacRomanReverse(): ReverseTable {
  const table = new Uint8Array(0x10000);
  MAC_ROMAN_HIGH.forEach((codePoint, index) => {
    table[codePoint] = 0x80 + index;
  });
  for (const [codePoint, byte] of MAC_ROMAN_VARIANTS) table[codePoint] = byte;
  return table;
}

function buildWindows1252Reverse(): ReverseTable {
  const table = new Uint8Array(0x10000);
  // Every C1 control maps to its own byte too: that is how Latin-1 decoders spell 0x80–0x9F.
  for (let byte = 0x80; byte <= 0xff; byte++) table[byte] = byte;
  WINDOWS_1252_C1.forEach((codePoint, index) => {
    table[codePoint] = 0x80 + index;
  });
  return table;
}

const MAC_ROMAN_REVERSE = buildMacRomanReverse();
const WINDOWS_1252_REVERSE = buildWindows1252Reverse();

// Reverse tables per code page, built once at load (128 KB each) for O(1) lookups in hot loops.
const REVERSE_TABLES: Readonly<Record<MojibakeCodePage, ReverseTable>> = {
  'mac-roman': MAC_ROMAN_REVERSE,
  'windows-1252': WINDOWS_1252_REVERSE,
};

/** 1 for code units that either code page encodes as a UTF-8 lead byte: a run without one holds no mojibake. */
const LEAD_IN_ANY_CODE_PAGE = (() => {
  const flags = new Uint8Array(0x10000);
  for (let unit = 0x80; unit < 0x10000; unit++) {
    const mac = MAC_ROMAN_REVERSE[unit] ?? 0;
    const windows = WINDOWS_1252_REVERSE[unit] ?? 0;
    if (mac >= 0xc2 && mac <= 0xf4) flags[unit] = 1;
    if (windows >= 0xc2 && windows <= 0xf4) flags[unit] = 1;
  }
  return flags;
})();

// Returned by the sequence readers when no mojibake sequence starts at the position.
const NO_SEQUENCE = -1;

// Packs a decoded code point and the UTF-16 units it consumed into one number, to keep hot loops allocation-free.
function pack(codePoint: number, units: number): number {
  return codePoint * 8 + units;
}

function sequenceCodePoint(packed: number): number {
  return Math.floor(packed / 8);
}

function sequenceUnits(packed: number): number {
  return packed % 8;
}

function continuationCount(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf4) return 3;
  return 0;
}

// Strict UTF-8's bounds on the byte after a lead rule out overlongs, surrogates and code points past U+10FFFF.
function secondByteFits(lead: number, byte: number): boolean {
  if (lead === 0xe0) return byte >= 0xa0 && byte <= 0xbf;
  if (lead === 0xed) return byte >= 0x80 && byte <= 0x9f;
  if (lead === 0xf0) return byte >= 0x90 && byte <= 0xbf;
  if (lead === 0xf4) return byte >= 0x80 && byte <= 0x8f;
  return byte >= 0x80 && byte <= 0xbf;
}

function isContinuation(byte: number): boolean {
  return byte >= 0x80 && byte <= 0xbf;
}

function leadBits(lead: number, count: number): number {
  return count === 1 ? lead & 0x1f : count === 2 ? lead & 0x0f : lead & 0x07;
}

/**
 * Characters a repair must never produce: C0/C1 controls (no text was ever meant to hold them),
 * line and paragraph separators (some line splitters count them, and line structure must hold),
 * and the noncharacters U+FFFE/U+FFFF.
 */
function isUnwantedRepair(codePoint: number): boolean {
  return (
    codePoint < 0xa0 ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    codePoint === 0xfffe ||
    codePoint === 0xffff
  );
}

/**
 * Reads one mojibake sequence at `index`: a character the code page encodes as a UTF-8 lead byte,
 * followed by characters it encodes as the right continuation bytes, the whole forming a valid
 * UTF-8 character. Returns the packed code point and length, or NO_SEQUENCE.
 */
function readSequence(text: string, index: number, end: number, table: ReverseTable): number {
  const lead = table[text.charCodeAt(index)] ?? 0;
  const count = continuationCount(lead);
  if (count === 0 || index + count >= end) return NO_SEQUENCE;
  let codePoint = leadBits(lead, count);
  for (let k = 1; k <= count; k++) {
    const byte = table[text.charCodeAt(index + k)] ?? 0;
    if (k === 1 ? !secondByteFits(lead, byte) : !isContinuation(byte)) return NO_SEQUENCE;
    codePoint = codePoint * 64 + (byte & 0x3f);
  }
  if (isUnwantedRepair(codePoint)) return NO_SEQUENCE;
  return pack(codePoint, count + 1);
}

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

function decodeBytes(bytes: readonly number[]): number {
  const lead = bytes[0] ?? 0;
  const count = bytes.length - 1;
  if (continuationCount(lead) !== count || !secondByteFits(lead, bytes[1] ?? 0)) return NO_SEQUENCE;
  let codePoint = leadBits(lead, count);
  for (let k = 1; k <= count; k++) {
    const byte = bytes[k] ?? 0;
    if (!isContinuation(byte)) return NO_SEQUENCE;
    codePoint = codePoint * 64 + (byte & 0x3f);
  }
  return codePoint;
}

/**
 * Reads a Windows-1252 sequence that lost one continuation byte because the decoder dropped an
 * undefined byte (0x81, 0x8D, 0x8F, 0x90, 0x9D): `â³` for ⏳, `âŒ` for ❌. Only pictographs are
 * restored, since those are what such documents hold; one candidate gives it, several give U+FFFD.
 * Returns the packed result, or NO_SEQUENCE when nothing pictographic fits.
 */
function readShortSequence(text: string, index: number, end: number, table: ReverseTable): number {
  const lead = table[text.charCodeAt(index)] ?? 0;
  const count = continuationCount(lead);
  if (count < 2 || index + count - 1 >= end) return NO_SEQUENCE;
  let key = lead;
  for (let k = 1; k < count; k++) {
    const byte = table[text.charCodeAt(index + k)] ?? 0;
    if (!isContinuation(byte)) return NO_SEQUENCE;
    key = key * 256 + byte;
  }
  // A following continuation means the sequence was not short: it was invalid, which we leave alone.
  if (index + count < end && isContinuation(table[text.charCodeAt(index + count)] ?? 0)) return NO_SEQUENCE;
  let codePoint = shortSequenceCache.get(key);
  if (codePoint === undefined) {
    codePoint = restoreDroppedByte(key, count);
    shortSequenceCache.set(key, codePoint);
  }
  return codePoint === NO_SEQUENCE ? NO_SEQUENCE : pack(codePoint, count);
}

// Keyed by the bytes present; a few hundred thousand keys at most, and documents repeat the same few.
const shortSequenceCache = new Map<number, number>();

/** Tries every undefined byte in every continuation slot of the present bytes (`key`, big-endian). */
function restoreDroppedByte(key: number, count: number): number {
  const present: number[] = [];
  for (let rest = key, k = 0; k < count; k++, rest = Math.floor(rest / 256)) present.unshift(rest % 256);
  const found = new Set<number>();
  for (let slot = 1; slot <= count; slot++) {
    for (const missing of WINDOWS_1252_UNDEFINED) {
      const codePoint = decodeBytes([...present.slice(0, slot), missing, ...present.slice(slot)]);
      if (codePoint !== NO_SEQUENCE && PICTOGRAPHIC.test(String.fromCodePoint(codePoint))) found.add(codePoint);
    }
  }
  if (found.size === 0) return NO_SEQUENCE;
  const [only] = found;
  return found.size === 1 && only !== undefined ? only : 0xfffd;
}

/** How the lossless sequences of one run read through one code page. */
export interface RunScan {
  /** UTF-16 units in the run. */
  length: number;
  /** UTF-16 units covered by sequences; the code page covering more of a run wins it. */
  covered: number;
  sequences: number;
  /** A sequence of three or four bytes was found that does not also read as prose punctuation. */
  long: boolean;
  /** Code point of the first sequence, for judging a run that holds only one weak sequence. */
  firstCodePoint: number;
}

// Windows-1252 punctuation that follows a word in prose: NBSP, « », ‘ ’ “ ”, – —, …. A letter à–ï
// followed by two of them (French `là\u00a0»`, `café…”`) also reads as one three-byte sequence.
const PROSE_PUNCTUATION = new Set([0x00a0, 0x00ab, 0x00bb, 0x2018, 0x2019, 0x201c, 0x201d, 0x2013, 0x2014, 0x2026]);

function readsAsProse(text: string, index: number, codePage: MojibakeCodePage): boolean {
  return (
    codePage === 'windows-1252' &&
    PROSE_PUNCTUATION.has(text.charCodeAt(index + 1)) &&
    PROSE_PUNCTUATION.has(text.charCodeAt(index + 2))
  );
}

/** A fresh, empty scan to hand to scanRun (reused across runs to spare the garbage collector). */
export function emptyRunScan(): RunScan {
  return { length: 0, covered: 0, sequences: 0, long: false, firstCodePoint: -1 };
}

/**
 * Every maximal run of non-ASCII code units that could hold mojibake, as flat `[start, end, …]`
 * offsets in order. Runs never span a line break; runs where no character could start a sequence
 * in either code page (CJK, real emoji, …) are left out.
 */
export function findCandidateRuns(text: string): number[] {
  const runs: number[] = [];
  const length = text.length;
  let index = 0;
  while (index < length) {
    if (text.charCodeAt(index) < 0x80) {
      index++;
      continue;
    }
    const start = index;
    let mayHoldMojibake = false;
    for (; index < length; index++) {
      const unit = text.charCodeAt(index);
      if (unit < 0x80) break;
      if (LEAD_IN_ANY_CODE_PAGE[unit] === 1) mayHoldMojibake = true;
    }
    if (mayHoldMojibake) runs.push(start, index);
  }
  return runs;
}

/** Reads a run through the code page, filling `scan` with its lossless sequences. */
export function scanRun(text: string, start: number, end: number, codePage: MojibakeCodePage, scan: RunScan): RunScan {
  const table = REVERSE_TABLES[codePage];
  scan.length = end - start;
  scan.covered = 0;
  scan.sequences = 0;
  scan.long = false;
  scan.firstCodePoint = -1;
  let index = start;
  while (index < end) {
    const packed = readSequence(text, index, end, table);
    if (packed === NO_SEQUENCE) {
      index++;
      continue;
    }
    const units = sequenceUnits(packed);
    if (scan.sequences === 0) scan.firstCodePoint = sequenceCodePoint(packed);
    scan.covered += units;
    scan.sequences++;
    if (units > 3 || (units === 3 && !readsAsProse(text, index, codePage))) scan.long = true;
    index += units;
  }
  return scan;
}

const BYTE_ORDER_MARK = 0xfeff;
// A Uint16Array's bytes are in platform order; the native UTF-16LE decoder only fits little-endian.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the text has no lone surrogate; native since ES2024 (Node 20), a regex before that. */
function isWellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(text) : !LONE_SURROGATE.test(text);
}

/**
 * Collects the repaired text as UTF-16 units. A repair never lengthens the text, so one buffer the
 * size of the input holds it, and millions of repaired runs cost no string allocations.
 */
export class RepairWriter {
  private readonly units: Uint16Array;
  private length = 0;
  /** Offset in the source text up to which everything has been written. */
  private copiedUpTo = 0;

  constructor(private readonly text: string) {
    this.units = new Uint16Array(text.length);
  }

  /** Copies the source text up to `end` unchanged. */
  copyTo(end: number): void {
    const { text, units } = this;
    let length = this.length;
    for (let index = this.copiedUpTo; index < end; index++) units[length++] = text.charCodeAt(index);
    this.length = length;
    this.copiedUpTo = Math.max(this.copiedUpTo, end);
  }

  /** Writes the repaired code point in place of the source units up to `sourceEnd`. */
  writeRepair(codePoint: number, sourceEnd: number): void {
    if (codePoint > 0xffff) {
      const offset = codePoint - 0x10000;
      this.units[this.length++] = 0xd800 + (offset >> 10);
      this.units[this.length++] = 0xdc00 + (offset & 0x3ff);
    } else {
      this.units[this.length++] = codePoint;
    }
    this.copiedUpTo = sourceEnd;
  }

  /** Skips source units without writing anything (a repaired BOM at the very start). */
  skipTo(sourceEnd: number): void {
    this.copiedUpTo = sourceEnd;
  }

  /** The whole repaired text, including the unrepaired tail. */
  finish(): string {
    this.copyTo(this.text.length);
    const units = this.units.subarray(0, this.length);
    // The native decoder would turn lone surrogates into U+FFFD; output pairs them exactly as the input did.
    if (LITTLE_ENDIAN && isWellFormed(this.text)) {
      return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(units);
    }
    const chunks: string[] = [];
    for (let offset = 0; offset < units.length; offset += 8192) {
      chunks.push(String.fromCharCode.apply(null, units.subarray(offset, offset + 8192) as unknown as number[]));
    }
    return chunks.join('');
  }
}

/**
 * Rewrites one run through the code page into `writer`: lossless sequences when `acceptLossless`,
 * dropped-byte 1252 sequences when `acceptShort`, other characters kept as they are. Returns false,
 * having written nothing, when nothing in the run was repaired.
 */
export function rewriteRun(
  text: string,
  start: number,
  end: number,
  codePage: MojibakeCodePage,
  acceptLossless: boolean,
  acceptShort: boolean,
  writer: RepairWriter,
): boolean {
  const table = REVERSE_TABLES[codePage];
  let repaired = false;
  let index = start;
  while (index < end) {
    let packed = acceptLossless ? readSequence(text, index, end, table) : NO_SEQUENCE;
    if (packed === NO_SEQUENCE && acceptShort) packed = readShortSequence(text, index, end, table);
    if (packed === NO_SEQUENCE) {
      index++;
      continue;
    }
    writer.copyTo(index);
    const codePoint = sequenceCodePoint(packed);
    const atTextStart = index === 0;
    index += sequenceUnits(packed);
    // A BOM that went through the corruption would hide the first line's markdown from the parser.
    if (codePoint === BYTE_ORDER_MARK && atTextStart) writer.skipTo(index);
    else writer.writeRepair(codePoint, index);
    repaired = true;
  }
  return repaired;
}
