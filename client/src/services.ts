// What the commands share: the client, the store of issues, the views and the decorations.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { GutterDecorations } from './editor/gutterDecorations';
import type { IssuesStore } from './issuesStore';
import type { RestartPolicy } from './model/restartPolicy';
import type { IssuesView } from './views/issuesView';
import type { StaleView } from './views/staleView';

/** The extension's parts, handed to every command module. */
export interface Services {
  context: vscode.ExtensionContext;
  client: LanguageClient;
  output: vscode.LogOutputChannel;
  store: IssuesStore;
  issuesView: IssuesView;
  staleView: StaleView;
  decorations: GutterDecorations;
  restartPolicy: RestartPolicy;
}
