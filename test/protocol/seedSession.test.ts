// A language-server session over the five real seed documents plus a small source tree: links,
// hovers, diagnostics, lenses and hints on real audits (mojibake ones included). The seeds are
// read from ../shared/seeds at run time and never copied into the repository.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeLens, DocumentLink, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { REPO_ROOT, startServer, type LspSession } from '../helpers/lspClient';

const SEEDS = path.resolve(REPO_ROOT, '..', 'shared', 'seeds');
const CRIT_3 = '003_53c3759d7618da51';

describe('language server on the real seed documents', function () {
  this.timeout(90_000);
  let workspace: string;
  let session: LspSession;

  before(async function () {
    if (!fs.existsSync(SEEDS)) {
      if (process.env['CI'] === 'true') throw new Error(`the seed documents are missing: ${SEEDS}`);
      this.skip();
    }
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-seeds-'));
    fs.mkdirSync(path.join(workspace, 'docs'));
    for (const name of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, name), path.join(workspace, 'docs', name.replace(/\.txt$/, '.md')));
    const source = (relative: string, lines: number): void => {
      fs.mkdirSync(path.dirname(path.join(workspace, relative)), { recursive: true });
      fs.writeFileSync(path.join(workspace, relative), Array.from({ length: lines }, (_, index) => `value_${index + 1} = ${index + 1}`).join('\n') + '\n');
    };
    source('upstream/models.py', 400);
    source('backend/app/settings.py', 30);
    source('app_v2/main.py', 200);
    session = await startServer(workspace);
  });

  after(async () => {
    await session?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('publishes diagnostics: mojibake, duplicate IDs, status conflicts and stale references', async () => {
    const tracker = await session.waitForDiagnostics(session.uriOf('docs/000_45748053b52879e5.md'), (list) => list.length > 0);
    const codes = new Set(tracker.map((diagnostic) => diagnostic.code));
    assert.ok(codes.has('mojibake') && codes.has('duplicate-issue-id') && codes.has('line-out-of-range'), [...codes].join(', '));
    const debt = await session.waitForDiagnostics(session.uriOf(`docs/${CRIT_3}.md`), (list) => list.length > 0);
    assert.ok(debt.some((diagnostic) => diagnostic.code === 'status-conflict' && String(diagnostic.message).startsWith('CRIT-2')));
    const text = fs.readFileSync(path.join(workspace, 'docs', `${CRIT_3}.md`), 'utf8');
    const crit3File = text.split('\n').findIndex((candidate) => candidate.includes('upstream/models.py:229-237'));
    assert.ok(!debt.some((diagnostic) => diagnostic.range.start.line === crit3File), 'upstream/models.py:229-237, 299-318 is in range in a 400-line file');
  });

  it('links and hovers a reference in a real audit', async () => {
    const uri = session.uriOf(`docs/${CRIT_3}.md`);
    const links: DocumentLink[] = await session.connection.sendRequest('textDocument/documentLink', { textDocument: { uri } });
    const targets = links.map((link) => link.target ?? '');
    assert.ok(targets.some((target) => target.endsWith('upstream/models.py#L229-L237')), targets.slice(0, 5).join('\n'));
    assert.ok(targets.some((target) => target.endsWith('upstream/models.py#L299-L318')));
    const text = fs.readFileSync(path.join(workspace, 'docs', `${CRIT_3}.md`), 'utf8');
    const line = text.split('\n').findIndex((candidate) => candidate.includes('upstream/models.py:229-237'));
    const hover: Hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: text.split('\n')[line]!.indexOf('models.py') } });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /```python/);
    assert.match(value, /value_229 = 229/);
  });

  it('shows lenses and hints for the issues that reference a source file', async () => {
    const uri = session.uriOf('upstream/models.py');
    const lenses: CodeLens[] = await session.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    // CRIT-3 is resolved, so it is hidden by default; an open issue on the same file shows.
    assert.ok(!titles.some((title) => title.startsWith('CRIT-3 ')), titles.join('\n'));
    session.settings = { codeLens: { showResolved: true } };
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await session.nextFullIndex();
    const all: CodeLens[] = await session.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    const crit3 = all.find((lens) => lens.command?.title.startsWith('CRIT-3 '));
    assert.ok(crit3, all.map((lens) => lens.command?.title).join('\n'));
    assert.equal(crit3.range.start.line, 228);
    assert.match(crit3.command?.title ?? '', /CRIT-3 TextField Without Indexes for Payer\/CPT · critical · resolved/);
    const hints: InlayHint[] = await session.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 400, character: 0 } } });
    assert.ok(hints.some((hint) => JSON.stringify(hint.label).includes('CRIT-3')));
  });
});
