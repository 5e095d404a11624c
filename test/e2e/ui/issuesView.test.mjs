// UI checks in Chromium: what a person sees and clicks. The expected counts come from the CLI's
// JSON report of the same workspace copy, so the view is checked against an independent reading.
import assert from 'node:assert/strict';
import { activeTabTitle, page, screenshot, screenshotIfFailed, session, UI_TIMEOUT_MS, viewPane, viewRow, viewRows, waitForCursorLine, waitUntilSettled, widenSideBar } from './workbench.mjs';

/** Open issues per document, from the CLI's report: `{ 'SECURITY_AUDIT.md': 7, … }`. */
function openIssuesByDocument() {
  const counts = {};
  for (const issue of session.cliReport.issues) {
    if (issue.status === 'resolved' || issue.status === 'wontfix') continue;
    counts[issue.document] = (counts[issue.document] ?? 0) + 1;
  }
  return counts;
}

/** `docs/audits/TECH_DEBT.md` → the label a document row starts with: `TECH_DEBT.md docs/audits · 7 open`. */
function documentRowLabel(documentPath, open) {
  const slash = documentPath.lastIndexOf('/');
  const name = documentPath.slice(slash + 1);
  return slash < 0 ? `${name} ${open} open` : `${name} ${documentPath.slice(0, slash)} · ${open} open`;
}

