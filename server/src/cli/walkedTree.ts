// What the last walk of the workspace saw: every folder it listed (all real folders inside the
// root, since the walk never enters a symlinked one) with the names of all their entries, and which
// entries were regular files. With it, the host answers "is this path inside the root?" with one
// realpath per folder (see RealFolderChecks) instead of one per file and an ENOENT per missing
// ancestor: a warm start asks that of tens of thousands of referenced files. Whatever the walk did
// not see plainly (symlinks, ignored folders, names it never listed) still goes to the file system.

/** The folders and plain files one walk saw, by workspace-relative path (`''` is the root). */
export class WalkedTree {
  private readonly entriesByFolder = new Map<string, Set<string>>();
  private readonly plainFiles = new Set<string>();
  /** Folders holding a name that JavaScript may fold unlike the disk; a missing name there is not proven. */
  private readonly foldersWithOddNames = new Set<string>();

  /** @param foldNames - compare names as a case-insensitive file system does (macOS, Windows). */
  constructor(private readonly foldNames: boolean) {}

  /** Records a listed folder and every entry name in it, ignored or not. */
  addFolder(folder: string, names: readonly string[]): void {
    this.entriesByFolder.set(folder, new Set(names.map((name) => this.fold(name))));
    if (this.foldNames && !names.every(foldsLikeTheDisk)) this.foldersWithOddNames.add(folder);
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
   * The deepest walked folder on `path` (normalized, relative, no `..`) when the walk shows that the
   * rest of the path names nothing there, or the path is that folder: the path is inside the root
   * if that folder still resolves inside. `undefined` when only the file system can tell: the path
   * runs through a file, a symlink, an ignored or unlisted folder, or a name that a
   * case-insensitive disk might match differently than the walk's folding does.
   */
  walkedFolderOf(path: string): string | undefined {
    let folder = '';
    for (const segment of path.split('/')) {
      const names = this.entriesByFolder.get(folder);
      if (names === undefined) return undefined;
      if (!names.has(this.fold(segment))) return this.mayCallMissing(folder, segment) ? folder : undefined;
      const child = folder === '' ? segment : `${folder}/${segment}`;
      if (!this.entriesByFolder.has(child)) return undefined; // a file, a symlink, an ignored folder, a device
      folder = child;
    }
    return folder;
  }

  private mayCallMissing(folder: string, segment: string): boolean {
    return !this.foldNames || (foldsLikeTheDisk(segment) && !this.foldersWithOddNames.has(folder));
  }

  private fold(name: string): string {
    // Case-insensitive file systems also treat composed and decomposed accents as one name.
    return this.foldNames ? name.normalize('NFC').toLowerCase() : name;
  }
}

/**
 * Names whose case folding JavaScript and every case-insensitive disk agree on: ASCII only (not
 * final sigma, long s, Turkish i), no `~` (Windows 8.3 short names), no trailing dot or space
 * (which Windows drops).
 */
function foldsLikeTheDisk(name: string): boolean {
  const last = name.charCodeAt(name.length - 1);
  if (last === 0x2e || last === 0x20) return false;
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if (code >= 0x80 || code === 0x7e) return false;
  }
  return true;
}
