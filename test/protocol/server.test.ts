// Protocol tests: the bundled dist/server.js over stdio, real LSP messages, on a copy of the sample
// workspace (so edits and deletions never touch the fixture).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, CodeLens, CompletionItem, DocumentLink, DocumentSymbol, Hover, InlayHint, Location, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { REPO_ROOT, startServer, type LspSession } from '../helpers/lspClient';

const SAMPLE = path.join(REPO_ROOT, 'test', 'fixtures', 'sample-workspace');

interface IssuesPayload {
  counts: { issues: number; open: number; staleReferences: number };
  documents: Array<{ path: string; issues: Array<{ key: string; status: string | null; references: Array<{ state: string }> }> }>;
}

describe('language server over stdio', function () {
  this.timeout(60_000);
  let workspace: string;
  let session: LspSession;

  before(function () {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  });

  beforeEach(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-lsp-'));
    fs.cpSync(SAMPLE, workspace, { recursive: true });
    session = await startServer(workspace);
  });

  afterEach(async () => {
    await session.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  const open = async (relativePath: string, languageId: string): Promise<{ uri: string; text: string }> => {
    const uri = session.uriOf(relativePath);
    const text = fs.readFileSync(path.join(workspace, relativePath), 'utf8');
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return { uri, text };
  };

  const lineOf = (text: string, needle: string): number => {
    const line = text.split('\n').findIndex((candidate) => candidate.includes(needle));
    assert.ok(line >= 0, `fixture has ${needle}`);
    return line;
  };

  const applyEdit = async (uri: string, edit: WorkspaceEdit, version: number): Promise<void> => {
    const change = edit.documentChanges?.[0] as TextDocumentEdit;
    assert.ok(change, 'the edit carries a document change');
    // Edits apply from the bottom up so earlier ranges stay valid, as editors do.
    const edits = [...change.edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: edits.map((textEdit) => ({ range: textEdit.range, text: 'newText' in textEdit ? textEdit.newText : '' })),
    });
  };

  it('announces its features and publishes diagnostics for every audit document after indexing', async () => {
    const diagnostics = await session.waitForDiagnostics(session.uriOf('SECURITY_AUDIT.md'), (list) => list.length > 0);
    const codes = new Set(diagnostics.map((diagnostic) => diagnostic.code));
    for (const code of ['ambiguous-path', 'outside-workspace', 'line-out-of-range', 'missing-file', 'unknown-issue-id', 'duplicate-issue-id']) assert.ok(codes.has(code), `has ${code}`);
    assert.ok(diagnostics.every((diagnostic) => diagnostic.source === 'audit-lens'));
    const missing = diagnostics.find((diagnostic) => diagnostic.code === 'missing-file');
    assert.equal(missing?.severity, 1, 'missing-file is an error');
    const mojibake = await session.waitForDiagnostics(session.uriOf('docs/audits/READINESS_PLAN.md'), (list) => list.some((d) => d.code === 'mojibake'));
    assert.equal(mojibake.find((d) => d.code === 'mojibake')?.severity, 3, 'mojibake is information');
  });

  it('serves document links to the referenced lines', async () => {
    const { uri } = await open('SECURITY_AUDIT.md', 'markdown');
    const links: DocumentLink[] = await session.connection.sendRequest('textDocument/documentLink', { textDocument: { uri } });
    const targets = links.map((link) => link.target ?? '');
    assert.ok(targets.some((target) => target.endsWith('backend/accounts/views.py#L39-L61')), targets.join('\n'));
    assert.ok(!targets.some((target) => target.includes('etc/passwd')), 'no link leaves the workspace');
    const ambiguous = links.find((link) => String(link.tooltip ?? '').includes('backend/bookings/utils.py'));
    assert.ok(ambiguous?.target?.includes('backend/accounts/utils.py'), 'an ambiguous link targets the best candidate and lists the others');
  });

  it('hovers a reference with its code and an issue ID with its title', async () => {
    const { uri, text } = await open('SECURITY_AUDIT.md', 'markdown');
    const line = lineOf(text, 'backend/accounts/views.py:39-61');
    const hover: Hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: text.split('\n')[line]!.indexOf('views.py') } });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /```python/);
    assert.match(value, /def post\(self, request\):/);
    const dependencyLine = lineOf(text, '**Dependencies:** SEC-02');
    const idHover: Hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: dependencyLine, character: text.split('\n')[dependencyLine]!.indexOf('SEC-02') + 2 } });
    assert.match((idHover.contents as { value: string }).value, /Login Endpoint Has No Rate Limiting/);
  });

  it('navigates from an issue ID to its heading, its mentions and the outline', async () => {
    const { uri, text } = await open('SECURITY_AUDIT.md', 'markdown');
    const dependencyLine = lineOf(text, '**Dependencies:** SEC-02');
    const position = { line: dependencyLine, character: text.split('\n')[dependencyLine]!.indexOf('SEC-02') + 1 };
    const definition: Location[] = await session.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position });
    assert.equal(definition[0]?.range.start.line, lineOf(text, '### SEC-02'));
    const references: Location[] = await session.connection.sendRequest('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
    assert.ok(references.length >= 2, `SEC-02 is mentioned more than once, got ${references.length}`);
    const symbols: DocumentSymbol[] = await session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    const names = JSON.stringify(symbols);
    assert.match(names, /SEC-01/);
    const workspaceSymbols: Array<{ name: string }> = await session.connection.sendRequest('workspace/symbol', { query: 'rate limit' });
    assert.ok(workspaceSymbols.some((symbol) => symbol.name.includes('SEC-02')), JSON.stringify(workspaceSymbols.map((symbol) => symbol.name)));
  });

  it('completes workspace paths after a backtick', async () => {
    const { uri, text } = await open('SECURITY_AUDIT.md', 'markdown');
    const lines = text.split('\n');
    const last = lines.length - 1;
    const end = { line: last, character: lines[last]!.length };
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: end, end }, text: '\n- `backend/acc' }],
    });
    const items: CompletionItem[] = await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: last + 1, character: '- `backend/acc'.length } });
    assert.ok(items.some((item) => item.label.includes('backend/accounts/views.py')), items.map((item) => item.label).slice(0, 10).join(', '));
  });

  it('shows lenses and hints in a referenced source file, and moves them with an edit above', async () => {
    const { uri } = await open('backend/accounts/views.py', 'python');
    const lenses: CodeLens[] = await session.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    const loginLens = lenses.find((lens) => lens.command?.title.startsWith('SEC-02'));
    assert.ok(loginLens, lenses.map((lens) => lens.command?.title).join('\n'));
    assert.equal(loginLens.range.start.line, 38, 'above line 39 (1-based)');
    assert.match(loginLens.command?.title ?? '', /SEC-02 Login Endpoint Has No Rate Limiting · critical · open/);
    const hints: InlayHint[] = await session.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } });
    assert.ok(hints.some((hint) => String(hint.label).includes('SEC-02')), JSON.stringify(hints.map((hint) => hint.label)));

    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '# one\n# two\n' }],
    });
    const moved: CodeLens[] = await session.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(moved.find((lens) => lens.command?.title.startsWith('SEC-02'))?.range.start.line, 40);
  });

  it('answers the custom issue requests', async () => {
    const results: IssuesPayload[] = await session.connection.sendRequest('auditLens/issues', {});
    assert.equal(results.length, 1);
    const [result] = results;
    assert.equal(result?.counts.issues, 38);
    assert.equal(result?.counts.staleReferences, 10);
    const onlyOpen: IssuesPayload[] = await session.connection.sendRequest('auditLens/issues', { status: 'open' });
    assert.ok((onlyOpen[0]?.counts.issues ?? 0) < 38);
    const forFile: { ranges: Array<{ startLine: number; issues: Array<{ key: string }> }> } = await session.connection.sendRequest('auditLens/issuesForFile', { uri: session.uriOf('backend/accounts/views.py') });
    assert.ok(forFile.ranges.some((range) => range.startLine === 39 && range.issues.some((issue) => issue.key === 'SEC-02')));
  });

  it('updates diagnostics on an incremental edit of an audit document', async () => {
    const { uri, text } = await open('SECURITY_AUDIT.md', 'markdown');
    const line = lineOf(text, 'backend/accounts/views.py:39-61');
    const character = text.split('\n')[line]!.indexOf('39-61');
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 5 } }, text: '390-610' }],
    });
    await session.waitForDiagnostics(uri, (list) => list.some((d) => d.code === 'line-out-of-range' && d.range.start.line === line));
  });

  it('reports a referenced file deleted on disk as missing', async () => {
    const uri = session.uriOf('SECURITY_AUDIT.md');
    await session.waitForDiagnostics(uri, (list) => list.length > 0);
    fs.rmSync(path.join(workspace, 'backend', 'accounts', 'views.py'));
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: session.uriOf('backend/accounts/views.py'), type: 3 }] });
    await session.waitForDiagnostics(uri, (list) => list.some((d) => d.code === 'missing-file' && String(d.message).includes('backend/accounts/views.py')));
  });

  it('fixes an ambiguous reference with a quick fix, after which it is ok', async () => {
    const { uri, text } = await open('SECURITY_AUDIT.md', 'markdown');
    const diagnostics = await session.waitForDiagnostics(uri, (list) => list.some((d) => d.code === 'ambiguous-path'));
    const ambiguous = diagnostics.find((d) => d.code === 'ambiguous-path')!;
    const actions: CodeAction[] = await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: ambiguous.range, context: { diagnostics: [ambiguous] } });
    const pointTo = actions.find((action) => action.title.includes('backend/bookings/utils.py'));
    assert.ok(pointTo?.edit, actions.map((action) => action.title).join('\n'));
    assert.equal(pointTo.diagnostics?.[0]?.code, 'ambiguous-path');
    await applyEdit(uri, pointTo.edit, 2);
    await session.waitForDiagnostics(uri, (list) => !list.some((d) => d.code === 'ambiguous-path'));
    assert.ok(text.includes('`utils.py:18`'));
  });

  it('marks an issue resolved in the document convention through auditLens/markIssueStatus', async () => {
    const { uri } = await open('SECURITY_AUDIT.md', 'markdown');
    const edit: WorkspaceEdit | null = await session.connection.sendRequest('auditLens/markIssueStatus', { uri, key: 'SEC-02', status: 'resolved' });
    assert.ok(edit, 'an edit comes back');
    await applyEdit(uri, edit, 2);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const results: IssuesPayload[] = await session.connection.sendRequest('auditLens/issues', { status: ['resolved', 'open', 'in-progress', 'wontfix'] });
      const issue = results[0]?.documents.flatMap((document) => document.issues).find((candidate) => candidate.key === 'SEC-02');
      if (issue?.status === 'resolved') break;
      assert.ok(Date.now() < deadline, `SEC-02 still ${issue?.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
