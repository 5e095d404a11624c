// The Markdown export and the New Audit Document template (read back by the core, so the
// template is an audit Audit Lens understands).
import assert from 'node:assert/strict';
import { auditTemplate, nextAuditFileName } from '../../../client/src/model/auditTemplate';
import { renderMarkdownReport } from '../../../client/src/model/markdownReport';
import { extractDocument } from '../../../server/src/core/documentExtractor';
import { CachedMarkdownParser } from '../../../server/src/core/markdown/markdownParser';
import { acme, shop } from './issueFixtures';

describe('client markdown report', () => {
  it('summarizes, counts by severity, tables the issues and lists stale references', () => {
    const report = renderMarkdownReport([acme()], '2025-11-28T10:00:00.000Z');
    const lines = report.split('\n');
    assert.deepEqual(lines.slice(0, 16), [
      '# Audit Lens Report',
      '',
      'Generated 2025-11-28T10:00:00.000Z.',
      '',
      '**7 open** of 9 issues in 2 documents · **3 stale** of 9 code references.',
      '',
      '## Open issues by severity',
      '',
      '| Severity | Open | Total |',
      '|---|---:|---:|',
      '| Critical | 2 | 3 |',
      '| High | 2 | 3 |',
      '| Medium | 2 | 2 |',
      '| No severity | 1 | 1 |',
      '',
      '## SECURITY_AUDIT.md',
    ]);
    assert.ok(lines.includes('| SEC-04 | Password Reset Tokens Use a Predictable Generator | High | in progress | 1 (1 stale) |'));
    assert.ok(lines.includes('| P0-01 | Add Health Checks to Every Service | Critical | open | - |'));
    assert.ok(
      lines.includes(
        '- `backend/payments/webhooks.py:88` (missing file) in SEC-07 Payment Webhook Signature Not Verified, SECURITY_AUDIT.md:166: No file backend/payments/webhooks.py exists in the workspace.',
      ),
    );
    assert.equal(lines.filter((line) => line.startsWith('- `')).length, 3);
    assert.ok(report.endsWith('|\n') || report.endsWith('.\n'));
  });

  it('gives each folder its own section in a multi-root workspace and escapes table cells', () => {
    const other = shop();
    const cart = other.result.documents[0]?.issues[0];
    assert.ok(cart);
    cart.title = 'Cart | Total';
    const report = renderMarkdownReport([acme(), other], 'now');
    assert.match(report, /^## acme$/m);
    assert.match(report, /^## shop$/m);
    assert.match(report, /^### REVIEW\.md$/m);
    assert.match(report, /\| CR-01 \| Cart \\\| Total \| High \| open \| 1 \|/);
  });
});

describe('client audit template', () => {
  it('picks AUDIT.md, then the first free AUDIT-n.md, whatever the case on disk', () => {
    assert.equal(nextAuditFileName(['README.md']), 'AUDIT.md');
    assert.equal(nextAuditFileName(['audit.md', 'AUDIT-2.md']), 'AUDIT-3.md');
  });

  it('is an audit the core reads: one critical open issue with a code reference', () => {
    const text = auditTemplate('2025-11-28');
    assert.match(text, /^# Code Audit - Findings Tracker\n/);
    assert.match(text, /\*\*Audit Date:\*\* 2025-11-28/);
    const extracted = extractDocument('AUDIT.md', { text }, new CachedMarkdownParser());
    assert.deepEqual(
      extracted.issues.map((issue) => [issue.key, issue.severity, issue.status]),
      [['AUD-01', 'critical', 'open']],
    );
    assert.deepEqual(extracted.references.map((reference) => [reference.path, reference.startLine, reference.endLine]), [['path/to/file.py', 42, 57]]);
    assert.deepEqual(extracted.referenceIssueKeys, ['AUD-01']);
  });
});
