// The custom requests' payloads: the issue tree (documents → issues → references, with counts and
// filters) and the issues of a source file per referenced span, for gutter decorations.
import assert from 'node:assert/strict';
import { issuesForFile, queryIssues } from '../../../server/src/core/features/issueQueries';
import { neverCancelled } from '../../../server/src/core/workspace';
import { buildFixtureIndex } from '../../helpers/indexFixture';

describe('features/issueQueries', () => {
  describe('queryIssues', () => {
    it('returns every document with its issues, references and counts', async () => {
      const index = await buildFixtureIndex();
      const result = queryIssues(index, {}, neverCancelled);
      assert.equal(result.root, '/workspace');
      assert.equal(result.indexing, false);
      assert.deepEqual(result.counts, { issues: 10, openIssues: 6, references: 12, staleReferences: 4 });
      assert.deepEqual(result.documents.map((document) => [document.path, document.counts.issues, document.counts.staleReferences]), [
        ['TECH_DEBT.md', 4, 0],
        ['docs/READINESS_PLAN.md', 1, 0],
        ['docs/SECURITY_AUDIT.md', 5, 4],
      ]);
      const audit = result.documents[2];
      const p102 = audit?.issues.find((issue) => issue.key === 'P1-02');
      assert.deepEqual(p102?.references.map((reference) => [reference.path, reference.startLine, reference.state, reference.reason]), [
        ['../../etc/logrotate.d/acme', 1, 'outside-workspace', '../../etc/logrotate.d/acme lies outside the workspace; Audit Lens never reads it.'],
        ['backend/payments/webhooks.py', 88, 'missing-file', 'No file backend/payments/webhooks.py exists in the workspace.'],
      ]);
      assert.deepEqual(audit?.issues.find((issue) => issue.key === 'P0-02')?.dependencies, ['P0-01']);
    });

    it('filters by status (issues with none count as open), severity, document and text', async () => {
      const index = await buildFixtureIndex();
      const keys = (query: Parameters<typeof queryIssues>[1]): string[] => queryIssues(index, query, neverCancelled).documents.flatMap((document) => document.issues.map((issue) => issue.key));
      assert.deepEqual(keys({ status: 'open' }), ['HP-002', 'HP-003', 'BUG #1', 'P0-02', 'P1-02']);
      assert.deepEqual(keys({ status: ['resolved', 'wontfix'] }), ['CRIT-001', 'PERF-001', 'P0-01', 'P2-01']);
      assert.deepEqual(keys({ severity: 'critical', status: 'open' }), ['BUG #1', 'P0-02']);
      assert.deepEqual(keys({ document: 'docs' }), ['BUG #1', 'P0-01', 'P0-02', 'P1-01', 'P1-02', 'P2-01']);
      assert.deepEqual(keys({ document: 'docs/READINESS_PLAN.md' }), ['BUG #1']);
      assert.deepEqual(keys({ document: 'doc' }), []);
      assert.deepEqual(keys({ text: 'https' }), ['HP-002', 'P0-02']);
      assert.deepEqual(keys({ text: 'perf-' }), ['PERF-001']);
      assert.deepEqual(keys({ status: [] }).length, 10);
      const untracked = await buildFixtureIndex({ 'NOTES.md': '# Notes\n\n## 🟡 Medium Priority\n\n- Document the cache settings in `a.py`\n', 'a.py': 'x = 1\n' });
      assert.deepEqual(queryIssues(untracked, { status: 'open' }, neverCancelled).counts.issues, 1);
    });

    it('sends the stale references outside every issue, unless the query filters by severity or text', async () => {
      const index = await buildFixtureIndex({
        'AUDIT.md': '# Audit\n\nScanned from `old/settings.py:12` and `a.py:1`.\n\n## A-1: Cache\n\n**Status:** Open\n\nSee `a.py:1`.\n',
        'NOTES.md': '# Notes\n\nSee `gone.py:3`.\n',
        'a.py': 'x = 1\n',
      });
      const all = queryIssues(index, {}, neverCancelled);
      assert.deepEqual(
        all.documents.map((document) => [document.path, document.issues.length, document.looseStaleReferences.map((reference) => `${reference.path}:${reference.startLine} ${reference.state}`)]),
        [
          ['AUDIT.md', 1, ['old/settings.py:12 missing-file']],
          ['NOTES.md', 0, ['gone.py:3 missing-file']],
        ],
      );
      assert.deepEqual(all.counts, { issues: 1, openIssues: 1, references: 3, staleReferences: 2 });
      const filtered = queryIssues(index, { text: 'cache' }, neverCancelled);
      assert.deepEqual(filtered.documents.map((document) => [document.path, document.looseStaleReferences.length]), [['AUDIT.md', 0]]);
    });

    it('leaves out documents with no matching issue, and stops when cancelled', async () => {
      const index = await buildFixtureIndex();
      assert.deepEqual(queryIssues(index, { text: 'no such words' }, neverCancelled).documents, []);
      assert.deepEqual(queryIssues(index, {}, { isCancellationRequested: true }).documents, []);
    });
  });

  describe('issuesForFile', () => {
    it('groups the issues of a file by referenced span, file-level first, each issue once per span', async () => {
      const index = await buildFixtureIndex();
      const result = issuesForFile(index, 'backend/app/settings.py', neverCancelled);
      assert.equal(result.path, 'backend/app/settings.py');
      assert.deepEqual(result.ranges.map((range) => [range.startLine, range.endLine, range.issues.map((issue) => `${issue.key}:${issue.status}:${issue.state}`)]), [
        [null, null, ['HP-002:open:ok']],
        [12, 12, ['P0-01:resolved:ok']],
        [20, 20, ['HP-002:open:ok', 'P2-01:wontfix:ok']],
        [20, 24, ['P0-02:open:ok']],
      ]);
      assert.deepEqual(result.ranges[3]?.issues[0], {
        documentPath: 'docs/SECURITY_AUDIT.md',
        key: 'P0-02',
        id: 'P0-02',
        title: 'HTTPS Security Protections Disabled',
        severity: 'critical',
        status: 'open',
        state: 'ok',
        issueLine: 21,
      });
    });

    it('uses the current lines, flags edited ones, and skips lines past the end', async () => {
      const index = await buildFixtureIndex(undefined, { lineShifts: { 'backend/bookings/views.py': 2 }, editedFiles: ['backend/bookings/views.py'] });
      const result = issuesForFile(index, 'backend/bookings/views.py', neverCancelled);
      assert.deepEqual(result.ranges.map((range) => [range.startLine, range.endLine, range.editedSinceIndexed, range.issues.map((issue) => issue.key)]), [
        [7, 9, true, ['BUG #1']],
        [22, 40, true, ['P1-01']],
      ]);
      assert.deepEqual(issuesForFile(index, 'frontend/src/api/client.ts', neverCancelled).ranges, []);
      assert.deepEqual(issuesForFile(index, 'backend/accounts/utils.py', neverCancelled).ranges[0]?.issues[0]?.state, 'ambiguous');
      assert.deepEqual(index.host.reads, []);
    });
  });
});
