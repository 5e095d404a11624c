// `npm run demo` as a person uses it: it prints a URL that serves the workbench, and Ctrl-C (SIGINT
// to the terminal's foreground process group) stops every process it started and deletes its
// workspace copy. Runs the launcher itself (test/e2e/demo.mjs), so the build step is not repeated.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, newWorkbenchPage } from '../support/browser.mjs';
import { descendantsOf } from '../support/commands.mjs';
import { repoRoot } from '../support/environment.mjs';

/** How long the demo may take to print its URL (the server is installed by then). */
const START_TIMEOUT_MS = 120_000;

/** True while a process exists and is not a zombie. */
function isAlive(pid) {
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitUntil(probe, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm run demo', function () {
  this.timeout(START_TIMEOUT_MS + 60_000);
  let demo;
  let browser;

  after(async () => {
    // A failed check must not leave the demo or the browser running.
    if (demo && demo.exitCode === null) process.kill(-demo.pid, 'SIGKILL');
    await browser?.close();
  });

  it('serves the workbench at the URL it prints, and Ctrl-C stops everything it started', async function () {
    if (!existsSync('/proc/self/stat')) this.skip();
    demo = spawn(process.execPath, [path.join(repoRoot, 'test', 'e2e', 'demo.mjs')], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    demo.stdout.on('data', (chunk) => (output += chunk));
    demo.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => demo.once('exit', (code, signal) => resolve({ code, signal })));

    await waitUntil(() => /Press Ctrl-C to stop/.test(output) || demo.exitCode !== null, 'the demo to print its URL', START_TIMEOUT_MS);
    const url = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(output)?.[0];
    assert.ok(url, `the demo printed a URL:\n${output}`);
    const workspace = /Workspace copy: (\S+)/.exec(output)?.[1];
    assert.ok(workspace && existsSync(path.join(workspace, 'SECURITY_AUDIT.md')), `the demo made a copy of the sample workspace: ${workspace}`);
    assert.match(output, /5 documents · 38 issues \(26 open\)/, 'the demo says what the view will show');

    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /workbench/i, 'the URL serves the VS Code workbench');
    // A browser on the URL starts the extension host, and the extension starts its language server.
    browser = await launchChromium();
    const workbench = await newWorkbenchPage(browser);
    await workbench.goto(url);
    await workbench.locator('.activitybar [aria-label^="Audit Lens"] .badge', { hasText: '26' }).first().waitFor({ timeout: 90_000 });
    const started = descendantsOf(demo.pid);
    const commandLines = started.map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        return '';
      }
    });
    assert.ok(commandLines.some((line) => line.includes('server-main.js')), 'the demo runs the VS Code server');
    assert.ok(commandLines.some((line) => line.includes('dist/server.js')), 'the Audit Lens language server runs under it');

    // What a terminal does on Ctrl-C.
    process.kill(-demo.pid, 'SIGINT');
    const { code, signal } = await exited;
    assert.equal(signal, null, `the demo exits by itself on SIGINT (killed by ${signal})`);
    assert.equal(code, 0, `the demo exits with 0 on Ctrl-C:\n${output}`);
    await waitUntil(() => started.every((pid) => !isAlive(pid)), `the demo's processes (${started.join(', ')}) to end`, 10_000);
    assert.equal(existsSync(workspace), false, 'the workspace copy is deleted');
    await assert.rejects(fetch(url), 'nothing listens on the port any more');
  });
});
