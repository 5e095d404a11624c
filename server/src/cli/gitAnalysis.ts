// The CLI's analysis with the git-aware staleness check around it: opens the repository of the
// root, analyzes, and closes git again. Without git or a repository, line references that look
// fine are reported `unverified`; `--no-git` turns the check off instead.
import { analyzeWorkspace } from '../core/workspaceAnalyzer';
import type { WorkspaceReport } from '../core/model';
import type { WorkspaceHost } from '../core/workspace';
import { chainRefiners, quotedCodeRefiner } from '../core/git/quoteRefiner';
import { unverifiedRefiner } from '../core/git/unverified';
import { openGitStaleness } from '../node/gitStaleness';
import { CheckInputError, type AnalyzeRequest } from './checkCommand';

/** Analyzes the workspace, comparing references with git history when the root is in a repository. */
export async function analyzeWithGit(host: WorkspaceHost, request: AnalyzeRequest, storageFolder?: string): Promise<WorkspaceReport> {
  const { base, git, ...options } = request;
  if (git === false) return analyzeWorkspace(host, options);
  const files = new Set(await host.listFiles());
  const readCurrent = async (path: string): Promise<string | undefined> => {
    const bytes = await host.readFile(path);
    return bytes ? new TextDecoder().decode(bytes) : undefined;
  };
  const setup = await openGitStaleness(host.root, {
    ...(base === undefined ? {} : { base }),
    ...(storageFolder === undefined ? {} : { storageFolder }),
    readCurrent,
    exists: (path) => files.has(path),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  if (setup.kind === 'bad-base') throw new CheckInputError(`--base: ${setup.message}`);
  if (setup.kind === 'unavailable') {
    if (base !== undefined) throw new CheckInputError(`--base needs a git repository: ${setup.reason}`);
    options.logger?.info(`no git-aware staleness check: ${setup.reason}`);
    // Without history, the code an issue quotes is the only evidence of where it went; the
    // rest is `unverified`, so a report never passes off an unchecked line number as checked.
    const quotesAlone = quotedCodeRefiner(readCurrent, new Set(['ok', 'line-out-of-range']));
    return analyzeWorkspace(host, { ...options, staleness: chainRefiners(quotesAlone, unverifiedRefiner(`Not checked against git history: ${setup.reason}`)) });
  }
  try {
    // Git judges first; quotes then help with what git could not place (lines past the end at the base too).
    const staleness = chainRefiners(setup.staleness.checker, quotedCodeRefiner(readCurrent, new Set(['line-out-of-range'])));
    return await analyzeWorkspace(host, { ...options, staleness });
  } finally {
    await setup.staleness.close();
  }
}
