// The bundled server under stress, over real LSP on stdio: a branch checkout's storm of 10,000
// file events is one re-index while hovers keep their latency, memory stays flat across 1,000
// edits of one document, the hostile workspace leaks no canary through any answer, and the
// workspace trust the client sends is read. (Killing the server and watching the client bring it
// back is the VS Code end-to-end suite's job: test/e2e.)
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { CompletionItem, DocumentLink, Hover, InitializeResult } from 'vscode-languageserver-protocol';
import { REPO_ROOT, startServer, type LspSession } from '../helpers/lspClient';
import { buildHostileWorkspace, CANARY_CONTENT, HOSTILE_REFERENCES, type HostileWorkspace } from '../unit/hardening/hostileWorkspace';

const SERVER = path.join(REPO_ROOT, 'dist', 'server.js');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The server process's resident set, in kB, from /proc (Linux only). */
function residentKb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function sourceLines(count: number): string {
  return Array.from({ length: count }, (_, index) => `def handler_${index + 1}(request):  # line ${index + 1}`).join('\n') + '\n';
}

const AUDIT = [
  '# Checkout Service Review',
  '',
  '## 🟠 High',
  '',
  '### CO-01: Cart Total Recomputed per Item',
  '**Status:** 🔴 Open',
  '**File:** `src/app.py:10-14`',
  '',
  '### CO-02: Generated Client Drifts From the Schema',
  '**Status:** 🔴 Open',
  '**File:** `generated/client_04242.py:1`',
  '',
].join('\n');

