// The language server's lifecycle: folders and their indexes, open documents, watched files,
// settings, progress and diagnostics. Feature requests are wired in featureHandlers.ts; each
// handler is a few lines that call into the core.
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  InlayHintRefreshRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { IndexChangedNotification } from '../protocol';
import type { Logger } from '../core/workspace';
import type { FileChange } from '../core/index/workspaceIndex';
import { toLspDiagnostics } from './convert';
import { DocumentStore } from './documentStore';
import { registerFeatureHandlers, SERVER_CAPABILITIES } from './featureHandlers';
import { describeError, runDetached, safeHandler } from './safeHandler';
import { SettingsCache } from './settings';
import { FolderRegistry, type IndexedFolder } from './workspaceFolders';
import { readWorkspaceTrust, type WorkspaceTrust } from './workspaceTrust';
import { readStorageFolder } from './folderGit';
import { extractionStoreFor, flushExtractionStores } from './folderExtractions';

/** Markdown language IDs whose buffers are audit documents (other files are source files). */
const MARKDOWN_LANGUAGES = new Set(['markdown', 'mdx']);

/**
 * How long the stream of watched-file events must pause before one re-index: a branch checkout
 * sends thousands, in bursts that a busy machine can space by a few hundred milliseconds.
 */
const FILE_EVENT_QUIET_MS = 300;

/** The longest a storm of file events can put the re-index off, so an endless stream still gets indexed. */
const FILE_EVENT_MAX_WAIT_MS = 2_000;

/** Everything the feature handlers need from the server. */
export interface ServerContext {
  connection: Connection;
  folders: FolderRegistry;
  documents: DocumentStore;
  settings: SettingsCache;
  /** Whether the client trusts the workspace; git and processes must ask it first. */
  trust(): WorkspaceTrust;
}

/** Wires the language server onto a connection. */
export class AuditLensServer {
  private readonly documents = new DocumentStore();
  private readonly folders: FolderRegistry;
  private readonly settings: SettingsCache;
  private supportsConfiguration = false;
  private supportsWatchedFiles = false;
  private supportsProgress = false;
  private supportsLensRefresh = false;
  private supportsHintRefresh = false;
  private initialFolders: string[] = [];
  private workspaceTrust: WorkspaceTrust = readWorkspaceTrust(undefined);
  /** Where the client lets the server keep fingerprints of uncommitted audit lines (its storage folder). */
  private storageFolder: string | undefined;
  private pendingFileEvents: Array<{ uri: string; type: FileChange['type'] }> = [];
  private fileEventTimer: NodeJS.Timeout | undefined;
  private firstPendingFileEventAt: number | undefined;
  /** Re-indexes after file events run one after another, never two at once on the same index. */
  private fileEventWork: Promise<void> = Promise.resolve();
  private readonly queues = new Map<string, Promise<void>>();
  /** URIs that carry diagnostics now, so a deleted document's diagnostics can be cleared. */
  private readonly published = new Set<string>();

