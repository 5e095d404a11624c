// Reads severity and status markers out of the words audits use. Explicit words (`P1`, `High`,
// `RESOLVED`) and emoji are read separately so the extractor can rank them: explicit words beat
// emoji colours, and an issue's own fields beat its section's title.
import { memoizeString } from '../memo';
import type { IssueStatus, Severity } from '../model';

const SEVERITY_WORDS: ReadonlyMap<string, Severity> = new Map([
  ['CRITICAL', 'critical'],
  ['BLOCKER', 'critical'],
  ['HIGH', 'high'],
  ['MAJOR', 'high'],
  ['MEDIUM', 'medium'],
  ['MODERATE', 'medium'],
  ['LOW', 'low'],
  ['MINOR', 'low'],
  ['INFO', 'info'],
  ['INFORMATIONAL', 'info'],
  ['TRIVIAL', 'info'],
]);

const PRIORITY_LEVELS: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Colour emoji that audits use as severity, most urgent first. */
const SEVERITY_EMOJI: ReadonlyArray<[string, Severity]> = [
  ['🔴', 'critical'],
  ['🚨', 'critical'],
  ['🟠', 'high'],
  ['🟡', 'medium'],
  ['🟢', 'low'],
  ['🔵', 'info'],
  ['⚪', 'info'],
];

/** Severity from a P0..P4 priority token (`P0`, `(P1)`, `P2 -`), not from an ID such as `P0-01`. */
export function priorityTokenSeverity(text: string): Severity | null {
  const match = /(?:^|[^A-Za-z0-9-])P([0-4])(?![0-9A-Za-z]|-\d)/.exec(text);
  return match ? (PRIORITY_LEVELS[Number(match[1])] ?? null) : null;
}

/** The first severity word in the text (`High`, `CRITICAL`, `moderate`), or null. */
export function severityWord(text: string): Severity | null {
  const words = text.toUpperCase().match(/[A-Z]+/g) ?? [];
  for (const word of words) {
    const severity = SEVERITY_WORDS.get(word);
    if (severity) return severity;
  }
  return null;
}

/** Severity from a colour emoji, or null. */
export function emojiSeverity(text: string): Severity | null {
  for (const [emoji, severity] of SEVERITY_EMOJI) if (text.includes(emoji)) return severity;
  return null;
}

/** Reads a `**Severity:**` or `**Priority:**` field value: explicit words first, then P-levels, then emoji. */
export function severityFromField(value: string): Severity | null {
  return severityWord(value) ?? priorityTokenSeverity(value) ?? emojiSeverity(value);
}

/**
 * Explicit severity marked in a title: `[CRITICAL]`, `(Critical, Open)`, `(P1)`, `P0 - CRITICAL`,
 * or a leading `HIGH:`. Plain prose words ("Critical Fixes") are not markers.
 */
export const explicitTitleSeverity: (rawTitle: string) => Severity | null = memoizeString(explicitTitleSeverityUncached);

function explicitTitleSeverityUncached(rawTitle: string): Severity | null {
  // IDs such as `HIGH-13` or `P0-01` name another issue, not this one's severity.
  const title = rawTitle.replace(/[A-Za-z]+[0-9]*-\d+/g, ' ');
  const priority = priorityTokenSeverity(title);
  if (priority) return priority;
  for (const group of bracketGroups(title)) {
    const words = group.toUpperCase().match(/[A-Z]+/g) ?? [];
    const first = words[0];
    const severity = first ? SEVERITY_WORDS.get(first) : undefined;
    if (severity && words.length <= 4) return severity;
  }
  const leading = /^\W*([A-Z]{3,})\b\s*[:\-–—]/.exec(title);
  if (leading?.[1]) return SEVERITY_WORDS.get(leading[1]) ?? null;
  return null;
}

/**
 * The severity a section heading names for everything under it: `## High Priority Issues (33)`,
 * `## 🟠 P1 - HIGH PRIORITY`, `## Critical Issues (10)`, `## 🟡 Medium Priority`. A heading such as
 * `### Phase 1: Critical Fixes` names no severity, because the severity word must lead the title.
 */
export const sectionSeverity: (title: string) => Severity | null = memoizeString(sectionSeverityUncached);

function sectionSeverityUncached(title: string): Severity | null {
  const stripped = title.replace(/^[^A-Za-z0-9]+/, '');
  const priority = /^P([0-4])\b(?!-\d)/.exec(stripped);
  if (priority) return PRIORITY_LEVELS[Number(priority[1])] ?? null;
  const lead = /^([A-Za-z]+)(?:\s+(priority|severity|issues?|findings?|risks?|bugs?|items?|vulnerabilities))?\b/i.exec(stripped);
  if (!lead?.[1]) return null;
  const severity = SEVERITY_WORDS.get(lead[1].toUpperCase());
  if (!severity) return null;
  // A lone word such as "Low" or "High" only names a section when it stands alone or is qualified.
  const qualified = lead[2] !== undefined || /^[A-Za-z]+\s*(?:$|[(:\-–—])/.test(stripped);
  return qualified ? severity : null;
}

/** The contents of every (...) and [...] group in the text, without nesting. */
function bracketGroups(text: string): string[] {
  const groups: string[] = [];
  const pattern = /[([]([^()[\]]*)[)\]]/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) groups.push(match[1] ?? '');
  return groups;
}

