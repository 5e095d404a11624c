// What the server may remember about files between file events: line counts and outside-the-root
// answers for a short while (so typing does not stat every referenced file per keystroke), and
// path resolutions for the life of one file list.
import assert from 'node:assert/strict';
import { RecentAnswers } from '../../../server/src/core/index/recentAnswers';
import { FileIndex } from '../../../server/src/core/pathResolver';
import { LineCountCache } from '../../../server/src/core/referenceResolver';
import { MemoryWorkspace } from '../../helpers/memoryWorkspace';

/** A MemoryWorkspace that counts stat calls. */
class CountingWorkspace extends MemoryWorkspace {
  stats = 0;
  override async stat(relativePath: string): ReturnType<MemoryWorkspace['stat']> {
    this.stats++;
    return super.stat(relativePath);
  }
}

describe('file answers the index may remember', () => {
  it('LineCountCache trusts a count for its window, then checks size and mtime again', async () => {
    const host = new CountingWorkspace({ 'a.py': 'one\ntwo\n' });
    let clock = 1_000;
    const cache = new LineCountCache(host, { trustForMs: 2_000, now: () => clock });
    assert.equal(await cache.lineCount('a.py'), 2);
    host.write('a.py', 'one\ntwo\nthree\n');
    clock += 1_999;
    assert.equal(await cache.lineCount('a.py'), 2, 'inside the window the count is trusted');
    assert.equal(host.stats, 1);
    clock += 1;
    assert.equal(await cache.lineCount('a.py'), 3, 'after it the change is seen');
    cache.invalidate('a.py');
    host.write('a.py', 'one\n');
    assert.equal(await cache.lineCount('a.py'), 1, 'a file event (invalidate) is seen at once');
  });

  it('LineCountCache without a window checks on every call, as the CLI wants', async () => {
    const host = new CountingWorkspace({ 'a.py': 'one\n' });
    const cache = new LineCountCache(host);
    await cache.lineCount('a.py');
    host.write('a.py', 'one\ntwo\n');
    assert.equal(await cache.lineCount('a.py'), 2);
    assert.equal(host.stats, 2);
  });

  it('RecentAnswers computes once per key within the window, again after it or after clear', async () => {
    let clock = 0;
    let computed = 0;
    const answers = new RecentAnswers<boolean>(1_000, () => clock);
    const ask = (): Promise<boolean> => answers.get('../x', async () => (++computed, true));
    await ask();
    await ask();
    assert.equal(computed, 1);
    clock = 1_000;
    await ask();
    assert.equal(computed, 2);
    answers.clear();
    await ask();
    assert.equal(computed, 3);
    const never = new RecentAnswers<boolean>(0);
    await never.get('k', async () => (++computed, true));
    await never.get('k', async () => (++computed, true));
    assert.equal(computed, 5, 'a zero window remembers nothing');
  });

  it('held for a whole re-index, a checked count is trusted past the window until its file is invalidated', async () => {
    const host = new CountingWorkspace({ 'a.py': 'one\n', 'b.py': 'one\n' });
    let clock = 0;
    const cache = new LineCountCache(host, { trustForMs: 2_000, now: () => clock });
    await cache.lineCount('a.py');
    cache.invalidate();
    cache.hold(true);
    clock = 10_000;
    await cache.lineCount('a.py');
    assert.equal(host.stats, 2, 'the re-index checks each count once');
    clock = 60_000;
    host.write('b.py', 'one\ntwo\n');
    assert.equal(await cache.lineCount('a.py'), 1);
    assert.equal(host.stats, 2, 'and trusts it for the rest of the run');
    host.write('a.py', 'one\ntwo\nthree\n');
    cache.invalidate('a.py');
    assert.equal(await cache.lineCount('a.py'), 3, 'a file event still counts at once');
    cache.hold(false);
    clock = 120_000;
    await cache.lineCount('a.py');
    assert.equal(host.stats, 4, 'released, the window applies again (the third stat was the re-read)');
  });

  it('RecentAnswers held keeps answers past the window and the bound until clear', async () => {
    let clock = 0;
    let computed = 0;
    const answers = new RecentAnswers<boolean>(1_000, () => clock);
    answers.hold(true);
    for (let key = 0; key < 10_001; key++) await answers.get(`k${key}`, async () => (++computed, true));
    clock = 5_000;
    await answers.get('k0', async () => (++computed, true));
    assert.equal(computed, 10_001);
    answers.clear();
    await answers.get('k0', async () => (++computed, true));
    assert.equal(computed, 10_002);
  });

  it('FileIndex remembers resolutions per document and path, but ranks siblings afresh', () => {
    const files = new FileIndex(['backend/accounts/utils.py', 'backend/bookings/utils.py', 'backend/accounts/views.py'], '/workspace');
    const context = { documentPath: 'AUDIT.md' };
    const first = files.resolve('utils.py', context);
    assert.equal(first.kind, 'ambiguous');
    assert.equal(files.resolve('utils.py', context), first, 'the same answer object');
    assert.notEqual(files.resolve('utils.py', { documentPath: 'docs/OTHER.md' }), first, 'another document asks anew');
    const ranked = files.resolve('utils.py', { ...context, siblingPaths: ['backend/accounts/views.py'] });
    assert.deepEqual(ranked.kind === 'found' || ranked.kind === 'ambiguous' ? ranked.candidates[0] : undefined, 'backend/accounts/utils.py');
  });
});
