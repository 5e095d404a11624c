// A workspace without audit documents: the Audit Lens view says what it looks for and offers to
// start one, instead of an empty tree; the button starts one.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newWorkbenchPage } from '../support/browser.mjs';
import { session, UI_TIMEOUT_MS } from './workbench.mjs';

describe('Audit Lens in a workspace without audit documents', function () {
  this.timeout(120_000);
  let page;

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await page?.screenshot({ path: path.join(session.resultsDir, 'failure-welcome.png') }).catch(() => undefined);
  });

  after(async () => {
    await page?.context().close();
  });

  it('shows the welcome view, whose button opens a new audit document from the template', async () => {
    const folder = path.join(session.runDir, 'no-audits-workspace');
    mkdirSync(path.join(folder, 'src'), { recursive: true });
    writeFileSync(path.join(folder, 'src', 'app.py'), 'def main():\n    return 0\n');
    page = await newWorkbenchPage(session.browser);
    await page.goto(session.workbenchUrlFor(folder));

    const entry = page.locator('.activitybar [aria-label^="Audit Lens"]').first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    const welcome = page.locator('.welcome-view-content', { hasText: 'No audit issues found yet.' }).first();
    await welcome.waitFor({ timeout: 60_000 });
    assert.match(await welcome.innerText(), /src\/app\.py:42/, 'it says what a code reference looks like');
    await welcome.locator('.monaco-button', { hasText: 'Choose Audit Documents' }).waitFor({ timeout: UI_TIMEOUT_MS });

    // The button creates AUDIT.md from the template as an (undoable, unsaved) edit and opens it;
    // the view picks up its example finding at once.
    await welcome.locator('.monaco-button', { hasText: 'New Audit Document' }).click();
    await page.locator('.tabs-container .tab.active.dirty', { hasText: 'AUDIT.md' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('.view-lines .view-line', { hasText: 'Code Audit - Findings Tracker' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('.pane .monaco-list-row[aria-label^="AUD-01"]').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await welcome.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  });
});
