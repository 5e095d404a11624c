// The client's copy of what the server knows about issues: one `auditLens/issues` answer per
// workspace folder, refetched (debounced and coalesced) when the server says the index changed.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IssuesRequest } from '../../server/src/protocol';
import type { FolderIssues } from './model/issueData';

/** How long to gather index-change notifications before one refetch. */
const REFRESH_DELAY_MS = 300;

/** Holds the latest issues of every folder and tells listeners when they change. */
export class IssuesStore implements vscode.Disposable {
  private folders: FolderIssues[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private rerun = false;
  private loadedOnce = false;
  private fullIndexSeen = false;
  private readonly loadWaiters: Array<() => void> = [];

  /** Fires after every refetch that completed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient, private readonly log: vscode.LogOutputChannel) {}

  /** The latest answer of every folder, in workspace folder order. */
  get snapshot(): readonly FolderIssues[] {
    return this.folders;
  }

  /** True once a complete index (not one still being built) has been fetched. */
  get loaded(): boolean {
    return this.loadedOnce;
  }

  /** Resolves once a complete index has been fetched. */
  whenLoaded(): Promise<void> {
    return this.loadedOnce ? Promise.resolve() : new Promise((resolve) => this.loadWaiters.push(resolve));
  }

  /** Refetches after a short delay, gathering bursts of changes into one request. */
  schedule(delayMs = REFRESH_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delayMs);
  }

  /** Refetches now; a refresh asked for while one runs runs once more after it. */
  refresh(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.fetchAll().finally(() => {
      this.running = undefined;
      if (this.rerun) {
        this.rerun = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  /** The server finished indexing a whole folder: the next answer is complete even if a folder has no result. */
  noteFullIndex(): void {
    this.fullIndexSeen = true;
  }

  /** Forgets everything (the server stopped). */
  clear(): void {
    this.folders = [];
    this.changed.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }

  private async fetchAll(): Promise<void> {
    if (!this.client.isRunning()) return;
    const workspaceFolders = vscode.workspace.workspaceFolders ?? [];
    let complete = false;
    try {
      const answers = await Promise.all(
        workspaceFolders.map(async (folder) => {
          const folderUri = this.client.code2ProtocolConverter.asUri(folder.uri);
          const results = await this.client.sendRequest(IssuesRequest.type, { folderUri });
          return (results ?? []).map((result) => ({ folderUri: folder.uri.toString(), name: folder.name, result }));
        }),
      );
      this.folders = answers.flat();
      complete = answers.every((results) => results.length > 0 && results.every((entry) => !entry.result.indexing));
    } catch (error) {
      // The server answers from memory; a failure here is a crash or a shutdown, logged and retried on the next change.
      this.log.warn(`Audit Lens: fetching issues failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    // Right after start a folder may not be registered yet; its empty answer is not "no issues".
    if (complete || (this.fullIndexSeen && !this.folders.some((folder) => folder.result.indexing))) this.markLoaded();
    this.changed.fire();
  }

  private markLoaded(): void {
    if (this.loadedOnce) return;
    this.loadedOnce = true;
    for (const resolve of this.loadWaiters.splice(0)) resolve();
  }
}
