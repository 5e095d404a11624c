// What the e2e runs need from the machine, checked up front so a missing piece is named exactly;
// and the places they work in: a temporary copy of the sample workspace, test-results/.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOnPath } from './commands.mjs';

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where screenshots and logs of the runs go (git-ignored). */
export const resultsDir = path.join(repoRoot, 'test-results', 'e2e');

/** The flags Chromium needs here: no sandbox as root, and no attempts to reach the closed network. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** Chromium's executable: $AUDIT_LENS_CHROMIUM, else Debian's /usr/bin/chromium, else one on PATH. */
export function chromiumPath() {
  const fromEnv = process.env.AUDIT_LENS_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return findOnPath('chromium') ?? findOnPath('chromium-browser') ?? findOnPath('google-chrome');
}

/** What the browser runs need and lack, each with the command that provides it. */
export function missingRunPrerequisites() {
  const missing = [];
  if (!chromiumPath()) {
    missing.push(process.env.AUDIT_LENS_CHROMIUM ? `Chromium at $AUDIT_LENS_CHROMIUM (${process.env.AUDIT_LENS_CHROMIUM}) does not exist` : 'Chromium (/usr/bin/chromium): apt-get install -y chromium');
  }
  for (const bundle of ['dist/client.js', 'dist/server.js', 'dist/test/e2e/index.js']) {
    if (!existsSync(path.join(repoRoot, bundle))) missing.push(`${bundle}: run \`npm run build\``);
  }
  try {
    fileURLToPath(import.meta.resolve('playwright-core'));
  } catch {
    missing.push('playwright-core: run `npm install`');
  }
  return missing;
}

/** True when a missing prerequisite must fail the run instead of skipping it. */
export function mustNotSkip() {
  return process.env.CI === 'true' || process.env.AUDIT_LENS_E2E_REQUIRED === '1';
}

/**
 * Reports missing prerequisites. Under CI=true that is a failure (exit 1); elsewhere the run is
 * skipped (exit 0), saying what to install. Returns true when the caller must stop.
 */
export function stopForMissing(what, missing) {
  if (missing.length === 0) return false;
  const list = missing.map((item) => `  - ${item}`).join('\n');
  if (mustNotSkip()) {
    console.error(`${what} cannot run; missing:\n${list}`);
    process.exitCode = 1;
  } else {
    console.warn(`Skipping ${what}; missing:\n${list}\n(Under CI=true this fails instead.)`);
    process.exitCode = 0;
  }
  return true;
}

/** A fresh temporary directory for one run; remove it with `rmSync(dir, { recursive: true })`. */
export function makeRunDir(prefix = 'audit-lens-e2e-') {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Copies test/fixtures/sample-workspace to `<runDir>/<name>` as a git repository with the copy as
 * its one commit, and returns the copy's path. Without the repository the extension could not
 * check references against history and would call them all unverified, unlike a real project.
 */
export function copySampleWorkspace(runDir, name = 'sample-workspace') {
  const target = path.join(runDir, name);
  rmSync(target, { recursive: true, force: true });
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'sample-workspace'), target, { recursive: true });
  commitAll(target, 'The sample project, with its audits');
  return target;
}

/** `git init` and one commit of everything, with a fixed identity; warns and goes on when git is missing. */
function commitAll(folder, message) {
  const identity = { GIT_AUTHOR_NAME: 'Audit Lens', GIT_AUTHOR_EMAIL: 'demo@audit-lens.invalid', GIT_COMMITTER_NAME: 'Audit Lens', GIT_COMMITTER_EMAIL: 'demo@audit-lens.invalid' };
  const git = (...args) => execFileSync('git', args, { cwd: folder, stdio: 'pipe', env: { ...process.env, ...identity } });
  try {
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '--no-gpg-sign', '-m', message);
  } catch (error) {
    console.warn(`Audit Lens: the workspace copy is not a git repository (${error instanceof Error ? error.message.split('\n')[0] : error}); references will show as unverified.`);
  }
}

/** Makes test-results/e2e (and `sub` inside it) and returns its path. */
export function ensureResultsDir(sub = '') {
  const dir = path.join(resultsDir, sub);
  mkdirSync(dir, { recursive: true });
  return dir;
}
