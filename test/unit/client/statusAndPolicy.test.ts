// The status bar text and the server's restart policy.
import assert from 'node:assert/strict';
import { buildIssueTree, DEFAULT_FILTER, type IssueTotals } from '../../../client/src/model/issueTree';
import { RestartPolicy } from '../../../client/src/model/restartPolicy';
import { statusBarContent } from '../../../client/src/model/statusSummary';
import { acme } from './issueFixtures';

const NONE: IssueTotals = { documents: 0, issues: 0, openIssues: 0, references: 0, staleReferences: 0, indexing: false };

describe('client status bar', () => {
  it('shows open issues and stale references', () => {
    const { totals } = buildIssueTree([acme()], 'document', DEFAULT_FILTER);
    const content = statusBarContent(totals, 'running');
    assert.equal(content.text, '$(checklist) 7 open · 3 stale');
    assert.equal(content.visible, true);
    assert.equal(content.tooltip, ['**Audit Lens**: 7 open issues of 9 in 2 documents', '', '3 stale references of 9', '', 'Click to show the Issues view.'].join('\n'));
  });

  it('spins while indexing and says the numbers may grow', () => {
    const content = statusBarContent({ ...NONE, issues: 1, openIssues: 1, documents: 1, indexing: true }, 'running');
    assert.equal(content.text, '$(sync~spin) 1 open · 0 stale');
    assert.match(content.tooltip, /Indexing: the numbers may still grow\./);
    assert.equal(content.visible, true);
    assert.equal(statusBarContent({ ...NONE, indexing: true }, 'starting').visible, false, 'nothing to count yet');
  });

  it('hides in a workspace without issues, and shows a stopped server', () => {
    assert.equal(statusBarContent(NONE, 'running').visible, false);
    const stopped = statusBarContent(NONE, 'stopped');
    assert.equal(stopped.text, '$(error) Audit Lens');
    assert.equal(stopped.visible, true);
  });
});

describe('client restart policy', () => {
  it('restarts five times in three minutes with a doubling delay, then gives up', () => {
    const policy = new RestartPolicy();
    const decisions = [0, 1_000, 2_000, 3_000, 4_000, 5_000].map((now) => policy.onCrash(now));
    assert.deepEqual(decisions, [
      { restart: true, delayMs: 500, attempt: 1 },
      { restart: true, delayMs: 1_000, attempt: 2 },
      { restart: true, delayMs: 2_000, attempt: 3 },
      { restart: true, delayMs: 4_000, attempt: 4 },
      { restart: true, delayMs: 8_000, attempt: 5 },
      { restart: false, crashes: 6 },
    ]);
  });

  it('forgets crashes older than three minutes', () => {
    const policy = new RestartPolicy();
    for (const now of [0, 10_000, 20_000, 30_000, 40_000]) policy.onCrash(now);
    // At 195 s the crashes at 0 s and 10 s have left the window; three remain.
    assert.deepEqual(policy.onCrash(195_000), { restart: true, delayMs: 4_000, attempt: 4 });
  });

  it('starts over after a restart by hand, and caps the delay', () => {
    const policy = new RestartPolicy({ maxRestarts: 10, windowMs: 60_000, initialDelayMs: 1_000, maxDelayMs: 3_000 });
    for (let crash = 0; crash < 3; crash++) policy.onCrash(crash);
    assert.deepEqual(policy.onCrash(4), { restart: true, delayMs: 3_000, attempt: 4 });
    policy.reset();
    assert.deepEqual(policy.onCrash(5), { restart: true, delayMs: 1_000, attempt: 1 });
  });
});
