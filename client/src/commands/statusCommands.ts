// Mark Resolved and Mark Open: the server computes the edit in the document's own convention
// (`auditLens/markIssueStatus`); the client applies it as a WorkspaceEdit, so it is undoable and
// nothing is written to disk until the user saves.
import * as vscode from 'vscode';
import { MarkIssueStatusRequest } from '../../../server/src/protocol';
import { Commands } from '../model/commandIds';
import { isOpenStatus } from '../model/issueData';
import type { Services } from '../services';
import { fileUri } from '../workspacePaths';
import { folderOfDocument, issuesAtCursor, pickIssue, targetFromArgument, type IssueTarget } from './issueTargets';

type WantedStatus = 'resolved' | 'open';

/** Registers Mark Resolved and Mark Open. */
export function registerStatusCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.markResolved, (argument?: unknown) => markStatus(services, 'resolved', argument)),
    vscode.commands.registerCommand(Commands.markOpen, (argument?: unknown) => markStatus(services, 'open', argument)),
  ];
}

async function markStatus(services: Services, status: WantedStatus, argument: unknown): Promise<void> {
  const target = targetFromArgument(services, argument) ?? (await targetNearCursor(services, status));
  if (!target) return;
  const folderUri = target.folderUri ?? (await folderOfDocument(services, target.documentPath));
  if (!folderUri) {
    void vscode.window.showWarningMessage(`Audit Lens cannot find ${target.documentPath} in this workspace.`);
    return;
  }
  if (!services.client.isRunning()) {
    void vscode.window.showWarningMessage('The Audit Lens server is not running.');
    return;
  }
  const documentUri = fileUri(folderUri, target.documentPath);
  const edit = await services.client.sendRequest(MarkIssueStatusRequest.type, {
    uri: services.client.code2ProtocolConverter.asUri(documentUri),
    key: target.key,
    status,
  });
  if (!edit) {
    void vscode.window.showInformationMessage(`Audit Lens cannot mark ${target.label} ${status} in ${target.documentPath}: the document gives it no place for a status.`);
    return;
  }
  const workspaceEdit = await services.client.protocol2CodeConverter.asWorkspaceEdit(edit);
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) {
    void vscode.window.showWarningMessage(`Audit Lens could not mark ${target.label} ${status}: the document changed meanwhile. Try again.`);
  }
}

/** The issue at the cursor the command can apply to, or one the user picks. */
async function targetNearCursor(services: Services, status: WantedStatus): Promise<IssueTarget | undefined> {
  const applies = (current: IssueTarget['status']): boolean => (status === 'resolved' ? isOpenStatus(current) : !isOpenStatus(current));
  const atCursor = (await issuesAtCursor(services, vscode.window.activeTextEditor)).filter((target) => applies(target.status));
  const title = status === 'resolved' ? 'Audit Lens: Mark Which Issue Resolved?' : 'Audit Lens: Reopen Which Issue?';
  if (atCursor.length === 1) return atCursor[0];
  if (atCursor.length > 1) return pickIssue(services, title, undefined, atCursor);
  return pickIssue(services, title, applies);
}
