// The workspace host over the real file system, shared by the CLI and the language server's disk
// reads. Two duties matter more than speed: list what git would consider part of the project (so
// `node_modules` and build output never count as candidates), and never open a file outside the
// root, whatever a document writes and whatever symlinks the tree holds. Every fs call goes
// through an injectable `HostFileSystem`, which is how the tests prove no outside file is opened.

import * as nodeFsSync from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import * as nodePath from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { mapConcurrently, TimeSlices } from '../core/concurrency';
import type { FileStat, WorkspaceHost } from '../core/workspace';
import { isInside, RealFolderChecks } from './realFolderChecks';
import { WalkedTree } from './walkedTree';

/** The workspace host over node's fs, with a way to drop the cached file list after changes. */
export interface NodeWorkspaceHost extends WorkspaceHost {
  /** The node host always has the one-call read: it stats a file anyway before reading it. */
  readFileWithStat(relativePath: string): Promise<{ bytes: Uint8Array; stat: FileStat } | undefined>;
  /** Forgets the cached file list; the next `listFiles()` walks the tree again. */
  invalidate(): void;
}

/** A directory entry, as much of node's `Dirent` as the host reads. */
export interface HostDirectoryEntry {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/** What `stat` and `lstat` must answer. */
export interface HostStats {
  size: number;
  mtimeMs: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/** The slice of `node:fs/promises` the host uses; tests pass a wrapper to watch what gets opened. */
export interface HostFileSystem {
  realpath(path: string): Promise<string>;
  readdir(path: string, options: { withFileTypes: true }): Promise<HostDirectoryEntry[]>;
  readFile(path: string): Promise<Uint8Array>;
  stat(path: string): Promise<HostStats>;
  lstat(path: string): Promise<HostStats>;
  /**
   * Synchronous forms of the calls a warm start makes tens of thousands of times. Each
   * promise-based call costs tens of microseconds of main-thread time (a read is four of them:
   * open, fstat, read, close), a synchronous one a few; the index yields between documents and the
   * walk between slices, so requests still get through.
   */
  readdirSync?(path: string, options: { withFileTypes: true }): HostDirectoryEntry[];
  lstatSync?(path: string): HostStats;
  statSync?(path: string): HostStats;
  realpathSync?(path: string): string;
  readFileSync?(path: string): Uint8Array;
}

/** Files up to this size are read synchronously; a larger one would hold the event loop too long. */
const SYNC_READ_MAX_BYTES = 1024 * 1024;

/** Options of `createNodeWorkspaceHost`. */
export interface NodeWorkspaceHostOptions {
  /** More ignore rules in .gitignore syntax, relative to the root; they win over every negation. */
  extraIgnores?: readonly string[];
  /** The file system to use; node's by default. */
  fs?: HostFileSystem;
}

/** Folders that are never part of a project, ignored or not. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/** Git compares ignore patterns without case exactly where the file system does. */
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

const defaultFileSystem: HostFileSystem = {
  realpath: (path) => nodeFs.realpath(path),
  readdir: (path, options) => nodeFs.readdir(path, options),
  readFile: (path) => nodeFs.readFile(path),
  stat: (path) => nodeFs.stat(path),
  lstat: (path) => nodeFs.lstat(path),
  readdirSync: (path, options) => nodeFsSync.readdirSync(path, options),
  lstatSync: (path) => nodeFsSync.lstatSync(path),
  statSync: (path) => nodeFsSync.statSync(path),
  realpathSync: (path) => nodeFsSync.realpathSync.native(path),
  readFileSync: (path) => nodeFsSync.readFileSync(path),
};

/** Creates the host for `root` (resolved through symlinks); a root that cannot be resolved yields an empty workspace. */
export async function createNodeWorkspaceHost(root: string, options: NodeWorkspaceHostOptions = {}): Promise<NodeWorkspaceHost> {
  const fs = options.fs ?? defaultFileSystem;
  const absoluteRoot = nodePath.resolve(root);
  const realRoot = await fs.realpath(absoluteRoot).catch(() => absoluteRoot);
  const extraIgnores = ignore({ ignorecase: IGNORE_CASE }).add([...(options.extraIgnores ?? [])]);
  let cachedList: Promise<string[]> | undefined;
  // What the current walk saw; dropped with the list, so a change since then goes to the disk.
  let walkedTree: WalkedTree | undefined;
  let walkGeneration = 0;
  const folderChecks = new RealFolderChecks(realRoot, fs.realpathSync?.bind(fs));

  /**
   * The stat of a regular file the walk found, without resolving it: its folder must still
   * resolve inside the root, and lstat (not stat) must still see a regular file, so a folder or a
   * file swapped for a symlink since the walk goes the slow way. `'missing'` when it is gone;
   * `undefined` when only the slow path can tell.
   */
  async function walkedPlainFileStat(relative: string): Promise<FileStat | 'missing' | undefined> {
    if (walkedTree?.isPlainFile(relative) !== true) return undefined;
    const slash = relative.lastIndexOf('/');
    if (!folderChecks.resolvesInside(slash < 0 ? '' : relative.slice(0, slash))) return undefined;
    try {
      const absolutePath = nodePath.join(realRoot, ...relative.split('/'));
      const stats = fs.lstatSync ? fs.lstatSync(absolutePath) : await fs.lstat(absolutePath);
      if (stats.isFile()) return { size: stats.size, mtimeMs: stats.mtimeMs };
      return stats.isSymbolicLink() ? undefined : 'missing';
    } catch {
      return 'missing';
    }
  }

  const host: NodeWorkspaceHost = {
    root: realRoot,
    listFiles() {
      if (cachedList === undefined) {
        const generation = ++walkGeneration;
        const tree = new WalkedTree(IGNORE_CASE);
        cachedList = walkWorkspace(fs, realRoot, extraIgnores, tree).then(
          (files) => {
            if (generation === walkGeneration) walkedTree = tree;
            return files;
          },
          () => [],
        );
      }
      return cachedList.then((files) => [...files]);
    },
    async readFile(relativePath) {
      return (await host.readFileWithStat(relativePath))?.bytes;
    },
    async readFileWithStat(relativePath) {
      const realPath = await realPathInside(fs, realRoot, relativePath);
      if (realPath === undefined) return undefined;
      try {
        // A fifo or a device would block or never end: only regular files are read.
        const stats = fs.statSync ? fs.statSync(realPath) : await fs.stat(realPath);
        if (!stats.isFile()) return undefined;
        const bytes = fs.readFileSync && stats.size <= SYNC_READ_MAX_BYTES ? fs.readFileSync(realPath) : await fs.readFile(realPath);
        return { bytes, stat: { size: stats.size, mtimeMs: stats.mtimeMs } };
      } catch {
        return undefined;
      }
    },
    async stat(relativePath) {
      const relative = normalizedRelativePath(relativePath);
      const plain = relative === undefined ? undefined : await walkedPlainFileStat(relative);
      if (plain !== undefined) return plain === 'missing' ? undefined : plain;
      const realPath = await realPathInside(fs, realRoot, relativePath);
      if (realPath === undefined) return undefined;
      try {
        const stats = fs.statSync ? fs.statSync(realPath) : await fs.stat(realPath);
        return stats.isFile() ? ({ size: stats.size, mtimeMs: stats.mtimeMs } satisfies FileStat) : undefined;
      } catch {
        return undefined;
      }
    },
    async isOutsideRoot(relativePath) {
      const relative = normalizedRelativePath(relativePath);
      if (relative === undefined) return true;
      if ((await walkedPlainFileStat(relative)) !== undefined) return false;
      // A walk-known file that did not pass goes the slow way: walkedFolderOf never vouches for files.
      const folder = walkedTree?.walkedFolderOf(relative);
      if (folder !== undefined && folderChecks.resolvesInside(folder)) return false;
      const absolutePath = nodePath.join(realRoot, ...relative.split('/'));
      const realPrefix = await realPathOfLongestExistingPrefix(fs, realRoot, absolutePath);
      return realPrefix === undefined || !isInside(realRoot, realPrefix);
    },
    invalidate() {
      cachedList = undefined;
      walkedTree = undefined;
      folderChecks.forget();
      walkGeneration++;
    },
  };
  return host;
}

/**
 * The real path of an existing file inside the root, or `undefined` when the path escapes the root
 * lexically or through a symlink, or does not exist. Nothing is opened to find out.
 */
async function realPathInside(fs: HostFileSystem, root: string, relativePath: string): Promise<string | undefined> {
  const absolutePath = lexicalPathInside(root, relativePath);
  if (absolutePath === undefined) return undefined;
  try {
    const realPath = fs.realpathSync ? fs.realpathSync(absolutePath) : await fs.realpath(absolutePath);
    return isInside(root, realPath) ? realPath : undefined;
  } catch {
    return undefined;
  }
}

/** The absolute path of a workspace-relative path, or `undefined` when it is absolute or climbs out. */
function lexicalPathInside(root: string, relativePath: string): string | undefined {
  const relative = normalizedRelativePath(relativePath);
  return relative === undefined ? undefined : nodePath.join(root, ...relative.split('/'));
}

/** A workspace-relative path with `/`, no `.` or `..`, or `undefined` when it is absolute or climbs out. */
function normalizedRelativePath(relativePath: string): string | undefined {
  const text = relativePath.replaceAll('\\', '/');
  if (text.length === 0 || text.includes('\0')) return undefined;
  if (text.startsWith('/') || nodePath.isAbsolute(relativePath) || /^[A-Za-z]:/.test(text)) return undefined;
  const kept: string[] = [];
  for (const segment of text.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') kept.push(segment);
    else if (kept.pop() === undefined) return undefined;
  }
  return kept.join('/');
}

/**
 * The real path of `absolutePath`, or of its longest existing ancestor when it does not exist yet,
 * so a symlinked folder along a missing file's path still counts. `undefined` when it cannot be
 * told (a symlink loop, no permission): the caller treats that as outside.
 */
async function realPathOfLongestExistingPrefix(fs: HostFileSystem, root: string, absolutePath: string): Promise<string | undefined> {
  let current = absolutePath;
  for (;;) {
    try {
      return fs.realpathSync ? fs.realpathSync(current) : await fs.realpath(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return undefined;
    }
    const parent = nodePath.dirname(current);
    if (parent === current || !isInside(root, parent)) return root;
    current = parent;
  }
}

/** One level of ignore rules: a .gitignore (or info/exclude) and the folder its patterns are relative to. */
interface IgnoreLevel {
  folder: string;
  rules: Ignore;
}

/** Folders read at once while walking: a deep tree is many small readdirs, each a thread-pool round trip. */
const FOLDERS_IN_FLIGHT = 8;

/** A folder still to walk, with the ignore levels that apply inside it. */
interface PendingFolder {
  folder: string;
  levels: IgnoreLevel[];
}

/**
 * Walks the tree breadth first, several folders at a time, and returns every non-ignored file,
 * sorted. Symlinked folders are not entered (that is what keeps loops out); a symlinked file
 * counts when its target is inside.
 */
async function walkWorkspace(fs: HostFileSystem, root: string, extraIgnores: Ignore, tree: WalkedTree): Promise<string[]> {
  const files: string[] = [];
  const slices = new TimeSlices();
  const rootLevels: IgnoreLevel[] = [];
  const exclude = await readIgnoreFile(fs, root, ['.git', 'info', 'exclude']);
  if (exclude) rootLevels.push({ folder: '', rules: exclude });
  let frontier: PendingFolder[] = [{ folder: '', levels: rootLevels }];
  while (frontier.length > 0) {
    const children = await mapConcurrently(frontier, FOLDERS_IN_FLIGHT, (pending) => walkFolder(fs, root, extraIgnores, pending, files, tree, slices));
    frontier = children.flat();
  }
  return files.sort();
}

/** Lists one folder: pushes its files onto `files` and returns its subfolders to walk. */
async function walkFolder(
  fs: HostFileSystem,
  root: string,
  extraIgnores: Ignore,
  { folder, levels: inherited }: PendingFolder,
  files: string[],
  tree: WalkedTree,
  slices: TimeSlices,
): Promise<PendingFolder[]> {
  const absoluteFolder = folder === '' ? root : nodePath.join(root, folder);
  let entries: HostDirectoryEntry[];
  try {
    if (fs.readdirSync) {
      await slices.yieldIfDue();
      entries = fs.readdirSync(absoluteFolder, { withFileTypes: true });
    } else {
      entries = await fs.readdir(absoluteFolder, { withFileTypes: true });
    }
  } catch {
    return []; // Unreadable folders are simply not part of what we can see.
  }
  tree.addFolder(folder, entries.map((entry) => entry.name));
  let levels = inherited;
  if (entries.some((entry) => entry.name === '.gitignore' && entry.isFile())) {
    const rules = await readIgnoreFile(fs, absoluteFolder, ['.gitignore']);
    if (rules) levels = [...levels, { folder, rules }];
  }
  const subfolders: PendingFolder[] = [];
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name) || entry.name.includes('\\')) continue;
    const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isFile()) tree.addPlainFile(path);
    const kind = await entryKind(fs, root, absoluteFolder, entry);
    if (kind === 'skip' || isIgnored(levels, extraIgnores, path, kind === 'folder')) continue;
    if (kind === 'folder') subfolders.push({ folder: path, levels });
    else files.push(path);
  }
  return subfolders;
}

