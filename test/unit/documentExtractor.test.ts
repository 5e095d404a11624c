// The extraction phase of one document: lints that need nothing but the document (duplicate IDs,
// status conflicts, encoding), the issue key every reference belongs to, and `cd` sub-project roots.
// Fixtures are our own text, written in the style of real audit trackers.
import assert from 'node:assert/strict';
import { extractDocument, type ExtractedDocument } from '../../server/src/core/documentExtractor';
import { CachedMarkdownParser } from '../../server/src/core/markdown/markdownParser';
import type { AuditDiagnostic, Range } from '../../server/src/core/model';
import { joinLines } from '../helpers/memoryWorkspace';

const DOC = 'docs/audits/PAYMENTS_AUDIT.md';

function extractText(text: string, path = DOC): ExtractedDocument {
  return extractDocument(path, { text }, new CachedMarkdownParser());
}

function extractBytes(bytes: Uint8Array, path = DOC): ExtractedDocument {
  return extractDocument(path, { bytes }, new CachedMarkdownParser());
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** UTF-8 text read back as Mac Roman, as the broken tools did before saving it again. */
function throughMacRoman(text: string): string {
  return new TextDecoder('macintosh').decode(utf8(text));
}

/** The text a range covers, in the document as stored. */
function textAt(text: string, range: Range): string {
  assert.equal(range.start.line, range.end.line, 'single-line range');
  return (text.split(/\r\n|\r|\n/)[range.start.line] ?? '').slice(range.start.character, range.end.character);
}

function withCode(diagnostics: readonly AuditDiagnostic[], code: AuditDiagnostic['code']): AuditDiagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === code);
}

/** Each reference's text and the key of the issue that holds it. */
function referenceKeys(document: ExtractedDocument): Array<[string, string | null]> {
  return document.references.map((reference, index) => [reference.text, document.referenceIssueKeys[index] ?? null]);
}

