// Hostile and broken documents: each must yield a result or a diagnostic, never an exception, and
// must not stop the documents next to it. Every input is analyzed once, together, through the
// whole pipeline (bytes → decode → extract → resolve); the analyzer turns an exception into a
// read-error, so "never throws" here means "no read-error and nothing logged".
// No timing assertions: the inputs are sized so this file runs in well under 20 s.
import assert from 'node:assert/strict';
import { extractDocument } from '../../server/src/core/documentExtractor';
import { CachedMarkdownParser } from '../../server/src/core/markdown/markdownParser';
import type { DocumentAnalysis, ResolvedReference, WorkspaceReport } from '../../server/src/core/model';
import type { Logger } from '../../server/src/core/workspace';
import { analyzeWorkspace } from '../../server/src/core/workspaceAnalyzer';
import { joinLines, MemoryWorkspace } from '../helpers/memoryWorkspace';

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function bytesOf(...parts: Array<string | number[]>): Uint8Array {
  const chunks = parts.map((part) => (typeof part === 'string' ? Array.from(utf8(part)) : part));
  return Uint8Array.from(chunks.flat());
}

function sourceLines(count: number): string {
  let text = '';
  for (let line = 1; line <= count; line++) text += `handle_${line}()\n`;
  return text;
}

const GOOD_AUDIT = joinLines(
  '# Cache Layer Review',
  '',
  '## 🟠 P1 - HIGH',
  '',
  '### CACHE-01: Key Collision Between Tenants',
  '**Severity:** 🟠 High',
  '**Status:** 🔴 Open',
  '**File:** `backend/app/cache.py:12-18`',
  '',
  '### CACHE-02: No Expiry on Session Keys',
  '**Status:** ✅ RESOLVED',
  '**File:** `backend/app/cache.py:40`',
);

const SECOND_GOOD_AUDIT = joinLines('# Notes', '', '- [ ] OPS-07: Rotate the cache password (`backend/app/cache.py`)');

/** A PNG header with NUL bytes, then text that would hold an issue if it were read. */
const BINARY = bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d], '### BIN-01: Not An Issue `backend/app/cache.py:1`\n');

/** Latin-1 bytes (0xE9, 0xFF) in an otherwise UTF-8 audit. */
const INVALID_UTF8 = bytesOf('# Latin-1 Leftovers\n\n### ENC-01: Caf', [0xe9], ' Menu Cache Stale\n**Status:** Open\n**File:** `backend/app/cache.py:7`\nNote ', [0xff], '\n');

/** 20 MB: many paragraphs of prose, each with one reference. */
const PARAGRAPH = joinLines(
  'The cache warmer walks every tenant and fills the keys it expects the dashboards to ask for.',
  'It does so before the first request arrives, which keeps the first page load predictable.',
  'When a tenant is added during the run, the warmer skips it and leaves it to the next pass.',
  'The behaviour is described in `backend/app/cache.py:12` and is unchanged since the review.',
  '',
  '',
);
const HUGE_PARAGRAPHS = Math.ceil((20 * 1024 * 1024) / PARAGRAPH.length);
const HUGE = '# Cache Warmer Log\n\n' + PARAGRAPH.repeat(HUGE_PARAGRAPHS);

/** A 1 MB line inside an issue, with a reference at its very end. */
const LONG_LINE = 'word '.repeat(200_000);
const ONE_MB_LINE = joinLines('### LONG-01: Long Line', LONG_LINE + '`backend/app/cache.py:7`', '**Status:** Open');

/** 1,000 levels of 2-space indented checkboxes, each with a reference. */
const NESTED_LEVELS = 1000;
const NESTED = Array.from({ length: NESTED_LEVELS }, (_, level) => `${'  '.repeat(level)}- [ ] Step ${level} in \`backend/app/cache.py:${level + 1}\``).join('\n');

const MARKERS = '- '.repeat(4000) + '[ ] DEEP-01: Deep Item `backend/app/cache.py:4`';
const QUOTES = '>'.repeat(4000) + ' ### QUOTE-01: Quoted Heading `backend/app/cache.py:5`';
const EMPHASIS = joinLines('### EM-01: Emphasis Storm', '*a '.repeat(2000) + '`backend/app/cache.py:6`');

