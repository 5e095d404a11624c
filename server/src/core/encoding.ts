// Turns a document's bytes into text and repairs mojibake: UTF-8 that was once decoded as Mac Roman
// or Windows-1252 and saved again, so `🔴` reads `üî¥` or `ðŸ”´`. Issues are read from the repaired
// copy, while every range keeps referring to the text as stored; hence both are returned.

import type { DocumentEncoding } from './model';
import {
  type MojibakeCodePage,
  type RunScan,
  RepairWriter,
  emptyRunScan,
  findCandidateRuns,
  rewriteRun,
  scanRun,
} from './charsets';

/** The code pages mojibake is repaired from, re-exported so callers need only this module. */
export type { MojibakeCodePage } from './charsets';

/** The result of turning a document's bytes into text. */
export interface DecodedDocument {
  /** 'utf-8' | 'mojibake-repaired' | 'invalid-utf-8' */
  encoding: DocumentEncoding;
  /** The text exactly as stored (decoded UTF-8; invalid sequences become U+FFFD). Ranges refer to this. */
  text: string;
  /** The text with mojibake repaired, or null when there was none. Same number of lines as `text`, line for line. */
  repairedText: string | null;
  /** True when the bytes look binary (NUL bytes, or mostly control characters): the caller reports and skips it. */
  binary: boolean;
  /** 0-based line of the first mojibake sequence or invalid byte, for the diagnostic; null when clean. */
  firstProblemLine: number | null;
  /** How many mojibake runs were repaired (0 when clean). */
  repairCount: number;
  /** Which code page the mojibake came through, when there was some. */
  mojibakeSource: MojibakeCodePage | null;
  /** True when the file started with a UTF-8 BOM (stripped from `text`). */
  hadBom: boolean;
}

/** What repairMojibake found and did. */
export interface MojibakeRepair {
  /** The repaired text, or the input itself when there was nothing to repair. */
  text: string;
  /** How many runs of non-ASCII characters were rewritten. */
  repairCount: number;
  /** The code page that repaired the most runs, or null when none was repaired. */
  source: MojibakeCodePage | null;
  /** 0-based line of the first repaired run, or null. */
  firstLine: number | null;
}

const BINARY_SAMPLE_BYTES = 8192;
/** Share of C0 control bytes (in tenths) above which a sample counts as binary. */
const BINARY_CONTROL_TENTHS = 3;

/**
 * A run whose only evidence is one two-byte sequence is weak: legitimate pairs such as `’é` (Mac
 * Roman) or `É’` (Windows-1252) also form valid UTF-8. Alone, only Latin-1 and Latin Extended-A
 * results are believed (`Ã©` → é); when the document holds strong mojibake through the same code
 * page, Latin Extended-B, Greek and Cyrillic letters are believed as well.
 */
function weakRepairIsPlausible(codePoint: number, documentHasStrongEvidence: boolean): boolean {
  if (codePoint >= 0xa0 && codePoint <= 0x17f) return true;
  if (!documentHasStrongEvidence) return false;
  if (codePoint <= 0x24f) return true;
  if (codePoint >= 0x370 && codePoint <= 0x3ff) return true;
  return codePoint >= 0x400 && codePoint <= 0x4ff && !(codePoint >= 0x483 && codePoint <= 0x489);
}

/**
 * A run is strong evidence when it holds a three- or four-byte sequence or several two-byte ones,
 * and they cover more than half of it: a long row of real symbols (a code-page table, a legend)
 * holds stray pairs that decode by chance.
 */
function isStrong(scan: RunScan): boolean {
  return (scan.long || scan.sequences >= 2) && scan.covered * 2 > scan.length;
}

/**
 * Whether a run's lossless reading is believed; `proven` when the document has strong runs through
 * that code page. A lone long sequence that is not strong (it also reads as prose punctuation, or
 * sits among real characters) needs that proof.
 */
function readingIsBelieved(scan: RunScan, proven: boolean): boolean {
  if (isStrong(scan)) return true;
  if (scan.sequences !== 1 || scan.covered * 2 < scan.length) return false;
  return scan.firstCodePoint < 0x800 ? weakRepairIsPlausible(scan.firstCodePoint, proven) : proven;
}

