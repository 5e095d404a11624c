// "Copy Audit Reference": copies the selection as `path:start-end`, workspace-relative, ready to
// paste into an audit document.
import * as vscode from 'vscode';
import { formatAuditReferences } from '../model/auditReference';
import { locate } from '../workspacePaths';

/** Copies the active editor's selections (or a given file's URI) as audit references. */
export async function copyAuditReference(uri?: vscode.Uri): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const target = uri ?? editor?.document.uri;
  if (!target) {
    void vscode.window.showInformationMessage('Open a file to copy an audit reference to it.');
    return;
  }
  const path = locate(target)?.path ?? vscode.workspace.asRelativePath(target, false);
  const selections = editor && editor.document.uri.toString() === target.toString() ? editor.selections : [];
  const text =
    selections.length > 0
      ? formatAuditReferences(path, selections.map((selection) => ({ startLine: selection.start.line, endLine: selection.end.line, endCharacter: selection.end.character })))
      : path;
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(clippy) Copied ${text.split('\n').join(', ')}`, 3000);
}
