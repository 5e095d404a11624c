// Memoizes pure string functions. Re-analyzing a document on every keystroke meets the same
// titles and lines again and again; only the edited ones are new, so a bounded cache turns most of
// the per-keystroke work into map lookups.

/** Wraps a pure one-argument string function with a bounded cache (oldest entries evicted first). */
export function memoizeString<R>(compute: (input: string) => R, maxEntries = 20_000): (input: string) => R {
  const cache = new Map<string, R>();
  return (input: string) => {
    const cached = cache.get(input);
    if (cached !== undefined || cache.has(input)) return cached as R;
    const result = compute(input);
    if (cache.size >= maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(input, result);
    return result;
  };
}
