// Shared answers to "what is under the cursor": a reference, an issue ID, a line of text. Every
// feature starts from one of these, so they agree on edge cases (a cursor just after a token, a
// 1 MB line, a position past the end of the document) and none of them throws. Also the few ways
// every feature names and orders issues, so lenses, hints and trees say the same thing.
import { currentTarget, type IndexedReference, type IndexView } from '../index/indexView';
import { isHyphenId } from '../issues/issueIds';
import type { AuditIssue, Position, Range, ResolvedReference, Severity } from '../model';
import { SEVERITY_ORDER } from '../model';
import type { CancellationSignal } from '../workspace';

/** IDs are short; a cursor farther than this from a token's ends is not on an ID. */
const MAX_ID_CHARS = 64;

/** True when the position lies in the range; `inclusiveEnd` lets a cursor just after the last character count. */
export function rangeContains(range: Range, position: Position, inclusiveEnd = true): boolean {
  const { start, end } = range;
  if (position.line < start.line || position.line > end.line) return false;
  if (position.line === start.line && position.character < start.character) return false;
  if (position.line === end.line) return inclusiveEnd ? position.character <= end.character : position.character < end.character;
  return true;
}

/** The reference under the cursor, preferring one that strictly contains it over one it merely touches. */
export function referenceAt(references: readonly ResolvedReference[], position: Position): ResolvedReference | undefined {
  let touching: ResolvedReference | undefined;
  for (const reference of references) {
    if (rangeContains(reference.range, position, false)) return reference;
    if (!touching && rangeContains(reference.range, position, true)) touching = reference;
  }
  return touching;
}

/** The whole-line range (0-based, end-exclusive) covering 1-based lines `start1`..`end1`. */
export function wholeLinesRange(start1: number, end1: number | null): Range {
  const first = Math.max(0, start1 - 1);
  const last = Math.max(first, (end1 ?? start1) - 1);
  return { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } };
}

/** The text of one 0-based line without its terminator, or undefined past the end. Stops scanning at that line. */
export function lineTextAt(text: string, line: number): string | undefined {
  if (line < 0 || !Number.isInteger(line)) return undefined;
  let current = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 10 && code !== 13) continue;
    if (current === line) return text.slice(start, index);
    if (code === 13 && text.charCodeAt(index + 1) === 10) index++;
    start = index + 1;
    current++;
  }
  return current === line ? text.slice(start) : undefined;
}

/** An issue ID found in a document, with the span it occupies. */
export interface IdAtPosition {
  id: string;
  range: Range;
}

/**
 * The issue ID under the cursor: a hyphenated ID (`P0-01`, `CRIT-1`) by its shape, or any other ID
 * an issue of the workspace carries (`CRITICAL BUG #1`, `Task 2.5`) found near the cursor.
 */
export function issueIdAt(text: string, position: Position, otherIds: Iterable<string> = []): IdAtPosition | undefined {
  const line = lineTextAt(text, position.line);
  if (line === undefined || position.character < 0 || position.character > line.length) return undefined;
  return hyphenIdAt(line, position) ?? knownIdAt(line, position, otherIds);
}

/** Distinct IDs of the workspace's issues that a token scan cannot recognise (they hold spaces, `#` or dots). */
export function irregularIssueIds(view: IndexView, signal: CancellationSignal): string[] {
  const ids = new Set<string>();
  for (const document of view.documents()) {
    if (signal.isCancellationRequested) break;
    for (const issue of document.issues) {
      if (issue.id !== null && !isHyphenId(issue.id)) ids.add(issue.id);
    }
  }
  return [...ids];
}

function hyphenIdAt(line: string, position: Position): IdAtPosition | undefined {
  const isTokenChar = (index: number): boolean => index >= 0 && index < line.length && isIdChar(line.charCodeAt(index));
  let start = position.character;
  while (isTokenChar(start - 1) && position.character - start < MAX_ID_CHARS) start--;
  let end = position.character;
  while (isTokenChar(end) && end - position.character < MAX_ID_CHARS) end++;
  // A run that hits the window is a longer token than any ID, not an ID.
  if (isTokenChar(start - 1) || isTokenChar(end)) return undefined;
  while (start < end && line[start] === '-') start++;
  while (end > start && line[end - 1] === '-') end--;
  if (position.character < start || position.character > end) return undefined;
  const token = line.slice(start, end);
  if (!HYPHEN_ID_SHAPE.test(token) || !isHyphenId(token)) return undefined;
  return { id: token, range: { start: { line: position.line, character: start }, end: { line: position.line, character: end } } };
}

/** Upper-case segments joined by single hyphens: linear, the hyphen separates the repeats. */
const HYPHEN_ID_SHAPE = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/;

function knownIdAt(line: string, position: Position, ids: Iterable<string>): IdAtPosition | undefined {
  for (const id of ids) {
    if (id.length === 0 || id.length > MAX_ID_CHARS) continue;
    const windowStart = Math.max(0, position.character - id.length);
    const window = asciiLowerCase(line.slice(windowStart, position.character + id.length));
    const wanted = asciiLowerCase(id);
    for (let found = window.indexOf(wanted); found !== -1; found = window.indexOf(wanted, found + 1)) {
      const start = windowStart + found;
      const end = start + id.length;
      if (position.character < start || position.character > end || !isWholeToken(line, start, end)) continue;
      return { id, range: { start: { line: position.line, character: start }, end: { line: position.line, character: end } } };
    }
  }
  return undefined;
}

