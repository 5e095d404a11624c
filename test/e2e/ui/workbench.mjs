// The UI checks' view of the running workbench: the page the launcher opened, and small helpers
// over VS Code's real DOM (view rows are `.monaco-list-row`, activity-bar entries carry their
// title in aria-label, CodeLens text is `.codelens-decoration`).
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** Set by the launcher before the checks load: `{ page, workspace, repoRoot, cliReport, resultsDir, screenshotsDir, updateReadmeScreenshots, browser, runDir, workbenchUrlFor }`. */
export const session = {};

/** How long a check waits for the workbench before failing. */
export const UI_TIMEOUT_MS = 30_000;

/** The screenshots the README shows, by the name the checks save them under. */
export const README_SCREENSHOTS = ['sidebar.png', 'codelens.png', 'stale-reference.png'];

/** The page, failing clearly when the launcher did not set up a session. */
export function page() {
  if (!session.page) throw new Error('No workbench page: run the UI checks through test/e2e/runServerTests.mjs.');
  return session.page;
}

/** Saves a screenshot to test-results/e2e/screenshots and, when asked, to media/screenshots. */
export async function screenshot(name) {
  const file = path.join(session.screenshotsDir, name);
  // Park the pointer on the title bar, where it raises no tooltip.
  await page().mouse.move(720, 12);
  await page().screenshot({ path: file });
  if (session.updateReadmeScreenshots && README_SCREENSHOTS.includes(name)) {
    const target = path.join(session.repoRoot, 'media', 'screenshots', name);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  return file;
}

/** For an `afterEach`: a screenshot of the workbench as a failed check left it, in test-results/e2e. */
export async function screenshotIfFailed(test) {
  if (test?.state !== 'failed' || !session.page) return;
  const name = `failure-${test.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`;
  await session.page.screenshot({ path: path.join(session.resultsDir, name) }).catch(() => undefined);
}

/**
 * Waits until the workbench is at rest: no extension activating in the status bar and the Audit
 * Lens badge showing `badge` (it shows a progress clock while the view refreshes).
 */
export async function waitUntilSettled(badge, timeoutMs = UI_TIMEOUT_MS) {
  const p = page();
  await p.locator('.activitybar [aria-label^="Audit Lens"] .badge', { hasText: String(badge) }).first().waitFor({ timeout: timeoutMs });
  await p.locator('.statusbar-item', { hasText: 'Activating Extensions' }).first().waitFor({ state: 'detached', timeout: timeoutMs });
}

/** The pane of a view in the side bar, found by its header ("Issues Section"). */
export function viewPane(title) {
  return page().locator('.pane', { has: page().locator(`.pane-header[aria-label^="${title}"]`) });
}

/** The rows a view shows (rows scrolled out of sight are not in the DOM). */
export function viewRows(title) {
  return viewPane(title).locator('.monaco-list-row');
}

/** The row whose accessible label starts with `label`. */
export function viewRow(title, label) {
  return viewPane(title).locator(`.monaco-list-row[aria-label^="${cssString(label)}"]`);
}

/** The editor's cursor position from the status bar's `Ln 12, Col 3`, or undefined. */
export async function statusBarPosition() {
  const item = page().locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first();
  if ((await item.count()) === 0) return undefined;
  const match = /Ln (\d+), Col (\d+)/.exec(await item.innerText());
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

/** Waits until the status bar shows the cursor on `line` (1-based); returns the position seen. */
export async function waitForCursorLine(line, timeoutMs = UI_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let seen;
  while (Date.now() < deadline) {
    seen = await statusBarPosition();
    if (seen?.line === line) return seen;
    await page().waitForTimeout(100);
  }
  throw new Error(`the status bar never showed Ln ${line} (last: ${seen ? `Ln ${seen.line}, Col ${seen.column}` : 'no position'})`);
}

/** The title of the active editor tab. */
export async function activeTabTitle() {
  const tab = page().locator('.tabs-container .tab.active').first();
  return (await tab.count()) === 0 ? undefined : (await tab.getAttribute('aria-label')) ?? (await tab.innerText());
}

/** Widens the side bar so the views' labels fit in screenshots. */
export async function widenSideBar(width = 520) {
  const p = page();
  const sidebar = p.locator('.part.sidebar');
  const box = await sidebar.boundingBox();
  if (!box || box.width >= width) return;
  const edge = box.x + box.width;
  const y = box.y + box.height / 2;
  await p.mouse.move(edge - 1, y);
  await p.mouse.down();
  await p.mouse.move(box.x + width, y, { steps: 8 });
  await p.mouse.up();
}

function cssString(text) {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
