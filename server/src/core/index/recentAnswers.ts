// Answers about the file system that stay good for a short while: the server hears of changes
// through file events (which clear it), so while a user types it need not ask again per keystroke.

/** Remembers async answers by key for `trustForMs`; `clear` forgets them all. */
export class RecentAnswers<T> {
  private readonly answers = new Map<string, { value: Promise<T>; at: number }>();
  private held = false;

  constructor(
    private readonly trustForMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** While held (a whole re-index runs), answers are kept until `clear`, without the window or the bound. */
  hold(held: boolean): void {
    this.held = held;
  }

  /** The remembered answer for `key`, or a fresh one from `compute`. */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.trustForMs <= 0 && !this.held) return compute();
    const now = this.now();
    const known = this.answers.get(key);
    if (known && (this.held || now - known.at < this.trustForMs)) return known.value;
    // Bounded: a long session names many paths, and the oldest answers are the least useful.
    if (this.answers.size >= 10_000 && !this.held) this.answers.clear();
    const value = compute();
    this.answers.set(key, { value, at: now });
    return value;
  }

  /** Forgets every answer (the file system changed). */
  clear(): void {
    this.answers.clear();
  }
}
