// fast-check generators of audit documents: lines drawn from the shapes real trackers use (severity
// sections, `### ID: Title` headings, bold fields, checkbox items, tables, fences, every reference
// form) mixed with hostile text (runs of `:`, digits, backticks, brackets, lone surrogates, control
// characters), joined by LF, CRLF or a lone CR. The workspace they point into has a file that
// several folders share (`utils.py`), so ambiguous references and their quick fixes come up often.
import fc from 'fast-check';
import { documentLines } from '../../../server/src/core/features/textEdits';
import type { Range } from '../../../server/src/core/model';

/** `count` numbered lines of Python. */
export function sourceLines(count: number): string {
  return Array.from({ length: count }, (_, index) => `value_${index + 1} = ${index + 1}`).join('\n') + '\n';
}

/** The source files the generated documents point into: two `utils.py`, two `views.py`. */
export const WORKSPACE_SOURCES: Readonly<Record<string, string>> = {
  'backend/accounts/utils.py': sourceLines(30),
  'backend/bookings/utils.py': sourceLines(60),
  'backend/accounts/views.py': sourceLines(120),
  'backend/bookings/views.py': sourceLines(80),
  'frontend/src/api/client.ts': sourceLines(40),
  'scripts/deploy.sh': sourceLines(12),
  'src/my file.ts': sourceLines(5),
  'src/ünïcode.ts': sourceLines(5),
};

const PATHS = [
  'utils.py',
  'views.py',
  'backend/bookings/utils.py',
  'backend/accounts/views.py',
  'bookings/views.py',
  'frontend/src/api/client.ts',
  'client.ts',
  'scripts/deploy.sh',
  'src/my file.ts',
  'src/ünïcode.ts',
  'backend/payments/webhooks.py',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '~/.ssh/id_rsa',
  '/etc/shadow',
  'C:\\Windows\\win.ini',
  '/var/www/acme/backend/bookings/views.py',
];

const IDS = ['SEC-01', 'SEC-02', 'P0-01', 'P1-02', 'CRIT-1', 'HP-003', 'BUG #1', 'Task 2.5', 'PERF-17'];
const TITLES = ['Login Has No Rate Limit', 'Hold Window Computed Twice', 'DEBUG Defaults to True', 'Token Helper Signs With the Default Key'];
const STATUSES = ['🔴 Open', '✅ RESOLVED', '🔄 In Progress', "Won't Fix", 'NEEDS FIX', 'Open', 'FIXED', 'NOT FIXED YET'];
const SEVERITIES = ['🔴 Critical', '🟠 High', '🟡 Medium', '🟢 Low', 'P0', 'P2', 'High'];

const lineNumber = fc.integer({ min: 0, max: 200 });
const path = fc.constantFrom(...PATHS);
const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

/** One code reference in any of the forms documents write. */
export const referenceText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(path, lineNumber).map(([file, line]) => `${file}:${line}`),
  fc.tuple(path, lineNumber, lineNumber).map(([file, from, to]) => `\`${file}:${from}-${to}\``),
  fc.tuple(path, lineNumber, lineNumber).map(([file, from, to]) => `\`${file}:${from}-${to}, ${to + 3}\``),
  fc.tuple(path, lineNumber, lineNumber).map(([file, from, to]) => `\`${file}\` lines ${from}-${to}`),
  fc.tuple(path, lineNumber).map(([file, line]) => `\`${file}\` line ${line}`),
  fc.tuple(path, lineNumber, lineNumber).map(([file, from, to]) => `[the code](${file.replaceAll(' ', '%20')}#L${from}-L${to})`),
  fc.tuple(path, lineNumber).map(([file, line]) => `[x](${file.replaceAll(' ', '%20')}#L${line})`),
  path.map((file) => `\`${file}\``),
  lineNumber.map((line) => `Line ${line}`),
  fc.tuple(lineNumber, lineNumber).map(([from, to]) => `(lines ${from}-${to})`),
);

