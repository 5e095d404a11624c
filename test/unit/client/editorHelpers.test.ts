// Copy Audit Reference, gutter decoration plans, and finding issues in the client's snapshot.
import assert from 'node:assert/strict';
import { formatAuditReference, formatAuditReferences } from '../../../client/src/model/auditReference';
import { issuesAtLine, planDecorations, spanHover } from '../../../client/src/model/decorationPlan';
import type { FileIssueEntry, IssuesForFileResult } from '../../../client/src/model/issueData';
import { allReferences, changeAffectsIssues, findIssue, issueAtLine } from '../../../client/src/model/issueLookup';
import { acme, ACME, shop, SHOP } from './issueFixtures';

function entry(key: string, severity: FileIssueEntry['severity'], status: FileIssueEntry['status'], overrides: Partial<FileIssueEntry> = {}): FileIssueEntry {
  return { documentPath: 'SECURITY_AUDIT.md', key, id: key, title: `${key} title`, severity, status, state: 'ok', issueLine: 10, ...overrides };
}

describe('client copy audit reference', () => {
  it('writes one line as path:line and several as path:start-end, 1-based', () => {
    assert.equal(formatAuditReference('backend/app/settings.py', { startLine: 11, endLine: 11, endCharacter: 4 }), 'backend/app/settings.py:12');
    assert.equal(formatAuditReference('backend/app/settings.py', { startLine: 441, endLine: 465, endCharacter: 9 }), 'backend/app/settings.py:442-466');
  });

  it('leaves out a last line the selection only touches at its start', () => {
    assert.equal(formatAuditReference('src/a.ts', { startLine: 9, endLine: 20, endCharacter: 0 }), 'src/a.ts:10-20');
    assert.equal(formatAuditReference('src/a.ts', { startLine: 9, endLine: 10, endCharacter: 0 }), 'src/a.ts:10');
  });

  it('uses forward slashes and lists several selections in order without repeats', () => {
    assert.equal(formatAuditReference('src\\lib\\date.ts', { startLine: 0, endLine: 0, endCharacter: 0 }), 'src/lib/date.ts:1');
    const selections = [
      { startLine: 30, endLine: 31, endCharacter: 2 },
      { startLine: 4, endLine: 4, endCharacter: 1 },
      { startLine: 4, endLine: 4, endCharacter: 3 },
    ];
    assert.equal(formatAuditReferences('x.py', selections), 'x.py:5\nx.py:31-32');
  });
});

describe('client gutter decorations', () => {
  const result: IssuesForFileResult = {
    path: 'backend/accounts/views.py',
    ranges: [
      { startLine: null, endLine: null, editedSinceIndexed: false, issues: [entry('SEC-09', 'low', 'open')] },
      { startLine: 39, endLine: 61, editedSinceIndexed: false, issues: [entry('SEC-02', 'critical', 'open'), entry('SEC-04', 'high', 'in-progress')] },
      { startLine: 43, endLine: 43, editedSinceIndexed: false, issues: [entry('SEC-01', 'critical', 'resolved'), entry('P3-01', null, null)] },
      { startLine: 70, endLine: 95, editedSinceIndexed: false, issues: [entry('SEC-06', 'medium', 'open')] },
      { startLine: 120, endLine: 125, editedSinceIndexed: false, issues: [entry('SEC-08', 'info', 'open')] },
    ],
  };

  it('marks each span with its most severe open issue, zero-based, clamped to the file', () => {
    const plan = planDecorations(result, 90);
    assert.deepEqual([...plan.keys()], ['critical', 'none', 'medium']);
    assert.deepEqual(plan.get('critical')?.map((span) => [span.startLine, span.endLine, span.issues.map((issue) => issue.key)]), [[38, 60, ['SEC-02', 'SEC-04']]]);
    assert.deepEqual(plan.get('none')?.map((span) => [span.startLine, span.endLine, span.issues.map((issue) => issue.key)]), [[42, 42, ['P3-01']]]);
    assert.deepEqual(plan.get('medium')?.map((span) => [span.startLine, span.endLine]), [[69, 89]]);
  });

  it('marks nothing for no answer or an empty file', () => {
    assert.equal(planDecorations(null, 10).size, 0);
    assert.equal(planDecorations(result, 0).size, 0);
  });

  it('lists the issues of a span in its hover, each linking to its document', () => {
    const span = planDecorations(result, 200).get('critical')?.[0];
    assert.ok(span);
    assert.equal(
      spanHover(span, (issue) => `command:open?${issue.key}`),
      [
        '**Audit Lens**: 2 open issues reference these lines',
        '',
        '- [SEC\\-02 SEC\\-02 title](command:open?SEC-02) · Critical · open · SECURITY\\_AUDIT\\.md',
        '- [SEC\\-04 SEC\\-04 title](command:open?SEC-04) · High · in progress · SECURITY\\_AUDIT\\.md',
      ].join('\n'),
    );
  });

  it('finds the issues on a line, file-level ones included', () => {
    assert.deepEqual(issuesAtLine(result, 42).map((issue) => issue.key), ['SEC-09', 'SEC-02', 'SEC-04', 'SEC-01', 'P3-01']);
    assert.deepEqual(issuesAtLine(result, 65).map((issue) => issue.key), ['SEC-09']);
    assert.deepEqual(issuesAtLine(null, 1), []);
  });
});

describe('client issue lookup', () => {
  const folders = [acme(), shop()];

  it('finds an issue by key, in one folder or any', () => {
    assert.equal(findIssue(folders, ACME, 'SECURITY_AUDIT.md', 'SEC-05')?.issue.title, 'Token Stored in localStorage');
    assert.equal(findIssue(folders, undefined, 'REVIEW.md', 'CR-01')?.folderUri, SHOP);
    assert.equal(findIssue(folders, SHOP, 'SECURITY_AUDIT.md', 'SEC-05'), undefined);
  });

  it('finds the issue a line of an audit document belongs to', () => {
    assert.equal(issueAtLine(folders, ACME, 'SECURITY_AUDIT.md', 38)?.issue.key, 'SEC-02');
    assert.equal(issueAtLine(folders, ACME, 'SECURITY_AUDIT.md', 80)?.issue.key, 'SEC-02');
    assert.equal(issueAtLine(folders, ACME, 'SECURITY_AUDIT.md', 200)?.issue.key, 'SEC-07');
    assert.equal(issueAtLine(folders, ACME, 'SECURITY_AUDIT.md', 3), undefined);
    assert.equal(issueAtLine(folders, ACME, 'NOPE.md', 3), undefined);
  });

  it('lists every reference with its issue', () => {
    assert.equal(allReferences(folders).length, 10);
  });

  it('refreshes the tree for documents and referenced files, not for unrelated source edits', () => {
    assert.equal(changeAffectsIssues(folders, ACME, []), true);
    assert.equal(changeAffectsIssues(folders, ACME, ['docs/new-audit.md']), true);
    assert.equal(changeAffectsIssues(folders, ACME, ['backend/accounts/views.py']), true);
    assert.equal(changeAffectsIssues(folders, ACME, ['backend/bookings/utils.py']), true, 'an ambiguous reference candidate');
    assert.equal(changeAffectsIssues(folders, ACME, ['backend/payments/webhooks.py']), true, 'a missing file that appears');
    assert.equal(changeAffectsIssues(folders, ACME, ['frontend/src/App.tsx', 'backend/manage.py']), false);
    assert.equal(changeAffectsIssues(folders, 'file:///elsewhere', ['a.py']), true);
  });
});