describe('Audit Lens in the workbench', function () {
  this.timeout(90_000);
  afterEach(async function () {
    await screenshotIfFailed(this.currentTest);
  });

  it('opens the Issues view from the activity bar, with every document and its open count', async () => {
    const p = page();
    const entry = p.locator('.activitybar [aria-label^="Audit Lens"]').first();
    await entry.waitFor({ timeout: 60_000 });
    const expected = openIssuesByDocument();
    const totalOpen = Object.values(expected).reduce((sum, count) => sum + count, 0);
    assert.equal(totalOpen, session.cliReport.summary.openIssues);
    await assert.doesNotReject(entry.locator('.badge', { hasText: String(totalOpen) }).first().waitFor({ timeout: UI_TIMEOUT_MS }), `the activity-bar badge shows ${totalOpen}`);

    await entry.click();
    await viewRow('Issues', 'SEC-02 Login Endpoint Has No Rate Limiting').waitFor({ timeout: 60_000 });
    await widenSideBar();

    // Collapsed, the view shows one row per document with its open count.
    await viewPane('Issues').locator('.pane-header').hover();
    await viewPane('Issues').locator('.action-label[aria-label^="Collapse All"]').click();
    await p.waitForFunction(() => [...document.querySelectorAll('.pane .monaco-list-row')].some((row) => row.getAttribute('aria-level') === '1' && row.getAttribute('aria-expanded') === 'false'));
    const rows = await viewRows('Issues').evaluateAll((elements) => elements.filter((row) => row.getAttribute('aria-level') === '1').map((row) => row.getAttribute('aria-label')));
    const wanted = Object.entries(expected).map(([documentPath, open]) => documentRowLabel(documentPath, open));
    assert.deepEqual([...rows].sort(), [...wanted].sort());
  });

  it('opens the audit document at the heading of an issue clicked in the view', async () => {
    const p = page();
    const documentRow = viewRow('Issues', 'SECURITY_AUDIT.md');
    if ((await documentRow.getAttribute('aria-expanded')) === 'false') await documentRow.click();
    const critical = viewRow('Issues', 'Critical');
    await critical.first().waitFor({ timeout: UI_TIMEOUT_MS });
    if ((await critical.first().getAttribute('aria-expanded')) === 'false') await critical.first().click();
    const issue = viewRow('Issues', 'SEC-02 Login Endpoint Has No Rate Limiting');
    await issue.click();
    await p.locator('.tabs-container .tab.active', { hasText: 'SECURITY_AUDIT.md' }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match((await activeTabTitle()) ?? '', /SECURITY_AUDIT\.md/);
    const sec02 = session.cliReport.issues.find((candidate) => candidate.id === 'SEC-02');
    await waitForCursorLine(sec02.line);
    await waitUntilSettled(session.cliReport.summary.openIssues);
    await screenshot('sidebar.png');
  });

  it('opens the source at the referenced line when a reference is clicked', async () => {
    const p = page();
    const issue = viewRow('Issues', 'SEC-02 Login Endpoint Has No Rate Limiting');
    if ((await issue.getAttribute('aria-expanded')) === 'false') await issue.locator('.monaco-tl-twistie').click();
    const reference = viewRow('Issues', 'backend/accounts/views.py:39-61');
    await reference.waitFor({ timeout: UI_TIMEOUT_MS });
    await reference.click();
    await p.locator('.tabs-container .tab.active', { hasText: 'views.py' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForCursorLine(39);
  });

  it('shows the CodeLens of SEC-02 right above line 39 of views.py', async () => {
    const p = page();
    const lens = p.locator('.codelens-decoration', { hasText: 'SEC-02 Login Endpoint Has No Rate Limiting' }).first();
    await lens.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(await lens.innerText(), /SEC-02 Login Endpoint Has No Rate Limiting · critical · open/);
    // The lens sits in the space above the line it annotates: just over line number 39.
    const lineNumber = p.locator('.editor-instance .margin-view-overlays .line-numbers', { hasText: /^39$/ }).first();
    const [lensBox, lineBox] = [await lens.boundingBox(), await lineNumber.boundingBox()];
    assert.ok(lensBox && lineBox, 'the lens and line 39 are on screen');
    assert.ok(lensBox.y < lineBox.y && lineBox.y - lensBox.y < 2 * lineBox.height, `lens at y=${lensBox.y}, line 39 at y=${lineBox.y}`);
    // Without the reference's selection the lens and the gutter marks read better.
    await p.keyboard.press('Escape');
    await screenshot('codelens.png');
  });

  it('marks the referenced lines in the gutter, and the status bar item counts and opens the view', async () => {
    const p = page();
    // SEC-02 names lines 39-61 of views.py: each of them carries a gutter mark (VS Code draws them as `.cgmr`).
    // Glyph-margin marks are positioned apart from the line numbers; pair them by their height on screen.
    const marked = await p.evaluate(() => {
      const editor = document.querySelector('.editor-instance .monaco-editor');
      if (!editor) return [];
      const marks = [...editor.querySelectorAll('.cgmr')].map((mark) => mark.getBoundingClientRect().top);
      return [...editor.querySelectorAll('.line-numbers')]
        .filter((number) => marks.some((top) => Math.abs(top - number.getBoundingClientRect().top) < 3))
        .map((number) => Number(number.textContent?.trim()));
    });
    for (const line of [39, 50, 61]) assert.ok(marked.includes(line), `line ${line} has a gutter mark (marked: ${marked.join(', ')})`);
    assert.ok(!marked.includes(62), 'the line after the range has none');

    const { openIssues, staleReferences } = session.cliReport.summary;
    const item = p.locator('.statusbar-item', { hasText: `${openIssues} open · ${staleReferences} stale` }).first();
    await item.waitFor({ timeout: UI_TIMEOUT_MS });
    // With the Explorer in the side bar, the item brings the Issues view back.
    await p.locator('.activitybar [aria-label^="Explorer"]').first().click();
    await viewPane('Issues').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    await item.click();
    await viewPane('Issues').locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  });

  it('reveals the issue of the line under the cursor in the Issues view, from the command palette', async () => {
    const p = page();
    await viewPane('Issues').locator('.pane-header').hover();
    await viewPane('Issues').locator('.action-label[aria-label^="Collapse All"]').click();
    await viewRow('Issues', 'SEC-02 Login Endpoint Has No Rate Limiting').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await p.locator('.tabs-container .tab', { hasText: 'views.py' }).first().click();
    await p.locator('.editor-instance .view-lines').first().click();
    await p.keyboard.press('Control+G');
    await p.keyboard.type('39');
    await p.keyboard.press('Enter');
    await waitForCursorLine(39);
    await p.keyboard.press('F1');
    await p.keyboard.type('Audit Lens: Reveal in Issues View');
    await p.locator('.quick-input-list .monaco-list-row', { hasText: 'Reveal in Issues View' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await p.keyboard.press('Enter');
    await viewPane('Issues').locator('.monaco-list-row.selected[aria-label^="SEC-02 Login Endpoint Has No Rate Limiting"]').waitFor({ timeout: UI_TIMEOUT_MS });
  });

  it('shows a reference to a missing file in the Stale References view, the editor and the Problems panel', async () => {
    const p = page();
    const missing = session.cliReport.references.find((reference) => reference.state === 'missing-file' && reference.document === 'SECURITY_AUDIT.md');
    const diagnostic = session.cliReport.diagnostics.find((candidate) => candidate.code === 'missing-file' && candidate.document === 'SECURITY_AUDIT.md');
    assert.ok(missing && diagnostic, 'the CLI reports a missing file in SECURITY_AUDIT.md');
    const row = viewRow('Stale References', `${missing.text} missing file`);
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    await row.click();
    // Nothing to open for a missing file: the document opens at the reference instead.
    await p.locator('.tabs-container .tab.active', { hasText: 'SECURITY_AUDIT.md' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForCursorLine(missing.line);
    await p.locator('.view-overlays .squiggly-error').first().waitFor({ timeout: UI_TIMEOUT_MS });

    await p.keyboard.press('Control+Shift+M');
    // The panel lists every document's problems; filtering brings this one into view.
    await p.locator('input[placeholder^="Filter (e.g."]').first().fill('webhooks.py');
    await p.locator('.markers-panel .monaco-list-row', { hasText: diagnostic.message }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    // Back in the editor with the cursor inside the reference, the hover explains the diagnostic.
    await p.keyboard.press('Control+1');
    await waitForCursorLine(missing.line);
    await p.keyboard.press('ArrowLeft');
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('Control+K');
    await p.keyboard.press('Control+I');
    await p.locator('.monaco-hover', { hasText: diagnostic.message }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await screenshot('stale-reference.png');
  });
});
