// Code lenses in source files: one per issue above the first line it points at now, several on a
// line when several issues share it, resolved and won't-fix ones only when asked, nothing read.
import assert from 'node:assert/strict';
import { codeLenses, OPEN_ISSUE_COMMAND } from '../../../server/src/core/features/codeLens';
import { neverCancelled } from '../../../server/src/core/workspace';
import { buildFixtureIndex } from '../../helpers/indexFixture';

const SETTINGS = 'backend/app/settings.py';

describe('features/codeLens', () => {
  it('puts one lens per open issue above the first line it references, most severe first', async () => {
    const index = await buildFixtureIndex();
    const lenses = codeLenses(index, SETTINGS, neverCancelled);
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.title]),
      [
        [19, 'P0-02 HTTPS Security Protections Disabled · critical · open'],
        [19, 'HP-002 Enforce HTTPS Redirects · high · open'],
      ],
    );
    assert.deepEqual(lenses[0], {
      range: { start: { line: 19, character: 0 }, end: { line: 19, character: 0 } },
      title: 'P0-02 HTTPS Security Protections Disabled · critical · open',
      tooltip: 'docs/SECURITY_AUDIT.md:22',
      command: OPEN_ISSUE_COMMAND,
      arguments: [{ documentPath: 'docs/SECURITY_AUDIT.md', key: 'P0-02', line: 21 }],
    });
    assert.equal(OPEN_ISSUE_COMMAND, 'auditLens.openIssue');
    assert.deepEqual(index.host.reads, []);
  });

  it('shows resolved and wont-fix issues when asked', async () => {
    const index = await buildFixtureIndex();
    const lenses = codeLenses(index, SETTINGS, neverCancelled, { showResolved: true });
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.title]),
      [
        [11, 'P0-01 DEBUG Defaults to True · critical · resolved'],
        [19, 'P0-02 HTTPS Security Protections Disabled · critical · open'],
        [19, 'HP-002 Enforce HTTPS Redirects · high · open'],
        [19, 'P2-01 Settings Module Mixes Environments · medium · wontfix'],
      ],
    );
  });

  it('places lenses where the code stands now', async () => {
    const index = await buildFixtureIndex(undefined, { lineShifts: { [SETTINGS]: 5 } });
    assert.deepEqual(codeLenses(index, SETTINGS, neverCancelled).map((lens) => lens.range.start.line), [24, 24]);
  });

  it('places an issue that names only the whole file on the first line', async () => {
    const index = await buildFixtureIndex({
      'TRACKER.md': '# Tracker\n\n- [ ] **OPS-7: Pin the base image** [1 hour]\n  - File: `Dockerfile`\n',
      Dockerfile: 'FROM python:3.12\nCOPY . /app\n',
    });
    assert.deepEqual(codeLenses(index, 'Dockerfile', neverCancelled).map((lens) => [lens.range.start.line, lens.title]), [[0, 'OPS-7 Pin the base image · open']]);
  });

  it('places no lens for lines past the end of the file, and marks stale states in the tooltip', async () => {
    const index = await buildFixtureIndex();
    assert.deepEqual(codeLenses(index, 'frontend/src/api/client.ts', neverCancelled), []);
    const ambiguous = codeLenses(index, 'backend/accounts/utils.py', neverCancelled);
    assert.deepEqual(ambiguous.map((lens) => [lens.range.start.line, lens.tooltip]), [[2, 'docs/SECURITY_AUDIT.md:22 (ambiguous)']]);
  });

  it('is empty for a file nothing references', async () => {
    const index = await buildFixtureIndex();
    assert.deepEqual(codeLenses(index, 'backend/bookings/utils.py', neverCancelled), []);
    assert.deepEqual(codeLenses(index, 'no/such/file.py', neverCancelled), []);
  });
});
