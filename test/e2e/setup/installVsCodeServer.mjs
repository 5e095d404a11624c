// Installs the VS Code server the e2e tests and the demo run in: code-server's copy of VS Code
// (lib/vscode), with install scripts off and the native modules rebuilt by hand, because its own
// postinstall needs GitHub and krb5 headers (see ../shared/notes/vscode-server-e2e.md). The result
// lives in .vscode-test/server (git-ignored); a marker file makes later runs skip the work.
//
//   node test/e2e/setup/installVsCodeServer.mjs [--force]
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, copyFileSync, writeFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOnPath, runLogged, tailOf } from '../support/commands.mjs';

/** The code-server release whose VS Code (1.100.3) runs on Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';

const NATIVE_MODULES = ['node-pty', '@parcel/watcher', 'native-watchdog', '@vscode/spdlog', '@vscode/deviceid'];

/** The repository root, from this file's place in it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the server is installed and how to start it. */
export function serverPaths(root = repoRoot) {
  const cacheDir = path.join(root, '.vscode-test', 'server');
  const vscodeDir = path.join(cacheDir, 'node_modules', 'code-server', 'lib', 'vscode');
  return {
    cacheDir,
    vscodeDir,
    serverMain: path.join(vscodeDir, 'out', 'server-main.js'),
    marker: path.join(cacheDir, '.audit-lens-ready.json'),
    lock: path.join(cacheDir, '.audit-lens-installing'),
    logFile: path.join(cacheDir, 'install.log'),
  };
}

/** What the marker records: a change in any of these means the native modules must be rebuilt. */
function markerContent() {
  return { codeServer: CODE_SERVER_VERSION, nodeAbi: process.versions.modules, platform: process.platform, arch: process.arch };
}

/** True when a complete install for this Node and code-server version is in place. */
export function isServerInstalled(root = repoRoot) {
  const paths = serverPaths(root);
  try {
    const recorded = JSON.parse(readFileSync(paths.marker, 'utf8'));
    const wanted = markerContent();
    return Object.keys(wanted).every((key) => recorded[key] === wanted[key]) && existsSync(paths.serverMain);
  } catch {
    return false;
  }
}

/** The programs the install needs that are missing, each with the command that provides it. */
export function missingInstallPrerequisites() {
  const missing = [];
  if (!findOnPath('rg')) missing.push('ripgrep (`rg`), which VS Code uses for file search: apt-get install -y ripgrep');
  if (!findOnPath('npm')) missing.push('npm, which installs the server: it comes with Node.js');
  for (const [tool, why] of [
    ['python3', 'node-gyp runs it'],
    ['make', 'node-gyp builds with it'],
    ['g++', 'the native modules are C++'],
  ]) {
    if (!findOnPath(tool)) missing.push(`\`${tool}\` (${why}): apt-get install -y python3 make g++`);
  }
  return missing;
}

