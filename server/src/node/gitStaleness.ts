// Wires the core's staleness check to a real git for a workspace folder: used by the CLI and by the
// language server alike. Says why it is off instead of failing when git or a repository is absent.
import { StalenessChecker } from '../core/git/stalenessChecker';
import type { Logger } from '../core/workspace';
import { defaultCacheFolder, FileFingerprintStore } from './fingerprintFile';
import { NodeGitRepository } from './nodeGitRepository';

/** How to set up the check for one folder. */
export interface GitStalenessOptions {
  /** A revision every reference is compared from (`--base`, the server's setting). */
  base?: string;
  /** Where fingerprints of uncommitted lines are kept; the CLI's cache folder by default. */
  storageFolder?: string;
  readCurrent(path: string): Promise<string | undefined>;
  exists(path: string): boolean;
  logger?: Logger;
}

/** A running check and how to end it. */
export interface GitStaleness {
  checker: StalenessChecker;
  /** Writes the fingerprints of uncommitted lines seen so far. */
  flush(): Promise<void>;
  /** Writes the fingerprints and ends the git processes. */
  close(): Promise<void>;
}

/** The outcome of setting up: the check, an unknown base revision, or why git is not used. */
export type GitStalenessSetup = { kind: 'ready'; staleness: GitStaleness } | { kind: 'bad-base'; message: string } | { kind: 'unavailable'; reason: string };

/** Opens the repository of `root` and builds the check. */
export async function openGitStaleness(root: string, options: GitStalenessOptions): Promise<GitStalenessSetup> {
  const opened = await NodeGitRepository.open(root);
  if ('unavailable' in opened) return { kind: 'unavailable', reason: opened.unavailable };
  const git = opened.repository;
  let baseCommit: string | undefined;
  if (options.base !== undefined && options.base !== '') {
    baseCommit = await git.resolveCommit(options.base);
    if (baseCommit === undefined) {
      git.close();
      return { kind: 'bad-base', message: `'${options.base}' names no commit in the repository of ${root}` };
    }
  }
  const fingerprints = await FileFingerprintStore.load(options.storageFolder ?? defaultCacheFolder(), root);
  const checker = new StalenessChecker({
    git,
    readCurrent: options.readCurrent,
    exists: options.exists,
    fingerprints,
    ...(baseCommit === undefined ? {} : { baseCommit }),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    kind: 'ready',
    staleness: {
      checker,
      flush: () => fingerprints.flush(),
      async close() {
        await fingerprints.flush();
        git.close();
      },
    },
  };
}