/** The code page of a strong run, for the first pass; null when neither reading is strong, or both tie. */
function strongCodePage(mac: RunScan, windows: RunScan): MojibakeCodePage | null {
  const macCover = isStrong(mac) ? mac.covered : 0;
  const windowsCover = isStrong(windows) ? windows.covered : 0;
  if (macCover === windowsCover) return null;
  return macCover > windowsCover ? 'mac-roman' : 'windows-1252';
}

/** Counts LSP line breaks (`\n`, `\r\n`, lone `\r`) in the text before `end`. */
function lineOfOffset(text: string, end: number): number {
  let line = 0;
  for (let index = 0; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a) line++;
    else if (code === 0x0d && text.charCodeAt(index + 1) !== 0x0a) line++;
  }
  return line;
}

/** How one run is to be rewritten. */
interface RunDecision {
  codePage: MojibakeCodePage;
  acceptLossless: boolean;
  acceptShort: boolean;
}

/**
 * Picks the code page for a run among those whose reading is believed: the one covering more of
 * the run, then the document's majority. Dropped-byte 1252 sequences are guesses, so they are only
 * tried once the document has proven Windows-1252 mojibake with strong runs.
 */
function decideRun(
  mac: RunScan,
  windows: RunScan,
  strongRuns: Record<MojibakeCodePage, number>,
  majority: MojibakeCodePage,
): RunDecision | null {
  const windowsProven = strongRuns['windows-1252'] > 0;
  const macBelieved = readingIsBelieved(mac, strongRuns['mac-roman'] > 0);
  const windowsBelieved = readingIsBelieved(windows, windowsProven);
  let codePage: MojibakeCodePage | null = null;
  if (macBelieved && windowsBelieved) {
    if (mac.covered === windows.covered) codePage = majority;
    else codePage = mac.covered > windows.covered ? 'mac-roman' : 'windows-1252';
  } else if (macBelieved) codePage = 'mac-roman';
  else if (windowsBelieved) codePage = 'windows-1252';
  if (codePage !== null) {
    return { codePage, acceptLossless: true, acceptShort: codePage === 'windows-1252' && windowsProven };
  }
  return windowsProven ? { codePage: 'windows-1252', acceptLossless: false, acceptShort: true } : null;
}

function repairUnguarded(text: string): MojibakeRepair {
  const runs = findCandidateRuns(text);
  const mac = emptyRunScan();
  const windows = emptyRunScan();
  const scanBoth = (start: number, end: number): void => {
    scanRun(text, start, end, 'mac-roman', mac);
    scanRun(text, start, end, 'windows-1252', windows);
  };

  // First pass: which code pages the document proves with strong runs; weak runs and dropped-byte
  // guesses are only believed through a proven code page.
  const strongRuns: Record<MojibakeCodePage, number> = { 'mac-roman': 0, 'windows-1252': 0 };
  for (let run = 0; run + 1 < runs.length; run += 2) {
    scanBoth(runs[run] ?? 0, runs[run + 1] ?? 0);
    const codePage = strongCodePage(mac, windows);
    if (codePage !== null) strongRuns[codePage]++;
  }
  const majority: MojibakeCodePage =
    strongRuns['windows-1252'] > strongRuns['mac-roman'] ? 'windows-1252' : 'mac-roman';

  const repairedRuns: Record<MojibakeCodePage, number> = { 'mac-roman': 0, 'windows-1252': 0 };
  let writer: RepairWriter | null = null;
  let firstRepair = -1;
  let firstCodePage: MojibakeCodePage | null = null;
  for (let run = 0; run + 1 < runs.length; run += 2) {
    const start = runs[run] ?? 0;
    const end = runs[run + 1] ?? 0;
    scanBoth(start, end);
    const decision = decideRun(mac, windows, strongRuns, majority);
    if (decision === null) continue;
    writer ??= new RepairWriter(text);
    const { codePage, acceptLossless, acceptShort } = decision;
    if (!rewriteRun(text, start, end, codePage, acceptLossless, acceptShort, writer)) continue;
    repairedRuns[codePage]++;
    if (firstRepair < 0) {
      firstRepair = start;
      firstCodePage = codePage;
    }
  }
  if (writer === null || firstRepair < 0) return { text, repairCount: 0, source: null, firstLine: null };
  const macRuns = repairedRuns['mac-roman'];
  const windowsRuns = repairedRuns['windows-1252'];
  return {
    text: writer.finish(),
    repairCount: macRuns + windowsRuns,
    source: macRuns === windowsRuns ? firstCodePage : macRuns > windowsRuns ? 'mac-roman' : 'windows-1252',
    firstLine: lineOfOffset(text, firstRepair),
  };
}

