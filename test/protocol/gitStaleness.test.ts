// Git-aware staleness over real LSP: the bundled server on a git repository built in a temporary
// folder publishes `moved` for code that moved, offers the quick fix that updates the reference,
// in an untrusted workspace runs no git and says the references are unverified, and outside a
// repository says the same, with the reason in the hover.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Hover, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { sourceFile, useTempRepo } from '../helpers/gitRepo';
import { REPO_ROOT, startServer, type LspSession } from '../helpers/lspClient';

const AUDIT = '# Security Audit\n\n### SEC-01: Unchecked Input\n**Status:** Open\n**File:** `src/app.py:10-12`\n\n### SEC-02: Weak Hash\n**Status:** Open\n**File:** `src/app.py:30`\n';

interface IssuesPayload {
  documents: Array<{ issues: Array<{ key: string; references: Array<{ state: string }> }> }>;
}

describe('git-aware staleness over LSP', function () {
  this.timeout(60_000);
  let session: LspSession | undefined;
  // Registered before the repository's hooks, so the server stops before its folder goes.
  afterEach(async () => {
    await session?.stop();
    session = undefined;
  });
  const fixture = useTempRepo();

  before(function () {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  });

  beforeEach(() => {
    const { repo } = fixture;
    repo.write('src/app.py', sourceFile(40, 'app'));
    repo.write('AUDIT.md', AUDIT);
    repo.commit('audit');
    repo.edit('src/app.py', (lines) => ['import os', 'import sys', '', ...lines.map((line, index) => (index === 29 ? '    return hashlib.sha256(value)' : line))]);
    repo.commit('imports, and a stronger hash');
  });

  it('publishes moved and changed-since-audit, and updates a moved reference with a quick fix', async () => {
    session = await startServer(fixture.repo.root, {}, { initializationOptions: { workspaceTrusted: true, storagePath: fixture.storage } });
    const uri = session.uriOf('AUDIT.md');
    const diagnostics = await session.waitForDiagnostics(uri, (current) => current.some((diagnostic) => diagnostic.code === 'moved'));
    const movedDiagnostic = diagnostics.find((diagnostic) => diagnostic.code === 'moved');
    assert.equal(movedDiagnostic?.severity, 2);
    assert.match(String(movedDiagnostic?.message ?? ''), /src\/app\.py:13-15/);
    const changed = diagnostics.find((diagnostic) => diagnostic.code === 'changed-since-audit');
    assert.equal(changed?.severity, 3);

    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: AUDIT } });
    const actions: CodeAction[] = await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: movedDiagnostic?.range,
      context: { diagnostics: [movedDiagnostic], only: ['quickfix'] },
    });
    const update = actions.find((action) => action.title === 'Update to src/app.py:13-15');
    assert.ok(update, `actions: ${actions.map((action) => action.title).join(', ')}`);
    assert.equal(update.diagnostics?.[0]?.code, 'moved');
    const edits = (update.edit?.documentChanges?.[0] as TextDocumentEdit).edits;
    assert.deepEqual(edits.map((edit) => ('newText' in edit ? edit.newText : '')), ['13-15']);

    const resolve: CodeAction[] = await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: changed?.range,
      context: { diagnostics: [changed], only: ['quickfix'] },
    });
    assert.ok(resolve.some((action) => action.title.startsWith('Mark SEC-02 resolved')), `actions: ${resolve.map((action) => action.title).join(', ')}`);
  });

  it('runs no git in an untrusted workspace: references are unverified, with no diagnostic', async () => {
    session = await startServer(fixture.repo.root, {}, { initializationOptions: { workspaceTrusted: false, storagePath: fixture.storage } });
    const issues: IssuesPayload[] = await session.connection.sendRequest('auditLens/issues', {});
    const states = issues[0]?.documents.flatMap((document) => document.issues.flatMap((issue) => issue.references.map((reference) => reference.state)));
    assert.deepEqual(states, ['unverified', 'unverified']);
    const diagnostics = session.diagnostics.get(session.uriOf('AUDIT.md')) ?? [];
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), []);
    assert.deepEqual(fs.readdirSync(fixture.storage).filter((name) => name.startsWith('fingerprints-')), [], 'no fingerprints either');
  });

  it('says why in the hover when the folder is not a repository, with no diagnostic', async () => {
    fs.rmSync(path.join(fixture.repo.root, '.git'), { recursive: true });
    session = await startServer(fixture.repo.root, {}, { initializationOptions: { workspaceTrusted: true, storagePath: fixture.storage } });
    const issues: IssuesPayload[] = await session.connection.sendRequest('auditLens/issues', {});
    const states = issues[0]?.documents.flatMap((document) => document.issues.flatMap((issue) => issue.references.map((reference) => reference.state)));
    assert.deepEqual(states, ['unverified', 'unverified']);
    assert.deepEqual((session.diagnostics.get(session.uriOf('AUDIT.md')) ?? []).map((diagnostic) => diagnostic.code), []);
    const uri = session.uriOf('AUDIT.md');
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: AUDIT } });
    const hover: Hover | null = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 14 } });
    const text = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(text, /whether the code changed since the audit is not known/);
    assert.match(text, /Not checked against git history: .* is not inside a git working tree\./);
  });
});