/** Runs that a backtracking reference pattern would chew on for minutes. */
const BAIT_LINES = [
  'See `backend/app/cache.py' + ':'.repeat(100_000) + '` now',
  'backend/app/cache.py:' + '1'.repeat(100_000),
  '`'.repeat(100_000) + 'backend/app/cache.py:3' + '`'.repeat(99_999),
  'backend/app/cache.py:1' + '-'.repeat(100_000) + '2',
  'a/'.repeat(50_000) + 'cache.py:3',
  'backend/app/cache.py:1-2, '.repeat(4_000),
];
const BAIT = BAIT_LINES.join('\n');

/** A BOM, then CRLF, lone CR and LF line ends mixed. */
const LINE_ENDS = bytesOf(
  [0xef, 0xbb, 0xbf],
  '# Mixed Line Ends\r\n\r\n### EOL-01: Windows Ends\r\n**Status:** Open\r**File:** `backend/app/cache.py:2`\n\n### EOL-02: Old Mac Ends\r**Status:** ✅ RESOLVED\r\n**File:** `backend/app/cache.py:3`',
);

const FILES: Record<string, string | Uint8Array> = {
  'backend/app/cache.py': sourceLines(60),
  'docs/00-good.md': GOOD_AUDIT,
  'docs/binary.md': BINARY,
  'docs/emphasis.md': EMPHASIS,
  'docs/empty.md': '',
  'docs/huge.md': utf8(HUGE),
  'docs/invalid-utf8.md': INVALID_UTF8,
  'docs/line-ends.md': LINE_ENDS,
  'docs/long-line.md': ONE_MB_LINE,
  'docs/markers.md': MARKERS,
  'docs/nested.md': NESTED,
  'docs/quotes.md': QUOTES,
  'docs/regex-bait.md': BAIT,
  'docs/zz-good.md': SECOND_GOOD_AUDIT,
};

function document(report: WorkspaceReport, path: string): DocumentAnalysis {
  const found = report.documents.find((candidate) => candidate.path === path);
  assert.ok(found, `${path} was analyzed`);
  return found;
}

/** Each reference's text, 0-based line and column, and state. */
function summary(references: readonly ResolvedReference[]): Array<[string, number, number, ResolvedReference['state']]> {
  return references.map((reference) => [reference.text, reference.range.start.line, reference.range.start.character, reference.state]);
}

