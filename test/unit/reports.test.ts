import * as assert from 'node:assert/strict';
import type {
  AuditDiagnostic,
  AuditIssue,
  DocumentAnalysis,
  Range,
  ResolvedReference,
  WorkspaceReport,
} from '../../server/src/core/model';
import { toJsonReport } from '../../server/src/core/report/jsonReport';
import { formatTextReport } from '../../server/src/core/report/textReport';

const ESC = '\u001b';

/** The zero-based range of the `nth` occurrence of `needle` in `text`. */
function rangeOf(text: string, needle: string, nth = 0): Range {
  let offset = -1;
  for (let seen = 0; seen <= nth; seen++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset === -1) throw new Error(`fixture: '${needle}' #${nth} not found`);
  }
  const position = (at: number) => {
    const before = text.slice(0, at);
    const line = before.split('\n').length - 1;
    return { line, character: at - (before.lastIndexOf('\n') + 1) };
  };
  return { start: position(offset), end: position(offset + needle.length) };
}

function issue(text: string, heading: string, fields: Partial<AuditIssue>): AuditIssue {
  const range = rangeOf(text, heading);
  return {
    key: fields.id ?? `doc#${range.start.line + 1}`,
    id: null,
    title: heading,
    severity: null,
    status: null,
    kind: 'heading',
    range,
    bodyStartLine: range.start.line + 1,
    bodyEndLine: range.start.line + 3,
    sectionPath: [],
    fields: {},
    dependencies: [],
    ...fields,
  };
}

function reference(text: string, written: string, fields: Partial<ResolvedReference>): ResolvedReference {
  return {
    range: rangeOf(text, written),
    text: written,
    path: written.split(':')[0] ?? written,
    startLine: null,
    endLine: null,
    inCode: false,
    proposed: false,
    form: 'path-line',
    resolvedPath: null,
    candidates: [],
    state: 'ok',
    reason: null,
    suggestion: null,
    issueKey: null,
    ...fields,
  };
}

function diagnostic(range: Range, code: AuditDiagnostic['code'], severity: AuditDiagnostic['severity'], message: string): AuditDiagnostic {
  return { range, code, severity, message };
}

const securityText = [
  '# Security Review — Billing Service',
  '',
  '## Critical',
  '',
  '### SEC-01: Raw SQL in invoice search',
  '**Status:** Open',
  '**File:** `billing/search.py:88-102`',
  '',
  '### SEC-02: Webhook secret compared with ==',
  '**Status:** ✅ Resolved',
  'See `billing/webhooks.py:41` and `billing/legacy_hooks.py:12`.',
  '',
  '### Tidy the retry helper',
  'Create `billing/retry.py` for the shared backoff.',
  'The old copy at `billing/tasks.py:300-310` drifted.',
].join('\n');

const debtText = [
  '# Technical Debt Register',
  '',
  '| ID | Title | Severity | Status | File |',
  '|----|-------|----------|--------|------|',
  '| TD-1 | Split the settings module | Medium | In progress | `settings.py` lines 442-466 |',
  "| TD-2 | Drop the old CSV exporter | Low | Won't fix | `exporters/csv.py:12` |",
  '',
  '- **TD-3** Logger config duplicated (Severity: Info), see `logger.ts`',
].join('\n');

