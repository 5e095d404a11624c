// Document links: a link per reference that resolves to a workspace file, at the lines it names
// (where they stand now), and never one for a missing file or a path outside the workspace.
import assert from 'node:assert/strict';
import { documentLinks } from '../../../server/src/core/features/documentLinks';
import { neverCancelled } from '../../../server/src/core/workspace';
import { buildFixtureIndex } from '../../helpers/indexFixture';

const AUDIT = 'docs/SECURITY_AUDIT.md';

describe('features/documentLinks', () => {
  it('links each resolvable reference to its file and whole lines', async () => {
    const index = await buildFixtureIndex();
    const links = documentLinks(index, AUDIT, neverCancelled);
    assert.deepEqual(
      links.map((link) => [link.range.start.line, link.targetPath, link.targetRange?.start.line ?? null, link.targetRange?.end.line ?? null]),
      [
        [17, 'backend/app/settings.py', 11, 12],
        [26, 'backend/app/settings.py', 19, 24],
        [30, 'backend/accounts/utils.py', 2, 3],
        [43, 'backend/bookings/views.py', 19, 38],
        [44, 'frontend/src/api/client.ts', null, null],
        [60, 'backend/app/settings.py', 19, 20],
      ],
    );
    assert.deepEqual(links[0]?.range, { start: { line: 17, character: 3 }, end: { line: 17, character: 29 } });
    assert.equal(links[0]?.tooltip, 'Open backend/app/settings.py:12');
  });

  it('gives no link to a missing file, and no target outside the workspace', async () => {
    const index = await buildFixtureIndex();
    const links = documentLinks(index, AUDIT, neverCancelled);
    assert.equal(links.some((link) => link.range.start.line === 51 || link.range.start.line === 52), false);
    assert.equal(links.some((link) => link.targetPath.includes('..') || link.targetPath.includes('etc/')), false);
  });

  it('opens an ambiguous reference at its best candidate and names the others in the tooltip', async () => {
    const index = await buildFixtureIndex();
    const link = documentLinks(index, AUDIT, neverCancelled).find((candidate) => candidate.range.start.line === 30);
    assert.equal(link?.targetPath, 'backend/accounts/utils.py');
    assert.equal(link?.tooltip, 'Open backend/accounts/utils.py:3\nAlso matches: backend/bookings/utils.py');
  });

  it('opens the file itself when the lines are past its end, and says why', async () => {
    const index = await buildFixtureIndex();
    const link = documentLinks(index, AUDIT, neverCancelled).find((candidate) => candidate.targetPath === 'frontend/src/api/client.ts');
    assert.equal(link?.targetRange, null);
    assert.equal(link?.tooltip, 'Open frontend/src/api/client.ts\nfrontend/src/api/client.ts has 10 lines; the reference points at lines 40-44.');
  });

  it('follows the code where edits since indexing moved it', async () => {
    const index = await buildFixtureIndex(undefined, { lineShifts: { 'backend/app/settings.py': 3 } });
    const link = documentLinks(index, AUDIT, neverCancelled).find((candidate) => candidate.range.start.line === 26);
    assert.deepEqual(link?.targetRange, { start: { line: 22, character: 0 }, end: { line: 27, character: 0 } });
    assert.equal(link?.tooltip, 'Open backend/app/settings.py:23-27');
  });

  it('links a file-level reference to the whole file', async () => {
    const index = await buildFixtureIndex();
    const link = documentLinks(index, 'TECH_DEBT.md', neverCancelled)[0];
    assert.equal(link?.targetPath, 'backend/app/settings.py');
    assert.equal(link?.targetRange, null);
  });

  it('answers empty for a document the index does not hold, and reads nothing', async () => {
    const index = await buildFixtureIndex();
    assert.deepEqual(documentLinks(index, 'backend/app/settings.py', neverCancelled), []);
    assert.deepEqual(documentLinks(index, 'nope.md', neverCancelled), []);
    documentLinks(index, AUDIT, neverCancelled);
    assert.deepEqual(index.host.reads, []);
  });

  it('stops when cancelled', async () => {
    const index = await buildFixtureIndex();
    assert.deepEqual(documentLinks(index, AUDIT, { isCancellationRequested: true }), []);
  });
});
