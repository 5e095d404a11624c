// Hovers: the referenced code in a fenced block of the file's language with the reference's state,
// capped in length; an issue's title, severity and status on its ID; and nothing read that must
// not be (outside the workspace, unresolved, past the end of a file).
import assert from 'node:assert/strict';
import { fencedBlock, hoverAt, inlineCode, languageOf } from '../../../server/src/core/features/hover';
import { neverCancelled } from '../../../server/src/core/workspace';
import { buildFixtureIndex, positionOf, SECURITY_AUDIT, TECH_DEBT } from '../../helpers/indexFixture';

const AUDIT = 'docs/SECURITY_AUDIT.md';

describe('features/hover', () => {
  it('shows the referenced lines in a python block, then the state', async () => {
    const index = await buildFixtureIndex();
    const hover = await hoverAt(index, AUDIT, positionOf(SECURITY_AUDIT, 'backend/app/settings.py:20-24', 5), neverCancelled);
    assert.equal(
      hover?.markdown,
      [
        '`backend/app/settings.py`, lines 20-24',
        '',
        '```python',
        'SECURE_SSL_REDIRECT = False',
        'SECURE_HSTS_SECONDS = 0',
        'SESSION_COOKIE_SECURE = False',
        'CSRF_COOKIE_SECURE = False',
        'SECURE_HSTS_INCLUDE_SUBDOMAINS = False',
        '```',
        '',
        '✓ The file exists and the lines are in range.',
      ].join('\n'),
    );
    assert.deepEqual(hover?.range, { start: { line: 26, character: 10 }, end: { line: 26, character: 39 } });
    assert.deepEqual(index.host.reads, ['backend/app/settings.py']);
  });

  it('shows at most 15 lines of a long reference and says how many more there are', async () => {
    const index = await buildFixtureIndex();
    const hover = await hoverAt(index, AUDIT, positionOf(SECURITY_AUDIT, 'backend/bookings/views.py:20-38'), neverCancelled);
    const markdown = hover?.markdown ?? '';
    const code = markdown.slice(markdown.indexOf('```python\n') + 10, markdown.lastIndexOf('\n```'));
    assert.equal(code.split('\n').length, 15);
    assert.ok(code.startsWith('    def get_queryset(self):\nvalue_21 = 21'));
    assert.ok(code.endsWith('value_34 = 34'));
    assert.match(markdown, /… 4 more lines/);
  });

  it('shows the best candidate of an ambiguous reference and lists every candidate', async () => {
    const index = await buildFixtureIndex();
    const hover = await hoverAt(index, AUDIT, positionOf(SECURITY_AUDIT, 'utils.py:3'), neverCancelled);
    const markdown = hover?.markdown ?? '';
    assert.match(markdown, /```python\ndef make_token\(user\):\n```/);
    assert.match(markdown, /⚠ Ambiguous/);
    assert.match(markdown, /- `backend\/accounts\/utils\.py` \(shown\)\n- `backend\/bookings\/utils\.py`/);
  });

  it('never reads a path outside the workspace, a missing file or lines past the end', async () => {
    const index = await buildFixtureIndex();
    const outside = await hoverAt(index, AUDIT, positionOf(SECURITY_AUDIT, '../../etc/logrotate.d/acme:1', 4), neverCancelled);
    assert.equal(outside?.markdown, [
      '`../../etc/logrotate.d/acme`',
      '',
      '⚠ Outside the workspace: Audit Lens never reads it.',
      '',
      '../../etc/logrotate.d/acme lies outside the workspace; Audit Lens never reads it.',
    ].join('\n'));
    const missing = await hoverAt(index, AUDIT, positionOf(SECURITY_AUDIT, 'backend/payments/webhooks.py:88'), neverCancelled);
    assert.match(missing?.markdown ?? '', /✗ Stale: the file is missing\.\n\nNo file backend\/payments\/webhooks\.py exists in the workspace\./);
    const pastEnd = await hoverAt(index, AUDIT, positionOf(SECURITY_AUDIT, 'frontend/src/api/client.ts:40-44'), neverCancelled);
    assert.match(pastEnd?.markdown ?? '', /✗ Stale: the lines are out of range\.\n\nfrontend\/src\/api\/client\.ts has 10 lines/);
    assert.doesNotMatch(pastEnd?.markdown ?? '', /```/);
    assert.deepEqual(index.host.reads, []);
  });

  it('shows the code where edits moved it, and says the lines were edited', async () => {
    const index = await buildFixtureIndex(undefined, { lineShifts: { 'backend/app/settings.py': -8 }, editedFiles: ['backend/app/settings.py'] });
    const hover = await hoverAt(index, AUDIT, positionOf(SECURITY_AUDIT, 'backend/app/settings.py:20-24'), neverCancelled);
    assert.match(hover?.markdown ?? '', /^`backend\/app\/settings\.py`, lines 12-16\n\n```python\nDEBUG = env\.bool/);
    assert.match(hover?.markdown ?? '', /unsaved edits/);
  });

  it("shows an issue's title, severity and status on its ID, and where it is when elsewhere", async () => {
    const index = await buildFixtureIndex();
    const sameDocument = await hoverAt(index, AUDIT, positionOf(SECURITY_AUDIT, 'P0-01', 0), neverCancelled);
    assert.equal(sameDocument?.markdown, '**P0-01** DEBUG Defaults to True\n\ncritical · resolved');
    const dependency = await hoverAt(index, AUDIT, positionOf(SECURITY_AUDIT, '** P0-01', 5), neverCancelled);
    assert.equal(dependency?.markdown, '**P0-01** DEBUG Defaults to True\n\ncritical · resolved');
    assert.deepEqual(dependency?.range, { start: { line: 27, character: 18 }, end: { line: 27, character: 23 } });
    const elsewhere = await hoverAt(index, 'TECH_DEBT.md', positionOf(TECH_DEBT, 'P0-02 lands', 5), neverCancelled);
    assert.equal(elsewhere?.markdown, '**P0-02** HTTPS Security Protections Disabled\n\ncritical · open\n\n`docs/SECURITY_AUDIT.md:22`');
    const spaced = await hoverAt(index, 'TECH_DEBT.md', positionOf(TECH_DEBT, 'BUG #1', 4), neverCancelled);
    assert.equal(spaced?.markdown, '**BUG \\#1** Health Endpoint Uses the Wrong Query\n\ncritical · open\n\n`docs/READINESS_PLAN.md:5`');
    assert.deepEqual(index.host.reads, []);
  });

  it('has nothing for prose, an unknown ID, a line end, a position past the end or a source file', async () => {
    const index = await buildFixtureIndex();
    assert.equal(await hoverAt(index, AUDIT, positionOf(SECURITY_AUDIT, 'HSTS and'), neverCancelled), undefined);
    const lineEnd = positionOf(SECURITY_AUDIT, '**Status:** 🔴 Open  \n**File**', 21);
    assert.deepEqual(lineEnd, { line: 25, character: 21 });
    assert.equal(await hoverAt(index, AUDIT, lineEnd, neverCancelled), undefined);
    // Line 17 is "- `backend/app/settings.py:12`": the reference ends at 29, the line at 30.
    assert.equal((await hoverAt(index, AUDIT, { line: 17, character: 29 }, neverCancelled))?.range.end.character, 29);
    assert.equal(await hoverAt(index, AUDIT, { line: 17, character: 30 }, neverCancelled), undefined);
    assert.equal(await hoverAt(index, AUDIT, { line: 10_000, character: 3 }, neverCancelled), undefined);
    assert.equal(await hoverAt(index, AUDIT, { line: 3, character: 10_000 }, neverCancelled), undefined);
    assert.equal(await hoverAt(index, 'backend/app/settings.py', { line: 0, character: 0 }, neverCancelled), undefined);
    const unknown = await buildFixtureIndex({ 'AUDIT.md': '### X-1: Thing\n\nSee ZED-9 and P0-01.\n' });
    assert.equal(await hoverAt(unknown, 'AUDIT.md', { line: 2, character: 5 }, neverCancelled), undefined);
  });

  it('names fence languages from extensions, and fences code that holds backticks', () => {
    assert.deepEqual(
      ['a.py', 'a.ts', 'a.tsx', 'a.js', 'a.go', 'a.rs', 'A.java', 'c.yaml', 'p.json', 'run.sh', 'q.sql', 'R.md', 'Dockerfile', 'x.unknown', 'Makefile', '.env'].map(languageOf),
      ['python', 'typescript', 'tsx', 'javascript', 'go', 'rust', 'java', 'yaml', 'json', 'bash', 'sql', 'markdown', 'dockerfile', '', 'makefile', ''],
    );
    assert.equal(fencedBlock('const s = ```x```;', 'typescript'), '````typescript\nconst s = ```x```;\n````');
    assert.equal(inlineCode('a`b'), '``a`b``');
  });
});
