// Small process helpers for the e2e scripts: find a program on PATH, run a step with its output
// going to a log file, and end a process together with everything it started.
import { spawn } from 'node:child_process';
import { accessSync, constants, createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The absolute path of `name` on PATH, or undefined. */
export function findOnPath(name) {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!directory) continue;
    const candidate = path.join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/**
 * Runs a command to completion, appending its output to `logFile`. Resolves with the exit code;
 * never rejects, so a failing step can be reported with the log's tail.
 */
export function runLogged(command, args, { cwd, env, logFile }) {
  return new Promise((resolve) => {
    const log = createWriteStream(logFile, { flags: 'a' });
    log.write(`\n$ (cd ${cwd} && ${command} ${args.join(' ')})\n`);
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('error', (error) => {
      log.end(`\n${error.message}\n`, () => resolve(127));
    });
    child.on('close', (code, signal) => {
      log.end(`\n[exit ${code ?? signal}]\n`, () => resolve(code ?? 1));
    });
  });
}

/** The last `count` lines of a text file, or '' when it cannot be read. */
export function tailOf(file, count = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).join('\n');
  } catch {
    return '';
  }
}

/** Every live descendant of `pid` (children first found, deepest last), read from /proc. */
export function descendantsOf(pid) {
  if (!existsSync('/proc')) return [];
  const childrenOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces; the parent pid follows the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      const list = childrenOf.get(parent) ?? [];
      list.push(Number(entry));
      childrenOf.set(parent, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const found = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift();
    for (const child of childrenOf.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/**
 * Ends a process we started detached (its own process group), its group and every descendant
 * that left the group: SIGTERM first, SIGKILL after `graceMs` for whatever is still alive.
 */
export async function killProcessTree(pid, graceMs = 3000) {
  if (pid === undefined) return;
  const targets = [pid, ...descendantsOf(pid)];
  signal(-pid, 'SIGTERM');
  for (const target of targets) signal(target, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && targets.some(isAlive)) await new Promise((resolve) => setTimeout(resolve, 100));
  const late = [...targets, ...targets.flatMap((target) => (isAlive(target) ? descendantsOf(target) : []))];
  signal(-pid, 'SIGKILL');
  for (const target of late) if (isAlive(target)) signal(target, 'SIGKILL');
}
