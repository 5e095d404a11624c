// Starts VS Code's own server (lib/vscode/out/server-main.js, the one VS Code's web integration
// tests use: it takes the development options) on 127.0.0.1, in its own process group so that
// stopping it ends the extension host, the file watcher and the language server with it.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { killProcessTree } from './commands.mjs';

/** User settings for a quiet, predictable workbench: no trust prompt, no welcome page, no network. */
export const WORKBENCH_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'git.enabled': false,
  'files.hotExit': 'off',
  // The tests edit buffers and revert them; nothing may reach the disk copy on its own.
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
};

const PORT_LINE = /Web UI available at https?:\/\/[^:\s]+:(\d+)/;

/**
 * Starts the server with its state under `stateDir` and resolves once it listens. `port` 0 picks a
 * free one. The returned `stop()` ends the server and everything it started; it is safe to call twice.
 */
export async function startVsCodeServer({ serverMain, stateDir, port = 0, env = {}, settings = {}, timeoutMs = 60_000, echo = false }) {
  const dirs = { userData: path.join(stateDir, 'user-data'), serverData: path.join(stateDir, 'server-data'), extensions: path.join(stateDir, 'extensions') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  const allSettings = { ...WORKBENCH_SETTINGS, ...settings };
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify(allSettings, null, 2)}\n`);
  // Machine settings apply to the remote extension host's view of the configuration.
  mkdirSync(path.join(dirs.serverData, 'data', 'Machine'), { recursive: true });
  writeFileSync(path.join(dirs.serverData, 'data', 'Machine', 'settings.json'), `${JSON.stringify(allSettings, null, 2)}\n`);

  const logFile = path.join(stateDir, 'server.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const args = [
    serverMain,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    '--user-data-dir', dirs.userData,
    '--server-data-dir', dirs.serverData,
    '--extensions-dir', dirs.extensions,
  ];
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, VSCODE_CLI: undefined, ELECTRON_RUN_AS_NODE: undefined },
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await killProcessTree(child.pid);
    log.end();
  };

  let output = '';
  const listening = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the VS Code server did not report a port within ${timeoutMs / 1000} s; see ${logFile}`)), timeoutMs);
    const onData = (chunk) => {
      const text = chunk.toString();
      log.write(text);
      if (echo) process.stdout.write(text);
      output = (output + text).slice(-20_000);
      const match = PORT_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the VS Code server exited (${code ?? signal}) before listening; see ${logFile}:\n${output.slice(-2000)}`));
    });
  });
  try {
    const actualPort = await listening;
    return { port: actualPort, origin: `http://127.0.0.1:${actualPort}`, pid: child.pid, logFile, dirs, stop, process: child };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The workbench URL that opens `folder` with the extension under development loaded and, when
 * `extensionTestsPath` is given, runs its tests. The server reads these options from `payload`,
 * as `vscode-remote://` URIs whose authority is the server itself.
 * @param {{ port: number, folder: string, extensionDevelopmentPath: string, extensionTestsPath?: string }} options
 */
export function workbenchUrl({ port, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = `127.0.0.1:${port}`;
  const remote = (fsPath) => `vscode-remote://${authority}${posixPath(fsPath).split('/').map(encodeURIComponent).join('/')}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  // `folder` is a plain path (the workbench makes the URI); the payload's entries are URIs.
  return `http://${authority}/?folder=${queryValue(posixPath(folder))}&payload=${queryValue(JSON.stringify(payload))}`;
}

/** Encodes a query value, leaving `/` and `:` readable (both are allowed there). */
function queryValue(text) {
  return encodeURIComponent(text).replace(/%2F/g, '/').replace(/%3A/g, ':');
}

function posixPath(fsPath) {
  const slashed = path.resolve(fsPath).split(path.sep).join('/');
  return slashed.startsWith('/') ? slashed : `/${slashed}`;
}
