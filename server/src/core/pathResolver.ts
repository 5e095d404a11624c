// Maps a path as an audit document wrote it onto the workspace's files. Documents rarely write the
// workspace-relative path: they write it relative to themselves or to the sub-project they talk
// about, as a bare basename, as an absolute path on the author's machine, in another letter case.
// The index answers all of these from prebuilt maps, so resolving every reference of a large
// workspace costs time proportional to the references, not to the files.

import { rankCandidates, siblingFoldersOf, type RankingHints } from './resolution/candidateRanking';
import { SegmentSuffixTrie } from './resolution/suffixTrie';
import {
  folderSegmentsOf,
  normalizeSegments,
  parseAbsoluteLocation,
  parseWrittenPath,
  workspaceFolderSegments,
  type WrittenPath,
} from './resolution/writtenPath';

/** How a path written in a document maps onto the workspace's files. */
export type PathResolution =
  | { kind: 'found'; path: string; candidates: string[] }
  | { kind: 'ambiguous'; path: string; candidates: string[] }
  | { kind: 'missing' }
  | { kind: 'outside-workspace' };

/** What the resolver may use to pick between candidates. */
export interface ResolutionContext {
  /** Workspace-relative path of the audit document, with `/`. */
  documentPath: string;
  /** Sub-project folders the document works in (e.g. it says `cd backend`), workspace-relative. */
  subprojectRoots?: readonly string[];
  /** Workspace-relative paths of the other references of the same issue, already resolved, for ranking. */
  siblingPaths?: readonly string[];
}

/** At most this many candidates are returned; a longer list helps nobody choose. */
export const MAX_CANDIDATES = 50;

/**
 * Top-level folders of a machine that hold its own files, never a checkout: an absolute path into
 * them means the machine's file even when the workspace happens to hold a file with the same tail.
 */
const SYSTEM_FOLDERS_POSIX = new Set(['etc', 'proc', 'sys', 'dev', 'boot']);
const SYSTEM_FOLDERS_WINDOWS = new Set(['windows']);

/** Bound on remembered resolutions, so a huge corpus cannot grow the memo without end. */
const MAX_REMEMBERED_RESOLUTIONS = 200_000;

const MISSING: PathResolution = { kind: 'missing' };
const OUTSIDE: PathResolution = { kind: 'outside-workspace' };

/** An index of the workspace's files that resolves paths as documents write them. Built once per file list. */
export class FileIndex {
  /** Number of distinct files indexed. */
  readonly size: number;
  private readonly files = new Set<string>();
  private readonly exactTrie = new SegmentSuffixTrie();
  private readonly foldedTrie = new SegmentSuffixTrie();
  private readonly topLevelNames = new Set<string>();
  private readonly resolutions = new Map<string, PathResolution>();
  private readonly root: (WrittenPath & { kind: 'absolute' }) | undefined;
  private sortedPaths: string[] | undefined;

  /** Indexes workspace-relative `files` (either separator); `workspaceRoot` is the absolute root, for absolute references. */
  constructor(files: readonly string[], workspaceRoot: string) {
    for (const file of files) {
      const { ups, segments } = normalizeSegments(file.replaceAll('\\', '/').split('/'));
      if (ups > 0 || segments.length === 0) continue;
      const path = segments.join('/');
      if (this.files.has(path)) continue;
      this.files.add(path);
      this.exactTrie.add(path, segments);
      this.foldedTrie.add(path, segments.map(foldCase));
      this.topLevelNames.add(segments[0] as string);
    }
    this.size = this.files.size;
    this.root = parseAbsoluteLocation(workspaceRoot.trim());
  }

  /** Every indexed path, sorted (for completion); computed once per index. */
  paths(): readonly string[] {
    this.sortedPaths ??= [...this.files].sort();
    return this.sortedPaths;
  }

  /** True when the workspace-relative path is an indexed file (exact case). */
  has(path: string): boolean {
    const { ups, segments } = normalizeSegments(path.replaceAll('\\', '/').split('/'));
    return ups === 0 && this.files.has(segments.join('/'));
  }

  /** Files whose path ends with the given whole segments (`api/views.py`), for completion; empty for an empty suffix. */
  filesEndingWith(suffix: string): string[] {
    const { segments } = normalizeSegments(suffix.replaceAll('\\', '/').split('/'));
    return [...this.exactTrie.pathsEndingWith(segments)];
  }

  /**
   * Resolves a path as written in a document; never throws. Answers without sibling ranking are
   * remembered for the life of the index (one file list): a document re-resolved on every keystroke
   * names the same paths again.
   */
  resolve(pathAsWritten: string, context: ResolutionContext): PathResolution {
    if (context.siblingPaths) return this.resolveUncached(pathAsWritten, context);
    const key = `${context.documentPath}\u0000${context.subprojectRoots?.join('\u0000') ?? ''}\u0000${pathAsWritten}`;
    const known = this.resolutions.get(key);
    if (known) return known;
    const resolution = this.resolveUncached(pathAsWritten, context);
    if (this.resolutions.size >= MAX_REMEMBERED_RESOLUTIONS) this.resolutions.clear();
    this.resolutions.set(key, resolution);
    return resolution;
  }

