// Bounded concurrency for I/O-bound loops. Resolution asks the host one small question per
// referenced file (a stat, a read); asked one after another, each waits out a full round trip
// through the thread pool, and a warm start spent most of its time idle.

/** Maps `items` through `work` with at most `limit` calls in flight; results keep the items' order. */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}

/** Lets the event loop run (I/O callbacks, requests) before the caller goes on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** How long synchronous work may hold the event loop before it lets requests through. */
const SLICE_MS = 8;

/** Cuts a long run of synchronous calls into slices of a few milliseconds. */
export class TimeSlices {
  private sliceStart = performance.now();

  constructor(private readonly sliceMs = SLICE_MS) {}

  /** Yields to the event loop when the current slice is used up. */
  async yieldIfDue(): Promise<void> {
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    await yieldToEventLoop();
    this.sliceStart = performance.now();
  }
}

/**
 * Lets urgent work (analyzing the buffer an editor just opened or changed) run before background
 * work (the index): background work waits at its next checkpoint while urgent work runs. Without
 * it, every step of an open document's analysis queues behind documents the index is parsing.
 */
export class UrgentWork {
  private running = 0;
  private idle: Promise<void> | undefined;
  private release: (() => void) | undefined;

  /** Runs `work` as urgent. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running++ === 0) this.idle = new Promise((resolve) => (this.release = resolve));
    try {
      return await work();
    } finally {
      if (--this.running === 0) {
        this.release?.();
        this.idle = undefined;
        this.release = undefined;
      }
    }
  }

  /** Resolves once no urgent work is running; background work calls it between items. */
  async checkpoint(): Promise<void> {
    while (this.idle) await this.idle;
  }
}

/**
 * Hands out turns of the event loop one at a time. Immediates queued together all run in one
 * pass, so several workers that each yield would still run back to back; chained, each taker
 * starts on an iteration of its own, after the pending I/O (requests) of that iteration.
 */
export class EventLoopTurns {
  private last: Promise<void> = Promise.resolve();

  /** Resolves on a fresh iteration of the event loop, one taker per iteration. */
  next(): Promise<void> {
    const turn = this.last.then(yieldToEventLoop);
    this.last = turn;
    return turn;
  }
}