describe('language server under stress', function () {
  this.timeout(120_000);
  let workspace: string;
  let session: LspSession;

  before(function () {
    if (!fs.existsSync(SERVER)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  });

  beforeEach(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-stress-'));
    fs.mkdirSync(path.join(workspace, 'src'));
    fs.writeFileSync(path.join(workspace, 'src/app.py'), sourceLines(60));
    fs.writeFileSync(path.join(workspace, 'AUDIT.md'), AUDIT);
    session = await startServer(workspace);
  });

  afterEach(async () => {
    await session.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('coalesces 10,000 file events within a second into one re-index, and keeps answering hovers', async () => {
    const uri = session.uriOf('AUDIT.md');
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: AUDIT } });
    await session.waitForDiagnostics(uri, (list) => list.some((diagnostic) => diagnostic.code === 'missing-file'));
    // A checkout writes the files first; the events arrive while it runs.
    const generated = path.join(workspace, 'generated');
    fs.mkdirSync(generated);
    const names = Array.from({ length: 10_000 }, (_, index) => `client_${String(index).padStart(5, '0')}.py`);
    for (const name of names) fs.writeFileSync(path.join(generated, name), 'x = 1\n');

    const hoverAt = { textDocument: { uri }, position: { line: 6, character: 14 } };
    const latencies: number[] = [];
    let hovering = true;
    const hovers = (async () => {
      while (hovering) {
        const started = performance.now();
        const hover: Hover | null = await session.connection.sendRequest('textDocument/hover', hoverAt);
        latencies.push(performance.now() - started);
        assert.match((hover?.contents as { value: string } | undefined)?.value ?? '', /def handler_10\(request\)/);
        await sleep(20);
      }
    })();

    const firstEvent = Date.now();
    for (let batch = 0; batch < 20; batch++) {
      const changes = names.slice(batch * 500, (batch + 1) * 500).map((name) => ({ uri: session.uriOf(`generated/${name}`), type: 1 }));
      await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
      await sleep(45);
    }
    const spread = Date.now() - firstEvent;
    // The file CO-02 names exists once the re-index has listed the files again.
    await session.waitForDiagnostics(uri, (list) => !list.some((diagnostic) => diagnostic.code === 'missing-file'), 60_000);
    await sleep(400); // long enough for a second re-index to show itself
    hovering = false;
    await hovers;

    assert.ok(spread >= 800 && spread <= 2_000, `the events took ${spread} ms to send`);
    const reindexes = session.logs.filter((line) => /file changes? in .*, one re-index$/.test(line));
    assert.deepEqual(reindexes, [`Audit Lens: 10000 file changes in ${session.rootUri}, one re-index`]);
    assert.ok(latencies.length >= 10, `${latencies.length} hovers`);
    // The 100 ms latency bound is a timing, so it is asserted only with AUDIT_LENS_TIMING=1.
    if (process.env['AUDIT_LENS_TIMING'] === '1') assert.ok(median(latencies) < 100, `median hover latency ${median(latencies).toFixed(1)} ms over ${latencies.length} hovers (max ${Math.max(...latencies).toFixed(0)} ms)`);
  });

  it('keeps its memory flat across 1,000 edit cycles of one document', async function () {
    if (residentKb(session.process.pid ?? -1) === undefined || process.platform !== 'linux') this.skip(); // no /proc here
    // V8 grows its heap lazily, so the resident set of a healthy server climbs for thousands of edits
    // before a full collection. A preload lets the test ask for one (SIGUSR2) before each sample:
    // what is left is what the server keeps.
    await session.stop();
    const previous = process.env['NODE_OPTIONS'];
    process.env['NODE_OPTIONS'] = `--expose-gc --require ${path.join(REPO_ROOT, 'test/unit/hardening/gcOnSignal.cjs')}`;
    const starting = startServer(workspace);
    if (previous === undefined) delete process.env['NODE_OPTIONS'];
    else process.env['NODE_OPTIONS'] = previous;
    session = await starting;
    const pid = session.process.pid ?? -1;
    const collectedKb = async (): Promise<number> => {
      process.kill(pid, 'SIGUSR2');
      await sleep(30);
      return residentKb(pid) ?? 0;
    };
    const uri = session.uriOf('AUDIT.md');
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: AUDIT } });
    await session.waitForDiagnostics(uri, (list) => list.length > 0);
    const line = 6;
    const column = AUDIT.split('\n')[line]?.indexOf('10-14') ?? -1;
    let version = 1;
    let current = '10-14';
    /** One cycle: an edit that makes a reference stale (in text never seen before) or fresh again, and its diagnostics. */
    const cycle = async (count: number): Promise<void> => {
      const next = count % 2 === 0 ? `${70 + count}-80` : `1${count % 9}-14`;
      const stale = count % 2 === 0;
      await session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column + current.length } }, text: next }],
      });
      current = next;
      await session.waitForDiagnostics(uri, (list) => list.some((diagnostic) => diagnostic.code === 'line-out-of-range') === stale);
    };
    for (let count = 0; count < 300; count++) await cycle(count);
    const samples: number[] = [];
    for (let count = 0; count < 1_000; count++) {
      await cycle(count);
      if (count % 50 === 49) samples.push(await collectedKb());
    }
    const early = median(samples.slice(0, 5));
    const late = median(samples.slice(-5));
    assert.ok(late < early * 1.1, `RSS grew from ${early} kB to ${late} kB (${(((late - early) / early) * 100).toFixed(1)}%) over 1,000 edits: ${samples.join(' ')}`);
  });
});

