// Measures of the bundled language server over stdio, through the protocol tests' LSP client:
// the cold (or warm) index, the first issues of a document opened while it runs, peak RSS,
// keystroke latency in a large document, and codeLens / inlayHint on a much-referenced file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startServer, type LspSession } from '../../helpers/lspClient';
import { now, peakRssMb } from '../stats';

/** One server start: wall times from spawn, and the server's peak RSS once indexed. */
export interface StartSample {
  indexMs: number;
  firstIssuesMs: number;
  peakRssMb: number | null;
}

interface IssuesAnswer {
  documents: Array<{ path: string; issues: unknown[] }>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Settings of the server under measure: git staleness off, so measures 1–4 time the index alone;
 * measure 5 times staleness on its own, and the cold index is also timed once more with it on.
 */
export const NO_GIT: Record<string, unknown> = { git: { enabled: false } };

/** The server bundle every measure runs (the bench's own build); dist/server.js until set. */
let serverPath: string | undefined;

/** Points every server measure at the bench's own bundle. */
export function useServerBundle(bundle: string): void {
  serverPath = bundle;
}

/** Starts a server, opens `openPath` at once, and times its first issues and the complete index. */
export async function measureStart(root: string, openPath: string, initializationOptions?: unknown, settings: Record<string, unknown> = NO_GIT, waitForCacheIn?: string): Promise<StartSample> {
  const text = fs.readFileSync(path.join(root, openPath), 'utf8');
  const started = now();
  const session = await startServer(root, settings, { waitForIndex: false, initializationOptions, ...(serverPath ? { serverPath } : {}) });
  try {
    const uri = session.uriOf(openPath);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    let firstIssuesMs = Number.NaN;
    let indexed = false;
    void session.initialIndex.then(() => (indexed = true));
    // Poll as a client's tree would while the index runs; requests are answered from memory meanwhile.
    for (;;) {
      const answer: IssuesAnswer[] = await session.connection.sendRequest('auditLens/issues', { document: openPath });
      if (answer.some((folder) => folder.documents.some((document) => document.path === openPath && document.issues.length > 0))) {
        firstIssuesMs = now() - started;
        break;
      }
      if (indexed) break;
      await sleep(5);
    }
    await session.initialIndex;
    const indexMs = now() - started;
    const rss = session.process.pid ? await peakRssMb(session.process.pid) : null;
    if (waitForCacheIn) await waitForCacheFile(waitForCacheIn);
    return { indexMs, firstIssuesMs, peakRssMb: rss };
  } finally {
    await session.stop();
  }
}

/** Waits until the server's warm-start cache is written in `folder` (it writes after publishing), so the next start can use it. */
async function waitForCacheFile(folder: string): Promise<void> {
  const deadline = now() + 300_000;
  while (now() < deadline) {
    const names = fs.existsSync(folder) ? fs.readdirSync(folder) : [];
    if (names.some((name) => name.startsWith('extractions-') && name.endsWith('.json'))) return;
    await sleep(50);
  }
  throw new Error(`the server wrote no extraction cache in ${folder}`);
}

/** Latency samples of one kind of request or edit. */
export interface LatencySamples {
  samples: number[];
  /** What was measured, for the JSON: sizes and counts that show the measure did real work. */
  detail: Record<string, number>;
}

/** Runs `work` against an indexed server and always stops it. */
export async function withIndexedServer<T>(root: string, work: (session: LspSession) => Promise<T>, initializationOptions?: unknown): Promise<T> {
  const session = await startServer(root, NO_GIT, { initializationOptions, ...(serverPath ? { serverPath } : {}) });
  try {
    return await work(session);
  } finally {
    await session.stop();
  }
}

/** One-character edits (insert, then delete) in the middle of a document, each until its new diagnostics arrive. */
export async function measureKeystrokes(session: LspSession, root: string, documentPath: string, edits: number, warmup = 5): Promise<LatencySamples> {
  const text = fs.readFileSync(path.join(root, documentPath), 'utf8');
  const uri = session.uriOf(documentPath);
  const lines = text.split('\n');
  // A prose line near the middle: typing there re-parses the section around it, as real typing does.
  let line = lines.length >> 1;
  while (line < lines.length - 1 && !/^[A-Z]/.test(lines[line] ?? '')) line++;
  const column = (lines[line] ?? '').length;
  await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await session.waitForDiagnostics(uri, () => true);
  const samples: number[] = [];
  for (let edit = 0; edit < edits + warmup; edit++) {
    const before = session.diagnostics.get(uri);
    const insert = edit % 2 === 0;
    const range = insert ? { start: { line, character: column }, end: { line, character: column } } : { start: { line, character: column }, end: { line, character: column + 1 } };
    const started = now();
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: edit + 2 }, contentChanges: [{ range, text: insert ? 'x' : '' }] });
    await session.waitForDiagnostics(uri, (current) => current !== before);
    if (edit >= warmup) samples.push(now() - started);
  }
  return { samples, detail: { documentBytes: Buffer.byteLength(text), editedLine: line + 1 } };
}

/** codeLens and inlayHint requests on an open source file, `requests` of each after a warm-up. */
export async function measureSourceFile(session: LspSession, root: string, sourcePath: string, requests: number, warmup = 5): Promise<{ codeLens: LatencySamples; inlayHint: LatencySamples }> {
  const text = fs.readFileSync(path.join(root, sourcePath), 'utf8');
  const uri = session.uriOf(sourcePath);
  const lineCount = text.split('\n').length;
  await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  const time = async (method: string, params: unknown): Promise<LatencySamples> => {
    const samples: number[] = [];
    let items = 0;
    for (let request = 0; request < requests + warmup; request++) {
      const started = now();
      const answer: unknown[] | null = await session.connection.sendRequest(method, params);
      if (request >= warmup) samples.push(now() - started);
      items = answer?.length ?? 0;
    }
    return { samples, detail: { items, sourceLines: lineCount } };
  };
  const codeLens = await time('textDocument/codeLens', { textDocument: { uri } });
  const inlayHint = await time('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } } });
  return { codeLens, inlayHint };
}
