// Recognizes the IDs audits give their issues (`P0-01`, `CRIT-1`, `HP-002`, `CRITICAL BUG #1`,
// `ISSUE #2`, `Task 2.5`, `1.4:`) at the start of a title, and finds dependency IDs in prose.

import { memoizeString } from '../memo';
/** Prefixes of hyphenated tokens that are standards or versions, not issue IDs (`UTF-8`, `SHA-256`). */
const NOT_ID_PREFIXES = new Set(['UTF', 'SHA', 'ISO', 'HTTP', 'TLS', 'SSL', 'AES', 'RSA', 'IPV', 'PEP', 'RFC', 'ES', 'X', 'MD', 'COVID', 'BASE', 'WCAG', 'OWASP', 'CWE', 'TOP', 'LEVEL', 'PHASE', 'STEP', 'WEEK', 'DAY', 'Q', 'H']);

const WORD_ID_KEYWORDS = 'task|issue|finding|bug|item|action|story|ticket|vuln|vulnerability|risk|gap|defect|recommendation|rec|req|requirement';

const HYPHEN_ID = /^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)(?![A-Za-z0-9])/;
const HASH_ID = /^([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*){0,3} #\d+)(?![\d])/;
const WORD_ID = new RegExp(`^(?:${WORD_ID_KEYWORDS})\\s+#?\\d+(?:\\.\\d+)*`, 'i');
const DOTTED_ID = /^(\d+(?:\.\d+)+)\s*[:)]/;

/** An ID found at the start of a title, and the title text after it. */
export interface LeadingId {
  id: string;
  rest: string;
}

/** True for a hyphenated token that ends in a number and isn't a standard's name (`UTF-8`). */
export function isHyphenId(token: string): boolean {
  const segments = token.split('-');
  const last = segments[segments.length - 1] ?? '';
  if (segments.length < 2 || !/^\d+$/.test(last)) return false;
  return !NOT_ID_PREFIXES.has(segments[0] ?? '');
}

/** The issue ID that opens a title, if any (memoized: the result is shared, never mutate it). */
export const matchLeadingId: (title: string) => Readonly<LeadingId> | undefined = memoizeString(matchLeadingIdUncached);

function matchLeadingIdUncached(title: string): LeadingId | undefined {
  const hyphen = HYPHEN_ID.exec(title);
  if (hyphen?.[1] && isHyphenId(hyphen[1])) return { id: hyphen[1], rest: title.slice(hyphen[0].length) };
  const hash = HASH_ID.exec(title);
  if (hash?.[1]) return { id: hash[1], rest: title.slice(hash[0].length) };
  const word = WORD_ID.exec(title);
  if (word) {
    const id = word[0].replace(/\s+/g, ' ');
    return { id: id.charAt(0).toUpperCase() + id.slice(1), rest: title.slice(word[0].length) };
  }
  const dotted = DOTTED_ID.exec(title);
  if (dotted?.[1]) return { id: dotted[1], rest: title.slice(dotted[0].length - 1) };
  return undefined;
}

/** Every hyphenated issue ID mentioned anywhere in the text, in order, without repeats. */
export function findIssueIds(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?<![A-Za-z0-9-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?![A-Za-z0-9])/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (isHyphenId(match[0]) && !found.includes(match[0])) found.push(match[0]);
  }
  const word = new RegExp(`(?<![A-Za-z])(?:${WORD_ID_KEYWORDS})\\s+#?\\d+(?:\\.\\d+)*`, 'gi');
  for (let match = word.exec(text); match; match = word.exec(text)) {
    const id = match[0].replace(/\s+/g, ' ');
    const normalized = id.charAt(0).toUpperCase() + id.slice(1);
    if (!found.includes(normalized)) found.push(normalized);
  }
  return found;
}
