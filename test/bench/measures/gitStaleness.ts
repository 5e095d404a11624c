// Measure 5, git staleness over 10,000 references, depends on the staleness layer that is being
// built in parallel. Until it is on main, results.json says so instead of inventing a figure.
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../../helpers/lspClient';

/** What results.json records for git staleness. */
export interface GitStalenessResult {
  status: 'not available yet' | 'measured';
  reason?: string;
  coldMs?: number;
  warmMs?: number;
}

/** Whether the staleness layer has been committed on the current branch. */
export function gitStalenessStatus(): GitStalenessResult {
  let tracked = '';
  try {
    tracked = execFileSync('git', ['ls-tree', '-r', '--name-only', 'HEAD', 'server/src/core/git'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    tracked = '';
  }
  return {
    status: 'not available yet',
    reason: tracked
      ? 'server/src/core/git is on main, but no measure of it is wired into the bench yet'
      : 'the git staleness layer (server/src/core/git) is not on main yet; the corpus already carries the git history it needs',
  };
}
