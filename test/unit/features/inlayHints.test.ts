// Inlay hints: at the end of each referenced line as the text stands now, the issues on it with
// their severity; resolved and won't-fix issues only when asked; lines the text lacks get none.
import assert from 'node:assert/strict';
import { inlayHints } from '../../../server/src/core/features/inlayHints';
import { neverCancelled } from '../../../server/src/core/workspace';
import { buildFixtureIndex, FIXTURE_FILES } from '../../helpers/indexFixture';

const SETTINGS = 'backend/app/settings.py';
const SETTINGS_TEXT = FIXTURE_FILES[SETTINGS] as string;

describe('features/inlayHints', () => {
  it('labels the end of each referenced line with its open issues, joined, most severe first', async () => {
    const index = await buildFixtureIndex();
    const hints = inlayHints(index, SETTINGS, SETTINGS_TEXT, neverCancelled);
    assert.deepEqual(hints, [
      {
        position: { line: 19, character: 'SECURE_SSL_REDIRECT = False'.length },
        label: '◀ P0-02 critical, HP-002 high',
        tooltip: 'P0-02 critical: HTTPS Security Protections Disabled (docs/SECURITY_AUDIT.md:22)\nHP-002 high: Enforce HTTPS Redirects (TECH_DEBT.md:20)',
        issues: [
          { documentPath: 'docs/SECURITY_AUDIT.md', key: 'P0-02' },
          { documentPath: 'TECH_DEBT.md', key: 'HP-002' },
        ],
      },
    ]);
    assert.deepEqual(index.host.reads, []);
  });

  it('shows resolved and wont-fix issues when asked', async () => {
    const index = await buildFixtureIndex();
    const hints = inlayHints(index, SETTINGS, SETTINGS_TEXT, neverCancelled, { showResolved: true });
    assert.deepEqual(hints.map((hint) => [hint.position.line, hint.label]), [
      [11, '◀ P0-01 critical'],
      [19, '◀ P0-02 critical, HP-002 high, P2-01 medium'],
    ]);
    assert.equal(hints[0]?.position.character, 'DEBUG = env.bool("DJANGO_DEBUG", default=False)'.length);
  });

  it('follows moved code and measures the line in the text given, whatever its line endings', async () => {
    const index = await buildFixtureIndex(undefined, { lineShifts: { [SETTINGS]: 1 } });
    const edited = `# added\r\n${SETTINGS_TEXT.replaceAll('\n', '\r\n')}`;
    const [hint] = inlayHints(index, SETTINGS, edited, neverCancelled);
    assert.deepEqual(hint?.position, { line: 20, character: 'SECURE_SSL_REDIRECT = False'.length });
  });

  it('keeps only lines in the requested range', async () => {
    const index = await buildFixtureIndex();
    const range = { start: { line: 0, character: 0 }, end: { line: 15, character: 0 } };
    assert.deepEqual(inlayHints(index, SETTINGS, SETTINGS_TEXT, neverCancelled, { showResolved: true, range }).map((hint) => hint.position.line), [11]);
  });

  it('gives nothing for lines the text does not have, or past the end of the file', async () => {
    const index = await buildFixtureIndex();
    assert.deepEqual(inlayHints(index, SETTINGS, 'only one line\n', neverCancelled), []);
    assert.deepEqual(inlayHints(index, 'frontend/src/api/client.ts', FIXTURE_FILES['frontend/src/api/client.ts'] as string, neverCancelled), []);
    assert.deepEqual(inlayHints(index, 'nothing.py', 'x = 1\n', neverCancelled), []);
  });

  it('labels an issue without an ID by the start of its title', async () => {
    const index = await buildFixtureIndex({
      'TRACKER.md': '# Tracker\n\n## 🟠 High Priority\n\n- Replace the hand-rolled retry loop with tenacity in `jobs/sync.py:2`\n',
      'jobs/sync.py': 'import time\nfor attempt in range(5):\n    time.sleep(attempt)\n',
    });
    const [hint] = inlayHints(index, 'jobs/sync.py', 'import time\nfor attempt in range(5):\n', neverCancelled);
    assert.equal(hint?.label, '◀ Replace the hand-rolled retry l… high');
    assert.deepEqual(hint?.position, { line: 1, character: 24 });
  });
});
