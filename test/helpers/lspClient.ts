// A minimal LSP client for protocol tests: forks the bundled dist/server.js with --stdio, speaks
// real JSON-RPC, answers the server's own requests (configuration, registrations, progress), and
// records what the server publishes.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

/** The repository root, from test/helpers. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/** A running server and the client connection to it. */
export interface LspSession {
  connection: ProtocolConnection;
  process: ChildProcessWithoutNullStreams;
  rootUri: string;
  /** Latest diagnostics per URI. */
  diagnostics: Map<string, PublishDiagnosticsParams['diagnostics']>;
  /** Settings the server gets from workspace/configuration; tests may change them. */
  settings: Record<string, unknown>;
  /** Lines the server logged. */
  logs: string[];
  /** Resolves when the server next reports an index change for the whole folder (after indexing). */
  nextFullIndex(): Promise<void>;
  /** Resolves when the first index after startup is complete. */
  initialIndex: Promise<void>;
  /** Resolves when diagnostics for the URI satisfy the predicate, or rejects after the deadline. */
  waitForDiagnostics(uri: string, predicate: (diagnostics: PublishDiagnosticsParams['diagnostics']) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams['diagnostics']>;
  uriOf(relativePath: string): string;
  stop(): Promise<void>;
}

/** Options of `startServer` beyond the settings. */
export interface StartOptions {
  initializationOptions?: unknown;
  /** False returns right after `initialized`, while the first index runs (the benchmarks time it); true by default. */
  waitForIndex?: boolean;
  /** The server bundle to run; dist/server.js by default (the benchmarks run their own copy). */
  serverPath?: string;
}

/** Starts the bundled server on a workspace folder and completes initialize/initialized (and, by default, the first index). */
export async function startServer(workspaceRoot: string, settings: Record<string, unknown> = {}, options: StartOptions = {}): Promise<LspSession> {
  const serverPath = options.serverPath ?? path.join(REPO_ROOT, 'dist', 'server.js');
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const rootUri = pathToFileURL(workspaceRoot).toString();
  const diagnostics = new Map<string, PublishDiagnosticsParams['diagnostics']>();
  const logs: string[] = [];
  const fullIndexWaiters: Array<() => void> = [];
  const diagnosticWaiters = new Set<() => void>();
  const session: LspSession = {
    connection,
    process: child,
    rootUri,
    diagnostics,
    settings,
    logs,
    nextFullIndex: () => new Promise((resolve) => fullIndexWaiters.push(resolve)),
    initialIndex: Promise.resolve(),
    waitForDiagnostics: (uri, predicate, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const current = diagnostics.get(uri);
          if (current && predicate(current)) {
            diagnosticWaiters.delete(check);
            clearTimeout(timer);
            resolve(current);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          diagnosticWaiters.delete(check);
          reject(new Error(`diagnostics for ${uri} did not arrive in ${timeoutMs} ms; have: ${JSON.stringify(diagnostics.get(uri)?.map((d) => d.code))}`));
        }, timeoutMs);
        if (!check()) diagnosticWaiters.add(check);
      }),
    uriOf: (relativePath) => pathToFileURL(path.join(workspaceRoot, relativePath)).toString(),
    stop: async () => {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
        await connection.sendNotification('exit');
      } catch {
        // The server may already be gone; killing it below is enough.
      }
      connection.dispose();
      child.kill();
    },
  };

  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    diagnostics.set(params.uri, params.diagnostics);
    for (const waiter of [...diagnosticWaiters]) waiter();
  });
  connection.onNotification('window/logMessage', (params: { message: string }) => {
    logs.push(params.message);
  });
  connection.onNotification('auditLens/indexChanged', (params: { documents: string[] }) => {
    if (params.documents.length === 0) for (const resolve of fullIndexWaiters.splice(0)) resolve();
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => session.settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.listen();

  const indexed = session.nextFullIndex();
  session.initialIndex = indexed;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    initializationOptions: options.initializationOptions,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(workspaceRoot) }],
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true, codeLens: { refreshSupport: true }, inlayHint: { refreshSupport: true } },
      window: { workDoneProgress: true },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
      },
    },
  });
  await connection.sendNotification('initialized', {});
  if (options.waitForIndex !== false) await indexed;
  return session;
}
