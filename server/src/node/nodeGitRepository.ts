// The GitRepository of the core over a real git: blame and diff as single commands, every file
// read through one `git cat-file --batch`, and caches keyed by what cannot change (commit ids and
// blob ids). Paths cross the interface workspace-relative; git itself runs in the workspace folder
// (which may be a sub-folder of the repository), so `--relative` and the show-prefix translate.
import type { GitRepository, LineCommits } from '../core/git/gitRepository';
import { parseBlamePorcelain } from '../core/git/blamePorcelain';
import { CatFileBatch } from './catFileBatch';
import { runGit } from './gitProcess';

/** A repository, or why there is none to use. */
export type OpenedRepository = { repository: NodeGitRepository } | { unavailable: string };

/** Bound on cached file texts; beyond it the cache starts over. */
const MAX_CACHED_TEXTS = 20_000;

/** Git for one workspace folder. */
export class NodeGitRepository implements GitRepository {
  private readonly batch: CatFileBatch;
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private readonly textsByBlob = new Map<string, string>();
  private readonly renames = new Map<string, Promise<ReadonlyMap<string, string>>>();
  private readonly commits = new Map<string, Promise<string | undefined>>();
  private readonly parents = new Map<string, Promise<string | undefined>>();
  private readonly greps = new Map<string, Promise<string[]>>();
  private pendingGreps: Array<{ text: string; resolve(paths: string[]): void; reject(error: unknown): void }> = [];

  private constructor(
    private readonly root: string,
    /** The workspace folder's path inside the repository, with a trailing `/` (or empty). */
    private readonly prefix: string,
  ) {
    this.batch = new CatFileBatch(root);
  }

  /** Opens the repository that holds `root`, or says why it cannot (no git, not a repository). */
  static async open(root: string): Promise<OpenedRepository> {
    try {
      const result = await runGit(root, ['rev-parse', '--is-inside-work-tree', '--show-prefix']);
      const [inside, prefix = ''] = result.stdout.toString('utf8').split('\n');
      if (result.code !== 0 || inside !== 'true') return { unavailable: `${root} is not inside a git working tree.` };
      return { repository: new NodeGitRepository(root, prefix) };
    } catch {
      return { unavailable: 'git could not be started (is it installed and on PATH?).' };
    }
  }

