// A bounded cache of per-section results (syntax trees, references) shared by the markdown parser
// and the sectioned reference scan. Entries are keyed by section text; each owner (a document)
// records the keys its latest pass used, so an edit's superseded sections go at once instead of
// filling the cache with every version typed.

/** Least-recently-used cache of per-section values, pruned by owner. */
export class OwnedSectionCache<V> {
  private readonly entries = new Map<string, V>();
  private readonly latestByOwner = new Map<string, ReadonlySet<string>>();

  constructor(private readonly maxEntries: number) {}

  /** The value for `key`, computed and kept on a miss; a hit becomes the most recent entry. */
  get(key: string, compute: () => V): V {
    const known = this.entries.get(key);
    if (known !== undefined) {
      // Re-insert so the map's order tracks recency (a cheap LRU).
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }

  /** The value for `key` if kept, without touching recency. */
  peek(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Records the keys of an owner's latest pass; its earlier keys that this pass no longer used go. */
  retain(owner: string, keys: ReadonlySet<string>): void {
    for (const key of this.latestByOwner.get(owner) ?? []) if (!keys.has(key)) this.entries.delete(key);
    this.latestByOwner.set(owner, keys);
  }

  /** Drops the entries an owner's latest pass kept. */
  forget(owner: string): void {
    for (const key of this.latestByOwner.get(owner) ?? []) this.entries.delete(key);
    this.latestByOwner.delete(owner);
  }

  /** How many entries are kept. */
  get size(): number {
    return this.entries.size;
  }
}
