import assert from 'node:assert/strict';
import { extractIssues } from '../../server/src/core/issues/issueExtractor';
import { CachedMarkdownParser } from '../../server/src/core/markdown/markdownParser';
import { fencedLineMask, splitLines } from '../../server/src/core/markdown/sectionSplitter';
import { joinLines } from '../helpers/memoryWorkspace';

function extract(text: string) {
  const lines = splitLines(text);
  return extractIssues('audit.md', lines, new CachedMarkdownParser().parse(lines), fencedLineMask(lines));
}

function summary(text: string) {
  return extract(text).issues.map((issue) => ({ key: issue.key, id: issue.id, title: issue.title, severity: issue.severity, status: issue.status, kind: issue.kind }));
}

describe('issueExtractor', () => {
  it('reads heading issues with fields, in the tracker style', () => {
    const text = joinLines(
      '# Payments Service Audit',
      '',
      '## 🔴 P0 - CRITICAL (Release Blockers)',
      '',
      '### PAY-01: Webhook Signature Not Verified',
      '',
      '**Severity:** 🔴 Critical  ',
      '**Category:** Security  ',
      '**Status:** 🔴 Open  ',
      '**Effort:** S (30 minutes)',
      '',
      '**Location:**',
      '',
      '- `services/payments/webhooks.py` lines 40-58',
      '',
      '**Dependencies:** PAY-02 (secret rotation), PAY-09',
      '',
      '### PAY-02: Webhook Secret Stored in Settings',
      '',
      '**Severity:** 🟠 High',
      '**Status:** ✅ RESOLVED',
    );
    const { issues } = extract(text);
    assert.equal(issues.length, 2);
    const [first, second] = issues;
    assert.equal(first?.key, 'PAY-01');
    assert.equal(first?.title, 'Webhook Signature Not Verified');
    assert.equal(first?.severity, 'critical');
    assert.equal(first?.status, 'open');
    assert.equal(first?.kind, 'heading');
    assert.deepEqual(first?.sectionPath, ['Payments Service Audit', 'P0 - CRITICAL (Release Blockers)']);
    assert.equal(first?.fields['category'], 'Security');
    assert.equal(first?.fields['effort'], 'S (30 minutes)');
    assert.equal(first?.fields['location'], 'services/payments/webhooks.py lines 40-58');
    assert.deepEqual(first?.dependencies, ['PAY-02', 'PAY-09']);
    assert.equal(first?.bodyStartLine, 4);
    assert.equal(first?.bodyEndLine, 17);
    assert.equal(second?.severity, 'high', 'the own field beats the section title');
    assert.equal(second?.status, 'resolved');
  });

  it('reads struck-through headings as resolved and unmarked siblings as open', () => {
    const text = joinLines(
      '## Critical Issues (3)',
      '',
      '### ~~CRIT-1: Backups Missing Before Deploy~~ ✅ RESOLVED',
      '**File**: deploy/pipeline.yaml:12-20',
      '',
      '### CRIT-2: Migrations Not Checked in CI',
      '**File**: .github/workflows/ci.yml:30-34',
      '',
      '### CRIT-3: Health Probe Crashes (FIXED)',
    );
    assert.deepEqual(summary(text), [
      { key: 'CRIT-1', id: 'CRIT-1', title: 'Backups Missing Before Deploy', severity: 'critical', status: 'resolved', kind: 'heading' },
      { key: 'CRIT-2', id: 'CRIT-2', title: 'Migrations Not Checked in CI', severity: 'critical', status: 'open', kind: 'heading' },
      { key: 'CRIT-3', id: 'CRIT-3', title: 'Health Probe Crashes', severity: 'critical', status: 'resolved', kind: 'heading' },
    ]);
  });

  it('reads checklists under severity sections, with categories that are not issues', () => {
    const text = joinLines(
      '## 🔴 High Priority (Next Sprint)',
      '',
      '### Security',
      '',
      '- [ ] **AUTH-002: Enforce MFA for Staff Accounts** [3-5 days]',
      '  - Install the OTP package',
      '  - File: `requirements/base.txt`, create `apps/core/auth/mfa.py`',
      '- [x] AUTH-003: Session fixation on login → Fixed in views.py:88',
      '',
      '## 🟡 Medium Priority',
      '',
      '### Performance (2 issues)',
      '- ~~Missing select_related in order views~~ ✅ **RESOLVED (AUTH-003)**',
      '- Inefficient serializer method fields',
      '',
      '## 🟢 Continuous Improvement (Ongoing)',
      '',
      '### Testing',
      '- [ ] Raise coverage to 85%',
    );
    assert.deepEqual(summary(text), [
      { key: 'AUTH-002', id: 'AUTH-002', title: 'Enforce MFA for Staff Accounts', severity: 'high', status: 'open', kind: 'list-item' },
      { key: 'AUTH-003', id: 'AUTH-003', title: 'Session fixation on login → Fixed in views.py:88', severity: 'high', status: 'resolved', kind: 'list-item' },
      { key: 'audit.md#13', id: null, title: 'Missing select_related in order views', severity: 'medium', status: 'resolved', kind: 'list-item' },
      { key: 'audit.md#14', id: null, title: 'Inefficient serializer method fields', severity: 'medium', status: null, kind: 'list-item' },
      { key: 'audit.md#19', id: null, title: 'Raise coverage to 85%', severity: 'low', status: 'open', kind: 'list-item' },
    ]);
    const mfa = extract(text).issues[0];
    assert.equal(mfa?.fields['effort'], '3-5 days');
    assert.equal(mfa?.bodyEndLine, 7, 'the item body covers its nested bullets');
  });

  it('reads emoji-headed bug reports with ID forms other than PREFIX-N', () => {
    const text = joinLines(
      '## 🚨 CRITICAL REVIEW - 2026-02-01',
      '',
      '### 🔴 CRITICAL BUG #1: Readiness Probe Crashes (FIXED)',
      '- **Location:** `svc/main.py:88`',
      '- **Severity:** P0 - CRITICAL',
      '',
      '### 🟡 CRITICAL BUG #2: Cache Keys Never Expire (NOT FIXED YET)',
      '- **Severity:** P1 - HIGH',
      '- **Status:** ⚠️ NEEDS FIX',
      '',
      '#### 🔴 Task 2.5: Fix API Test Routes (URGENT - P0)',
      '',
      '#### ⚠️ 1.4: Data Consolidation (NEEDS MINOR FIX)',
      '',
      '#### ISSUE #3: Mocks Target Missing Methods (BLOCKING)',
    );
    const issues = summary(text);
    assert.deepEqual(issues.map((issue) => [issue.id, issue.severity, issue.status, issue.title]), [
      ['CRITICAL BUG #1', 'critical', 'resolved', 'Readiness Probe Crashes'],
      ['CRITICAL BUG #2', 'high', 'open', 'Cache Keys Never Expire'],
      ['Task 2.5', 'critical', 'open', 'Fix API Test Routes'], // unmarked, where siblings mark status in titles
      ['1.4', 'critical', 'open', 'Data Consolidation'],
      ['ISSUE #3', 'critical', 'open', 'Mocks Target Missing Methods'],
    ]);
  });

  it('reads table rows with IDs and status columns', () => {
    const text = joinLines(
      '## Deliverables',
      '',
      '| Task | Status | Files Modified |',
      '|------|--------|----------------|',
      '| 3.1: Retry Queue | ✅ FIXED | queue.py |',
      '| 3.2: Dead Letters | 🔴 BROKEN | dlq.py |',
      '',
      '| Domain | Critical | High |',
      '|--------|----------|------|',
      '| Security | 0 | 2 |',
      '',
      '| Finding | Severity | Status |',
      '|---------|----------|--------|',
      '| Plaintext tokens in logs | High | Open |',
    );
    assert.deepEqual(summary(text), [
      { key: '3.1', id: '3.1', title: 'Retry Queue', severity: null, status: 'resolved', kind: 'table-row' },
      { key: '3.2', id: '3.2', title: 'Dead Letters', severity: null, status: 'open', kind: 'table-row' },
      { key: 'audit.md#14', id: null, title: 'Plaintext tokens in logs', severity: 'high', status: 'open', kind: 'table-row' },
    ]);
  });

  it('treats later mentions of an ID as mentions, and a second heading as a duplicate', () => {
    const text = joinLines(
      '## Critical Issues',
      '### CRIT-2: Migration Checks Missing',
      '**Status:** 🔴 Open',
      '### CRIT-7: Schema Drift',
      '**Status:** 🔴 Open',
      '### CRIT-7: Schema Drift',
      '**Status:** ✅ RESOLVED',
      '## Progress Tracking',
      '### Recently Completed',
      '- ✅ **CRIT-2**: Migration safety checks (ci.yml)',
    );
    const { issues, mentions, duplicates } = extract(text);
    assert.deepEqual(issues.map((issue) => issue.key), ['CRIT-2', 'CRIT-7', 'audit.md#6']);
    assert.deepEqual(duplicates.map((duplicate) => [duplicate.id, duplicate.range.start.line, duplicate.firstLine]), [['CRIT-7', 5, 3]]);
    assert.deepEqual(mentions.map((mention) => [mention.key, mention.status, mention.startLine]), [['CRIT-2', 'resolved', 9]]);
  });

  it('does not make issues of plain prose, bold labels or items inside an issue body', () => {
    const text = joinLines(
      '# Notes',
      '- Multi-protocol support',
      '- **Checklist:** see below',
      '### SEC-4: Weak Password Policy',
      '- ✅ Length check added (line 16)',
      '- [ ] Add breach-list check',
    );
    assert.deepEqual(summary(text).map((issue) => issue.key), ['SEC-4']);
  });

  it('keeps a heading issue whose body has fields even under a severity section', () => {
    const text = joinLines(
      '## High Priority Issues',
      '### Tokens never expire',
      '**File:** auth/tokens.py:40',
      '- Rotate on login',
      '- Add a TTL',
    );
    assert.deepEqual(summary(text).map((issue) => [issue.title, issue.severity, issue.kind]), [['Tokens never expire', 'high', 'heading']]);
  });

  it('stays bounded on thousands of nested list levels', () => {
    const deep = Array.from({ length: 1000 }, (_, depth) => `${'  '.repeat(depth)}- [ ] level ${depth}`).join('\n');
    const { issues } = extract(deep);
    assert.equal(issues.length, 1, 'nested items belong to the top-level issue');
    assert.equal(issues[0]?.title, 'level 0');
  });
});