/** Environment for npm: no prompts (node-pty's build calls `npx node-gyp`), local Node headers when present. */
function npmEnvironment() {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  // node-gyp would download headers from nodejs.org, which CI cannot reach; Debian's nodejs ships them.
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  if (existsSync(path.join(prefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = prefix;
  return env;
}

function installSteps(paths) {
  const rgTarget = path.join(paths.vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  return [
    { title: `npm install code-server@${CODE_SERVER_VERSION} (scripts off)`, cwd: paths.cacheDir, npm: ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`] },
    { title: "npm install VS Code's production dependencies", cwd: paths.vscodeDir, npm: ['install', '--omit=dev', '--ignore-scripts'] },
    { title: `npm rebuild ${NATIVE_MODULES.join(' ')}`, cwd: paths.vscodeDir, npm: ['rebuild', ...NATIVE_MODULES] },
    {
      title: "ripgrep from PATH into @vscode/ripgrep, and node_modules.asar",
      cwd: paths.vscodeDir,
      run: () => {
        mkdirSync(rgTarget, { recursive: true });
        const rg = findOnPath('rg');
        if (!rg) throw new Error('rg is no longer on PATH');
        copyFileSync(rg, path.join(rgTarget, 'rg'));
        const asar = path.join(paths.vscodeDir, 'node_modules.asar');
        rmSync(asar, { force: true });
        symlinkSync('node_modules', asar);
      },
    },
    { title: "npm install the built-in extensions' dependencies", cwd: path.join(paths.vscodeDir, 'extensions'), npm: ['install', '--omit=dev', '--ignore-scripts'] },
    { title: "the built-in extensions' postinstall", cwd: path.join(paths.vscodeDir, 'extensions'), node: ['postinstall.mjs'] },
  ];
}

/** Takes the install lock, or says who holds it. */
function takeLock(paths) {
  try {
    writeFileSync(paths.lock, String(process.pid), { flag: 'wx' });
    return undefined;
  } catch {
    const holder = Number(readFileSync(paths.lock, 'utf8'));
    let alive = false;
    try {
      process.kill(holder, 0);
      alive = holder !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) return `another install (pid ${holder}) is running in ${paths.cacheDir}; wait for it to finish`;
    writeFileSync(paths.lock, String(process.pid));
    return undefined;
  }
}

/**
 * Makes sure the server is installed, installing it if needed. Resolves with its paths, or with
 * `{ error }` naming exactly what is missing or which step failed; never throws.
 */
export async function ensureVsCodeServer({ root = repoRoot, force = false, log = (line) => console.log(line) } = {}) {
  const paths = serverPaths(root);
  if (!force && isServerInstalled(root)) return { paths, installed: false };
  const missing = missingInstallPrerequisites();
  if (missing.length > 0) return { paths, error: `The VS Code server cannot be installed; missing:\n  - ${missing.join('\n  - ')}` };
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) log(`warning: code-server ${CODE_SERVER_VERSION} is built for Node 20; this is Node ${process.versions.node}.`);

  mkdirSync(paths.cacheDir, { recursive: true });
  const lockProblem = takeLock(paths);
  if (lockProblem) return { paths, error: `The VS Code server cannot be installed now: ${lockProblem}.` };
  try {
    // A partial install from an interrupted run cannot be trusted: start from nothing.
    rmSync(paths.marker, { force: true });
    rmSync(path.join(paths.cacheDir, 'node_modules'), { recursive: true, force: true });
    rmSync(path.join(paths.cacheDir, 'package-lock.json'), { force: true });
    writeFileSync(path.join(paths.cacheDir, 'package.json'), `${JSON.stringify({ name: 'audit-lens-vscode-server', private: true }, null, 2)}\n`);
    writeFileSync(paths.logFile, `VS Code server install, ${new Date().toISOString()}, Node ${process.versions.node}\n`);
    log(`Installing the VS Code server (code-server ${CODE_SERVER_VERSION}) into ${path.relative(process.cwd(), paths.cacheDir) || '.'}; a few minutes, once. Log: ${paths.logFile}`);
    const env = npmEnvironment();
    const started = Date.now();
    for (const step of installSteps(paths)) {
      const stepStarted = Date.now();
      log(`  ${step.title}…`);
      let code = 0;
      if (step.npm) code = await runLogged(findOnPath('npm'), step.npm, { cwd: step.cwd, env, logFile: paths.logFile });
      else if (step.node) code = await runLogged(process.execPath, step.node, { cwd: step.cwd, env, logFile: paths.logFile });
      else {
        try {
          step.run();
        } catch (error) {
          writeFileSync(paths.logFile, `\n${error instanceof Error ? error.stack : String(error)}\n`, { flag: 'a' });
          code = 1;
        }
      }
      if (code !== 0) {
        return { paths, error: `Installing the VS Code server failed at "${step.title}" (exit ${code}). Last lines of ${paths.logFile}:\n${tailOf(paths.logFile)}` };
      }
      log(`    done in ${((Date.now() - stepStarted) / 1000).toFixed(0)} s`);
    }
    if (!existsSync(paths.serverMain)) return { paths, error: `The install finished but ${paths.serverMain} is missing; see ${paths.logFile}.` };
    writeFileSync(paths.marker, `${JSON.stringify({ ...markerContent(), installedAt: new Date().toISOString() }, null, 2)}\n`);
    log(`The VS Code server is ready (${((Date.now() - started) / 1000).toFixed(0)} s).`);
    return { paths, installed: true };
  } finally {
    try {
      unlinkSync(paths.lock);
    } catch {
      // Someone removed it; nothing to release.
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await ensureVsCodeServer({ force: process.argv.includes('--force') });
  if (result.error) {
    console.error(result.error);
    process.exitCode = 1;
  } else if (!result.installed) {
    console.log(`The VS Code server is already installed in ${result.paths.cacheDir} (delete ${path.basename(result.paths.marker)} there, or pass --force, to reinstall).`);
  }
}
