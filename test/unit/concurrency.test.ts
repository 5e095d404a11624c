// mapConcurrently: the results keep the input order whatever order the work finishes in, and no
// more than the limit is ever in flight. UrgentWork holds background work while urgent work runs;
// TimeSlices yields only once a slice is used up.
import assert from 'node:assert/strict';
import { mapConcurrently, TimeSlices, UrgentWork } from '../../server/src/core/concurrency';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapConcurrently', () => {
  it('keeps the input order when later items finish first', async () => {
    const delays = [30, 1, 20, 0, 10, 5];
    const results = await mapConcurrently(delays, 3, async (delay, index) => {
      await tick(delay);
      return `${index}:${delay}`;
    });
    assert.deepEqual(results, ['0:30', '1:1', '2:20', '3:0', '4:10', '5:5']);
  });

  it('never has more than the limit in flight, and uses all of it', async () => {
    let inFlight = 0;
    let most = 0;
    await mapConcurrently(Array.from({ length: 40 }, (_, index) => index), 4, async (index) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick(index % 3);
      inFlight--;
    });
    assert.equal(most, 4);
  });

  it('answers an empty list, and rejects when one item fails', async () => {
    assert.deepEqual(await mapConcurrently([], 8, async () => 1), []);
    await assert.rejects(
      mapConcurrently([1, 2, 3], 2, async (item) => {
        if (item === 2) throw new Error('item 2 failed');
        return item;
      }),
      /item 2 failed/,
    );
  });
});

describe('UrgentWork', () => {
  it('holds background work at its checkpoint until every urgent run has ended', async () => {
    const urgent = new UrgentWork();
    const order: string[] = [];
    let finishFirst = (): void => undefined;
    let finishSecond = (): void => undefined;
    const first = urgent.run(() => new Promise<string>((resolve) => (finishFirst = () => resolve('first'))));
    const second = urgent.run(() => new Promise<string>((resolve) => (finishSecond = () => resolve('second'))));
    const background = urgent.checkpoint().then(() => order.push('background'));
    await tick(5);
    finishFirst();
    order.push(await first);
    await tick(5);
    assert.deepEqual(order, ['first'], 'one urgent run is still going');
    finishSecond();
    order.push(await second);
    await background;
    assert.deepEqual(order, ['first', 'second', 'background']);
  });

  it('lets background work through at once when nothing is urgent, and after a failed run', async () => {
    const urgent = new UrgentWork();
    await urgent.checkpoint();
    await assert.rejects(
      urgent.run(async () => {
        throw new Error('analysis failed');
      }),
      /analysis failed/,
    );
    await urgent.checkpoint();
  });
});

describe('TimeSlices', () => {
  it('yields to the event loop only once a slice is used up', async () => {
    let immediateRan = false;
    setImmediate(() => (immediateRan = true));
    await new TimeSlices(60_000).yieldIfDue();
    assert.equal(immediateRan, false, 'a slice with time left goes on without yielding');
    await new TimeSlices(0).yieldIfDue();
    assert.equal(immediateRan, true, 'a used-up slice lets the event loop run');
  });
});
