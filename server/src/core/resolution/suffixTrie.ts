// A trie over path segments read from the end (basename first). Documents name files by their tail
// (`settings/database.py`, `main.py`), so every lookup walks only as many nodes as the tail has
// segments, whatever the size of the workspace. The first level is the basename index.

interface SuffixNode {
  children: Map<string, SuffixNode> | undefined;
  /** Every path whose trailing segments spell the way from the root to this node. */
  paths: string[];
  /** Paths made of exactly these segments (several only when keys are case-folded). */
  wholePaths: string[] | undefined;
}

/** Finds workspace paths by their trailing whole segments, in time proportional to the query. */
export class SegmentSuffixTrie {
  private readonly root: SuffixNode = newNode();

  /** Adds a path under the given keys (its segments, possibly case-folded). */
  add(path: string, keys: readonly string[]): void {
    let node = this.root;
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index] as string;
      node.children ??= new Map();
      let child = node.children.get(key);
      if (!child) {
        child = newNode();
        node.children.set(key, child);
      }
      child.paths.push(path);
      node = child;
    }
    (node.wholePaths ??= []).push(path);
  }

  /** Paths whose last segments equal `keys`, in insertion order; empty when none or when `keys` is empty. */
  pathsEndingWith(keys: readonly string[]): readonly string[] {
    if (keys.length === 0) return [];
    return this.nodeFor(keys)?.paths ?? [];
  }

  /** Paths made of exactly `keys` (several only when keys are case-folded). */
  pathsEqualTo(keys: readonly string[]): readonly string[] {
    if (keys.length === 0) return [];
    return this.nodeFor(keys)?.wholePaths ?? [];
  }

  /**
   * The paths that equal the longest tail of `keys` that is itself a whole path: how
   * `/var/www/repo/src/x.ts` finds `src/x.ts`. Empty when no tail is a whole path.
   */
  longestWholeTail(keys: readonly string[]): readonly string[] {
    let node: SuffixNode | undefined = this.root;
    let best: readonly string[] = [];
    for (let index = keys.length - 1; index >= 0 && node; index--) {
      node = node.children?.get(keys[index] as string);
      if (node?.wholePaths) best = node.wholePaths;
    }
    return best;
  }

  private nodeFor(keys: readonly string[]): SuffixNode | undefined {
    let node: SuffixNode | undefined = this.root;
    for (let index = keys.length - 1; index >= 0 && node; index--) node = node.children?.get(keys[index] as string);
    return node;
  }
}

function newNode(): SuffixNode {
  return { children: undefined, paths: [], wholePaths: undefined };
}