/**
 * Every place the ID appears as a whole token in the text (case-insensitive for IDs with spaces,
 * `#` or dots, which documents write in either case). One pass per ID: linear in the text.
 */
export function findIdOccurrences(text: string, id: string, signal: CancellationSignal): Range[] {
  if (id.length === 0) return [];
  const caseless = !isHyphenId(id);
  const haystack = caseless ? asciiLowerCase(text) : text;
  const needle = caseless ? asciiLowerCase(id) : id;
  const positions = new OffsetPositions(text);
  const ranges: Range[] = [];
  let checks = 0;
  for (let found = haystack.indexOf(needle); found !== -1; found = haystack.indexOf(needle, found + needle.length)) {
    if ((++checks & 1023) === 0 && signal.isCancellationRequested) break;
    const end = found + needle.length;
    if (!isWholeToken(text, found, end)) continue;
    const start = positions.at(found);
    ranges.push({ start, end: { line: start.line, character: start.character + needle.length } });
  }
  return ranges;
}

/** Converts increasing offsets into positions in one forward pass over the text. */
class OffsetPositions {
  private offset = 0;
  private line = 0;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  /** The position of `target`, which must not be smaller than the previous target. */
  at(target: number): Position {
    for (; this.offset < target; this.offset++) {
      const code = this.text.charCodeAt(this.offset);
      if (code === 10 || (code === 13 && this.text.charCodeAt(this.offset + 1) !== 10)) {
        this.line++;
        this.lineStart = this.offset + 1;
      }
    }
    return { line: this.line, character: target - this.lineStart };
  }
}

/** True when `text[start, end)` is not glued to a longer word or ID (`P0-011`, `XP0-01`, `P0-01-b`). */
function isWholeToken(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  if (isIdChar(before) || before === 95) return false;
  if (before === 46 && isAlphanumeric(text.charCodeAt(start - 2))) return false;
  const after = text.charCodeAt(end);
  if (Number.isNaN(after)) return true;
  if (isAlphanumeric(after) || after === 95) return false;
  // "P0-01." ends a sentence; "P0-01-b" and "1.4.2" are longer tokens.
  if (after === 45 || after === 46) return !isAlphanumeric(text.charCodeAt(end + 1));
  return true;
}

/** Lower-cases ASCII letters only, so offsets in the result are offsets in the input (`İ` would grow). */
function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

function isIdChar(code: number): boolean {
  return isAlphanumeric(code) || code === 45;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Finds where references to source files stand now (after unsaved edits), one target file at a time. */
export class CurrentLineLookup {
  private readonly byPath = new Map<string, Map<string, IndexedReference>>();

  constructor(private readonly view: IndexView) {}

  /** The indexed entry for a document's reference, or undefined when the index does not list it under its file. */
  find(documentPath: string, reference: ResolvedReference): IndexedReference | undefined {
    const target = currentTarget(reference);
    if (target === null) return undefined;
    let entries = this.byPath.get(target);
    if (!entries) {
      entries = new Map();
      for (const indexed of this.view.referencesTo(target)) entries.set(entryKey(indexed.documentPath, indexed.reference.range), indexed);
      this.byPath.set(target, entries);
    }
    return entries.get(entryKey(documentPath, reference.range));
  }

  /** 1-based lines the reference covers now: the indexed current lines when known, else the document's own. */
  linesOf(documentPath: string, reference: ResolvedReference): { startLine: number | null; endLine: number | null; edited: boolean } {
    const indexed = this.find(documentPath, reference);
    if (indexed && indexed.currentStartLine !== null) {
      return { startLine: indexed.currentStartLine, endLine: indexed.currentEndLine ?? indexed.currentStartLine, edited: indexed.editedSinceIndexed };
    }
    return { startLine: reference.startLine, endLine: reference.endLine, edited: indexed?.editedSinceIndexed ?? false };
  }
}

function entryKey(documentPath: string, range: Range): string {
  return `${documentPath}\u0000${range.start.line}:${range.start.character}`;
}

/** `P0-02 HTTPS Security Protections Disabled`, or the title alone for an issue with no ID. */
export function issueLabel(issue: AuditIssue): string {
  return issue.id ? `${issue.id} ${issue.title}` : issue.title;
}

/** Position in SEVERITY_ORDER, for sorting most urgent first; no severity sorts last. */
export function severityRank(issue: { severity: Severity | null } | undefined): number {
  const severity = issue?.severity;
  return severity ? SEVERITY_ORDER.indexOf(severity) : SEVERITY_ORDER.length;
}

/** `12` or `12-20`, as documents write line spans. */
export function lineSpan(startLine: number, endLine: number | null): string {
  return endLine === null || endLine === startLine ? `${startLine}` : `${startLine}-${endLine}`;
}

/** Code-unit order, so results never depend on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
