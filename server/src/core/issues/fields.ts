// Reads `**Key:** value` field lines (and `- **Key:** value` items) from an issue's body. Works on
// raw lines because audits put several fields in one paragraph, separated by bare newlines.
import { memoizeString } from '../memo';

/** A field as found in the document. */
export interface FieldLine {
  /** Lower-cased key without the colon, e.g. `severity`, `due date`. */
  key: string;
  /** The value as written on the line (markdown kept), trimmed. */
  value: string;
  /** 0-based document line. */
  line: number;
}

const PLAIN_KEYS = new Set(['severity', 'status', 'priority', 'file', 'files', 'location', 'lines', 'dependencies', 'depends on']);

/** Parses one line as a field, or returns undefined. Linear, no regex backtracking. */
export function parseFieldLine(rawLine: string, line: number): FieldLine | undefined {
  const parts = fieldParts(rawLine);
  // A fresh object each time: collectFields fills in empty values from the lines that follow.
  return parts ? { key: parts.key, value: parts.value, line } : undefined;
}

const fieldParts = memoizeString(fieldPartsUncached);

function fieldPartsUncached(rawLine: string): { key: string; value: string } | undefined {
  let text = rawLine.trimStart();
  if ((text.startsWith('- ') || text.startsWith('* ') || text.startsWith('+ ')) && text.length > 2) text = text.slice(2).trimStart();
  if (text.startsWith('**')) {
    const close = text.indexOf('**', 2);
    if (close < 0 || close > 60) return undefined;
    let key = text.slice(2, close).trim();
    let rest = text.slice(close + 2);
    if (key.endsWith(':')) key = key.slice(0, -1).trim();
    else if (rest.startsWith(':')) rest = rest.slice(1);
    else return undefined;
    if (!isFieldKey(key)) return undefined;
    return { key: key.toLowerCase(), value: rest.trim() };
  }
  const colon = text.indexOf(':');
  if (colon > 0 && colon <= 20) {
    const key = text.slice(0, colon).trim().toLowerCase();
    if (PLAIN_KEYS.has(key)) return { key, value: text.slice(colon + 1).trim() };
  }
  return undefined;
}

function isFieldKey(key: string): boolean {
  if (key.length === 0 || key.length > 40) return false;
  // Keys are words: "Due Date", "Files Modified", "Fix (Phase 2)". Not sentences or code.
  return /^[A-Za-z][A-Za-z0-9 /()&'’-]*$/.test(key) && key.split(' ').length <= 5;
}

/**
 * Collects the fields of an issue body. The first occurrence of a key wins; an empty value takes
 * the list items that follow it (`**Location:**` followed by `- path` lines).
 */
export function collectFields(lines: readonly string[], startLine: number, endLine: number, inFence: readonly boolean[]): FieldLine[] {
  const fields: FieldLine[] = [];
  const seen = new Set<string>();
  for (let line = startLine; line < endLine; line++) {
    if (inFence[line]) continue;
    const field = parseFieldLine(lines[line] ?? '', line);
    if (!field || seen.has(field.key)) continue;
    seen.add(field.key);
    if (field.value === '') field.value = followingListItems(lines, line + 1, endLine, inFence);
    fields.push(field);
  }
  return fields;
}

function followingListItems(lines: readonly string[], from: number, endLine: number, inFence: readonly boolean[]): string {
  const items: string[] = [];
  let line = from;
  while (line < endLine && (lines[line] ?? '').trim() === '') line++;
  for (; line < endLine && !inFence[line]; line++) {
    const text = (lines[line] ?? '').trim();
    const item = /^(?:[-*+]|\d+[.)])\s+(.*)$/.exec(text);
    if (!item) break;
    items.push(item[1] ?? '');
  }
  return items.join(', ');
}

/** Strips inline markdown from a field value for display (`**`, backticks, links). */
export function displayValue(value: string): string {
  return value
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
