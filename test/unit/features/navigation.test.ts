// Navigation: definition of an issue ID and of a reference, every mention of an ID across
// documents, the issue outline of a document, and workspace symbol search.
import assert from 'node:assert/strict';
import { definitionAt, documentSymbols, issueMentionsAt, workspaceSymbols, type IssueSymbol } from '../../../server/src/core/features/navigation';
import { neverCancelled } from '../../../server/src/core/workspace';
import { joinLines } from '../../helpers/memoryWorkspace';
import { buildFixtureIndex, positionOf, SECURITY_AUDIT, TECH_DEBT } from '../../helpers/indexFixture';

const AUDIT = 'docs/SECURITY_AUDIT.md';

/** The outline as `name` with children nested, for readable comparisons. */
function outline(symbols: readonly IssueSymbol[]): unknown[] {
  return symbols.map((symbol) => (symbol.children.length > 0 ? { [symbol.name]: outline(symbol.children) } : symbol.name));
}

describe('features/navigation', () => {
  describe('definitionAt', () => {
    it("goes from an issue ID in another document to the issue's heading", async () => {
      const index = await buildFixtureIndex();
      const definition = definitionAt(index, 'TECH_DEBT.md', positionOf(TECH_DEBT, 'P0-02 lands'), neverCancelled);
      assert.deepEqual(definition, {
        originRange: { start: { line: 21, character: 18 }, end: { line: 21, character: 23 } },
        targets: [{ path: AUDIT, range: { start: { line: 21, character: 0 }, end: { line: 21, character: 46 } } }],
      });
    });

    it('goes to a list item for an ID defined by one, and to an ID with spaces', async () => {
      const index = await buildFixtureIndex();
      const text = joinLines('# Notes', '', 'Follow-up of CRIT-001 and of bug #1.');
      const notes = await buildFixtureIndex({ ...Object.fromEntries(index.report.documents.map((document) => [document.path, document.text])), 'NOTES.md': text });
      assert.deepEqual(definitionAt(notes, 'NOTES.md', { line: 2, character: 15 }, neverCancelled)?.targets, [
        { path: 'TECH_DEBT.md', range: { start: { line: 10, character: 0 }, end: { line: 10, character: 68 } } },
      ]);
      assert.deepEqual(definitionAt(notes, 'NOTES.md', { line: 2, character: 32 }, neverCancelled)?.targets.map((target) => target.path), ['docs/READINESS_PLAN.md']);
    });

    it('goes from a reference to the code, where it stands now', async () => {
      const index = await buildFixtureIndex(undefined, { lineShifts: { 'backend/app/settings.py': 2 } });
      const definition = definitionAt(index, AUDIT, positionOf(SECURITY_AUDIT, 'backend/app/settings.py:12'), neverCancelled);
      assert.deepEqual(definition?.targets, [{ path: 'backend/app/settings.py', range: { start: { line: 13, character: 0 }, end: { line: 14, character: 0 } } }]);
    });

    it('offers every candidate of an ambiguous reference, best first', async () => {
      const index = await buildFixtureIndex();
      const definition = definitionAt(index, AUDIT, positionOf(SECURITY_AUDIT, 'utils.py:3'), neverCancelled);
      assert.deepEqual(definition?.targets.map((target) => target.path), ['backend/accounts/utils.py', 'backend/bookings/utils.py']);
    });

    it('has no definition for a missing file, a path outside, prose, or past the end', async () => {
      const index = await buildFixtureIndex();
      assert.equal(definitionAt(index, AUDIT, positionOf(SECURITY_AUDIT, 'backend/payments/webhooks.py'), neverCancelled), undefined);
      assert.equal(definitionAt(index, AUDIT, positionOf(SECURITY_AUDIT, '../../etc/logrotate.d/acme:1', 3), neverCancelled), undefined);
      assert.equal(definitionAt(index, AUDIT, positionOf(SECURITY_AUDIT, 'HSTS and'), neverCancelled), undefined);
      assert.equal(definitionAt(index, AUDIT, { line: 5000, character: 0 }, neverCancelled), undefined);
      assert.deepEqual(index.host.reads, []);
    });
  });

  describe('issueMentionsAt', () => {
    it('finds every mention of an ID across documents, with or without the declaration', async () => {
      const index = await buildFixtureIndex();
      const position = positionOf(TECH_DEBT, 'P0-02 lands');
      const all = issueMentionsAt(index, 'TECH_DEBT.md', position, { includeDeclaration: true }, neverCancelled);
      assert.deepEqual(all?.map((mention) => [mention.path, mention.range?.start.line, mention.range?.start.character]), [
        ['TECH_DEBT.md', 21, 18],
        ['TECH_DEBT.md', 23, 22],
        [AUDIT, 21, 4],
      ]);
      const withoutDeclaration = issueMentionsAt(index, 'TECH_DEBT.md', position, { includeDeclaration: false }, neverCancelled);
      assert.deepEqual(withoutDeclaration?.map((mention) => mention.path), ['TECH_DEBT.md', 'TECH_DEBT.md']);
    });

    it('answers undefined off an ID', async () => {
      const index = await buildFixtureIndex();
      assert.equal(issueMentionsAt(index, AUDIT, { line: 0, character: 3 }, { includeDeclaration: true }, neverCancelled), undefined);
    });
  });

  describe('documentSymbols', () => {
    it('nests heading issues under their severity sections', async () => {
      const index = await buildFixtureIndex();
      assert.deepEqual(outline(documentSymbols(index, AUDIT, neverCancelled)), [
        {
          'Acme Bookings Production Audit - Issue Tracker': [
            { 'P0 - CRITICAL (Production Blockers)': ['P0-01 DEBUG Defaults to True', 'P0-02 HTTPS Security Protections Disabled'] },
            { 'P1 - HIGH PRIORITY': ['P1-01 Booking List Renders Every Row', 'P1-02 Log Rotation Config Is World-Readable'] },
            { 'P2 - MEDIUM PRIORITY': ['P2-01 Settings Module Mixes Environments'] },
          ],
        },
      ]);
    });

    it('nests list-item issues under their headings and drops headings with none', async () => {
      const index = await buildFixtureIndex();
      const symbols = documentSymbols(index, 'TECH_DEBT.md', neverCancelled);
      assert.deepEqual(outline(symbols), [
        {
          'Technical Debt Remediation Tracking': [
            { Completed: ['CRIT-001 Token signing key fallback → fail fast in production', 'PERF-001 Booking export N+1 → select_related added'] },
            { 'High Priority (Next Sprint)': [{ Security: ['HP-002 Enforce HTTPS Redirects', 'HP-003 Deploy Script Skips Migrations'] }] },
          ],
        },
      ]);
      const completed = symbols[0]?.children[0];
      assert.equal(completed?.kind, 'section');
      assert.deepEqual(completed?.range, { start: { line: 8, character: 0 }, end: { line: 14, character: 0 } });
      assert.deepEqual(completed?.selectionRange, { start: { line: 8, character: 0 }, end: { line: 8, character: 14 } });
      const item = completed?.children[0];
      assert.equal(item?.kind, 'issue');
      assert.equal(item?.issueKind, 'list-item');
      assert.equal(item?.detail, 'critical · resolved');
      assert.equal(item?.issueKey, 'CRIT-001');
    });

    it('gives a heading issue the extent of its section and nests issues under it', async () => {
      const text = joinLines(
        '# Review',
        '',
        '## 🔴 Critical',
        '',
        '### CRIT-1: Backups Missing',
        '**Status**: Open',
        '',
        '#### BK-11: Nightly Dump Job Never Scheduled',
        '',
        '```md',
        '## Not a heading',
        '```',
        '',
        '### CRIT-2: Rollback Missing',
        '**Status**: Open',
      );
      const index = await buildFixtureIndex({ 'REVIEW.md': text });
      const symbols = documentSymbols(index, 'REVIEW.md', neverCancelled);
      assert.deepEqual(outline(symbols), [{ Review: [{ Critical: [{ 'CRIT-1 Backups Missing': ['BK-11 Nightly Dump Job Never Scheduled'] }, 'CRIT-2 Rollback Missing'] }] }]);
      const first = symbols[0]?.children[0]?.children[0];
      // The fenced "## Not a heading" does not end CRIT-1's section: it runs to the line before CRIT-2.
      assert.deepEqual(first?.range, { start: { line: 4, character: 0 }, end: { line: 12, character: 0 } });
      assert.deepEqual(first?.selectionRange, { start: { line: 4, character: 0 }, end: { line: 4, character: 27 } });
      assert.deepEqual(first?.children[0]?.range, { start: { line: 7, character: 0 }, end: { line: 12, character: 0 } });
    });

    it('is empty for an unknown document and for one with no issues', async () => {
      const index = await buildFixtureIndex({ 'README.md': '# Readme\n\nNothing to audit.\n' });
      assert.deepEqual(documentSymbols(index, 'README.md', neverCancelled), []);
      assert.deepEqual(documentSymbols(index, 'missing.md', neverCancelled), []);
    });
  });

  describe('workspaceSymbols', () => {
    it('finds issues by ID first, then by title substring, then by letters in order', async () => {
      const index = await buildFixtureIndex();
      assert.deepEqual(workspaceSymbols(index, 'p0-02', neverCancelled).map((symbol) => symbol.name), ['P0-02 HTTPS Security Protections Disabled']);
      assert.deepEqual(workspaceSymbols(index, 'HTTPS', neverCancelled).map((symbol) => symbol.name), ['HP-002 Enforce HTTPS Redirects', 'P0-02 HTTPS Security Protections Disabled']);
      assert.deepEqual(workspaceSymbols(index, 'P1', neverCancelled).map((symbol) => symbol.name).slice(0, 2), ['P1-01 Booking List Renders Every Row', 'P1-02 Log Rotation Config Is World-Readable']);
      assert.deepEqual(workspaceSymbols(index, 'dplymig', neverCancelled).map((symbol) => symbol.name), ['HP-003 Deploy Script Skips Migrations']);
      assert.deepEqual(workspaceSymbols(index, 'zzz', neverCancelled), []);
    });

    it('says where each issue is, and lists everything for an empty query up to the limit', async () => {
      const index = await buildFixtureIndex();
      const [symbol] = workspaceSymbols(index, 'P2-01', neverCancelled);
      assert.deepEqual(symbol, {
        name: 'P2-01 Settings Module Mixes Environments',
        documentPath: AUDIT,
        issueKey: 'P2-01',
        range: { start: { line: 56, character: 0 }, end: { line: 56, character: 45 } },
        severity: 'medium',
        status: 'wontfix',
        containerName: 'P2 - MEDIUM PRIORITY',
      });
      assert.equal(workspaceSymbols(index, '', neverCancelled).length, 10);
      assert.equal(workspaceSymbols(index, '', neverCancelled, 3).length, 3);
    });
  });
});