/** Repairs mojibake in text (for the quick fix and for already-decoded editor buffers); returns the text unchanged when there is none. */
export function repairMojibake(text: string): MojibakeRepair {
  try {
    return repairUnguarded(text);
  } catch {
    return { text, repairCount: 0, source: null, firstLine: null };
  }
}

function startsWithBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** NUL bytes early on, or a large share of C0 controls other than tab, line feed, form feed and carriage return. */
function looksBinary(bytes: Uint8Array): boolean {
  const sampleLength = Math.min(bytes.length, BINARY_SAMPLE_BYTES);
  let controls = 0;
  for (let index = 0; index < sampleLength; index++) {
    const byte = bytes[index] ?? 0;
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) controls++;
  }
  return sampleLength > 0 && controls * 10 > sampleLength * BINARY_CONTROL_TENTHS;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (WHATWG rules), or -1. */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const length = bytes.length;
  let index = 0;
  while (index < length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      index++;
      continue;
    }
    let count: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) count = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      count = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      count = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return index;
    for (let k = 1; k <= count; k++) {
      const byte = bytes[index + k];
      if (byte === undefined || byte < low || byte > high) return index;
      low = 0x80;
      high = 0xbf;
    }
    index += count + 1;
  }
  return -1;
}

/** Counts LSP line breaks in the bytes before `end`. */
function lineOfByteOffset(bytes: Uint8Array, end: number): number {
  let line = 0;
  for (let index = 0; index < end; index++) {
    const byte = bytes[index];
    if (byte === 0x0a) line++;
    else if (byte === 0x0d && bytes[index + 1] !== 0x0a) line++;
  }
  return line;
}

let strictDecoder: InstanceType<typeof TextDecoder> | undefined;
let lenientDecoder: InstanceType<typeof TextDecoder> | undefined;

/** Decodes as UTF-8; `valid` is false when some bytes had to become U+FFFD. */
function decodeUtf8(bytes: Uint8Array): { text: string; valid: boolean } {
  // ignoreBOM keeps a second BOM as text; the first one is stripped by the caller and recorded.
  strictDecoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return { text: strictDecoder.decode(bytes), valid: true };
  } catch {
    lenientDecoder ??= new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    return { text: lenientDecoder.decode(bytes), valid: false };
  }
}

function decodeUnguarded(bytes: Uint8Array): DecodedDocument {
  const hadBom = startsWithBom(bytes);
  const body = hadBom ? bytes.subarray(3) : bytes;
  const clean: DecodedDocument = {
    encoding: 'utf-8',
    text: '',
    repairedText: null,
    binary: false,
    firstProblemLine: null,
    repairCount: 0,
    mojibakeSource: null,
    hadBom,
  };
  if (looksBinary(body)) return { ...clean, binary: true };

  const { text, valid } = decodeUtf8(body);
  const repair = repairMojibake(text);
  const repairedText = repair.repairCount > 0 ? repair.text : null;
  const common = { ...clean, text, repairedText, repairCount: repair.repairCount, mojibakeSource: repair.source };
  if (!valid) {
    const offset = firstInvalidUtf8Offset(body);
    return {
      ...common,
      encoding: 'invalid-utf-8',
      firstProblemLine: offset < 0 ? repair.firstLine : lineOfByteOffset(body, offset),
    };
  }
  if (repairedText === null) return common;
  return { ...common, encoding: 'mojibake-repaired', firstProblemLine: repair.firstLine };
}

/** Decodes a document's bytes as UTF-8, detecting binary files and invalid bytes and repairing mojibake. Never throws. */
export function decodeDocument(bytes: Uint8Array): DecodedDocument {
  try {
    return decodeUnguarded(bytes);
  } catch {
    return {
      encoding: 'invalid-utf-8',
      text: '',
      repairedText: null,
      binary: false,
      firstProblemLine: null,
      repairCount: 0,
      mojibakeSource: null,
      hadBom: false,
    };
  }
}