  constructor(private readonly connection: Connection) {
    const logger: Logger = {
      info: (message) => connection.console.info(message),
      warn: (message) => connection.console.warn(message),
      error: (message, error) => connection.console.error(error ? `${message}: ${describeError(error)}` : message),
    };
    this.folders = new FolderRegistry(logger);
    this.settings = new SettingsCache(connection, () => this.supportsConfiguration, () => this.workspaceTrust.trusted);
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => runDetached(connection, 'initialized', () => this.initialized()));
    connection.onShutdown(async () => {
      await Promise.all([flushExtractionStores(), ...this.folders.all().map((folder) => folder.git.close().catch(() => undefined))]);
    });
    connection.onDidOpenTextDocument(safeHandler(connection, 'didOpen', undefined, (params) => {
      const { uri, languageId, version, text } = params.textDocument;
      this.documents.open(uri, languageId, version, text);
      this.enqueue(uri, () => this.bufferChanged(uri, text, languageId, []));
    }));
    connection.onDidChangeTextDocument(safeHandler(connection, 'didChange', undefined, (params) => {
      const changed = this.documents.change(params);
      if (!changed) return;
      const { document, changes } = changed;
      this.enqueue(document.uri, () => this.bufferChanged(document.uri, document.getText(), document.languageId, changes));
    }));
    connection.onDidCloseTextDocument(safeHandler(connection, 'didClose', undefined, (params) => {
      const uri = params.textDocument.uri;
      this.documents.close(uri);
      const location = this.folders.locate(uri);
      if (location) this.enqueue(uri, () => location.folder.index.closeText(location.path));
    }));
    connection.onDidChangeWatchedFiles(safeHandler(connection, 'didChangeWatchedFiles', undefined, (params) => {
      for (const change of params.changes) this.pendingFileEvents.push({ uri: change.uri, type: fileChangeType(change.type) });
      this.scheduleFileEventFlush();
    }));
    connection.onDidChangeConfiguration(safeHandler(connection, 'didChangeConfiguration', undefined, () => {
      this.settings.clear();
      runDetached(connection, 'reindex after settings change', () => this.reindexAll());
    }));
    registerFeatureHandlers({ connection, folders: this.folders, documents: this.documents, settings: this.settings, trust: () => this.workspaceTrust });
  }

  private initialize(params: InitializeParams): InitializeResult {
    const capabilities = params.capabilities;
    this.supportsConfiguration = capabilities.workspace?.configuration === true;
    this.supportsWatchedFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.supportsProgress = capabilities.window?.workDoneProgress === true;
    this.supportsLensRefresh = capabilities.workspace?.codeLens?.refreshSupport === true;
    this.supportsHintRefresh = capabilities.workspace?.inlayHint?.refreshSupport === true;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    this.initialFolders = folders.map((folder) => folder.uri);
    this.workspaceTrust = readWorkspaceTrust(params.initializationOptions);
    this.storageFolder = readStorageFolder(params.initializationOptions);
    if (this.workspaceTrust.restriction) this.connection.console.info(`Audit Lens: ${this.workspaceTrust.restriction}`);
    return {
      capabilities: {
        ...SERVER_CAPABILITIES,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        experimental: { auditLens: { workspaceTrusted: this.workspaceTrust.trusted } },
      },
      serverInfo: { name: 'audit-lens', version: '0.1.0' },
    };
  }

  private async initialized(): Promise<void> {
    if (this.supportsConfiguration) await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'auditLens' });
    if (this.supportsWatchedFiles) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
      for (const removed of event.removed) this.folders.remove(removed.uri);
      runDetached(this.connection, 'add folders', async () => {
        for (const added of event.added) await this.indexFolder(await this.folders.add(added.uri));
      });
    });
    for (const uri of this.initialFolders) await this.folders.add(uri);
    // Editors restored at startup send didOpen before the folders exist, when no folder could take
    // the buffer: apply them now, so their issues come first (not after the whole cold index) and
    // their unsaved text is what gets analyzed.
    for (const document of this.documents.all()) {
      this.enqueue(document.uri, () => this.bufferChanged(document.uri, document.getText(), document.languageId, []));
    }
    await this.reindexAll();
  }

  /** Indexes every folder with a progress bar; requests are answered meanwhile from what is indexed. */
  private async reindexAll(): Promise<void> {
    await Promise.all(this.folders.all().map((folder) => this.indexFolder(folder)));
  }

  private async indexFolder(folder: IndexedFolder): Promise<void> {
    const settings = await this.settings.get(folder.uri);
    const staleness = await folder.git.refinerFor(
      { gitEnabled: settings.gitEnabled, gitBase: settings.gitBase, trusted: this.workspaceTrust.trusted, restriction: this.workspaceTrust.restriction, storageFolder: this.storageFolder },
      folder.index,
    );
    const extractionStore = await extractionStoreFor(folder.root, this.storageFolder);
    folder.index.configure({ include: settings.include, exclude: settings.exclude, staleness, extractionStore });
    const progress = this.supportsProgress ? await this.connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Audit Lens: indexing audit documents', 0, undefined, false);
    try {
      let lastPercent = -1;
      await folder.index.indexAll((done, total) => {
        const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
        if (percent !== lastPercent) progress?.report(percent, `${done}/${total} documents`);
        lastPercent = percent;
      });
    } finally {
      progress?.done();
    }
    await folder.git.flush();
    await this.publishAll(folder);
    // After publishing: the write serializes every extraction, and the user should not wait for it.
    await extractionStore.flush();
  }

  /** Runs buffer updates of one URI in order, so a slow update never races a newer one. */
  private enqueue(uri: string, work: () => Promise<void>): void {
    const previous = this.queues.get(uri) ?? Promise.resolve();
    const next = previous.then(work).catch((error: unknown) => this.connection.console.error(`Audit Lens: update of ${uri} failed: ${describeError(error)}`));
    this.queues.set(uri, next);
    void next.then(() => {
      if (this.queues.get(uri) === next) this.queues.delete(uri);
    });
  }

  private async bufferChanged(uri: string, text: string, languageId: string, changes: Parameters<IndexedFolder['index']['updateSourceText']>[2]): Promise<void> {
    const location = this.folders.locate(uri);
    if (!location) return;
    const { folder, path } = location;
    if (MARKDOWN_LANGUAGES.has(languageId) || path.endsWith('.md') || path.endsWith('.markdown')) {
      // Only the newest buffer matters: skip work for a version that is already outdated.
      const current = this.documents.get(uri);
      if (current && current.getText() !== text) return;
      const analysis = await folder.index.updateDocumentText(path, text);
      if (analysis) await this.publish(folder, path);
    } else {
      folder.index.updateSourceText(path, text, changes);
    }
    void this.connection.sendNotification(IndexChangedNotification.type, { folderUri: folder.uri, documents: [path] });
  }

  /**
   * Waits for the event stream to pause (at most FILE_EVENT_MAX_WAIT_MS from its first event), then
   * queues one flush behind any flush still running, so a checkout costs one re-index.
   */
  private scheduleFileEventFlush(): void {
    const now = Date.now();
    this.firstPendingFileEventAt ??= now;
    if (this.fileEventTimer) clearTimeout(this.fileEventTimer);
    const delay = Math.max(0, Math.min(FILE_EVENT_QUIET_MS, this.firstPendingFileEventAt + FILE_EVENT_MAX_WAIT_MS - now));
    this.fileEventTimer = setTimeout(() => {
      this.fileEventTimer = undefined;
      this.firstPendingFileEventAt = undefined;
      this.fileEventWork = this.fileEventWork
        .then(() => this.flushFileEvents())
        .catch((error: unknown) => this.connection.console.error(`Audit Lens: file events failed: ${describeError(error)}`));
    }, delay);
  }

  private async flushFileEvents(): Promise<void> {
    const events = this.pendingFileEvents;
    this.pendingFileEvents = [];
    if (events.length === 0) return;
    const byFolder = new Map<IndexedFolder, FileChange[]>();
    for (const event of events) {
      const location = this.folders.locate(event.uri);
      if (!location) continue;
      const changes = byFolder.get(location.folder);
      if (changes) changes.push({ path: location.path, type: event.type });
      else byFolder.set(location.folder, [{ path: location.path, type: event.type }]);
    }
    for (const [folder, changes] of byFolder) {
      this.connection.console.log(`Audit Lens: ${changes.length} file change${changes.length === 1 ? '' : 's'} in ${folder.uri}, one re-index`);
      await folder.index.filesChanged(changes);
      await folder.git.flush();
      await this.publishAll(folder);
      void this.connection.sendNotification(IndexChangedNotification.type, { folderUri: folder.uri, documents: changes.map((change) => change.path) });
    }
  }

  private async publishAll(folder: IndexedFolder): Promise<void> {
    const current = new Set(folder.index.documents().map((analysis) => this.folders.uriOf(folder, analysis.path)));
    for (const uri of [...this.published]) {
      if (!current.has(uri) && this.folders.locate(uri)?.folder === folder) {
        this.published.delete(uri);
        await this.connection.sendDiagnostics({ uri, diagnostics: [] });
      }
    }
    for (const analysis of folder.index.documents()) await this.publish(folder, analysis.path);
    void this.connection.sendNotification(IndexChangedNotification.type, { folderUri: folder.uri, documents: [] });
    if (this.supportsLensRefresh) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    if (this.supportsHintRefresh) void this.connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
  }

  private async publish(folder: IndexedFolder, path: string): Promise<void> {
    const settings = await this.settings.get(folder.uri);
    const diagnostics = toLspDiagnostics(folder.index.diagnostics(path), settings.diagnosticSeverity);
    const uri = this.folders.uriOf(folder, path);
    this.published.add(uri);
    await this.connection.sendDiagnostics({ uri, diagnostics });
  }
}

function fileChangeType(type: FileChangeType): FileChange['type'] {
  if (type === FileChangeType.Created) return 'created';
  if (type === FileChangeType.Deleted) return 'deleted';
  return 'changed';
}