describe('documentExtractor', () => {
  describe('duplicate-issue-id', () => {
    const text = joinLines(
      '# Payments Service Audit',
      '',
      '## 🔴 P0 - CRITICAL',
      '',
      '### PAY-01: Webhook Signature Not Verified',
      '**Status:** 🔴 Open',
      '**File:** `services/payments/webhooks.py:40-58`',
      '',
      '### PAY-02: Refund Amount Not Bounded',
      '**Status:** 🔴 Open',
      '',
      '### PAY-01: Webhook Signature Not Verified',
      '**Status:** ✅ RESOLVED',
      '**File:** `services/payments/webhooks.py:61`',
    );

    it('warns at the second heading and names the line of the first', () => {
      const document = extractText(text);
      const duplicates = withCode(document.diagnostics, 'duplicate-issue-id');
      assert.equal(duplicates.length, 1);
      const [duplicate] = duplicates;
      assert.equal(duplicate?.severity, 'warning');
      assert.equal(duplicate?.range.start.line, 11);
      assert.equal(duplicate?.message, 'Issue ID PAY-01 is already defined on line 5.');
      assert.deepEqual(duplicate?.data, { id: 'PAY-01', firstLine: 4 });
    });

    it('keeps the first definition under the ID and the second under its line', () => {
      const document = extractText(text);
      assert.deepEqual(
        document.issues.map((issue) => [issue.key, issue.id, issue.status]),
        [
          ['PAY-01', 'PAY-01', 'open'],
          ['PAY-02', 'PAY-02', 'open'],
          [`${DOC}#12`, 'PAY-01', 'resolved'],
        ],
      );
      assert.deepEqual(referenceKeys(document), [
        ['services/payments/webhooks.py:40-58', 'PAY-01'],
        ['services/payments/webhooks.py:61', `${DOC}#12`],
      ]);
    });

    it('does not warn about an ID that list items only mention', () => {
      const document = extractText(
        joinLines(
          '## High Priority',
          '',
          '### PAY-03: Ledger Rounding Drift',
          '**Status:** 🔴 Open',
          '',
          '## Sprint Plan',
          '',
          '- [ ] PAY-03: Ledger rounding drift',
        ),
      );
      assert.deepEqual(withCode(document.diagnostics, 'duplicate-issue-id'), []);
      assert.deepEqual(document.issues.map((issue) => issue.key), ['PAY-03']);
    });
  });

  describe('status-conflict', () => {
    it('warns at a "Recently Completed" mention of a heading that is open by the document convention', () => {
      const text = joinLines(
        '## Critical Issues (3)',
        '',
        '### ~~CRIT-1: Backups Missing Before Deploy~~ ✅ RESOLVED',
        '**File**: deploy/pipeline.yaml:12-20',
        '',
        '### CRIT-2: Migrations Not Checked in CI',
        '**File**: .github/workflows/ci.yml:30-34',
        '',
        '## Progress Tracking',
        '',
        '### Recently Completed',
        '',
        '- ✅ **CRIT-1**: Backups before deploy (deploy/pipeline.yaml)',
        '- ✅ **CRIT-2**: Migration checks in CI (.github/workflows/ci.yml)',
      );
      const document = extractText(text);
      assert.deepEqual(
        document.issues.map((issue) => [issue.key, issue.status]),
        [
          ['CRIT-1', 'resolved'],
          ['CRIT-2', 'open'],
        ],
      );
      const conflicts = withCode(document.diagnostics, 'status-conflict');
      assert.equal(conflicts.length, 1);
      assert.equal(conflicts[0]?.severity, 'warning');
      assert.equal(conflicts[0]?.range.start.line, 13);
      assert.equal(conflicts[0]?.message, 'CRIT-2 is marked resolved here but open on line 6.');
      assert.deepEqual(conflicts[0]?.data, { id: 'CRIT-2', issueLine: 5, here: 'resolved', there: 'open' });
    });

    it('warns when the open status comes from the heading’s own Status field', () => {
      const text = joinLines(
        '## 🟠 P1 - HIGH',
        '',
        '### PAY-04: Refund Race on Double Submit',
        '**Severity:** 🟠 High',
        '**Status:** 🔴 Open',
        '**File:** `services/payments/refunds.py:88-97`',
        '',
        '## Recently Completed',
        '',
        '- ✅ **PAY-04**: Refund race fixed with a row lock',
      );
      const document = extractText(text);
      const conflicts = withCode(document.diagnostics, 'status-conflict');
      assert.equal(conflicts.length, 1);
      assert.equal(conflicts[0]?.range.start.line, 9);
      assert.equal(conflicts[0]?.message, 'PAY-04 is marked resolved here but open on line 3.');
    });

    it('stays quiet when the mention agrees with the heading', () => {
      const text = joinLines(
        '### PAY-05: Idempotency Keys Not Stored',
        '**Status:** ✅ RESOLVED',
        '',
        '## Recently Completed',
        '',
        '- ✅ **PAY-05**: Idempotency keys stored for 24 hours',
      );
      assert.deepEqual(withCode(extractText(text).diagnostics, 'status-conflict'), []);
    });

    // Documents such as seed 003 strike and tick done headings *and* give them a Status field; the
    // unmarked sibling is still open by the document's convention, so its ✅ mention conflicts.
    // Fails until issueExtractor counts a title status even when a Status field agrees with it.
    it('applies the open-by-convention rule when done headings also carry a Status field', () => {
      const text = joinLines(
        '## Critical Issues (2)',
        '',
        '### ~~CRIT-1: Backups Missing Before Deploy~~ ✅ RESOLVED',
        '**File**: deploy/pipeline.yaml:12-20',
        '**Status**: ✅ Fixed on 2026-01-20',
        '',
        '### CRIT-2: Migrations Not Checked in CI',
        '**File**: .github/workflows/ci.yml:30-34',
        '',
        '### Recently Completed',
        '',
        '- ✅ **CRIT-2**: Migration checks in CI (.github/workflows/ci.yml)',
      );
      const document = extractText(text);
      assert.deepEqual(
        document.issues.map((issue) => [issue.key, issue.status]),
        [
          ['CRIT-1', 'resolved'],
          ['CRIT-2', 'open'],
        ],
      );
      assert.deepEqual(
        withCode(document.diagnostics, 'status-conflict').map((diagnostic) => diagnostic.range.start.line),
        [11],
      );
    });
  });

  describe('encoding', () => {
    const clean = joinLines(
      '# Payments Service Audit',
      '',
      'Reviewed by the platform team.',
      '',
      '## 🔴 P0 - CRITICAL',
      '',
      '### PAY-01: Webhook Signature Not Verified',
      '**Status:** 🔴 Open',
      '- 🔴 see `services/payments/webhooks.py:40-58`',
      '',
      '### PAY-02: Refund Note — Café Orders',
      '**Status:** ✅ RESOLVED',
    );
    const garbled = throughMacRoman(clean);

    it('builds real mojibake in the fixture', () => {
      assert.notEqual(garbled, clean);
      assert.ok(garbled.includes('üî¥'), 'the red circle reads as Mac Roman mojibake');
      assert.equal(garbled.split('\n').length, clean.split('\n').length);
    });

    for (const [input, extract] of [
      ['bytes from disk', () => extractBytes(utf8(garbled))],
      ['editor text', () => extractText(garbled)],
    ] as const) {
      it(`reports mojibake once, on the first garbled line, for ${input}`, () => {
        const document = extract();
        assert.equal(document.encoding, 'mojibake-repaired');
        assert.equal(document.diagnostics.length, 1);
        const [mojibake] = document.diagnostics;
        assert.equal(mojibake?.code, 'mojibake');
        assert.equal(mojibake?.severity, 'information');
        assert.equal(mojibake?.range.start.line, 4);
        assert.match(mojibake?.message ?? '', /read as Mac Roman/);
        assert.equal(mojibake?.data?.['source'], 'mac-roman');
      });

      it(`reads issues from the repaired text and ranges from the stored one, for ${input}`, () => {
        const document = extract();
        assert.equal(document.text, garbled, 'the text is kept as stored');
        assert.deepEqual(
          document.issues.map((issue) => [issue.key, issue.title, issue.severity, issue.status]),
          [
            ['PAY-01', 'Webhook Signature Not Verified', 'critical', 'open'],
            ['PAY-02', 'Refund Note — Café Orders', 'critical', 'resolved'],
          ],
        );
        assert.equal(document.references.length, 1);
        const [reference] = document.references;
        assert.ok(reference);
        assert.equal(reference.range.start.line, 8);
        assert.equal(textAt(garbled, reference.range), 'services/payments/webhooks.py:40-58');
        assert.deepEqual(document.referenceIssueKeys, ['PAY-01']);
      });
    }

    it('leaves clean editor text alone', () => {
      const document = extractText(clean);
      assert.equal(document.encoding, 'utf-8');
      assert.deepEqual(document.diagnostics, []);
      assert.equal(document.issues.length, 2);
    });
  });

  describe('issue keys of references', () => {
    it('gives each reference the key of the heading, item or row that holds it', () => {
      const text = joinLines(
        '# Booking Service Review',
        '',
        'Scope: `backend/bookings/` and `backend/app/settings.py`.',
        '',
        '### BK-01: Double Booking Under Load',
        '**Status:** 🔴 Open',
        '**File:** `backend/bookings/views.py:149-160`',
        '',
        '## 🟡 Medium Priority',
        '',
        '- [ ] Cache the availability query (`backend/bookings/utils.py:12`)',
        '  - touches `backend/bookings/models.py:40`',
        '- [x] Index `booking.start_at` in `backend/bookings/models.py:58`',
      );
      const document = extractText(text);
      assert.deepEqual(
        document.issues.map((issue) => issue.key),
        ['BK-01', `${DOC}#11`, `${DOC}#13`],
      );
      assert.deepEqual(referenceKeys(document), [
        ['backend/app/settings.py', null],
        ['backend/bookings/views.py:149-160', 'BK-01'],
        ['backend/bookings/utils.py:12', `${DOC}#11`],
        ['backend/bookings/models.py:40', `${DOC}#11`],
        ['backend/bookings/models.py:58', `${DOC}#13`],
      ]);
    });

    it('gives references inside a mention item the key of the mentioned issue', () => {
      const text = joinLines(
        '### HIGH-3: N+1 Query in Alert Listing',
        '**Status**: ✅ RESOLVED',
        '**File**: alerts/views.py:46-64',
        '',
        '### HIGH-4: Wildcard Imports in Models',
        '**Status**: ✅ RESOLVED',
        '',
        '## Recently Completed',
        '',
        '- ✅ **HIGH-3**: Prefetch alert events (alerts/views.py)',
        '- ✅ **HIGH-4**: Explicit imports (alerts/models.py, alerts/__init__.py)',
        '',
        'Follow-up notes live in `docs/ALERTS.md`.',
      );
      const document = extractText(text);
      assert.deepEqual(document.issues.map((issue) => issue.key), ['HIGH-3', 'HIGH-4']);
      assert.deepEqual(referenceKeys(document), [
        ['alerts/views.py:46-64', 'HIGH-3'],
        ['alerts/views.py', 'HIGH-3'],
        ['alerts/models.py', 'HIGH-4'],
        ['alerts/__init__.py', 'HIGH-4'],
        ['docs/ALERTS.md', null],
      ]);
    });
  });

  describe('sub-project roots', () => {
    it('reads `cd <folder>` in fenced code, in order, once each', () => {
      const text = joinLines(
        '# Deployment Review',
        '',
        'Run these from the repository root; then cd docs is not a command here.',
        '',
        '```bash',
        'cd backend && python manage.py check --deploy',
        '(cd frontend/web; npm run build)',
        'cd backend',
        'cd ../elsewhere',
        'cd /etc',
        '```',
        '',
        '**File:** `app/settings.py:12`',
      );
      const document = extractText(text);
      assert.deepEqual(document.subprojectRoots, ['backend', 'frontend/web']);
    });

    it('finds none without fenced code', () => {
      assert.deepEqual(extractText('Run `cd backend` first, then check `app/settings.py:3`.').subprojectRoots, []);
    });
  });

  describe('content that is not an audit', () => {
    it('returns an empty document for empty text', () => {
      const document = extractText('');
      assert.equal(document.encoding, 'utf-8');
      assert.deepEqual(document.issues, []);
      assert.deepEqual(document.references, []);
      assert.deepEqual(document.diagnostics, []);
    });

    it('skips editor text holding NUL characters as binary', () => {
      const document = extractText('# Audit\u0000\u0000\n### PAY-01: Something `a.py:1`');
      assert.deepEqual(withCode(document.diagnostics, 'binary-file').length, 1);
      assert.deepEqual(document.issues, []);
      assert.deepEqual(document.references, []);
    });
  });
});
