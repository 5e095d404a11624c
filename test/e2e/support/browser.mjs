// Chromium through playwright-core (no browser download: Debian's /usr/bin/chromium), and the
// workbench's automation hooks that report an extension test run's result.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './environment.mjs';

/** Launches Chromium headless with the flags these machines need. */
export async function launchChromium() {
  // AUDIT_LENS_E2E_DEBUG=1 logs every Playwright call, to see where a run hangs.
  const logger = process.env.AUDIT_LENS_E2E_DEBUG ? { isEnabled: (name) => name === 'api', log: (name, _severity, message) => console.log(`[playwright] ${message}`) } : undefined;
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, timeout: 60_000, ...(logger ? { logger } : {}) });
}

/** A page sized like a laptop screen, so screenshots read well in the README. */
export async function newWorkbenchPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  return context.newPage();
}

/**
 * Exposes `codeAutomationLog` and `codeAutomationExit`, which the workbench calls when it runs
 * extension tests (as @vscode/test-web does). Call before `goto`. `exited` resolves with the exit
 * code the workbench reports (wrapped in an object: an async function cannot return a bare promise).
 */
export async function exposeAutomationHooks(page, onLog) {
  let resolveExit;
  const exited = new Promise((resolve) => {
    resolveExit = resolve;
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => onLog(String(type), Array.isArray(args) ? args : [args]));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  return { exited };
}
