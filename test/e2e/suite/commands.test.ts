// The palette commands through the real command registry: grouping and filtering the Issues view,
// inlay hints, Copy Audit Reference, Export Report and Repair Encoding (applied, then undone).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IssueNode, SeverityNode, SourceFileNode, TreeNode } from '../../../client/src/model/issueTree';
import { auditDiagnostics, auditLens, closeAllEditors, codeOf, openEditor, waitFor, workspaceFile } from './helpers';

/** Every issue node under `nodes`, at any depth. */
function issuesUnder(nodes: readonly TreeNode[]): IssueNode[] {
  return nodes.flatMap((node) => (node.kind === 'issue' ? [node] : issuesUnder(node.children)));
}

describe('Grouping and filtering the Issues view', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('auditLens.groupBy', 'document');
    await vscode.commands.executeCommand('auditLens.filter', { showResolved: false, severities: [], text: '' });
  });

  it('groups by severity, most urgent first, with the open issues of every document', async () => {
    const api = await auditLens();
    await vscode.commands.executeCommand('auditLens.groupBy', 'severity');
    const roots = await waitFor(() => api.issuesModel().groupBy === 'severity' && api.issuesModel().tree.roots, 'the severity grouping');
    const levels = roots.filter((node): node is SeverityNode => node.kind === 'severity').map((node) => [node.severity, node.issueCount]);
    // The sample's open issues: 2 critical, 9 high, 10 medium, 2 low, 3 that state no severity.
    assert.deepEqual(levels, [['critical', 2], ['high', 9], ['medium', 10], ['low', 2], [null, 3]]);
    assert.equal(issuesUnder(roots).length, 26);
  });

  it('groups by source file, each issue under every file it references', async () => {
    const api = await auditLens();
    await vscode.commands.executeCommand('auditLens.groupBy', 'sourceFile');
    const roots = await waitFor(() => api.issuesModel().groupBy === 'sourceFile' && api.issuesModel().tree.roots, 'the source-file grouping');
    const views = roots.find((node): node is SourceFileNode => node.kind === 'sourceFile' && node.path === 'backend/accounts/views.py');
    assert.ok(views, 'backend/accounts/views.py is a group');
    assert.deepEqual(issuesUnder([views]).map((node) => node.issue.id).sort(), ['CR-05', 'CR-07', 'SEC-02']);
    const missing = roots.find((node): node is SourceFileNode => node.kind === 'sourceFile' && node.path === 'backend/payments/webhooks.py');
    assert.ok(missing?.unresolved, 'a file no reference resolves to is marked unresolved');
  });

  it('shows resolved issues on demand and filters by severity and text', async () => {
    const api = await auditLens();
    await vscode.commands.executeCommand('auditLens.showResolved');
    await waitFor(() => issuesUnder(api.issuesModel().tree.roots).length === 38, 'all 38 issues with resolved ones shown');
    await vscode.commands.executeCommand('auditLens.hideResolved');
    await waitFor(() => issuesUnder(api.issuesModel().tree.roots).length === 26, 'the 26 open issues again');

    await vscode.commands.executeCommand('auditLens.filter', { severities: ['critical'] });
    const critical = await waitFor(() => {
      const shown = issuesUnder(api.issuesModel().tree.roots);
      return shown.length === 2 && shown;
    }, 'the two open critical issues');
    assert.deepEqual(critical.map((node) => node.issue.id).sort(), ['SEC-02', 'SEC-03']);

    await vscode.commands.executeCommand('auditLens.filter', { severities: [], text: 'rate limiting' });
    const byText = await waitFor(() => {
      const shown = issuesUnder(api.issuesModel().tree.roots);
      return shown.length > 0 && shown.length < 26 && shown;
    }, 'the issues matching "rate limiting"');
    assert.ok(byText.some((node) => node.issue.id === 'SEC-02'));
    // The text filter looks at IDs, titles, keys and referenced paths.
    const haystack = (node: IssueNode): string => [node.issue.id ?? '', node.issue.title, node.issue.key, ...node.issue.references.map((reference) => reference.path)].join(' ');
    assert.ok(byText.every((node) => /rate limiting/i.test(haystack(node))), 'only issues that mention rate limiting');

    await vscode.commands.executeCommand('auditLens.clearFilter');
    await waitFor(() => issuesUnder(api.issuesModel().tree.roots).length === 26, 'every open issue after Clear Filter');
  });
});

