// Runs git for the staleness check: always with an argument array and never a shell, with optional
// locks off (so git never writes the index behind the user's back), no pager, no fsmonitor hook,
// no prompts, and unquoted paths. Nothing here ever changes the repository.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** Largest output read from one git command; more is cut off and the command counts as failed. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** The output of a finished git command. */
export interface GitResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** The options every git invocation gets before its own arguments. */
const GLOBAL_ARGUMENTS = ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', '--no-pager'];

/** The environment git runs in: the user's, with locks, pagers and prompts off. */
export function gitEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
}

/** Starts git in `cwd` with the safe global options; the caller owns the process. */
export function spawnGit(cwd: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn('git', [...GLOBAL_ARGUMENTS, ...args], { cwd, env: gitEnvironment(), shell: false, windowsHide: true, stdio: 'pipe' });
}

/** Runs one git command to the end; rejects only when git cannot be started at all (ENOENT). */
export function runGit(cwd: string, args: readonly string[], input?: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(cwd, args);
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let truncated = false;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        truncated = true;
        child.kill();
      } else chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: truncated ? -1 : code, stdout: Buffer.concat(chunks), stderr }));
    // A write to a git that already exited (bad arguments) must not crash the host.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}
