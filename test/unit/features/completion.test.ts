// Completion in audit documents: paths in inline code and after File/Location fields, line numbers
// after `path:`, issue IDs after an upper-case prefix or in a Dependencies field.
import assert from 'node:assert/strict';
import { completionsAt, type CompletionProposal } from '../../../server/src/core/features/completion';
import { neverCancelled } from '../../../server/src/core/workspace';
import { buildFixtureIndex, type FixtureIndex } from '../../helpers/indexFixture';

const AUDIT = 'docs/SECURITY_AUDIT.md';

/** Completes at the end of `line` (or at the `|` in it), as the only line of a document. */
async function complete(index: FixtureIndex, line: string, withPaths = true): Promise<CompletionProposal[]> {
  const cursor = line.includes('|') ? line.indexOf('|') : line.length;
  const text = `# Notes\n${line.replace('|', '')}\nafter`;
  return completionsAt(index, AUDIT, text, { line: 1, character: cursor }, neverCancelled, withPaths ? { filePaths: index.filePaths } : {});
}

describe('features/completion', () => {
  describe('paths', () => {
    it('offers workspace paths inside inline code, filtered by the typed prefix', async () => {
      const index = await buildFixtureIndex();
      const proposals = await complete(index, '- Same pattern in `backend/bo');
      assert.deepEqual(proposals.map((proposal) => proposal.label), ['backend/bookings/utils.py', 'backend/bookings/views.py']);
      assert.deepEqual(proposals[0]?.replaceRange, { start: { line: 1, character: 19 }, end: { line: 1, character: 29 } });
      assert.equal(proposals[0]?.kind, 'file');
      assert.equal(proposals[0]?.insertText, 'backend/bookings/utils.py');
    });

    it('matches a file by its name or a later segment, shortest paths first', async () => {
      const index = await buildFixtureIndex();
      assert.deepEqual((await complete(index, 'See `utils')).map((proposal) => proposal.label), ['backend/accounts/utils.py', 'backend/bookings/utils.py']);
      assert.deepEqual((await complete(index, 'See `app/set')).map((proposal) => proposal.label), ['backend/app/settings.py']);
      assert.deepEqual((await complete(index, 'See `CLIENT')).map((proposal) => proposal.label), ['frontend/src/api/client.ts']);
    });

    it('offers paths after File, **File:**, **File**: and Location: fields', async () => {
      const index = await buildFixtureIndex();
      for (const line of ['  - File: dep', '**File:** dep', '**File**: dep', 'Location: dep', '- **Location:** `dep']) {
        assert.deepEqual((await complete(index, line)).map((proposal) => proposal.label), ['scripts/deploy.sh'], line);
      }
    });

    it('offers nothing in prose, after a closed code span, or with nothing matching', async () => {
      const index = await buildFixtureIndex();
      assert.deepEqual(await complete(index, 'The deploy'), []);
      assert.deepEqual(await complete(index, 'See `settings.py` and sett'), []);
      assert.deepEqual(await complete(index, 'See `nothing/like/this'), []);
    });

    it('falls back to whole-name matches when the host gives no path list', async () => {
      const index = await buildFixtureIndex();
      assert.deepEqual((await complete(index, 'See `views.py', false)).map((proposal) => proposal.label), ['backend/bookings/views.py']);
      assert.deepEqual(await complete(index, 'See `view', false), []);
    });
  });

  describe('line numbers', () => {
    it("offers the file's line range, its first and last lines, and its definitions", async () => {
      const index = await buildFixtureIndex();
      const proposals = await complete(index, 'Fix `backend/bookings/views.py:');
      assert.deepEqual(proposals.map((proposal) => [proposal.label, proposal.detail]), [
        ['1-40', 'the lines of backend/bookings/views.py'],
        ['1', 'first line'],
        ['3', 'class HealthView(generics.GenericAPIView):'],
        ['5', 'def get(self, request):'],
        ['18', 'class BookingListView(generics.ListAPIView):'],
        ['20', 'def get_queryset(self):'],
        ['40', 'last line (backend/bookings/views.py has 40 lines)'],
      ]);
      assert.equal(proposals[0]?.insertText, '${1:1}-${2:40}');
      assert.equal(proposals[0]?.isSnippet, true);
      assert.ok(proposals.every((proposal) => proposal.kind === 'line'));
      assert.deepEqual(index.host.reads, ['backend/bookings/views.py']);
    });

    it('replaces the digits already typed and resolves a bare file name', async () => {
      const index = await buildFixtureIndex();
      const proposals = await complete(index, 'See settings.py:1|2 for the default');
      assert.deepEqual(proposals[0]?.replaceRange, { start: { line: 1, character: 16 }, end: { line: 1, character: 17 } });
      assert.equal(proposals.at(-1)?.label, '30');
    });

    it('reads nothing for a path outside the workspace, a missing file, a time or a URL', async () => {
      const index = await buildFixtureIndex();
      assert.deepEqual(await complete(index, 'Copy `../../etc/passwd:'), []);
      assert.deepEqual(await complete(index, 'Copy `backend/payments/webhooks.py:'), []);
      assert.deepEqual(await complete(index, 'Generated at 22:'), []);
      assert.deepEqual(await complete(index, 'See https:'), []);
      assert.deepEqual(index.host.reads, []);
    });
  });

  describe('issue IDs', () => {
    it('offers IDs that start with an upper-case prefix of two characters or more', async () => {
      const index = await buildFixtureIndex();
      assert.deepEqual((await complete(index, 'Same root cause as P')), []);
      assert.deepEqual((await complete(index, 'Same root cause as P0')).map((proposal) => proposal.label), ['P0-01', 'P0-02']);
      assert.deepEqual((await complete(index, 'Same root cause as P1-')).map((proposal) => proposal.label), ['P1-01', 'P1-02']);
      const [first] = await complete(index, 'see CRIT-');
      assert.deepEqual(first, {
        label: 'CRIT-001',
        kind: 'issue',
        detail: 'Token signing key fallback → fail fast in production',
        documentation: 'critical · resolved\nTECH_DEBT.md:11',
        insertText: 'CRIT-001',
        replaceRange: { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } },
        sortText: '0000',
      });
    });

    it('offers every ID in a Dependencies field, in any case', async () => {
      const index = await buildFixtureIndex();
      assert.deepEqual((await complete(index, '**Dependencies:** ')).map((proposal) => proposal.label), [
        'BUG #1', 'CRIT-001', 'P0-01', 'P0-02', 'HP-002', 'HP-003', 'P1-01', 'P1-02', 'P2-01', 'PERF-001',
      ]);
      assert.deepEqual((await complete(index, '- **Dependencies:** P0-01, hp')).map((proposal) => proposal.label), ['HP-002', 'HP-003']);
      assert.deepEqual((await complete(index, 'Depends on: bug')).map((proposal) => proposal.label), ['BUG #1']);
    });

    it('offers nothing for a lower-case word or an unknown prefix', async () => {
      const index = await buildFixtureIndex();
      assert.deepEqual(await complete(index, 'the p'), []);
      assert.deepEqual(await complete(index, 'see ZZ-'), []);
    });
  });

  it('answers empty for a position past the line or the text', async () => {
    const index = await buildFixtureIndex();
    assert.deepEqual(await completionsAt(index, AUDIT, 'short', { line: 0, character: 99 }, neverCancelled), []);
    assert.deepEqual(await completionsAt(index, AUDIT, 'short', { line: 4, character: 0 }, neverCancelled), []);
  });

  it('stays fast on a megabyte-long line', async () => {
    const index = await buildFixtureIndex();
    const started = Date.now();
    await complete(index, `\`${'a/'.repeat(500_000)}`);
    await complete(index, `${'`'.repeat(1_000_000)}`);
    assert.ok(Date.now() - started < 2000);
  });
});