  /** Full commit id of a revision. */
  resolveCommit(revision: string): Promise<string | undefined> {
    if (revision === '' || revision.startsWith('-')) return Promise.resolve(undefined);
    let commit = this.commits.get(revision);
    if (!commit) {
      commit = runGit(this.root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]).then((result) => {
        const id = result.stdout.toString('utf8').trim();
        return result.code === 0 && /^[0-9a-f]{40,64}$/.test(id) ? id : undefined;
      });
      this.commits.set(revision, commit);
    }
    return commit;
  }

  /** Commit of each line of the document, blamed against `text` when given. */
  async blame(path: string, text?: string): Promise<LineCommits | undefined> {
    const args = ['blame', '--porcelain', '--no-textconv', ...(text === undefined ? [] : ['--contents', '-']), '--', path];
    const result = await runGit(this.root, args, text);
    return result.code === 0 ? parseBlamePorcelain(result.stdout.toString('utf8')) : undefined;
  }

  /** The file's text at a commit, through the batch process, cached by name and by blob id. */
  readFile(commit: string, path: string): Promise<string | undefined> {
    const name = `${commit}:${this.prefix}${path}`;
    let text = this.texts.get(name);
    if (!text) {
      if (this.texts.size > MAX_CACHED_TEXTS) {
        this.texts.clear();
        this.textsByBlob.clear();
      }
      text = this.batch.read(name).then((object) => {
        if (!object || object.type !== 'blob') return undefined;
        let decoded = this.textsByBlob.get(object.oid);
        if (decoded === undefined) this.textsByBlob.set(object.oid, (decoded = new TextDecoder().decode(object.content)));
        return decoded;
      });
      // A failed read (the process died) is not cached: the next one starts git again.
      text.catch(() => this.texts.delete(name));
      this.texts.set(name, text);
    }
    return text;
  }

  /** The first parent, read from the commit object through the batch process (a commit never changes). */
  parentOf(commit: string): Promise<string | undefined> {
    let parent = this.parents.get(commit);
    if (!parent) {
      parent = this.batch.read(commit).then((object) => (object && object.type === 'commit' ? firstParent(object.content.toString('utf8')) : undefined));
      parent.catch(() => this.parents.delete(commit));
      this.parents.set(commit, parent);
    }
    return parent;
  }

  /** Renames from the commit to the working tree, from one `git diff -M --name-status` per commit. */
  renamesSince(commit: string): Promise<ReadonlyMap<string, string>> {
    let renames = this.renames.get(commit);
    if (!renames) {
      const args = ['diff', '--no-ext-diff', '--no-textconv', '--no-color', '-M', '--name-status', '-z', '--relative', commit, '--'];
      renames = runGit(this.root, args).then((result) => (result.code === 0 ? parseRenames(result.stdout.toString('utf8')) : new Map()));
      this.renames.set(commit, renames);
    }
    return renames;
  }

  /**
   * Files that contain the text literally, from `git grep -F` over tracked and untracked files.
   * Searches asked for in the same turn of the event loop share one git process (`-f -`).
   */
  async filesContaining(text: string, limit: number): Promise<string[]> {
    if (text.includes('\n') || text.includes('\r') || text === '') return [];
    let paths = this.greps.get(text);
    if (!paths) {
      paths = new Promise<string[]>((resolve, reject) => {
        if (this.pendingGreps.length === 0) setImmediate(() => void this.flushGreps());
        this.pendingGreps.push({ text, resolve, reject });
      });
      paths.catch(() => this.greps.delete(text));
      this.greps.set(text, paths);
    }
    return (await paths).slice(0, limit);
  }

  private async flushGreps(): Promise<void> {
    const batch = this.pendingGreps.splice(0);
    try {
      const input = `${batch.map((entry) => entry.text).join('\n')}\n`;
      const result = await runGit(this.root, ['grep', '-F', '-I', '-z', '--no-color', '--no-textconv', '--untracked', '-f', '-', '--'], input);
      const found = batch.map(() => new Set<string>());
      if (result.code === 0) {
        // Each output line is "<path>\0<line>"; which needle it holds is found here, not by git.
        for (const line of result.stdout.toString('utf8').split('\n')) {
          const nul = line.indexOf('\0');
          if (nul < 0) continue;
          const path = line.slice(0, nul);
          const content = line.slice(nul + 1);
          batch.forEach((entry, index) => {
            if (content.includes(entry.text)) found[index]?.add(path);
          });
        }
      }
      batch.forEach((entry, index) => entry.resolve([...(found[index] ?? [])].sort()));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }

  /** Forgets what depends on the working tree (the renames since each commit). */
  forgetWorkingTree(): void {
    this.renames.clear();
    this.commits.clear();
    this.greps.clear();
  }

  /** Ends the batch process. */
  close(): void {
    this.batch.close();
  }
}

/** The first `parent` of a raw commit object. */
function firstParent(commitText: string): string | undefined {
  const headerEnd = commitText.indexOf('\n\n');
  for (const line of commitText.slice(0, headerEnd < 0 ? commitText.length : headerEnd).split('\n')) {
    if (line.startsWith('parent ')) return line.slice(7).trim();
  }
  return undefined;
}

/** Old path → new path from `--name-status -z` output (`R100\0old\0new\0M\0path\0`). */
export function parseRenames(output: string): Map<string, string> {
  const renames = new Map<string, string>();
  const fields = output.split('\0');
  for (let index = 0; index < fields.length; ) {
    const status = fields[index] ?? '';
    if (status === '') break;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = fields[index + 1];
      const to = fields[index + 2];
      if (status.startsWith('R') && from !== undefined && to !== undefined) renames.set(from, to);
      index += 3;
    } else index += 2;
  }
  return renames;
}
