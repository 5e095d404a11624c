import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type * as sarif from 'sarif';
import type { AuditDiagnostic, DocumentAnalysis, Range, WorkspaceReport } from '../../server/src/core/model';
import { FINGERPRINT_KEY, SARIF_SCHEMA_URI, sarifLevel, toSarif } from '../../server/src/core/report/sarifReport';

/**
 * The SARIF 2.1.0 schema as @microsoft/jest-sarif ships it (schemastore's `sarif-2.1.0-rtm.5`,
 * the 2.1.0 release schema in draft-04 form). Every keyword it uses (type, properties, items,
 * enum, minimum, pattern, format, $ref…) means the same in draft-04 and draft-07, so only the
 * draft-04 header is swapped for Ajv 8: `$schema` goes and `id` becomes `$id`. Against the later
 * OASIS errata schema it differs only in suppression.status/state and a stray `]` in the language
 * pattern, neither of which our logs use; `unicodeRegExp: false` lets that pattern compile as the
 * schema's own (non-unicode) regex dialect reads it.
 */
function loadSchemaValidator(): ValidateFunction {
  const packageJson = require.resolve('@microsoft/jest-sarif/package.json');
  const schemaPath = join(dirname(packageJson), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  assert.equal(schema['$schema'], 'http://json-schema.org/draft-04/schema#', 'the vendored schema changed shape');
  const { $schema: _draft04, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: String(id) });
}

