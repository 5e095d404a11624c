// `npm run test:e2e`: the extension's tests in a real VS Code. Installs the VS Code server once
// (test/e2e/setup), starts it on 127.0.0.1, and drives its web workbench in Chromium:
//   1. the extension-host suite (dist/test/e2e/index.js) on a copy of the sample workspace;
//   2. the UI checks (test/e2e/ui/*.test.mjs) on a fresh copy, with screenshots in test-results/e2e;
//   3. the lifecycle checks (test/e2e/lifecycle/*.test.mjs): `npm run demo` starts and stops cleanly.
// Everything it starts (server, extension hosts, file watcher, language servers, Chromium) is
// stopped at the end, on failure and on Ctrl-C too.
//
//   node test/e2e/runServerTests.mjs [--host-only | --ui-only | --lifecycle-only] [--keep] [--update-screenshots]
//   --keep                 leave the temporary workspace copies and server state for a look
//   --update-screenshots   copy the README's screenshots to media/screenshots
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { installMissingDebianPackages } from './setup/debianPackages.mjs';
import { ensureVsCodeServer, isServerInstalled, missingInstallPrerequisites } from './setup/installVsCodeServer.mjs';
import { exposeAutomationHooks, launchChromium, newWorkbenchPage } from './support/browser.mjs';
import { copySampleWorkspace, ensureResultsDir, makeRunDir, missingRunPrerequisites, repoRoot, stopForMissing } from './support/environment.mjs';
import { startVsCodeServer, workbenchUrl } from './support/vscodeServer.mjs';
import { session } from './ui/workbench.mjs';

/** The extension-host suite must settle within this; a hang fails the run instead of eating CI's budget. */
const HOST_SUITE_TIMEOUT_MS = 5 * 60_000;

/** Must match OUTPUT_MARKER in suite/index.ts. */
const OUTPUT_MARKER = '[e2e] ';

const args = new Set(process.argv.slice(2));
const only = ['--host-only', '--ui-only', '--lifecycle-only'].find((flag) => args.has(flag));
const runHost = !only || only === '--host-only';
const runUi = !only || only === '--ui-only';
const runLifecycle = !only || only === '--lifecycle-only';
const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Set when the run stopped before testing ('skipped' or 'FAILED'). */
let outcome;

/** Everything to undo at the end, newest first. */
const cleanups = [];
let cleaningUp;
function cleanUp() {
  cleaningUp ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return cleaningUp;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping everything this run started…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** Runs the extension-host suite in a page and returns the number of failures (or 1 when it never reported). */
async function runHostSuite(browser, server, runDir, resultsDir) {
  const phaseStarted = Date.now();
  const workspace = copySampleWorkspace(runDir, 'host-workspace');
  const resultsFile = path.join(runDir, 'host-results.json');
  rmSync(resultsFile, { force: true });
  const page = await newWorkbenchPage(browser);
  const consoleLines = [];
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
  // The suite's output reaches us through the workbench's automation log, mixed with the
  // workbench's own; the suite marks its lines. Everything goes to host-console.log.
  const { exited } = await exposeAutomationHooks(page, (type, args) => {
    const line = format(...args);
    consoleLines.push(`[automation ${type}] ${line}`);
    const marked = line.indexOf(OUTPUT_MARKER);
    if (marked >= 0) console.log(line.slice(marked + OUTPUT_MARKER.length));
  });
  console.log(`\nExtension-host tests (workspace copy: ${workspace})`);
  await page.goto(workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath: repoRoot, extensionTestsPath: path.join(repoRoot, 'dist', 'test', 'e2e', 'index.js') }));
  let timer;
  const code = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), HOST_SUITE_TIMEOUT_MS)))]);
  clearTimeout(timer);
  writeFileSync(path.join(resultsDir, 'host-console.log'), `${consoleLines.join('\n')}\n`);
  if (code !== 0) await page.screenshot({ path: path.join(resultsDir, 'host-failure.png') }).catch(() => undefined);
  await page.context().close();

  // The results file is the second witness: it also catches a run that exited 0 without running tests.
  const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
  if (code === 'timeout') {
    console.error(`The extension-host tests did not finish within ${HOST_SUITE_TIMEOUT_MS / 60_000} minutes; see test-results/e2e/host-console.log and ${server.logFile}.`);
    return 1;
  }
  if (!results) {
    console.error(`The extension host exited with ${code} without writing results; see test-results/e2e/host-console.log.`);
    return 1;
  }
  console.log(`Extension-host tests: ${results.passes} passed, ${results.failures} failed (${seconds(phaseStarted)}).`);
  return code === 0 && results.failures === 0 && results.passes > 0 ? 0 : Math.max(results.failures, 1);
}