describe('Inlay hints in a source file', () => {
  it('ends each line SEC-02 references first with its ID and severity', async () => {
    await auditLens();
    const uri = workspaceFile('backend/accounts/views.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const hints = await waitFor(async () => {
      const found = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, whole)) ?? [];
      return found.length > 0 && found;
    }, 'inlay hints in views.py');
    const label = (hint: vscode.InlayHint): string => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''));
    // SECURITY_AUDIT.md names views.py:39-61 and views.py:43 for SEC-02: a hint at the end of each first line.
    const sec02 = hints.filter((hint) => label(hint).includes('SEC-02'));
    assert.deepEqual(
      sec02.map((hint) => [hint.position.line + 1, hint.position.character]),
      [39, 43].map((line) => [line, document.lineAt(line - 1).text.length]),
    );
    assert.match(label(sec02[0] as vscode.InlayHint), /SEC-02 critical/);
  });
});

describe('Copy Audit Reference', () => {
  after(closeAllEditors);

  it('copies the selected lines as path:start-end', async () => {
    await auditLens();
    const editor = await openEditor('backend/accounts/views.py');
    // Lines 39-41, ending at the start of line 42: the caret there does not count line 42.
    editor.selection = new vscode.Selection(38, 4, 41, 0);
    await vscode.commands.executeCommand('auditLens.copyReference');
    assert.equal(await vscode.env.clipboard.readText(), 'backend/accounts/views.py:39-41');
  });
});

describe('Export Report', () => {
  it('writes the JSON report of the workspace through the bundled CLI', async () => {
    await auditLens();
    const target = workspaceFile('audit-lens-report.json');
    try {
      await vscode.commands.executeCommand('auditLens.exportReport', { format: 'json', target });
      const report = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target))) as { summary: { openIssues: number; issues: number } };
      assert.equal(report.summary.issues, 38);
      assert.equal(report.summary.openIssues, 26);
    } finally {
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });

  it('writes a Markdown summary with the open issues', async () => {
    await auditLens();
    const target = workspaceFile('audit-lens-report.md');
    try {
      await vscode.commands.executeCommand('auditLens.exportReport', { format: 'markdown', target });
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.match(text, /SEC-02/);
      assert.match(text, /Login Endpoint Has No Rate Limiting/);
    } finally {
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });
});

describe('Repair Encoding', () => {
  after(closeAllEditors);

  it('repairs the mojibake of READINESS_PLAN.md in the editor, and undo brings it back', async () => {
    await auditLens();
    const uri = workspaceFile('docs/audits/READINESS_PLAN.md');
    const hasMojibake = (): boolean => auditDiagnostics(uri).some((diagnostic) => codeOf(diagnostic) === 'mojibake');
    await waitFor(hasMojibake, 'the mojibake diagnostic of READINESS_PLAN.md');
    const editor = await openEditor('docs/audits/READINESS_PLAN.md');
    const before = editor.document.getText();

    await vscode.commands.executeCommand('auditLens.repairEncoding', uri);
    await waitFor(() => editor.document.getText() !== before && !hasMojibake(), 'the repaired text without the mojibake diagnostic');
    assert.equal(editor.document.isDirty, true, 'the repair is an edit in the editor, not a write behind it');
    assert.ok(editor.document.getText().length < before.length, 'each mojibake sequence became one character');

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === before, 'undo to restore the original text');
    await waitFor(hasMojibake, 'the mojibake diagnostic to come back after undo');
  });
});
