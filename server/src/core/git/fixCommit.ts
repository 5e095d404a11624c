// "The commit that fixes the code and ticks the box together": a document line committed with the
// fix describes the code of the commit's parent. When that commit rewrote the referenced lines
// (not merely added code around them), or the range only exists in the parent, the parent is the base.
// Code the issue quotes decides first: the commit whose lines hold the quote is the one described.
import type { GitRepository } from './gitRepository';
import { findQuote, type Quote } from './quotedCode';
import type { Snapshot, SnapshotCache } from './snapshots';

/** The parent commit and its snapshot when the reference describes the parent's code; else undefined. */
export async function parentIfFixCommit(
  git: GitRepository,
  snapshots: SnapshotCache,
  commit: string,
  path: string,
  base: Snapshot,
  startLine: number,
  endLine: number,
  quotes: readonly Quote[] = [],
): Promise<{ commit: string; snapshot: Snapshot } | undefined> {
  const parent = await git.parentOf(commit);
  if (parent === undefined) return undefined;
  const before = await snapshots.atCommit(parent, path);
  if (before === undefined || before.text === base.text) return undefined;
  if (quotes.length > 0) {
    if (holdsQuote(base, quotes, startLine, endLine)) return undefined;
    if (holdsQuote(before, quotes, startLine, endLine)) return { commit: parent, snapshot: before };
  }
  if (endLine > before.normalized.length) return undefined;
  if (endLine > base.normalized.length) return { commit: parent, snapshot: before };
  const map = snapshots.lineMap(before, base);
  if (!map) return undefined;
  // Some of the parent's referenced lines were edited or removed by the commit: it is the fix.
  const mapped = map.mapRange(startLine - 1, endLine - 1);
  return mapped.kept < endLine - startLine + 1 ? { commit: parent, snapshot: before } : undefined;
}

/** True when one of the quotes stands within the lines of the snapshot. */
function holdsQuote(snapshot: Snapshot, quotes: readonly Quote[], startLine: number, endLine: number): boolean {
  return quotes.some((quote) => findQuote(quote, snapshot.normalized).some((match) => match.start <= endLine - 1 && match.end >= startLine - 1));
}