/** Runs the UI checks with mocha in this process and returns the number of failures. */
async function runUiChecks(browser, server, runDir, resultsDir) {
  const phaseStarted = Date.now();
  const workspace = copySampleWorkspace(runDir, 'ui-workspace');
  const cliReport = JSON.parse(execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', workspace, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8' }));
  const page = await newWorkbenchPage(browser);
  const consoleLines = [];
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  Object.assign(session, {
    page,
    workspace,
    repoRoot,
    cliReport,
    resultsDir,
    screenshotsDir: ensureResultsDir('screenshots'),
    updateReadmeScreenshots: args.has('--update-screenshots'),
    // For checks that need a workbench of their own on another folder.
    browser,
    runDir,
    workbenchUrlFor: (folder) => workbenchUrl({ port: server.port, folder, extensionDevelopmentPath: repoRoot }),
  });
  console.log(`\nUI checks in Chromium (workspace copy: ${workspace})`);
  await page.goto(workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath: repoRoot }));

  const failures = await runMochaFiles(path.join(repoRoot, 'test', 'e2e', 'ui'));
  writeFileSync(path.join(resultsDir, 'ui-console.log'), `${consoleLines.join('\n')}\n`);
  await page.context().close();
  console.log(`UI checks: ${failures === 0 ? 'all passed' : `${failures} failed`} (${seconds(phaseStarted)}); screenshots in test-results/e2e/screenshots.`);
  return failures;
}

/** Runs the `*.test.mjs` files of a folder with mocha in this process; returns the number of failures. */
async function runMochaFiles(dir) {
  const mocha = new Mocha({ reporter: 'spec', timeout: 90_000, color: process.stdout.isTTY === true, ...(process.env.AUDIT_LENS_E2E_GREP ? { grep: process.env.AUDIT_LENS_E2E_GREP } : {}) });
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.test.mjs')).sort()) mocha.addFile(path.join(dir, file));
  await mocha.loadFilesAsync();
  return new Promise((resolve) => mocha.run((count) => resolve(count)));
}

/** Checks that `npm run demo` serves the workbench and stops cleanly on Ctrl-C; returns the failures. */
async function runLifecycleChecks() {
  const phaseStarted = Date.now();
  console.log('\nLifecycle checks');
  const failures = await runMochaFiles(path.join(repoRoot, 'test', 'e2e', 'lifecycle'));
  console.log(`Lifecycle checks: ${failures === 0 ? 'all passed' : `${failures} failed`} (${seconds(phaseStarted)}).`);
  return failures;
}

async function main() {
  installMissingDebianPackages(['chromium', 'rg', 'python3', 'make', 'g++']);
  const missing = missingRunPrerequisites();
  if (!isServerInstalled()) missing.push(...missingInstallPrerequisites());
  if (stopForMissing('the end-to-end tests (npm run test:e2e)', missing)) {
    outcome = process.exitCode ? 'FAILED' : 'skipped';
    return;
  }

  const setup = await ensureVsCodeServer();
  if (setup.error) {
    console.error(setup.error);
    process.exitCode = 1;
    return;
  }
  const resultsDir = ensureResultsDir();
  const runDir = makeRunDir();
  if (args.has('--keep')) console.log(`Keeping ${runDir}.`);
  else cleanups.push(() => rmSync(runDir, { recursive: true, force: true }));

  const serverStarted = Date.now();
  const server = await startVsCodeServer({
    serverMain: setup.paths.serverMain,
    stateDir: path.join(runDir, 'state'),
    env: { AUDIT_LENS_E2E_RESULTS: path.join(runDir, 'host-results.json') },
  });
  cleanups.push(() => server.stop());
  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  console.log(`VS Code server on ${server.origin} (pid ${server.pid}), Chromium up, in ${seconds(serverStarted)}.`);

  let failures = 0;
  if (runHost) failures += await runHostSuite(browser, server, runDir, resultsDir);
  if (runUi) failures += await runUiChecks(browser, server, runDir, resultsDir);
  if (runLifecycle) failures += await runLifecycleChecks();
  process.exitCode = failures === 0 ? 0 : 1;
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
} finally {
  await cleanUp();
  console.log(`\ntest:e2e ${outcome ?? (process.exitCode ? 'FAILED' : 'passed')} in ${seconds(started)}.`);
}