const OPEN_PHRASES = ['NOT FIXED', 'NOT RESOLVED', 'NOT DONE', 'NOT STARTED', 'NOT YET', 'NEEDS', 'UNRESOLVED', 'TO DO', 'TODO', 'PENDING', 'BLOCKING', 'BROKEN'];
const PROGRESS_PHRASES = ['IN PROGRESS', 'IN-PROGRESS', 'WIP', 'PARTIAL', 'ONGOING', 'STARTED', 'IN REVIEW'];
const WONTFIX_PHRASES = ["WON'T FIX", 'WON’T FIX', 'WONTFIX', 'WONT FIX', 'NOT PLANNED', 'DEFERRED', 'ACCEPTED RISK', 'RISK ACCEPTED', 'OBSOLETE', 'DUPLICATE', 'WILL NOT FIX'];
const RESOLVED_WORDS = ['RESOLVED', 'FIXED', 'COMPLETE', 'COMPLETED', 'DONE', 'IMPROVED', 'CLOSED', 'VERIFIED', 'MITIGATED', 'ADDRESSED', 'IMPLEMENTED'];
const RESOLVED_EMOJI = ['✅', '✔', '☑', '🟩'];
const PROGRESS_EMOJI = ['🔄', '🚧', '⏳'];
const OPEN_EMOJI = ['❌', '⛔'];

/**
 * Status from a `**Status:**` field value or a table's status column: any case, any position.
 * Negations come first because "NOT FIXED YET" contains "FIXED".
 */
export function statusFromField(value: string): IssueStatus | null {
  const upper = ` ${value.toUpperCase().replace(/[^A-Z0-9'’\- ]+/g, ' ')} `;
  if (containsPhrase(upper, WONTFIX_PHRASES)) return 'wontfix';
  if (containsPhrase(upper, OPEN_PHRASES)) return 'open';
  if (containsPhrase(upper, PROGRESS_PHRASES) || PROGRESS_EMOJI.some((emoji) => value.includes(emoji))) return 'in-progress';
  if (containsPhrase(upper, RESOLVED_WORDS) || RESOLVED_EMOJI.some((emoji) => value.includes(emoji))) return 'resolved';
  if (containsPhrase(upper, ['OPEN', 'REOPENED', 'CONFIRMED']) || OPEN_EMOJI.some((emoji) => value.includes(emoji))) return 'open';
  // A red circle in a status field means open (`**Status:** 🔴 Open`).
  if (value.includes('🔴')) return 'open';
  return null;
}

/**
 * Status marked in a title or list item's text: emoji anywhere, or status words in UPPER CASE or
 * in brackets. Title-case prose ("Open Redirect in Login") is not a marker. Headings pass
 * `lowerCaseBrackets: false`: "Phase 4 (Ongoing)" describes a plan, not an issue's state.
 */
export function statusFromTitle(title: string, options: { lowerCaseBrackets?: boolean } = {}): IssueStatus | null {
  return options.lowerCaseBrackets === false ? headingStatus(title) : itemStatus(title);
}

const headingStatus = memoizeString((title: string) => statusFromTitleUncached(title, false));
const itemStatus = memoizeString((title: string) => statusFromTitleUncached(title, true));

function statusFromTitleUncached(title: string, lowerCaseBrackets: boolean): IssueStatus | null {
  const shouted = (title.match(/[A-Z][A-Z'’\-]*(?: [A-Z][A-Z'’\-]*)*/g) ?? []).filter((run) => run.length >= 3);
  // A short bracket note is a status ("(fixed)"); a long one is prose ("(added partial index …)").
  const notes = bracketGroups(title).filter((group) => group.trim().split(/\s+/).length <= 3);
  const candidates = lowerCaseBrackets ? [...shouted, ...notes] : shouted;
  for (const candidate of candidates) {
    const status = statusFromField(candidate);
    if (status) return status;
  }
  if (OPEN_EMOJI.some((emoji) => title.includes(emoji))) return 'open';
  if (PROGRESS_EMOJI.some((emoji) => title.includes(emoji))) return 'in-progress';
  if (RESOLVED_EMOJI.some((emoji) => title.includes(emoji))) return 'resolved';
  return null;
}

function containsPhrase(paddedUpper: string, phrases: readonly string[]): boolean {
  for (const phrase of phrases) {
    let from = paddedUpper.indexOf(phrase);
    while (from !== -1) {
      const before = paddedUpper[from - 1] ?? ' ';
      const after = paddedUpper[from + phrase.length] ?? ' ';
      if (!/[A-Z0-9]/.test(before) && !/[A-Z0-9]/.test(after)) return true;
      from = paddedUpper.indexOf(phrase, from + 1);
    }
  }
  return false;
}
