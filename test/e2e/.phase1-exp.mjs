import { ensureVsCodeServer } from '/work/main/test/e2e/setup/installVsCodeServer.mjs';
import { startVsCodeServer, workbenchUrl } from '/work/main/test/e2e/support/vscodeServer.mjs';
import { launchChromium, newWorkbenchPage, exposeAutomationHooks } from '/work/main/test/e2e/support/browser.mjs';
import { makeRunDir, copySampleWorkspace, repoRoot } from '/work/main/test/e2e/support/environment.mjs';
import path from 'node:path';
const { paths } = await ensureVsCodeServer();
const runDir = makeRunDir();
const ws = copySampleWorkspace(runDir);
const t0 = Date.now();
const server = await startVsCodeServer({ serverMain: paths.serverMain, stateDir: path.join(runDir, 'state'), env: { AUDIT_LENS_E2E_RESULTS: path.join(runDir, 'results.json') } , echo: true});
console.log('listening', server.port, Date.now()-t0);
const browser = await launchChromium();
try {
  const page = await newWorkbenchPage(browser);
  page.on('console', (m) => console.log('[console.' + m.type() + ']', m.text().slice(0, 400)));
  const { exited } = await exposeAutomationHooks(page, (t, s) => console.log('[auto ' + t + ']', s));
  const url = workbenchUrl({ port: server.port, folder: ws, extensionDevelopmentPath: repoRoot, extensionTestsPath: path.join(repoRoot, 'dist/test/e2e/index.js') });
  console.log(url);
  await page.goto(url);
  const code = await Promise.race([exited, new Promise(r => setTimeout(() => r('timeout'), 240000))]);
  console.log('EXIT', code, Date.now()-t0);
  await page.screenshot({ path: '/tmp/exp/phase1.png' });
} finally {
  await browser.close();
  await server.stop();
}
console.log(runDir);