async function entryKind(fs: HostFileSystem, root: string, folder: string, entry: HostDirectoryEntry): Promise<'file' | 'folder' | 'skip'> {
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'skip'; // sockets, fifos, devices
  try {
    // Where the link leads is settled before anything is asked of its target, so a link out of
    // the root never gets even its target's metadata read.
    const realTarget = await fs.realpath(nodePath.join(folder, entry.name));
    if (!isInside(root, realTarget)) return 'skip';
    return (await fs.stat(realTarget)).isFile() ? 'file' : 'skip';
  } catch {
    return 'skip'; // a dangling link
  }
}

/** Applies the levels from the lowest precedence (info/exclude, root) to the highest (deepest); the last decisive one wins. */
function isIgnored(levels: readonly IgnoreLevel[], extraIgnores: Ignore, path: string, isFolder: boolean): boolean {
  const target = isFolder ? `${path}/` : path;
  if (testIgnore(extraIgnores, target)?.ignored) return true;
  let ignored = false;
  for (const level of levels) {
    const relative = level.folder === '' ? target : target.slice(level.folder.length + 1);
    const result = testIgnore(level.rules, relative);
    if (result?.ignored) ignored = true;
    else if (result?.unignored) ignored = false;
  }
  return ignored;
}

function testIgnore(rules: Ignore, relativePath: string): { ignored: boolean; unignored: boolean } | undefined {
  try {
    return rules.test(relativePath);
  } catch {
    return undefined; // a name the ignore package refuses to judge is judged by nobody
  }
}

/** Reads an ignore file inside `folder` that is a regular file (never a symlink, which could point anywhere). */
async function readIgnoreFile(fs: HostFileSystem, folder: string, segments: readonly string[]): Promise<Ignore | undefined> {
  let current = folder;
  try {
    for (const segment of segments) {
      current = nodePath.join(current, segment);
      const stats = await fs.lstat(current);
      if (stats.isSymbolicLink()) return undefined;
    }
    const bytes = await fs.readFile(current);
    return ignore({ ignorecase: IGNORE_CASE }).add(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}
