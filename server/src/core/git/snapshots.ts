// The texts the staleness check compares, split into lines once and kept: files at commits forever
// (a commit id names one content), working-tree files until the host says something changed, and
// the line maps between them. This is what makes a second pass over the same references cheap.
import { createHash } from 'node:crypto';
import type { GitRepository } from './gitRepository';
import { LineMap, normalizeLine, textLines } from './lineDiff';

/** A file's text with its lines as written and without whitespace. */
export interface Snapshot {
  /** Names the content: `<commit>:<path>`, or the git blob id of a working-tree text. */
  id: string;
  text: string;
  lines: string[];
  normalized: string[];
}

/** Bound on each cache; beyond it the cache starts over (a long session over many commits). */
const MAX_ENTRIES = 20_000;

/** Git's blob id of a text. */
export function blobId(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** A snapshot of a text. */
export function snapshotOf(text: string, id: string): Snapshot {
  const lines = textLines(text);
  return { id, text, lines, normalized: lines.map(normalizeLine) };
}

/** Snapshots at commits and in the working tree, and the line maps between them. */
export class SnapshotCache {
  private readonly committed = new Map<string, Promise<Snapshot | undefined>>();
  private readonly current = new Map<string, Promise<Snapshot | undefined>>();
  private readonly maps = new Map<string, LineMap | undefined>();

  constructor(
    private readonly git: GitRepository,
    private readonly readCurrent: (path: string) => Promise<string | undefined>,
  ) {}

  /** The file at a commit, or undefined when the commit has no such file. */
  atCommit(commit: string, path: string): Promise<Snapshot | undefined> {
    const id = `${commit}:${path}`;
    return cached(this.committed, id, () => this.git.readFile(commit, path).then((text) => (text === undefined ? undefined : snapshotOf(text, id))));
  }

  /** The file as it is now (editor buffer or disk). */
  inWorkingTree(path: string): Promise<Snapshot | undefined> {
    return cached(this.current, path, () => this.readCurrent(path).then((text) => (text === undefined ? undefined : snapshotOf(text, blobId(text)))));
  }

  /** How the lines of `from` correspond to those of `to`, computed once per pair of contents. */
  lineMap(from: Snapshot, to: Snapshot): LineMap | undefined {
    const key = `${from.id}>${to.id}`;
    if (this.maps.has(key)) return this.maps.get(key);
    if (this.maps.size > MAX_ENTRIES) this.maps.clear();
    const map = LineMap.between(from.normalized, to.normalized);
    this.maps.set(key, map);
    return map;
  }

  /** Forgets working-tree texts (they changed); commit snapshots and maps by content stay right. */
  forgetWorkingTree(): void {
    this.current.clear();
  }
}

function cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let entry = map.get(key);
  if (!entry) {
    if (map.size > MAX_ENTRIES) map.clear();
    entry = load();
    // A failed read (git died) is not kept: the next pass asks again.
    entry.catch(() => map.delete(key));
    map.set(key, entry);
  }
  return entry;
}
