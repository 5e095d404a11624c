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
    const args = ['blame', '--porcelain', ...(text === undefined ? [] : ['--contents', '-']), '--', path];
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

  /** The first parent, read from the commit object through the batch process. */
  async parentOf(commit: string): Promise<string | undefined> {
    const object = await this.batch.read(commit);
    if (!object || object.type !== 'commit') return undefined;
    const text = object.content.toString('utf8');
    const headerEnd = text.indexOf('\n\n');
    for (const line of text.slice(0, headerEnd < 0 ? text.length : headerEnd).split('\n')) {
      if (line.startsWith('parent ')) return line.slice(7).trim();
    }
    return undefined;
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

  /** Files that contain the text literally, from `git grep -F` over tracked and untracked files. */
  async filesContaining(text: string, limit: number): Promise<string[]> {
    if (text.includes('\n') || text === '') return [];
    const result = await runGit(this.root, ['grep', '-F', '-l', '-I', '-z', '--no-color', '--untracked', '-e', text, '--']);
    if (result.code !== 0) return [];
    return result.stdout.toString('utf8').split('\0').filter((path) => path !== '').slice(0, limit);
  }

  /** Forgets what depends on the working tree (the renames since each commit). */
  forgetWorkingTree(): void {
    this.renames.clear();
    this.commits.clear();
  }

  /** Ends the batch process. */
  close(): void {
    this.batch.close();
  }
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
