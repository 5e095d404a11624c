// The language features as VS Code itself asks for them: CodeLenses in a source file, links and
// hovers in an audit document, and the stale-reference diagnostics.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { auditDiagnostics, auditLens, codeOf, diagnosticAt, lensesOf, openEditor, waitFor, workspaceFile } from './helpers';

/** Hover contents as one markdown string. */
function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

describe('CodeLens in a source file', () => {
  it('puts SEC-02 above line 39 of backend/accounts/views.py', async () => {
    await auditLens();
    const uri = workspaceFile('backend/accounts/views.py');
    await openEditor('backend/accounts/views.py');
    const lenses = await waitFor(async () => {
      const found = await lensesOf(uri);
      return found.some((lens) => lens.title.startsWith('SEC-02')) && found;
    }, 'a SEC-02 lens in views.py');
    const sec02 = lenses.filter((lens) => lens.title.startsWith('SEC-02'));
    assert.deepEqual(sec02, [{ line: 39, title: 'SEC-02 Login Endpoint Has No Rate Limiting · critical · open' }]);
    // CR-05 (lines 96-98) and CR-07 (lines 66-72) of REVIEW_REPORT.md reference the same file.
    assert.deepEqual(
      lenses.filter((lens) => lens.title.startsWith('CR-')).map((lens) => [lens.line, lens.title.split(' ')[0]]),
      [[66, 'CR-07'], [96, 'CR-05']],
    );
  });

  it('opens the issue when the lens command runs', async () => {
    const uri = workspaceFile('backend/accounts/views.py');
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
    const lens = lenses.find((candidate) => candidate.command?.title.startsWith('SEC-02'));
    assert.ok(lens?.command, 'the SEC-02 lens has a command');
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
    const editor = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.toString() === workspaceFile('SECURITY_AUDIT.md').toString() && active;
    }, 'SECURITY_AUDIT.md to become the active editor');
    assert.equal(editor.selection.active.line, 38, 'the cursor is on the SEC-02 heading (line 39)');
  });
});

describe('Links in an audit document', () => {
  it('links each reference that resolves to the file and lines it names', async () => {
    await auditLens();
    const uri = workspaceFile('SECURITY_AUDIT.md');
    const links = await waitFor(async () => {
      const found = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri)) ?? [];
      return found.length > 0 && found;
    }, 'document links in SECURITY_AUDIT.md');
    const onLine = (line: number): vscode.DocumentLink[] => links.filter((link) => link.range.start.line === line - 1);
    const [sec02] = onLine(45);
    assert.ok(sec02?.target, 'the SEC-02 File field is a link');
    assert.equal(sec02.target.path, workspaceFile('backend/accounts/views.py').path);
    assert.match(sec02.target.fragment, /^L39(-L61)?$/);
    // A missing file and a path outside the workspace get no link.
    assert.deepEqual(onLine(166), [], 'backend/payments/webhooks.py:88 (missing) is not a link');
    assert.deepEqual(onLine(124), [], '../../etc/passwd:1 (outside the workspace) is not a link');
  });
});

describe('Hovers in an audit document', () => {
  it('shows the referenced code and that the reference holds', async () => {
    await auditLens();
    const uri = workspaceFile('SECURITY_AUDIT.md');
    // Column 12 is inside `backend/accounts/views.py:39-61` on line 45 ("**File**: backend/…").
    const text = await waitFor(async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(44, 14))) ?? [];
      const joined = hoverText(hovers);
      return joined.includes('def post(self, request):') && joined;
    }, 'a hover with the code of views.py:39-61');
    assert.ok(text.includes('The file exists and the lines are in range'), text);
  });

  it('says why a stale reference is stale', async () => {
    const uri = workspaceFile('SECURITY_AUDIT.md');
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(165, 14))) ?? [];
    assert.ok(hoverText(hovers).includes('Stale: the file is missing'), hoverText(hovers));
  });
});

describe('Diagnostics', () => {
  it('reports every stale reference and lint of SECURITY_AUDIT.md', async () => {
    await auditLens();
    const uri = workspaceFile('SECURITY_AUDIT.md');
    await openEditor('SECURITY_AUDIT.md');
    await waitFor(() => diagnosticAt(uri, 'missing-file', 166), 'the missing-file diagnostic on line 166');
    const found = auditDiagnostics(uri)
      .map((diagnostic) => `${diagnostic.range.start.line + 1} ${codeOf(diagnostic)} ${vscode.DiagnosticSeverity[diagnostic.severity]}`)
      .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
    assert.deepEqual(found, [
      '92 ambiguous-path Warning',
      '111 unknown-issue-id Warning',
      '124 outside-workspace Warning',
      '128 duplicate-issue-id Warning',
      '154 line-out-of-range Error',
      '166 missing-file Error',
    ]);
    const missing = diagnosticAt(uri, 'missing-file', 166);
    assert.equal(missing?.message, 'No file backend/payments/webhooks.py exists in the workspace.');
  });

  it('reports the mojibake of READINESS_PLAN.md as information', async () => {
    const uri = workspaceFile('docs/audits/READINESS_PLAN.md');
    await openEditor('docs/audits/READINESS_PLAN.md');
    const mojibake = await waitFor(() => auditDiagnostics(uri).find((diagnostic) => codeOf(diagnostic) === 'mojibake'), 'the mojibake diagnostic');
    assert.equal(mojibake.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(mojibake.range.start.line, 4);
  });
});
