// `npm run demo`: a real VS Code in your browser with Audit Lens loaded on a copy of the sample
// workspace. Installs the VS Code server the first time (a few minutes; see test/e2e/setup), binds
// to 127.0.0.1 only, prints the URL, and stops everything it started on Ctrl-C.
//
//   node test/e2e/demo.mjs [--port N]     (npm run demo builds first)
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { installMissingDebianPackages } from './setup/debianPackages.mjs';
import { ensureVsCodeServer } from './setup/installVsCodeServer.mjs';
import { copySampleWorkspace, makeRunDir, repoRoot } from './support/environment.mjs';
import { startVsCodeServer, workbenchUrl } from './support/vscodeServer.mjs';

function requestedPort() {
  const index = process.argv.indexOf('--port');
  const value = index >= 0 ? process.argv[index + 1] : process.env.AUDIT_LENS_DEMO_PORT;
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port wants a number from 0 to 65535 (0 picks a free port), not "${value}".`);
    process.exit(2);
  }
  return port;
}

/** The CLI's one-line summary of the workspace, so the terminal says what the view will show. */
function cliSummary(workspace) {
  try {
    const text = execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', workspace, '--fail-on', 'none', '--no-color'], { encoding: 'utf8' });
    return text.split('\n').find((line) => line.trim() !== '') ?? '';
  } catch {
    return '';
  }
}

const port = requestedPort();
for (const bundle of ['dist/client.js', 'dist/server.js', 'dist/cli.js']) {
  if (!existsSync(path.join(repoRoot, bundle))) {
    console.error(`${bundle} is missing: run \`npm run build\` (npm run demo does).`);
    process.exit(1);
  }
}
// The browser is the user's; the server's install needs ripgrep and a compiler.
installMissingDebianPackages(['rg', 'python3', 'make', 'g++']);
const setup = await ensureVsCodeServer();
if (setup.error) {
  console.error(setup.error);
  process.exit(1);
}

const runDir = makeRunDir('audit-lens-demo-');
const workspace = copySampleWorkspace(runDir);
let server;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await server?.stop();
  rmSync(runDir, { recursive: true, force: true });
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.log('\nStopping the VS Code server…');
    void stop(0);
  });
}

try {
  server = await startVsCodeServer({ serverMain: setup.paths.serverMain, stateDir: path.join(runDir, 'state'), port });
} catch (error) {
  // startVsCodeServer already stopped what it started.
  console.error(`The VS Code server did not start: ${error instanceof Error ? error.message : String(error)}`);
  rmSync(runDir, { recursive: true, force: true });
  process.exit(1);
}
server.process.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`The VS Code server stopped by itself (${code ?? signal}); its log: ${server.logFile}`);
  void stop(1);
});

const summary = cliSummary(workspace);
console.log(`
Audit Lens demo: VS Code with the extension loaded from ${repoRoot}, on a copy of the sample workspace.
${summary ? `${summary}\n` : ''}
Open this in a browser:

  ${workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath: repoRoot })}

Workspace copy: ${workspace} (deleted on exit; edit freely)
Press Ctrl-C to stop.
`);
