// When the language server dies: restart it with a growing delay, up to five times in three
// minutes; after that, stop and let the user decide. Time is passed in, so tests need no clock.

/** What to do after the server's connection closed unexpectedly. */
export type RestartDecision = { restart: true; delayMs: number; attempt: number } | { restart: false; crashes: number };

/** Restart limits: how many crashes in how long, and the backoff. */
export interface RestartLimits {
  maxRestarts: number;
  windowMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** Five restarts in three minutes, starting at half a second and doubling up to eight. */
export const DEFAULT_RESTART_LIMITS: RestartLimits = { maxRestarts: 5, windowMs: 3 * 60_000, initialDelayMs: 500, maxDelayMs: 8_000 };

/** Counts crashes in a sliding window and decides whether and when to restart. */
export class RestartPolicy {
  private crashes: number[] = [];

  constructor(private readonly limits: RestartLimits = DEFAULT_RESTART_LIMITS) {}

  /** Records a crash at `now` (ms) and says whether to restart, after how long. */
  onCrash(now: number): RestartDecision {
    this.crashes = this.crashes.filter((time) => now - time < this.limits.windowMs);
    this.crashes.push(now);
    const attempt = this.crashes.length;
    if (attempt > this.limits.maxRestarts) return { restart: false, crashes: attempt };
    const delayMs = Math.min(this.limits.initialDelayMs * 2 ** (attempt - 1), this.limits.maxDelayMs);
    return { restart: true, delayMs, attempt };
  }

  /** Forgets past crashes (the user restarted the server by hand). */
  reset(): void {
    this.crashes = [];
  }
}
