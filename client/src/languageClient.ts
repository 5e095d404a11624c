// Starts the Audit Lens language server over node IPC and restarts it when it dies, with backoff:
// up to five restarts in three minutes, then an error with a "Restart" button.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { Commands } from './model/commandIds';
import { RestartPolicy } from './model/restartPolicy';

/** The client id: VS Code reads `auditLens.trace.server` because of it. */
const CLIENT_ID = 'auditLens';

/** Creates (but does not start) the language client. */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, policy: RestartPolicy): LanguageClient {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  let client: LanguageClient | undefined;
  const clientOptions: LanguageClientOptions = {
    // Source files get lenses and hints, audit documents links and diagnostics; the server answers
    // only where references exist, so plain files cost a map lookup.
    documentSelector: [{ scheme: 'file' }],
    synchronize: { configurationSection: 'auditLens' },
    outputChannel: output,
    // A function, so a restart after the user grants trust tells the server. The storage folder
    // keeps the baselines of uncommitted audit lines out of the user's tree.
    initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted, ...(context.storageUri ? { storagePath: context.storageUri.fsPath } : {}) }),
    markdown: { isTrusted: { enabledCommands: [Commands.openIssue] }, supportHtml: false },
    errorHandler: new RestartingErrorHandler(policy, output, () => client),
  };
  client = new LanguageClient(CLIENT_ID, 'Audit Lens', serverOptions, clientOptions);
  return client;
}

/** Restarts a crashed server after a growing delay; gives up and asks after too many crashes. */
class RestartingErrorHandler implements ErrorHandler {
  constructor(
    private readonly policy: RestartPolicy,
    private readonly output: vscode.LogOutputChannel,
    private readonly client: () => LanguageClient | undefined,
  ) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // A few write errors in a row are a dying connection; let `closed` decide about restarting.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  async closed(): Promise<CloseHandlerResult> {
    const decision = this.policy.onCrash(Date.now());
    if (decision.restart) {
      this.output.warn(`Audit Lens: the server stopped unexpectedly; restart ${decision.attempt} of 5 in ${decision.delayMs} ms.`);
      await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
      // The extension may have been deactivated meanwhile; a stopped client stays stopped.
      if (this.client()?.state === State.Stopped) return { action: CloseAction.DoNotRestart, handled: true };
      return { action: CloseAction.Restart, handled: true };
    }
    this.output.error(`Audit Lens: the server stopped ${decision.crashes} times in 3 minutes; it will not be restarted automatically.`);
    void this.offerRestart();
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  private async offerRestart(): Promise<void> {
    const choice = await vscode.window.showErrorMessage(
      'The Audit Lens server stopped 5 times in the last 3 minutes and was not restarted.',
      'Restart',
      'Show Output',
    );
    if (choice === 'Show Output') this.output.show();
    if (choice !== 'Restart') return;
    this.policy.reset();
    try {
      await this.client()?.start();
    } catch (error) {
      this.output.error(`Audit Lens: restarting the server failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
