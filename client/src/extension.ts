// The Audit Lens VS Code extension: starts the language server, and shows what it finds in the
// Issues and Stale References views, the gutter, the status bar and the commands. Activation does
// no work of its own beyond wiring; the server indexes in the background.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { IndexChangedNotification } from '../../server/src/protocol';
import { registerExportCommand } from './commands/exportReport';
import { registerFixCommands } from './commands/fixCommands';
import { registerNavigationCommands } from './commands/navigationCommands';
import { registerNewAuditDocumentCommand } from './commands/newAuditDocument';
import { registerStatusCommands } from './commands/statusCommands';
import { registerViewCommands } from './commands/viewCommands';
import { copyAuditReference } from './editor/copyReference';
import { GutterDecorations } from './editor/gutterDecorations';
import { IssuesStore } from './issuesStore';
import { createLanguageClient } from './languageClient';
import { Commands, ContextKeys } from './model/commandIds';
import type { FolderIssues } from './model/issueData';
import { changeAffectsIssues, isAuditDocumentPath } from './model/issueLookup';
import type { GroupBy, IssueFilter, IssueTree } from './model/issueTree';
import { RestartPolicy } from './model/restartPolicy';
import type { StaleTree } from './model/staleTree';
import { statusBarContent, type StatusBarContent } from './model/statusSummary';
import type { Services } from './services';
import { AuditStatusBar } from './statusBar';
import { IssuesView } from './views/issuesView';
import { StaleView } from './views/staleView';

/** Where the server is: starting (or indexing for the first time), running, or stopped. */
export type ServerState = 'starting' | 'running' | 'stopped';

/** What the Issues view shows now, for tests in the extension host. */
export interface IssuesModelSnapshot {
  groupBy: GroupBy;
  filter: IssueFilter;
  tree: IssueTree;
  badge: number;
  statusBar: StatusBarContent;
  serverState: ServerState;
  /** The server's answers the tree was built from. */
  folders: readonly FolderIssues[];
}

/** The API `activate` returns, so end-to-end tests can look inside. */
export interface AuditLensApi {
  /** The Issues view's current model. */
  issuesModel(): IssuesModelSnapshot;
  /** The Stale References view's current model. */
  staleModel(): StaleTree;
  /** Resolves once the server has answered with a complete index. */
  ready(): Promise<void>;
  /** Refetches the issues now and resolves when the views show them. */
  refresh(): Promise<void>;
  client: LanguageClient;
}

let activeClient: LanguageClient | undefined;

/** Activates the extension: wires the client, the views and the commands, then starts the server. */
export function activate(context: vscode.ExtensionContext): AuditLensApi {
  const output = vscode.window.createOutputChannel('Audit Lens', { log: true });
  const restartPolicy = new RestartPolicy();
  const client = createLanguageClient(context, output, restartPolicy);
  activeClient = client;
  const store = new IssuesStore(client, output);
  const issuesView = new IssuesView(store, context.workspaceState);
  const staleView = new StaleView(store);
  const decorations = new GutterDecorations(context.extensionUri, client);
  const statusBar = new AuditStatusBar();
  const services: Services = { context, client, output, store, issuesView, staleView, decorations, restartPolicy };

  let serverState: ServerState = 'starting';
  const setServerState = (state: ServerState): void => {
    serverState = state;
    void vscode.commands.executeCommand('setContext', ContextKeys.serverState, state);
    statusBar.update(issuesView.tree.totals, state);
  };
  setServerState('starting');

  context.subscriptions.push(
    output,
    store,
    issuesView,
    staleView,
    decorations,
    statusBar,
    ...registerViewCommands(services),
    ...registerNavigationCommands(services),
    ...registerStatusCommands(services),
    ...registerFixCommands(services),
    registerExportCommand(services),
    registerNewAuditDocumentCommand(),
    vscode.commands.registerCommand(Commands.copyReference, (uri?: unknown) => copyAuditReference(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand(Commands.restartServer, () => restartServer(services)),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show()),
    store.onDidChange(() => {
      if (serverState === 'starting' && store.loaded) setServerState('running');
      else statusBar.update(issuesView.tree.totals, serverState);
    }),
    client.onNotification(IndexChangedNotification.type, (params) => {
      // The server names folders as the client sent them; parsing again gives VS Code's own spelling.
      const folderUri = vscode.Uri.parse(params.folderUri).toString();
      if (params.documents.length === 0) store.noteFullIndex();
      if (changeAffectsIssues(store.snapshot, folderUri, params.documents)) store.schedule();
      // An audit document's change can add or drop marks in any source file; a source file's only in itself.
      if (params.documents.some(isAuditDocumentPath)) decorations.scheduleAll();
      else decorations.schedulePaths(folderUri, params.documents);
    }),
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) {
        void store.refresh();
        decorations.scheduleAll(0);
      } else if (event.newState === State.Starting) {
        setServerState('starting');
      } else {
        setServerState('stopped');
        store.clear();
        decorations.clear();
      }
    }),
    // Trust changes what the server may do (git, processes); a restart hands it the new answer.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restartServer(services)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => store.schedule()),
  );

  client.start().catch((error: unknown) => {
    output.error(`Audit Lens: the server did not start: ${error instanceof Error ? error.message : String(error)}`);
    setServerState('stopped');
  });

  return {
    issuesModel: () => ({
      groupBy: issuesView.groupBy,
      filter: issuesView.filter,
      tree: issuesView.tree,
      badge: issuesView.tree.badge,
      statusBar: statusBarContent(issuesView.tree.totals, serverState),
      serverState,
      folders: store.snapshot,
    }),
    staleModel: () => staleView.tree,
    ready: () => store.whenLoaded(),
    refresh: () => store.refresh(),
    client,
  };
}

/** Stops the server; VS Code waits for the returned promise. */
export async function deactivate(): Promise<void> {
  const client = activeClient;
  activeClient = undefined;
  if (!client || client.state === State.Stopped) return;
  try {
    await client.stop();
  } catch {
    // A server that is already gone cannot be stopped twice; VS Code is shutting the host down anyway.
  }
}

async function restartServer(services: Services): Promise<void> {
  services.restartPolicy.reset();
  try {
    if (services.client.state === State.Running) await services.client.restart();
    else await services.client.start();
  } catch (error) {
    services.output.error(`Audit Lens: restarting the server failed: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage('The Audit Lens server could not be restarted. See the output for details.', 'Show Output').then((choice) => {
      if (choice) services.output.show();
    });
  }
}