describe('hostile workspace over LSP', function () {
  this.timeout(60_000);
  let hostile: HostileWorkspace;
  let session: LspSession;

  before(async () => {
    hostile = buildHostileWorkspace();
    session = await startServer(hostile.root);
  });

  after(async () => {
    await session?.stop();
    hostile?.remove();
  });

  const assertNoCanary = (what: string, output: unknown): void => {
    const text = JSON.stringify(output);
    assert.equal(text.includes(CANARY_CONTENT) || text.includes('CANARY-5e1d'), false, `${what} holds the canary’s content`);
    assert.equal(text.includes(hostile.canary) || text.includes(pathToFileURL(hostile.canary).toString()), false, `${what} holds the canary’s path`);
  };

  it('reports every escape as outside the workspace, in diagnostics that hold no canary', async () => {
    const uri = session.uriOf('HOSTILE.md');
    const diagnostics = await session.waitForDiagnostics(uri, (list) => list.some((diagnostic) => diagnostic.code === 'outside-workspace'));
    const outside = diagnostics.filter((diagnostic) => diagnostic.code === 'outside-workspace').length;
    assert.equal(outside, hostile.symlinks ? HOSTILE_REFERENCES.length : HOSTILE_REFERENCES.length - 2);
    assertNoCanary('diagnostics', [...session.diagnostics.values()]);
  });

  it('links only inside the root, with odd file names encoded and back', async () => {
    const uri = session.uriOf('HOSTILE.md');
    const links: DocumentLink[] = await session.connection.sendRequest('textDocument/documentLink', { textDocument: { uri } });
    const targets = links.map((link) => fileURLToPath((link.target ?? '').replace(/#L[\d-L]+$/, '')));
    assert.deepEqual(
      targets.map((target) => path.relative(hostile.root, target).split(path.sep).join('/')),
      ['src/app.py', 'src/my file.ts', 'src/ünïcode.ts', 'src/日本語/設定.py', 'src/my file.ts', ...(hostile.colonNames ? ['src/a:b.ts'] : [])],
    );
    assert.ok(targets.every((target) => fs.existsSync(target)));
    assertNoCanary('links', links);
  });

  it('answers hovers, completions and the issue tree without the canary', async () => {
    const uri = session.uriOf('HOSTILE.md');
    const text = fs.readFileSync(path.join(hostile.root, 'HOSTILE.md'), 'utf8');
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const lines = text.split('\n');
    const hovers: unknown[] = [];
    for (const [written] of HOSTILE_REFERENCES) {
      const line = lines.findIndex((candidate) => candidate.includes(written));
      const hover: Hover | null = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: (lines[line] ?? '').indexOf(written) + 1 } });
      assert.ok(hover, `a hover for ${written}`);
      hovers.push(hover);
    }
    assertNoCanary('hovers', hovers);

    const probes = ['`../outside/', '`../outside/canary.md:', '`outside-dir/', '`link-to-canary.md:'];
    let version = 1;
    for (const probe of probes) {
      const end = { line: lines.length - 1, character: (lines.at(-1) ?? '').length };
      await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: end, end }, text: `\n${probe}` }] });
      lines.push(probe);
      const items: CompletionItem[] = await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: lines.length - 1, character: probe.length } });
      assertNoCanary(`completion after ${probe}`, items);
      assert.equal(items.some((item) => item.label.includes('canary')), false, `no canary offered after ${probe}`);
    }
    assertNoCanary('the issue tree', await session.connection.sendRequest('auditLens/issues', {}));
  });
});

describe('workspace trust', function () {
  this.timeout(30_000);

  /** Starts the server with the given initialization options; returns what initialize answered and what it logged. */
  async function initialize(initializationOptions: unknown): Promise<{ result: InitializeResult; logs: string[] }> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-trust-'));
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const logs: string[] = [];
    connection.onNotification('window/logMessage', (params: { message: string }) => void logs.push(params.message));
    connection.listen();
    try {
      const rootUri = pathToFileURL(root).toString();
      const result: InitializeResult = await connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'trust' }], capabilities: {}, initializationOptions });
      await sleep(100);
      return { result, logs };
    } finally {
      connection.dispose();
      child.kill();
      fs.rmSync(root, { recursive: true, force: true });
    }
  }

  it('reads workspaceTrusted from the client, and says what an untrusted workspace turns off', async () => {
    const untrusted = await initialize({ workspaceTrusted: false });
    assert.deepEqual(untrusted.result.capabilities.experimental, { auditLens: { workspaceTrusted: false } });
    assert.ok(untrusted.logs.includes('Audit Lens: The workspace is not trusted: Audit Lens runs no git and starts no processes in it.'), untrusted.logs.join('\n'));
    const trusted = await initialize({ workspaceTrusted: true });
    assert.deepEqual(trusted.result.capabilities.experimental, { auditLens: { workspaceTrusted: true } });
    assert.deepEqual(trusted.logs, []);
    // Editors without a trust model send nothing; their users chose the folder.
    assert.deepEqual((await initialize(undefined)).result.capabilities.experimental, { auditLens: { workspaceTrusted: true } });
  });
});