function rangeOf(text: string, needle: string): Range {
  const offset = text.indexOf(needle);
  if (offset === -1) throw new Error(`fixture: '${needle}' not found`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

function document(path: string, text: string, diagnostics: Array<[string, AuditDiagnostic['code'], AuditDiagnostic['severity'], string]>): DocumentAnalysis {
  return {
    path,
    encoding: 'utf-8',
    text,
    issues: [],
    references: [],
    diagnostics: diagnostics.map(([needle, code, severity, message]) => ({ range: rangeOf(text, needle), code, severity, message })),
  };
}

const reviewText = [
  '# Payments Review',
  '',
  '### PAY-3: Refund path skips the ledger',
  '**Location:** `payments/refunds.py:210-236`',
  'Also see `payments/ledger_v1.py:18` (removed in the rewrite).',
  '',
  '### PAY-4: Duplicate of PAY-3',
  'Depends on PAY-9.',
].join('\n');

const notesText = ['# Cleanup notes', '', '```', 'scripts/migrate.py:14', '```', 'Ã©tÃ© notes'].join('\n');

function sampleReport(): WorkspaceReport {
  return {
    root: '/srv/payments',
    documents: [
      document('review/payments review.md', reviewText, [
        ['payments/refunds.py:210-236', 'line-out-of-range', 'warning', 'Lines 210-236 are past the end of payments/refunds.py (190 lines).'],
        ['payments/ledger_v1.py:18', 'missing-file', 'error', 'payments/ledger_v1.py does not exist.'],
        ['PAY-9', 'unknown-issue-id', 'warning', 'PAY-4 depends on PAY-9, which no document defines.'],
      ]),
      document('docs/notes.md', notesText, [
        ['scripts/migrate.py:14', 'reference-in-code', 'hint', 'Reference inside a code block.'],
        ['Ã©tÃ©', 'mojibake', 'information', 'Text looks decoded twice.'],
      ]),
    ],
  };
}

function onlyRun(log: sarif.Log): sarif.Run {
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  assert.ok(run);
  return run;
}

function resultsOf(log: sarif.Log): sarif.Result[] {
  return onlyRun(log).results ?? [];
}

describe('toSarif', () => {
  const validate = loadSchemaValidator();
  const log = toSarif(sampleReport(), '1.2.3');

  it('validates against the SARIF 2.1.0 schema', () => {
    const valid = validate(JSON.parse(JSON.stringify(log)));
    assert.equal(valid, true, JSON.stringify(validate.errors, null, 2));
  });

  it('validates an empty workspace too', () => {
    const empty = toSarif({ root: '/srv/empty', documents: [] }, '1.2.3');
    assert.equal(validate(empty), true, JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(onlyRun(empty).results, []);
  });

  it('has a validator that rejects broken logs', () => {
    const broken: Array<[string, (copy: any) => void]> = [
      ['no version', (copy) => delete copy.version],
      ['wrong version', (copy) => (copy.version = '2.0.0')],
      ['unknown level', (copy) => (copy.runs[0].results[0].level = 'fatal')],
      ['zero start line', (copy) => (copy.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0)],
      ['no tool', (copy) => delete copy.runs[0].tool],
      ['message without text or id', (copy) => (copy.runs[0].results[0].message = {})],
      ['unknown top-level property', (copy) => (copy.extra = true)],
    ];
    for (const [name, breakIt] of broken) {
      const copy = JSON.parse(JSON.stringify(log));
      breakIt(copy);
      assert.equal(validate(copy), false, `${name} should fail validation`);
    }
  });

  it('declares the schema, version and tool', () => {
    assert.equal(log.$schema, SARIF_SCHEMA_URI);
    assert.equal(log.version, '2.1.0');
    const driver = onlyRun(log).tool.driver;
    assert.equal(driver.name, 'audit-lens');
    assert.equal(driver.version, '1.2.3');
    assert.match(driver.informationUri ?? '', /^https:\/\//);
  });

  it('has one rule per diagnostic code, each fully described', () => {
    const rules = onlyRun(log).tool.driver.rules ?? [];
    const ids = rules.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
    for (const code of ['missing-file', 'line-out-of-range', 'ambiguous-path', 'outside-workspace', 'duplicate-issue-id', 'unknown-issue-id',
      'status-conflict', 'mojibake', 'invalid-utf-8', 'binary-file', 'document-too-large', 'reference-in-code', 'read-error']) {
      const rule = rules.find((candidate) => candidate.id === code);
      assert.ok(rule, `rule ${code}`);
      assert.ok(rule.shortDescription?.text, `${code} shortDescription`);
      assert.ok(rule.fullDescription?.text, `${code} fullDescription`);
      assert.ok(rule.help?.text, `${code} help`);
      assert.ok(rule.defaultConfiguration?.level, `${code} default level`);
    }
    assert.equal(rules.find((rule) => rule.id === 'missing-file')?.defaultConfiguration?.level, 'error');
  });

  it('points every result at its rule by id and index', () => {
    const rules = onlyRun(log).tool.driver.rules ?? [];
    const results = resultsOf(log);
    assert.equal(results.length, 5);
    for (const result of results) {
      assert.equal(rules[result.ruleIndex ?? -1]?.id, result.ruleId);
    }
  });

  it('maps severities to SARIF levels', () => {
    assert.equal(sarifLevel('error'), 'error');
    assert.equal(sarifLevel('warning'), 'warning');
    assert.equal(sarifLevel('information'), 'note');
    assert.equal(sarifLevel('hint'), 'note');
    assert.deepEqual(
      resultsOf(log).map((result) => [result.ruleId, result.level]),
      [
        ['reference-in-code', 'note'],
        ['mojibake', 'note'],
        ['line-out-of-range', 'warning'],
        ['missing-file', 'error'],
        ['unknown-issue-id', 'warning'],
      ],
    );
  });

  it('locates results relative to %SRCROOT% with 1-based regions', () => {
    const run = onlyRun(log);
    assert.deepEqual(run.originalUriBaseIds?.['%SRCROOT%']?.uri, 'file:///srv/payments/');
    const missing = resultsOf(log).find((result) => result.ruleId === 'missing-file');
    assert.deepEqual(missing?.locations?.[0]?.physicalLocation, {
      artifactLocation: { uri: 'review/payments%20review.md', uriBaseId: '%SRCROOT%' },
      // `payments/ledger_v1.py:18` starts at zero-based line 4, character 10 and is 24 long.
      region: { startLine: 5, startColumn: 11, endLine: 5, endColumn: 35 },
    });
    assert.equal(missing?.message.text, 'payments/ledger_v1.py does not exist.');
  });

  it('gives stable fingerprints across runs', () => {
    const again = toSarif(sampleReport(), '1.2.4');
    const fingerprints = (value: sarif.Log) => resultsOf(value).map((result) => result.partialFingerprints?.[FINGERPRINT_KEY]);
    const first = fingerprints(log);
    assert.deepEqual(fingerprints(again), first);
    for (const value of first) assert.match(value ?? '', /^[0-9a-f]{64}$/);
    assert.equal(new Set(first).size, first.length, 'different findings have different fingerprints');
  });

  it('keeps a fingerprint when the finding only moves to another line', () => {
    const moved = sampleReport();
    const review = moved.documents[0];
    assert.ok(review);
    const shifted = `New intro paragraph.\n\n${review.text}`;
    moved.documents[0] = document(review.path, shifted, [
      ['payments/refunds.py:210-236', 'line-out-of-range', 'warning', 'Lines 210-236 are past the end of payments/refunds.py (190 lines).'],
      ['payments/ledger_v1.py:18', 'missing-file', 'error', 'payments/ledger_v1.py does not exist.'],
      ['PAY-9', 'unknown-issue-id', 'warning', 'PAY-4 depends on PAY-9, which no document defines.'],
    ]);
    const before = resultsOf(log).find((result) => result.ruleId === 'missing-file');
    const after = resultsOf(toSarif(moved, '1.2.3')).find((result) => result.ruleId === 'missing-file');
    assert.equal(after?.locations?.[0]?.physicalLocation?.region?.startLine, 7);
    assert.equal(after?.partialFingerprints?.[FINGERPRINT_KEY], before?.partialFingerprints?.[FINGERPRINT_KEY]);
  });

  it('tells identical findings in one document apart', () => {
    const text = 'See `gone.py:1`.\n\nAnd again `gone.py:1`.';
    const twice: WorkspaceReport = {
      root: '/srv/x',
      documents: [{
        path: 'a.md', encoding: 'utf-8', text, issues: [], references: [],
        diagnostics: [
          { code: 'missing-file', severity: 'error', message: 'gone.py does not exist.', range: { start: { line: 0, character: 5 }, end: { line: 0, character: 14 } } },
          { code: 'missing-file', severity: 'error', message: 'gone.py does not exist.', range: { start: { line: 2, character: 11 }, end: { line: 2, character: 20 } } },
        ],
      }],
    };
    const [first, second] = resultsOf(toSarif(twice, '1.0.0')).map((result) => result.partialFingerprints?.[FINGERPRINT_KEY]);
    assert.ok(first && second);
    assert.notEqual(first, second);
  });

  it('gives a code it does not know a generic rule instead of failing', () => {
    const report = sampleReport();
    const notes = report.documents[1];
    assert.ok(notes);
    notes.diagnostics.push({ code: 'future-code' as AuditDiagnostic['code'], severity: 'warning', message: 'From a newer core.', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
    const future = toSarif(report, '1.2.3');
    assert.equal(validate(JSON.parse(JSON.stringify(future))), true, JSON.stringify(validate.errors, null, 2));
    const rules = onlyRun(future).tool.driver.rules ?? [];
    const result = resultsOf(future).find((candidate) => candidate.ruleId === 'future-code');
    assert.equal(rules[result?.ruleIndex ?? -1]?.id, 'future-code');
  });

  it('fingerprints 100,000 findings in a 100,000-line document, each distinct', () => {
    const count = 100_000;
    const text = Array.from({ length: count }, (_, line) => `- see \`gone_${line}.py:1\``).join('\n');
    const diagnostics = Array.from({ length: count }, (_, line): AuditDiagnostic => ({
      code: 'missing-file', severity: 'error', message: 'Gone.',
      range: { start: { line, character: 7 }, end: { line, character: 7 + `gone_${line}.py:1`.length } },
    }));
    const report: WorkspaceReport = { root: '/srv/big', documents: [{ path: 'big.md', encoding: 'utf-8', text, issues: [], references: [], diagnostics }] };
    const results = resultsOf(toSarif(report, '1.0.0'));
    assert.equal(new Set(results.map((result) => result.partialFingerprints?.[FINGERPRINT_KEY])).size, count);
  });

  it('survives ranges outside the text and inverted ranges', () => {
    const report: WorkspaceReport = {
      root: '/srv/x',
      documents: [{
        path: 'b.md', encoding: 'invalid-utf-8', text: 'short', issues: [], references: [],
        diagnostics: [
          { code: 'read-error', severity: 'error', message: '', range: { start: { line: 40, character: 3 }, end: { line: 41, character: 0 } } },
          { code: 'binary-file', severity: 'hint', message: 'Looks binary.', range: { start: { line: 0, character: 4 }, end: { line: 0, character: 1 } } },
        ],
      }],
    };
    const value = toSarif(report, '1.0.0');
    assert.equal(validate(JSON.parse(JSON.stringify(value))), true, JSON.stringify(validate.errors, null, 2));
    const [binary, readError] = resultsOf(value);
    assert.equal(binary?.ruleId, 'binary-file', 'results follow document order');
    assert.equal(readError?.message.text, 'File could not be read', 'an empty message falls back to the rule');
    assert.deepEqual(binary?.locations?.[0]?.physicalLocation?.region, { startLine: 1, startColumn: 5, endLine: 1, endColumn: 5 });
  });
});