describe('bad input', function () {
  // One pass over ~23 MB of hostile text; generous so a loaded machine does not fail it.
  this.timeout(120_000);
  let report: WorkspaceReport;
  const logged: string[] = [];
  const logger: Logger = { info() {}, warn: (message) => logged.push(message), error: (message) => logged.push(message) };

  before(async () => {
    report = await analyzeWorkspace(new MemoryWorkspace(FILES), { logger });
  });

  it('analyzes every document without an exception', () => {
    assert.deepEqual(
      report.documents.map((analysis) => analysis.path),
      Object.keys(FILES).filter((path) => path.endsWith('.md')).sort(),
    );
    for (const analysis of report.documents) {
      assert.deepEqual(analysis.diagnostics.filter((diagnostic) => diagnostic.code === 'read-error'), [], analysis.path);
    }
    assert.deepEqual(logged, []);
  });

  it('one bad file among good ones does not change the good ones', async () => {
    const alone = await analyzeWorkspace(new MemoryWorkspace({ 'backend/app/cache.py': FILES['backend/app/cache.py'] as string, 'docs/00-good.md': GOOD_AUDIT, 'docs/zz-good.md': SECOND_GOOD_AUDIT }));
    assert.deepEqual(document(report, 'docs/00-good.md'), alone.documents[0]);
    assert.deepEqual(document(report, 'docs/zz-good.md'), alone.documents[1]);
    assert.deepEqual(
      document(report, 'docs/00-good.md').issues.map((issue) => [issue.key, issue.status]),
      [
        ['CACHE-01', 'open'],
        ['CACHE-02', 'resolved'],
      ],
    );
  });

  it('a binary file named .md: binary-file, and nothing read from it', () => {
    const binary = document(report, 'docs/binary.md');
    assert.deepEqual(
      binary.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range.start.line]),
      [['binary-file', 'warning', 0]],
    );
    assert.deepEqual(binary.issues, []);
    assert.deepEqual(binary.references, []);
    assert.equal(binary.text, '');
  });

  it('an empty file: an empty analysis', () => {
    const empty = document(report, 'docs/empty.md');
    assert.equal(empty.encoding, 'utf-8');
    assert.deepEqual([empty.issues, empty.references, empty.diagnostics], [[], [], []]);
  });

  it('invalid UTF-8: a warning on the first bad line, and issues and references still read', () => {
    const invalid = document(report, 'docs/invalid-utf8.md');
    assert.equal(invalid.encoding, 'invalid-utf-8');
    assert.deepEqual(
      invalid.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range.start.line]),
      [['invalid-utf-8', 'warning', 2]],
    );
    assert.match(invalid.diagnostics[0]?.message ?? '', /line 3/);
    assert.deepEqual(
      invalid.issues.map((issue) => [issue.key, issue.title, issue.status]),
      [['ENC-01', 'Caf\ufffd Menu Cache Stale', 'open']],
    );
    assert.deepEqual(summary(invalid.references), [['backend/app/cache.py:7', 4, 11, 'ok']]);
  });

  it('a 20 MB document: document-too-large, and every reference still checked', () => {
    const huge = document(report, 'docs/huge.md');
    assert.equal(huge.encoding, 'utf-8');
    assert.equal(huge.diagnostics.length, 1);
    const [tooLarge] = huge.diagnostics;
    assert.equal(tooLarge?.code, 'document-too-large');
    assert.equal(tooLarge?.severity, 'information');
    assert.equal(tooLarge?.range.start.line, 0);
    assert.match(tooLarge?.message ?? '', /^This document has 20\.0 MB of text/);
    assert.deepEqual(huge.issues, []);
    assert.equal(huge.references.length, HUGE_PARAGRAPHS);
    const paragraphLines = PARAGRAPH.split('\n').length - 1;
    const last = huge.references[HUGE_PARAGRAPHS - 1];
    assert.deepEqual(
      [last?.text, last?.range.start.line, last?.state, last?.issueKey],
      ['backend/app/cache.py:12', 2 + (HUGE_PARAGRAPHS - 1) * paragraphLines + 3, 'ok', null],
    );
  });

  it('a 1 MB line: the issue and the reference at its end', () => {
    const long = document(report, 'docs/long-line.md');
    assert.deepEqual(long.diagnostics, []);
    assert.deepEqual(long.issues.map((issue) => [issue.key, issue.status]), [['LONG-01', 'open']]);
    assert.deepEqual(summary(long.references), [['backend/app/cache.py:7', 1, LONG_LINE.length + 1, 'ok']]);
    assert.equal(long.references[0]?.issueKey, 'LONG-01');
  });

  it('1,000 nested checkbox levels: the outer item is the issue, every reference is found', () => {
    const nested = document(report, 'docs/nested.md');
    assert.deepEqual(nested.diagnostics.filter((diagnostic) => diagnostic.code !== 'line-out-of-range'), []);
    // Nested checkboxes are the outer item's sub-tasks, not issues of their own.
    assert.deepEqual(
      nested.issues.map((issue) => [issue.key, issue.kind, issue.status]),
      [['docs/nested.md#1', 'list-item', 'open']],
    );
    assert.equal(nested.references.length, NESTED_LEVELS);
    const deepest = nested.references[NESTED_LEVELS - 1];
    assert.deepEqual(
      [deepest?.text, deepest?.range.start.line, deepest?.range.start.character, deepest?.state],
      [`backend/app/cache.py:${NESTED_LEVELS}`, NESTED_LEVELS - 1, 2 * (NESTED_LEVELS - 1) + `- [ ] Step ${NESTED_LEVELS - 1} in \``.length, 'line-out-of-range'],
    );
    assert.equal(nested.references.filter((reference) => reference.state === 'ok').length, 60);
  });

  it('4,000 list markers on one line', () => {
    const markers = document(report, 'docs/markers.md');
    assert.deepEqual(markers.diagnostics, []);
    assert.deepEqual(markers.issues.map((issue) => [issue.key, issue.kind, issue.status]), [['DEEP-01', 'list-item', 'open']]);
    assert.deepEqual(summary(markers.references), [['backend/app/cache.py:4', 0, MARKERS.indexOf('backend'), 'ok']]);
  });

  it('4,000 blockquote markers', () => {
    const quotes = document(report, 'docs/quotes.md');
    assert.deepEqual(quotes.diagnostics, []);
    assert.deepEqual(quotes.issues.map((issue) => [issue.id, issue.kind]), [['QUOTE-01', 'heading']]);
    assert.deepEqual(summary(quotes.references), [['backend/app/cache.py:5', 0, QUOTES.indexOf('backend'), 'ok']]);
  });

  it('2,000 emphasis openers', () => {
    const emphasis = document(report, 'docs/emphasis.md');
    assert.deepEqual(emphasis.diagnostics, []);
    assert.deepEqual(emphasis.issues.map((issue) => [issue.key, issue.title]), [['EM-01', 'Emphasis Storm']]);
    assert.deepEqual(summary(emphasis.references), [['backend/app/cache.py:6', 1, (EMPHASIS.split('\n')[1] ?? '').indexOf('backend'), 'ok']]);
  });

  it('text built to make reference patterns backtrack', () => {
    const bait = document(report, 'docs/regex-bait.md');
    assert.deepEqual(bait.diagnostics, []);
    const byLine = (line: number) => bait.references.filter((reference) => reference.range.start.line === line);
    // A path followed by a wall of colons or digits is still the path, with no line.
    assert.deepEqual(summary(byLine(0)), [['backend/app/cache.py', 0, 5, 'ok']]);
    assert.deepEqual(byLine(0).map((reference) => reference.startLine), [null]);
    assert.deepEqual(summary(byLine(1)), [['backend/app/cache.py', 1, 0, 'ok']]);
    assert.deepEqual(summary(byLine(2)), [['backend/app/cache.py:3', 2, 100_000, 'ok']]);
    assert.deepEqual(byLine(3).map((reference) => [reference.text, reference.startLine, reference.endLine]), [['backend/app/cache.py:1', 1, 1]]);
    assert.deepEqual(byLine(4), [], 'a 100 KB path is no path');
    assert.equal(byLine(5).length, 4_000);
    assert.ok(byLine(5).every((reference) => reference.startLine === 1 && reference.endLine === 2 && reference.state === 'ok'));
    assert.equal(bait.references.length, 4_004);
  });

  it('a BOM and mixed CRLF, CR and LF line ends', () => {
    const ends = document(report, 'docs/line-ends.md');
    assert.equal(ends.encoding, 'utf-8');
    assert.equal(ends.text.charCodeAt(0), '#'.charCodeAt(0), 'the BOM is not part of the text');
    assert.deepEqual(ends.diagnostics, []);
    assert.deepEqual(
      ends.issues.map((issue) => [issue.key, issue.status, issue.range.start.line, issue.bodyStartLine, issue.bodyEndLine]),
      [
        ['EOL-01', 'open', 2, 2, 6],
        ['EOL-02', 'resolved', 6, 6, 9],
      ],
    );
    assert.deepEqual(summary(ends.references), [
      ['backend/app/cache.py:2', 4, 11, 'ok'],
      ['backend/app/cache.py:3', 8, 11, 'ok'],
    ]);
    assert.deepEqual(
      ends.references.map((reference) => reference.issueKey),
      ['EOL-01', 'EOL-02'],
    );
  });

  describe('editor text', () => {
    const parser = new CachedMarkdownParser();

    it('lone surrogates and control characters are text, not a crash', () => {
      const text = joinLines('### SUR-01: Broken \ud800 Emoji \udc00', '**Status:** Open\u0007', '**File:** `backend/app/cache.py:9`');
      const extracted = extractDocument('docs/editor.md', { text }, parser);
      assert.deepEqual(extracted.issues.map((issue) => [issue.key, issue.status]), [['SUR-01', 'open']]);
      assert.deepEqual(extracted.references.map((reference) => reference.text), ['backend/app/cache.py:9']);
    });

    it('10,000 brackets and a 1,000-column table', () => {
      const text = joinLines(
        '### BR-01: Bracket Storm',
        '['.repeat(10_000) + ' `backend/app/cache.py:10` ' + ']'.repeat(10_000),
        '',
        '| ' + Array.from({ length: 1_000 }, (_, column) => `c${column}`).join(' | ') + ' |',
        '| ' + Array.from({ length: 1_000 }, () => '---').join(' | ') + ' |',
        '| ' + Array.from({ length: 1_000 }, (_, column) => (column === 0 ? '`backend/app/cache.py:11`' : 'x')).join(' | ') + ' |',
      );
      const extracted = extractDocument('docs/editor.md', { text }, parser);
      assert.deepEqual(extracted.issues.map((issue) => issue.key), ['BR-01']);
      assert.deepEqual(
        extracted.references.map((reference) => [reference.text, reference.range.start.line]),
        [
          ['backend/app/cache.py:10', 1],
          ['backend/app/cache.py:11', 5],
        ],
      );
    });
  });
});