/** Text built to trip scanners: runs and nestings of the characters references are made of. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(pick([':', '1', '`', '-', '[', '](', '(', '|', '*', '_', '~', '#', '\\', '/', '%2F', '../', 'a.py:']), fc.integer({ min: 1, max: 60 })).map(([unit, count]) => unit.repeat(count)),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('\u0000', '\ud800', '\udc00x', '\u0007', '\ufeff', '\u2028', 'üî´', 'âœ…', 'ðŸ”´'),
);

/** One line of an audit document. */
export const auditLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), pick(IDS), pick(TITLES)).map(([level, id, title]) => `${'#'.repeat(level)} ${id}: ${title}`) },
  { weight: 1, arbitrary: fc.tuple(pick(IDS), pick(TITLES)).map(([id, title]) => `### ~~${id}: ${title}~~ ✅ RESOLVED`) },
  { weight: 1, arbitrary: pick(['## 🔴 P0 - CRITICAL', '## 🟠 High Priority Issues (3)', '## ✅ Completed', '## Findings']) },
  { weight: 3, arbitrary: pick(STATUSES).map((status) => `**Status:** ${status}`) },
  { weight: 1, arbitrary: pick(SEVERITIES).map((severity) => `**Severity:** ${severity}`) },
  { weight: 3, arbitrary: referenceText.map((reference) => `**File:** ${reference}`) },
  { weight: 1, arbitrary: fc.tuple(lineNumber, lineNumber).map(([from, to]) => `**Lines:** ${from}-${to}`) },
  { weight: 1, arbitrary: pick(IDS).map((id) => `**Dependencies:** ${id}`) },
  { weight: 3, arbitrary: fc.tuple(pick(['- [ ] ', '- [x] ', '- ', '  - ', '1. ']), pick(IDS), pick(TITLES), referenceText).map(([marker, id, title, reference]) => `${marker}${id}: ${title} (${reference})`) },
  { weight: 4, arbitrary: fc.tuple(pick(['The helper in ', 'See ', 'Also ', '']), referenceText, pick([' repeats it.', '.', ', twice', ''])).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: pick(['| ID | Title | Status | File |', '|---|---|---|---|']) },
  { weight: 2, arbitrary: fc.tuple(pick(IDS), pick(STATUSES), referenceText).map(([id, status, reference]) => `| ${id} | ${TITLES[0]} | ${status} | ${reference} |`) },
  { weight: 1, arbitrary: pick(['```bash', '```', 'cd backend && pytest bookings/tests/test_views.py']) },
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: hostileText },
);

/** A whole document: lines joined by LF, CRLF or a lone CR, each chosen per line. */
export const auditDocument: fc.Arbitrary<string> = fc
  .array(fc.tuple(auditLine, pick(['\n', '\n', '\n', '\r\n', '\r'])), { minLength: 2, maxLength: 40, size: 'medium' })
  .map((lines) => lines.map(([line, eol]) => line + eol).join(''));

/** Bytes of a document: UTF-8, sometimes with a BOM, sometimes with a stray invalid byte. */
export const auditBytes: fc.Arbitrary<Uint8Array> = fc.tuple(auditDocument, fc.boolean(), fc.option(fc.integer({ min: 0x80, max: 0xff }))).map(([text, bom, stray]) => {
  const body = Buffer.from(text, 'utf8');
  const parts = [bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), body];
  if (stray !== null) parts.push(Buffer.from([stray]), Buffer.from('\n'));
  return Uint8Array.from(Buffer.concat(parts));
});

/** Fails with a readable message when a range does not lie inside the text, as LSP counts lines. */
export function assertRangeInside(text: string, range: Range, what: string): void {
  const { lines } = documentLines(text);
  const inside = (line: number, character: number): boolean => Number.isInteger(line) && line >= 0 && line < lines.length && character >= 0 && character <= (lines[line] ?? '').length;
  if (!inside(range.start.line, range.start.character) || !inside(range.end.line, range.end.character)) {
    throw new Error(`${what}: range ${JSON.stringify(range)} lies outside the document (${lines.length} lines)`);
  }
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) {
    throw new Error(`${what}: range ${JSON.stringify(range)} ends before it starts`);
  }
}

/** The text a single-line range covers. */
export function textAt(text: string, range: Range): string {
  const line = documentLines(text).lines[range.start.line] ?? '';
  return range.start.line === range.end.line ? line.slice(range.start.character, range.end.character) : line.slice(range.start.character);
}
