// The Stale References view's inline quick fix, clicked as a person would: the fix is an edit in
// the audit document's editor (undoable, unsaved), and the reference leaves the view.
import assert from 'node:assert/strict';
import { activeTabTitle, page, screenshotIfFailed, session, UI_TIMEOUT_MS, viewPane } from './workbench.mjs';

describe('The Stale References view', function () {
  this.timeout(90_000);
  afterEach(async function () {
    await screenshotIfFailed(this.currentTest);
  });

  it('fixes an ambiguous reference from its inline action, as an unsaved edit that undo takes back', async () => {
    const p = page();
    const ambiguous = session.cliReport.references.find((reference) => reference.state === 'ambiguous' && reference.document === 'SECURITY_AUDIT.md');
    assert.ok(ambiguous, 'the CLI reports an ambiguous reference in SECURITY_AUDIT.md');
    // The row names the path as resolved so far (`backend/accounts/utils.py:18 ambiguous · …`).
    const rowFor = () => viewPane('Stale References').locator(`.monaco-list-row[aria-label*="${ambiguous.text} ambiguous"]`);
    const row = rowFor();
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    await row.hover();
    await row.locator('.action-label[aria-label^="Fix Stale Reference"]').click();

    await row.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    // The fix went through the editor: SECURITY_AUDIT.md is open and dirty, not written behind it.
    await p.locator('.tabs-container .tab.dirty', { hasText: 'SECURITY_AUDIT.md' }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match((await activeTabTitle()) ?? '', /SECURITY_AUDIT\.md/);
    // Go to the reference's line: it now names one of the candidates in full.
    await p.locator('.editor-instance .view-lines').first().click();
    await p.keyboard.press('Control+G');
    await p.keyboard.type(String(ambiguous.line));
    await p.keyboard.press('Enter');
    const named = ambiguous.candidates.map((candidate) => `${candidate}:${ambiguous.startLine}`);
    const fixed = p.locator('.view-lines .view-line', { hasText: new RegExp(named.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')) });
    await fixed.first().waitFor({ timeout: UI_TIMEOUT_MS });

    await p.keyboard.press('Control+Z');
    await rowFor().waitFor({ timeout: UI_TIMEOUT_MS });
    await p.locator('.tabs-container .tab.dirty', { hasText: 'SECURITY_AUDIT.md' }).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  });
});
