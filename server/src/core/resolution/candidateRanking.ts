// Orders the files a written path could mean, best guess first. An issue's other references tell
// the most (an issue about `backend/api/views.py` means the `serializers.py` next to it), then the
// document's own place in the tree, then plain simplicity; the final alphabetical tie-break keeps
// the order stable from run to run.

/** What ranking may look at, already split into folder segments. */
export interface RankingHints {
  /** Folder segments of the audit document. */
  documentFolder: readonly string[];
  /** Folder segments of each already-resolved reference of the same issue. */
  siblingFolders: readonly (readonly string[])[];
}

interface RankedCandidate {
  path: string;
  siblingAffinity: number;
  distanceFromDocument: number;
  segmentCount: number;
}

/** Sorts candidate paths best first: sibling affinity, nearness to the document, shortness, then alphabet. */
export function rankCandidates(paths: readonly string[], hints: RankingHints): string[] {
  const ranked = paths.map((path) => describe(path, hints));
  ranked.sort(compareCandidates);
  return ranked.map((candidate) => candidate.path);
}

/** Folder segments of each sibling path, for `RankingHints.siblingFolders`. */
export function siblingFoldersOf(siblingPaths: readonly string[] | undefined): string[][] {
  if (!siblingPaths) return [];
  return siblingPaths.map((path) => path.replaceAll('\\', '/').split('/').filter((segment) => segment !== '' && segment !== '.').slice(0, -1));
}

function describe(path: string, hints: RankingHints): RankedCandidate {
  const segments = path.split('/');
  const folder = segments.slice(0, -1);
  let siblingAffinity = 0;
  for (const siblingFolder of hints.siblingFolders) {
    siblingAffinity = Math.max(siblingAffinity, commonPrefixLength(folder, siblingFolder));
  }
  const shared = commonPrefixLength(folder, hints.documentFolder);
  const distanceFromDocument = hints.documentFolder.length - shared + (folder.length - shared);
  return { path, siblingAffinity, distanceFromDocument, segmentCount: segments.length };
}

function compareCandidates(a: RankedCandidate, b: RankedCandidate): number {
  return (
    b.siblingAffinity - a.siblingAffinity ||
    a.distanceFromDocument - b.distanceFromDocument ||
    a.segmentCount - b.segmentCount ||
    a.path.length - b.path.length ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  );
}

function commonPrefixLength(a: readonly string[], b: readonly string[]): number {
  const limit = Math.min(a.length, b.length);
  let index = 0;
  while (index < limit && a[index] === b[index]) index++;
  return index;
}
