// What the last walk of the workspace saw: every folder it listed (all real folders inside the
// root, since the walk never enters a symlinked one) with the names of all their entries, and which
// entries were regular files. With it, the host answers "is this path inside the root?" for most
// paths without a system call: a warm start asks that of tens of thousands of referenced files,
// and each realpath is a thread-pool round trip, or an ENOENT error per missing ancestor.
// Whatever the walk did not see plainly (symlinks, ignored folders, names it never listed) still
// goes to the file system.

/** The folders and plain files one walk saw, by workspace-relative path (`''` is the root). */
export class WalkedTree {
  private readonly entriesByFolder = new Map<string, Set<string>>();
  private readonly plainFiles = new Set<string>();

  /** @param foldNames - compare names as a case-insensitive file system does (macOS, Windows). */
  constructor(private readonly foldNames: boolean) {}

  /** Records a listed folder and every entry name in it, ignored or not. */
  addFolder(folder: string, names: readonly string[]): void {
    this.entriesByFolder.set(folder, new Set(names.map((name) => this.fold(name))));
  }

  /** Records a regular file (not a symlink) the walk found in a listed folder. */
  addPlainFile(path: string): void {
    this.plainFiles.add(path);
  }

  /** True when the walk saw `path` (normalized, relative) as a regular file in real folders. */
  isPlainFile(path: string): boolean {
    return this.plainFiles.has(path);
  }

  /**
   * Whether the longest existing prefix of `path` (normalized, relative, no `..`) lies inside the
   * root: `true` when the walk proves it (the path runs through listed folders and then names
   * nothing, or a plain file); `undefined` when only the file system can tell (a symlink, an
   * ignored folder, a folder the walk did not list).
   */
  existingPrefixIsInside(path: string): boolean | undefined {
    if (path === '') return true;
    const segments = path.split('/');
    let folder = '';
    for (const segment of segments) {
      const names = this.entriesByFolder.get(folder);
      if (names === undefined) return undefined;
      if (!names.has(this.fold(segment))) return true; // nothing there: the prefix so far is real and inside
      const child = folder === '' ? segment : `${folder}/${segment}`;
      if (this.plainFiles.has(child)) return true; // a file, whatever follows it
      if (!this.entriesByFolder.has(child)) return undefined; // a symlink, an ignored folder, a device
      folder = child;
    }
    return true;
  }

  private fold(name: string): string {
    // Case-insensitive file systems also treat composed and decomposed accents as one name.
    return this.foldNames ? name.normalize('NFC').toLowerCase() : name;
  }
}