/** Two documents, deliberately out of path order, with issues, references and lints of every kind. */
function sampleReport(): WorkspaceReport {
  const security: DocumentAnalysis = {
    path: 'docs/security-audit.md',
    encoding: 'mojibake-repaired',
    text: securityText,
    issues: [
      // Out of document order on purpose: the formatters must sort.
      issue(securityText, 'SEC-02: Webhook secret compared with ==', {
        key: 'SEC-02', id: 'SEC-02', title: 'Webhook secret compared with ==', severity: 'high', status: 'resolved',
        sectionPath: ['Security Review — Billing Service', 'Critical'],
      }),
      issue(securityText, 'SEC-01: Raw SQL in invoice search', {
        key: 'SEC-01', id: 'SEC-01', title: 'Raw SQL in invoice search', severity: 'critical', status: 'open',
        sectionPath: ['Security Review — Billing Service', 'Critical'], fields: { status: 'Open', file: '`billing/search.py:88-102`' },
      }),
      issue(securityText, 'Tidy the retry helper', { key: 'docs/security-audit.md#13', title: 'Tidy the retry helper' }),
    ],
    references: [
      reference(securityText, 'billing/search.py:88-102', {
        path: 'billing/search.py', startLine: 88, endLine: 102, resolvedPath: 'billing/search.py', candidates: ['billing/search.py'], issueKey: 'SEC-01',
      }),
      reference(securityText, 'billing/legacy_hooks.py:12', {
        path: 'billing/legacy_hooks.py', startLine: 12, endLine: 12, state: 'missing-file',
        reason: 'billing/legacy_hooks.py is not in the workspace.', issueKey: 'SEC-02',
      }),
      reference(securityText, 'billing/webhooks.py:41', {
        path: 'billing/webhooks.py', startLine: 41, endLine: 41, resolvedPath: 'billing/webhooks.py', candidates: ['billing/webhooks.py'], issueKey: 'SEC-02',
      }),
      reference(securityText, 'billing/retry.py', {
        path: 'billing/retry.py', form: 'path-only', proposed: true, state: 'proposed', issueKey: 'docs/security-audit.md#13',
      }),
      reference(securityText, 'billing/tasks.py:300-310', {
        path: 'billing/tasks.py', startLine: 300, endLine: 310, resolvedPath: 'billing/tasks.py', candidates: ['billing/tasks.py'],
        state: 'line-out-of-range', reason: 'billing/tasks.py has 180 lines.',
        suggestion: { path: 'billing/tasks.py', startLine: 120, endLine: 130 }, issueKey: 'docs/security-audit.md#13',
      }),
    ],
    diagnostics: [
      diagnostic(rangeOf(securityText, 'billing/tasks.py:300-310'), 'line-out-of-range', 'warning', 'Lines 300-310 are past the end of billing/tasks.py (180 lines).'),
      diagnostic(rangeOf(securityText, 'billing/legacy_hooks.py:12'), 'missing-file', 'error', 'billing/legacy_hooks.py does not exist.'),
      diagnostic({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'mojibake', 'information', 'Text was decoded as Windows-1252 and saved again; read as repaired UTF-8.'),
      diagnostic(rangeOf(securityText, '**Status:** ✅ Resolved'), 'status-conflict', 'warning', 'SEC-02 is marked resolved but its title says otherwise.'),
    ],
  };
  const debt: DocumentAnalysis = {
    path: 'audits/tech-debt.md',
    encoding: 'utf-8',
    text: debtText,
    issues: [
      issue(debtText, '| TD-1 |', { key: 'TD-1', id: 'TD-1', title: 'Split the settings module', severity: 'medium', status: 'in-progress', kind: 'table-row' }),
      issue(debtText, '| TD-2 |', { key: 'TD-2', id: 'TD-2', title: 'Drop the old CSV exporter', severity: 'low', status: 'wontfix', kind: 'table-row' }),
      issue(debtText, '- **TD-3**', { key: 'TD-3', id: 'TD-3', title: 'Logger config duplicated', severity: 'info', status: 'open', kind: 'list-item', dependencies: ['TD-9'] }),
    ],
    references: [
      reference(debtText, 'settings.py', {
        form: 'path-lines-words', startLine: 442, endLine: 466, state: 'ambiguous',
        candidates: ['config/settings.py', 'legacy/settings.py'], reason: 'settings.py matches 2 files.', issueKey: 'TD-1',
      }),
      reference(debtText, 'exporters/csv.py:12', { path: 'exporters/csv.py', startLine: 12, endLine: 12, resolvedPath: 'exporters/csv.py', candidates: ['exporters/csv.py'], issueKey: 'TD-2' }),
      reference(debtText, 'logger.ts', { form: 'path-only', inCode: true, resolvedPath: 'src/logger.ts', candidates: ['src/logger.ts'], issueKey: 'TD-3' }),
    ],
    diagnostics: [
      diagnostic(rangeOf(debtText, 'settings.py'), 'ambiguous-path', 'warning', 'settings.py matches config/settings.py and legacy/settings.py.'),
      diagnostic(rangeOf(debtText, 'logger.ts'), 'reference-in-code', 'hint', 'Reference inside a code span.'),
      diagnostic(rangeOf(debtText, '- **TD-3**'), 'unknown-issue-id', 'warning', 'TD-3 depends on TD-9, which no document defines.'),
    ],
  };
  return { root: '/srv/billing', documents: [security, debt] };
}

describe('toJsonReport', () => {
  const json = toJsonReport(sampleReport());

  it('lists documents in path order with counts and encodings', () => {
    assert.equal(json.root, '/srv/billing');
    assert.deepEqual(json.documents, [
      { path: 'audits/tech-debt.md', encoding: 'utf-8', issues: 3, references: 3 },
      { path: 'docs/security-audit.md', encoding: 'mojibake-repaired', issues: 3, references: 5 },
    ]);
  });

  it('summarizes the whole report', () => {
    assert.deepEqual(json.summary, {
      documents: 2, issues: 6, openIssues: 4, references: 8, staleReferences: 3,
      errors: 1, warnings: 4, information: 1, hints: 1,
    });
  });

  it('orders issues by document, then position, with 1-based lines', () => {
    assert.deepEqual(
      json.issues.map((entry) => [entry.document, entry.line, entry.key]),
      [
        ['audits/tech-debt.md', 5, 'TD-1'],
        ['audits/tech-debt.md', 6, 'TD-2'],
        ['audits/tech-debt.md', 8, 'TD-3'],
        ['docs/security-audit.md', 5, 'SEC-01'],
        ['docs/security-audit.md', 9, 'SEC-02'],
        ['docs/security-audit.md', 13, 'docs/security-audit.md#13'],
      ],
    );
    assert.deepEqual(json.issues[3], {
      key: 'SEC-01',
      id: 'SEC-01',
      title: 'Raw SQL in invoice search',
      severity: 'critical',
      status: 'open',
      document: 'docs/security-audit.md',
      line: 5,
      column: 5,
      kind: 'heading',
      dependencies: [],
      sectionPath: ['Security Review — Billing Service', 'Critical'],
      fields: { status: 'Open', file: '`billing/search.py:88-102`' },
    });
    assert.deepEqual(json.issues[2]?.dependencies, ['TD-9']);
    assert.equal(json.issues[5]?.id, null);
    assert.equal(json.issues[5]?.severity, null);
    assert.equal(json.issues[5]?.status, null);
  });

  it('converts reference positions to 1-based and keeps the resolution', () => {
    assert.deepEqual(
      json.references.map((entry) => [entry.document, entry.line, entry.column, entry.state]),
      [
        ['audits/tech-debt.md', 5, 62, 'ambiguous'],
        ['audits/tech-debt.md', 6, 57, 'ok'],
        ['audits/tech-debt.md', 8, 60, 'ok'],
        ['docs/security-audit.md', 7, 12, 'ok'],
        ['docs/security-audit.md', 11, 6, 'ok'],
        ['docs/security-audit.md', 11, 35, 'missing-file'],
        ['docs/security-audit.md', 14, 9, 'proposed'],
        ['docs/security-audit.md', 15, 18, 'line-out-of-range'],
      ],
    );
    assert.deepEqual(json.references[5], {
      document: 'docs/security-audit.md',
      line: 11,
      column: 35,
      endColumn: 61,
      text: 'billing/legacy_hooks.py:12',
      path: 'billing/legacy_hooks.py',
      resolvedPath: null,
      candidates: [],
      startLine: 12,
      endLine: 12,
      inCode: false,
      proposed: false,
      form: 'path-line',
      issue: 'SEC-02',
      state: 'missing-file',
      stale: true,
      reason: 'billing/legacy_hooks.py is not in the workspace.',
      suggestion: null,
    });
    const outOfRange = json.references[7];
    assert.deepEqual(outOfRange?.suggestion, { path: 'billing/tasks.py', startLine: 120, endLine: 130 });
    assert.equal(outOfRange?.startLine, 300);
    assert.equal(outOfRange?.endLine, 310);
    assert.deepEqual(json.references[0]?.candidates, ['config/settings.py', 'legacy/settings.py']);
    assert.equal(json.references[2]?.inCode, true);
    assert.equal(json.references[6]?.stale, false, 'a proposed file is not stale');
  });

  it('lists diagnostics by document and position with 1-based positions', () => {
    assert.deepEqual(json.diagnostics, [
      { document: 'audits/tech-debt.md', line: 5, column: 62, endLine: 5, endColumn: 73, severity: 'warning', code: 'ambiguous-path', message: 'settings.py matches config/settings.py and legacy/settings.py.' },
      { document: 'audits/tech-debt.md', line: 8, column: 1, endLine: 8, endColumn: 11, severity: 'warning', code: 'unknown-issue-id', message: 'TD-3 depends on TD-9, which no document defines.' },
      { document: 'audits/tech-debt.md', line: 8, column: 60, endLine: 8, endColumn: 69, severity: 'hint', code: 'reference-in-code', message: 'Reference inside a code span.' },
      { document: 'docs/security-audit.md', line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'information', code: 'mojibake', message: 'Text was decoded as Windows-1252 and saved again; read as repaired UTF-8.' },
      { document: 'docs/security-audit.md', line: 10, column: 1, endLine: 10, endColumn: 23, severity: 'warning', code: 'status-conflict', message: 'SEC-02 is marked resolved but its title says otherwise.' },
      { document: 'docs/security-audit.md', line: 11, column: 35, endLine: 11, endColumn: 61, severity: 'error', code: 'missing-file', message: 'billing/legacy_hooks.py does not exist.' },
      { document: 'docs/security-audit.md', line: 15, column: 18, endLine: 15, endColumn: 42, severity: 'warning', code: 'line-out-of-range', message: 'Lines 300-310 are past the end of billing/tasks.py (180 lines).' },
    ]);
  });

  it('is deterministic whatever the input order', () => {
    const reversed = sampleReport();
    reversed.documents.reverse();
    for (const document of reversed.documents) {
      document.issues.reverse();
      document.references.reverse();
      document.diagnostics.reverse();
    }
    assert.deepEqual(toJsonReport(reversed), json);
  });

  it('does not alias the model', () => {
    const report = sampleReport();
    const output = toJsonReport(report);
    output.issues[2]?.dependencies.push('TD-10');
    assert.deepEqual(report.documents[1]?.issues[2]?.dependencies, ['TD-9']);
  });
});

describe('formatTextReport', () => {
  const plain = formatTextReport(sampleReport(), { color: false });
  const lines = plain.split('\n');

  it('starts with a header of counts', () => {
    assert.equal(lines[0], 'Audit Lens  2 documents · 6 issues (4 open) · 8 references (3 stale)');
  });

  it('names each document with its encoding note, in path order', () => {
    const debt = lines.indexOf('audits/tech-debt.md  3 issues · 3 references');
    const security = lines.indexOf('docs/security-audit.md  mojibake repaired · 3 issues · 5 references');
    assert.ok(debt > 0, plain);
    assert.ok(security > debt, plain);
  });

  it('groups issues by severity with ID, status and title, unspecified last', () => {
    const issueLines = lines.filter((line) => /^ {4}\d+ {2}/.test(line));
    assert.deepEqual(issueLines, [
      '    5  medium  TD-1  in-progress  Split the settings module',
      '    6  low     TD-2  wontfix      Drop the old CSV exporter',
      '    8  info    TD-3  open         Logger config duplicated',
      '    5   critical     SEC-01  open      Raw SQL in invoice search',
      '    9   high         SEC-02  resolved  Webhook secret compared with ==',
      '    13  unspecified  –       —         Tidy the retry helper',
    ]);
  });

  it('lists stale references with location, state, text and reason', () => {
    assert.ok(lines.includes('    audits/tech-debt.md:5:62  ambiguous  settings.py → settings.py matches 2 files.'), plain);
    assert.ok(lines.includes('    docs/security-audit.md:11:35  missing-file       billing/legacy_hooks.py:12 → billing/legacy_hooks.py is not in the workspace.'), plain);
    assert.ok(
      lines.includes('    docs/security-audit.md:15:18  line-out-of-range  billing/tasks.py:300-310 → billing/tasks.py has 180 lines. (now at billing/tasks.py:120-130)'),
      plain,
    );
    assert.ok(!plain.includes('billing/retry.py →'), 'a proposed file is not stale');
    assert.ok(!plain.includes('billing/webhooks.py:41 →'), 'an ok reference is not listed');
  });

  it('lists lints but not the diagnostics that restate a stale reference', () => {
    assert.ok(lines.includes('    docs/security-audit.md:1:1   information  mojibake         Text was decoded as Windows-1252 and saved again; read as repaired UTF-8.'), plain);
    assert.ok(lines.includes('    docs/security-audit.md:10:1  warning      status-conflict  SEC-02 is marked resolved but its title says otherwise.'), plain);
    assert.ok(lines.includes('    audits/tech-debt.md:8:60  hint     reference-in-code  Reference inside a code span.'), plain);
    assert.ok(!plain.includes('billing/legacy_hooks.py does not exist.'), 'missing-file is already listed as a stale reference');
  });

  it('ends with the verdict line', () => {
    assert.equal(lines.at(-2), '✖ 1 error, 4 warnings, 2 notes');
    assert.equal(lines.at(-1), '');
  });

  it('uses no ANSI codes without colour, and some with', () => {
    assert.ok(!plain.includes(ESC));
    const colored = formatTextReport(sampleReport(), { color: true });
    assert.ok(colored.includes(`${ESC}[1;31mcritical${ESC}[0m`), 'critical is bold red');
    assert.ok(colored.includes(`${ESC}[31m✖ 1 error, 4 warnings${ESC}[0m`));
    // Stripping the codes gives back the plain report: colour never shifts the columns.
    assert.equal(colored.replaceAll(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), ''), plain);
  });

  it('says "no problems" when there are no errors or warnings', () => {
    const report: WorkspaceReport = { root: '/srv/empty', documents: [] };
    const text = formatTextReport(report, { color: false });
    assert.equal(text.split('\n')[0], 'Audit Lens  0 documents · 0 issues (0 open) · 0 references (0 stale)');
    assert.ok(text.endsWith('✔ no problems\n'));
  });

  it('renders a document with 150,000 stale references without overflowing the stack', () => {
    const count = 150_000;
    const text = 'See `gone.py:1`.\n'.repeat(count);
    const references = Array.from({ length: count }, (_, line): ResolvedReference => ({
      range: { start: { line, character: 5 }, end: { line, character: 14 } },
      text: 'gone.py:1', path: 'gone.py', startLine: 1, endLine: 1, inCode: false, proposed: false, form: 'path-line',
      resolvedPath: null, candidates: [], state: 'missing-file', reason: null, suggestion: null, issueKey: null,
    }));
    const report: WorkspaceReport = {
      root: '/srv/big',
      documents: [{ path: 'big.md', encoding: 'utf-8', text, issues: [], references, diagnostics: [] }],
    };
    const output = formatTextReport(report, { color: true });
    assert.equal(output.split('\n').filter((line) => line.includes('missing-file')).length, count);
    assert.equal(toJsonReport(report).summary.staleReferences, count);
  });

  it('neutralizes control characters and cuts huge titles from hostile documents', () => {
    const report = sampleReport();
    const target = report.documents[0]?.issues[0];
    assert.ok(target);
    target.title = `Evil ${ESC}]8;;http://x${ESC}\\ title\u202e` + 'x'.repeat(1_000_000);
    const text = formatTextReport(report, { color: false });
    assert.ok(!text.includes(ESC), 'no escape character reaches the terminal');
    assert.ok(!text.includes('\u202e'), 'no bidi override reaches the terminal');
    const line = text.split('\n').find((candidate) => candidate.includes('Evil'));
    assert.ok(line && line.length < 200, `line length ${line?.length}`);
    assert.ok(line.endsWith('…'));
  });
});
