// New Audit Document: creates AUDIT.md (or AUDIT-2.md…) from a template with one WorkspaceEdit,
// so the creation is undoable, and opens it. Without a folder, an untitled document.
import * as vscode from 'vscode';
import { auditTemplate, nextAuditFileName } from '../model/auditTemplate';
import { Commands } from '../model/commandIds';

/** Registers New Audit Document. */
export function registerNewAuditDocumentCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.newAuditDocument, () => newAuditDocument());
}

async function newAuditDocument(): Promise<void> {
  const text = auditTemplate(new Date().toISOString().slice(0, 10));
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create the audit document in which folder?' }) : folders[0];
  if (!folder) {
    if (folders.length > 0) return;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    await vscode.window.showTextDocument(document);
    return;
  }
  let names: string[] = [];
  try {
    names = (await vscode.workspace.fs.readDirectory(folder.uri)).map(([name]) => name);
  } catch {
    // An unreadable folder: createFile below reports the real problem.
  }
  const uri = vscode.Uri.joinPath(folder.uri, nextAuditFileName(names));
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { ignoreIfExists: false, overwrite: false });
  edit.insert(uri, new vscode.Position(0, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Audit Lens could not create ${vscode.workspace.asRelativePath(uri, false)}.`);
    return;
  }
  const editor = await vscode.window.showTextDocument(uri);
  const title = new vscode.Position(0, 2);
  editor.selection = new vscode.Selection(title, new vscode.Position(0, editor.document.lineAt(0).text.length));
}
