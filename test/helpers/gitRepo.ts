// Real git repositories in temporary folders, for the staleness tests: files are written with
// node's fs and committed with a fixed identity, so the tests need no global git configuration.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const IDENTITY = { GIT_AUTHOR_NAME: 'Audit Lens Test', GIT_AUTHOR_EMAIL: 'test@audit-lens.invalid', GIT_COMMITTER_NAME: 'Audit Lens Test', GIT_COMMITTER_EMAIL: 'test@audit-lens.invalid' };

/** A git repository in a temporary folder. */
export class TempRepo {
  private constructor(readonly root: string) {}

  /** A new repository with one branch, `main`, and no commits. */
  static create(prefix = 'audit-lens-git-'): TempRepo {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    const repo = new TempRepo(root);
    repo.git('init', '-q', '-b', 'main');
    return repo;
  }

  /** Runs git in the repository and returns its trimmed output. */
  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], {
      cwd: this.root,
      env: { ...process.env, ...IDENTITY, GIT_CONFIG_NOSYSTEM: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  }

  /** Writes a file (creating folders). */
  write(relativePath: string, content: string): void {
    const target = path.join(this.root, relativePath);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }

  /** Reads a file of the working tree. */
  read(relativePath: string): string {
    return fs.readFileSync(path.join(this.root, relativePath), 'utf8');
  }

  /** Rewrites a file's lines with a function of them. */
  edit(relativePath: string, change: (lines: string[]) => string[]): void {
    this.write(relativePath, change(this.read(relativePath).split('\n')).join('\n'));
  }

  /** Deletes a file of the working tree. */
  remove(relativePath: string): void {
    fs.rmSync(path.join(this.root, relativePath));
  }

  /** Stages everything and commits; returns the new commit's id. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** Removes the folder. */
  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** Lines of code that are each distinct: `def <tag>_<n>(): return compute(<n>, "<tag>")`. */
export function codeLines(count: number, tag: string): string[] {
  return Array.from({ length: count }, (_, index) => `def ${tag}_${index + 1}(value):\n    return compute(${index + 1}, "${tag}", value)`).flatMap((pair) => pair.split('\n'));
}

/** A source file of `count` distinct lines, ending with a newline. */
export function sourceFile(count: number, tag: string): string {
  return `${codeLines(Math.ceil(count / 2), tag).slice(0, count).join('\n')}\n`;
}

/** What each test of a suite that calls useTempRepo gets. */
export interface RepoFixture {
  repo: TempRepo;
  /** A storage folder outside the repository, for fingerprints of uncommitted lines. */
  storage: string;
}

/** Registers mocha hooks that give each test a fresh repository and storage folder, removed afterwards. */
export function useTempRepo(): RepoFixture {
  const fixture = {} as RepoFixture;
  beforeEach(() => {
    fixture.repo = TempRepo.create();
    fixture.storage = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-storage-'));
  });
  afterEach(() => {
    fixture.repo.dispose();
    fs.rmSync(fixture.storage, { recursive: true, force: true });
  });
  return fixture;
}
