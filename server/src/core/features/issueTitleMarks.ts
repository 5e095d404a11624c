// Reads and writes the status marks audits put in titles: a struck heading with a suffix
// (`### ~~CRIT-2: Title~~ ✅ RESOLVED`), a leading ✅, a `(FIXED)` bracket, a task checkbox, and the
// words a status field or cell uses. The rules mirror how the issue extractor reads titles
// (issues/markers.ts, issues/issueExtractor.ts), so what is written here reads back as intended.
import { statusFromField, statusFromTitle } from '../issues/markers';
import { MAX_TITLE_CHARS } from '../issues/titles';
import type { AuditIssue, IssueStatus } from '../model';

/** The statuses the Mark Resolved / Mark Open commands set. */
export type MarkableStatus = 'resolved' | 'open';

/** A status wording longer than this is a sentence, not a status. */
const MAX_WORDING_CHARS = 60;

/**
 * The status words of a field value or cell without the issue's own notes: `✅ Fixed on 2026-01-26`
 * gives `✅ Fixed`, `⚠️ NEEDS FIX (later)` gives `⚠️ NEEDS FIX`. Undefined when it says another status.
 */
export function statusWording(raw: string, status: IssueStatus): string | undefined {
  const tokens = raw.trim().split(/\s+/).slice(0, 8);
  const shouted = /^[A-Z][A-Z'’-]*$/;
  for (let count = 1; count <= tokens.length; count++) {
    const last = tokens[count - 1] ?? '';
    if (!/\p{L}/u.test(last)) continue;
    const said = statusFromField(tokens.slice(0, count).join(' '));
    // Only a shouted word may open a longer status ("NOT FIXED"); prose first means a note, not a status.
    if (said === null && shouted.test(last)) continue;
    if (said !== status) return undefined;
    // Upper-case words continue a shouted status ("NEEDS FIX", "NOT FIXED YET").
    while (shouted.test(last) && count < tokens.length && shouted.test(tokens[count] ?? '')) count++;
    let wording = tokens.slice(0, count).join(' ');
    let end = wording.length;
    while (end > 0 && ',;:.'.includes(wording.charAt(end - 1))) end--;
    wording = wording.slice(0, end);
    if (wording.length > MAX_WORDING_CHARS) return undefined;
    const balanced = isBalanced(wording) ? wording : wording.replaceAll('**', '');
    return isBalanced(balanced) && statusFromField(balanced) === status ? balanced : undefined;
  }
  const symbols = raw.trim();
  return tokens.length <= 2 && symbols.length <= MAX_WORDING_CHARS && symbols !== '' && statusFromField(symbols) === status ? symbols : undefined;
}

function isBalanced(text: string): boolean {
  const count = (pattern: RegExp): number => (text.match(pattern) ?? []).length;
  return count(/\*\*/g) % 2 === 0 && count(/`/g) % 2 === 0 && count(/\(/g) === count(/\)/g) && count(/\[/g) === count(/\]/g) && !text.includes('|');
}

/** The most common value, the earliest on a tie. */
export function mostFrequent(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  return best;
}

const STATUS_EMOJI = ['✅', '✔', '☑', '🟩', '❌', '⛔', '🔄', '🚧', '⏳'];
const SEPARATOR = new Set([' ', '\t', '-', '–', '—', ':', '|', '→']);

/** A heading or list item line cut into the parts that carry status. */
export interface TitleLine {
  /** `### `, `- [ ] `, `  1. `: everything before the title. */
  prefix: string;
  /** Status emoji before the title (`✅ `). */
  lead: string;
  struck: boolean;
  core: string;
  /** Text after a struck title that says no status; kept as it is. */
  note: string;
  separator: string;
  /** Status words or emoji after the title (`✅ RESOLVED`, `(FIXED)`, `- DONE`). */
  suffix: string;
  /** Trailing spaces and closing `#`s. */
  tail: string;
}

/** How a document marks a status in titles, learned from its issues. */
export type TitleShape = Pick<TitleLine, 'lead' | 'struck' | 'separator' | 'suffix'>;

/** A resolved heading where the document shows no way of its own. */
export const HEADING_RESOLVED: TitleShape = { lead: '', struck: true, separator: ' ', suffix: '✅ RESOLVED' };
/** A resolved list item where the document shows no way of its own. */
export const ITEM_RESOLVED: TitleShape = { lead: '', struck: true, separator: ' ', suffix: '✅' };
/** An explicit open mark, for titles that would otherwise read as no status at all. */
export const EXPLICIT_OPEN: TitleShape = { lead: '', struck: false, separator: ' ', suffix: '(OPEN)' };

function statusEmojiLength(text: string, index: number): number {
  const emoji = STATUS_EMOJI.find((candidate) => text.startsWith(candidate, index));
  if (!emoji) return 0;
  return emoji.length + (text.charCodeAt(index + emoji.length) === 0xfe0f ? 1 : 0);
}

function prefixEnd(line: string, kind: 'heading' | 'list-item'): number {
  let index = 0;
  while (line[index] === ' ' || line[index] === '\t' || line[index] === '>') index++;
  if (kind === 'heading') {
    let hashes = index;
    while (line[hashes] === '#') hashes++;
    if (hashes === index || hashes - index > 6 || (hashes < line.length && line[hashes] !== ' ' && line[hashes] !== '\t')) return 0;
    index = hashes;
  } else if (line[index] === '-' || line[index] === '*' || line[index] === '+') {
    index++;
  } else {
    let digits = index;
    while (digits - index < 9 && line.charCodeAt(digits) >= 48 && line.charCodeAt(digits) <= 57) digits++;
    if (digits > index && (line[digits] === '.' || line[digits] === ')')) index = digits + 1;
  }
  while (line[index] === ' ' || line[index] === '\t') index++;
  if (kind === 'list-item' && line[index] === '[' && line[index + 2] === ']' && ' xX'.includes(line.charAt(index + 1) || '?')) {
    index += 3;
    while (line[index] === ' ') index++;
  }
  return index;
}

/** Cuts a heading (`kind` 'heading') or list item line into prefix, status marks, title and tail. */
export function parseTitleLine(line: string, kind: 'heading' | 'list-item'): TitleLine {
  const start = prefixEnd(line, kind);
  let end = line.trimEnd().length;
  if (kind === 'heading') {
    let hashes = end;
    while (hashes > start && line[hashes - 1] === '#') hashes--;
    if (hashes < end && (line[hashes - 1] === ' ' || line[hashes - 1] === '\t')) end = line.slice(0, hashes).trimEnd().length;
  }
  const base = { prefix: line.slice(0, start), tail: line.slice(Math.max(start, end)), note: '', separator: '', suffix: '' };
  const body = line.slice(start, Math.max(start, end));
  let leadEnd = 0;
  for (let length = statusEmojiLength(body, 0); length > 0; length = statusEmojiLength(body, leadEnd)) {
    leadEnd += length;
    while (body[leadEnd] === ' ') leadEnd++;
  }
  const lead = body.slice(0, leadEnd);
  const rest = body.slice(leadEnd);
  const close = rest.startsWith('~~') ? rest.indexOf('~~', 2) : -1;
  if (close > 2) {
    const after = rest.slice(close + 2);
    const split = splitSeparator(after, 0, after.length);
    if (split.suffix === '' || statusFromField(split.suffix) === null) return { ...base, lead, struck: true, core: rest.slice(2, close), note: after };
    return { ...base, lead, struck: true, core: rest.slice(2, close), ...split };
  }
  const suffixStart = statusSuffixStart(rest);
  if (suffixStart < 0) return { ...base, lead, struck: false, core: rest };
  const split = splitSeparator(rest, suffixStart, rest.length);
  return { ...base, lead, struck: false, core: rest.slice(0, suffixStart - split.separator.length), ...split };
}

/** The separator just before `suffixStart` (walking back over spaces and dashes) and the suffix itself. */
function splitSeparator(text: string, suffixStart: number, end: number): { separator: string; suffix: string } {
  if (suffixStart === 0) {
    let index = 0;
    while (index < end && SEPARATOR.has(text[index] ?? '')) index++;
    return { separator: text.slice(0, index), suffix: text.slice(index, end) };
  }
  let from = suffixStart;
  while (from > 0 && SEPARATOR.has(text[from - 1] ?? '')) from--;
  return { separator: text.slice(from, suffixStart), suffix: text.slice(suffixStart, end) };
}

/** Where an unstruck title's status note starts: a status emoji after words, a status bracket, or shouted status words at the end. */
function statusSuffixStart(text: string): number {
  let seenLetter = false;
  for (let index = 0; index < text.length; index++) {
    if (seenLetter && statusEmojiLength(text, index) > 0) return index;
    seenLetter ||= /\p{L}/u.test(text[index] ?? '');
  }
  const last = text[text.length - 1];
  if (last === ')' || last === ']') {
    const open = text.lastIndexOf(last === ')' ? '(' : '[');
    const inner = text.slice(open + 1, -1);
    if (open > 0 && !/[()[\]]/.test(inner) && statusFromField(inner) !== null && /\p{L}/u.test(text.slice(0, open))) return open;
  }
  const words = text.split(' ');
  let count = 0;
  while (count < 3 && count < words.length - 1 && /^[A-Z][A-Z'’-]+$/.test(words[words.length - 1 - count] ?? '')) count++;
  for (; count > 0; count--) {
    const shouted = words.slice(words.length - count).join(' ');
    if (statusFromField(shouted) !== null) return text.length - shouted.length;
  }
  return -1;
}

/** The line again, from its parts. */
export function renderTitle(title: TitleLine): string {
  const core = title.struck ? `~~${title.core}~~` : title.core;
  const suffix = title.suffix === '' ? '' : (title.separator || ' ') + title.suffix;
  return title.prefix + title.lead + core + title.note + suffix + title.tail;
}

/** The status the extractor reads from a title (see issueExtractor: struck headings are resolved). */
export function titleStatus(title: TitleLine, kind: 'heading' | 'list-item'): IssueStatus | null {
  // The extractor reads markers from the first MAX_TITLE_CHARS of a title; the cap also keeps the link pattern linear.
  const text = `${title.lead}${title.core}${title.note} ${title.suffix}`.slice(0, MAX_TITLE_CHARS).replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*~`]/g, '');
  const fromText = statusFromTitle(text, kind === 'heading' ? { lowerCaseBrackets: false } : {});
  if (!title.struck) return fromText;
  return kind === 'heading' || fromText !== 'open' ? 'resolved' : 'open';
}

/** Drops every status mark that says something other than `target`. */
export function withoutContraryMarks(title: TitleLine, target: MarkableStatus): TitleLine {
  const keep = (text: string): boolean => text !== '' && statusFromField(text) === target;
  const keepSuffix = keep(title.suffix);
  return { ...title, lead: keep(title.lead) ? title.lead : '', struck: title.struck && target === 'resolved', separator: keepSuffix ? title.separator : '', suffix: keepSuffix ? title.suffix : '' };
}

/** The most common way the given issues mark `target` in their titles (`lines` as the extractor read them). */
export function learnShape(lines: readonly string[], issues: readonly AuditIssue[], kind: 'heading' | 'list-item', target: MarkableStatus, near?: AuditIssue): TitleShape | undefined {
  // Issues of the same section (the same list, the same group of headings) speak first.
  const section = near?.sectionPath.join('\u0000');
  const local = section === undefined ? [] : issues.filter((issue) => issue.sectionPath.join('\u0000') === section);
  return (local.length > 0 ? mostCommonShape(lines, local, kind, target) : undefined) ?? mostCommonShape(lines, issues, kind, target);
}

function mostCommonShape(lines: readonly string[], issues: readonly AuditIssue[], kind: 'heading' | 'list-item', target: MarkableStatus): TitleShape | undefined {
  const shapes = new Map<string, TitleShape>();
  const keys: string[] = [];
  for (const issue of issues) {
    if (issue.status !== target) continue;
    const title = titleOf(lines, issue);
    const lead = title.lead !== '' && statusFromField(title.lead) === target ? title.lead : '';
    const suffix = title.suffix === '' ? '' : (statusWording(title.suffix, target) ?? '');
    const struck = title.struck && target === 'resolved';
    if (lead === '' && suffix === '' && !struck) continue;
    const shape = { lead, struck, separator: suffix === '' ? '' : title.separator || ' ', suffix };
    const key = JSON.stringify(shape);
    shapes.set(key, shape);
    keys.push(key);
  }
  const best = mostFrequent(keys);
  return best === undefined ? undefined : shapes.get(best);
}

/** The parsed title line of a heading or list-item issue. */
export function titleOf(lines: readonly string[], issue: AuditIssue): TitleLine {
  return parseTitleLine(lines[issue.range.start.line] ?? '', issue.kind === 'heading' ? 'heading' : 'list-item');
}