  private resolveUncached(pathAsWritten: string, context: ResolutionContext): PathResolution {
    try {
      const written = parseWrittenPath(pathAsWritten);
      switch (written.kind) {
        case 'empty':
          return MISSING;
        case 'home':
          return OUTSIDE;
        case 'absolute':
          return this.resolveAbsolute(written, context);
        case 'relative':
          return this.resolveRelative(written.ups, written.segments, context);
      }
    } catch {
      // Bad input must cost one reference, never the whole document.
      return MISSING;
    }
  }

  private resolveRelative(ups: number, segments: readonly string[], context: ResolutionContext): PathResolution {
    const bases: string[][] = [[], folderSegmentsOf(context.documentPath)];
    for (const root of context.subprojectRoots ?? []) bases.push(workspaceFolderSegments(root));
    const joined: string[][] = [];
    for (const base of bases) {
      if (ups <= base.length) joined.push([...base.slice(0, base.length - ups), ...segments]);
    }
    // Climbing above the document's folder and every other base leaves the workspace.
    if (joined.length === 0) return OUTSIDE;
    if (segments.length === 0) return MISSING;

    for (const candidate of joined) {
      const path = candidate.join('/');
      if (this.files.has(path)) return found(path);
    }
    const bySuffix = this.exactTrie.pathsEndingWith(segments);
    if (bySuffix.length > 0) return this.choose(bySuffix, context);

    // Case-insensitive answers only when the exact case found nothing at all.
    for (const candidate of joined) {
      const byFoldedPath = this.foldedTrie.pathsEqualTo(candidate.map(foldCase));
      if (byFoldedPath.length > 0) return this.choose(byFoldedPath, context);
    }
    const byFoldedSuffix = this.foldedTrie.pathsEndingWith(segments.map(foldCase));
    if (byFoldedSuffix.length > 0) return this.choose(byFoldedSuffix, context);
    return MISSING;
  }

  private resolveAbsolute(written: WrittenPath & { kind: 'absolute' }, context: ResolutionContext): PathResolution {
    const segments = written.segments;
    const relative = this.relativeToRoot(written);
    if (relative) {
      if (relative.length === 0) return MISSING;
      const path = relative.join('/');
      if (this.files.has(path)) return found(path);
      const folded = this.foldedTrie.pathsEqualTo(relative.map(foldCase));
      return folded.length > 0 ? this.choose(folded, context) : MISSING;
    }
    if (isSystemLocation(written)) return OUTSIDE;

    const exactTail = this.exactTrie.longestWholeTail(segments);
    if (exactTail.length > 0) return this.choose(exactTail, context);
    const foldedTail = this.foldedTrie.longestWholeTail(segments.map(foldCase));
    if (foldedTail.length > 0) return this.choose(foldedTail, context);
    const containerTail = this.tailUnderFolders(segments, context);
    if (containerTail) return containerTail;
    // `/docs/x.md` in a workspace with a `docs` folder, or `/NOTES.md`, is a root-relative path
    // written with a slash: a machine's own root holds folders, not files anyone audits.
    const first = segments[0];
    if (written.drive !== null || first === undefined) return OUTSIDE;
    return segments.length === 1 || this.topLevelNames.has(first) ? MISSING : OUTSIDE;
  }

  /**
   * A container or deploy path (`/app/bookings/tasks.py` for `backend/bookings/tasks.py`): the
   * longest tail of at least two segments found under a sub-project root, else anywhere by suffix.
   */
  private tailUnderFolders(segments: readonly string[], context: ResolutionContext): PathResolution | undefined {
    for (let start = 1; start <= segments.length - 2; start++) {
      const tail = segments.slice(start);
      for (const root of context.subprojectRoots ?? []) {
        const path = [...workspaceFolderSegments(root), ...tail].join('/');
        if (this.files.has(path)) return found(path);
      }
      const bySuffix = this.exactTrie.pathsEndingWith(tail);
      if (bySuffix.length > 0) return this.choose(bySuffix, context);
    }
    return undefined;
  }

  /** The segments below the workspace root, or `undefined` when the absolute path is not under it. */
  private relativeToRoot(written: WrittenPath & { kind: 'absolute' }): string[] | undefined {
    const root = this.root;
    if (!root || root.drive !== written.drive || written.segments.length < root.segments.length) return undefined;
    // Windows paths compare without case; POSIX paths as written.
    const same = root.drive === null ? (a: string, b: string) => a === b : (a: string, b: string) => foldCase(a) === foldCase(b);
    for (let index = 0; index < root.segments.length; index++) {
      if (!same(root.segments[index] as string, written.segments[index] as string)) return undefined;
    }
    return written.segments.slice(root.segments.length);
  }

  private choose(paths: readonly string[], context: ResolutionContext): PathResolution {
    if (paths.length === 1) return found(paths[0] as string);
    const hints: RankingHints = {
      documentFolder: folderSegmentsOf(context.documentPath),
      siblingFolders: siblingFoldersOf(context.siblingPaths),
    };
    const candidates = rankCandidates(paths, hints).slice(0, MAX_CANDIDATES);
    return { kind: 'ambiguous', path: candidates[0] as string, candidates };
  }
}

function found(path: string): PathResolution {
  return { kind: 'found', path, candidates: [path] };
}

function isSystemLocation(written: WrittenPath & { kind: 'absolute' }): boolean {
  const first = written.segments[0];
  if (first === undefined) return false;
  if (written.drive === null) return SYSTEM_FOLDERS_POSIX.has(first);
  return written.drive !== '//' && SYSTEM_FOLDERS_WINDOWS.has(foldCase(first));
}

function foldCase(text: string): string {
  return text.toLowerCase();
}
