// mapConcurrently: the results keep the input order whatever order the work finishes in, and no
// more than the limit is ever in flight.
import assert from 'node:assert/strict';
import { mapConcurrently } from '../../server/src/core/concurrency';

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
