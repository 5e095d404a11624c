// Fix Stale Reference (the Stale References view's inline action), Fix All Stale References in
// Document and Repair Encoding: each runs the server's quick fix and applies it as an undoable edit.
import * as vscode from 'vscode';
import { Commands } from '../model/commandIds';
import type { TreeNode } from '../model/issueTree';
import type { Services } from '../services';
import { fileUri } from '../workspacePaths';
import { applyServerCodeAction, auditDiagnostics, serverCodeActions } from './codeActions';

/** Registers the fix commands. */
export function registerFixCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.fixReference, (node?: unknown) => fixReference(services, node)),
    vscode.commands.registerCommand(Commands.fixAllInDocument, (node?: unknown) => fixAllInDocument(services, node)),
    vscode.commands.registerCommand(Commands.repairEncoding, (node?: unknown) => repairEncoding(services, node)),
  ];
}

function isNode<K extends TreeNode['kind']>(value: unknown, kind: K): value is Extract<TreeNode, { kind: K }> {
  return typeof value === 'object' && value !== null && (value as TreeNode).kind === kind;
}

/** The audit document a command is about: a document node, a reference's document, or the active markdown editor. */
function documentOf(node: unknown): vscode.Uri | undefined {
  if (isNode(node, 'document')) return fileUri(node.folderUri, node.path);
  if (isNode(node, 'reference')) return fileUri(node.folderUri, node.documentPath);
  if (node instanceof vscode.Uri) return node;
  const editor = vscode.window.activeTextEditor;
  return editor && editor.document.languageId === 'markdown' ? editor.document.uri : undefined;
}

async function fixReference(services: Services, node: unknown): Promise<void> {
  if (!isNode(node, 'reference') || !running(services)) return;
  const uri = fileUri(node.folderUri, node.documentPath);
  const { start, end } = node.reference.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  const actions = await serverCodeActions(services, uri, range, vscode.CodeActionKind.QuickFix.value, auditDiagnostics(uri, { range }));
  // Fixes of the reference's own diagnostic first; with that diagnostic turned off, the server's preferred fix.
  const fixes = actions.filter((action) => (action.diagnostics?.length ?? 0) > 0);
  const action = fixes.find((candidate) => candidate.isPreferred) ?? fixes[0] ?? actions.find((candidate) => candidate.isPreferred);
  if (!action) {
    void vscode.window.showInformationMessage(`No automatic fix for ${node.reference.path}${node.reference.reason ? `: ${node.reference.reason}` : '.'}`);
    return;
  }
  await applyServerCodeAction(services, action);
}

async function fixAllInDocument(services: Services, node: unknown): Promise<void> {
  const uri = documentOf(node);
  if (!uri) {
    void vscode.window.showInformationMessage('Open an audit document to fix its stale references.');
    return;
  }
  if (!running(services)) return;
  const document = await vscode.workspace.openTextDocument(uri);
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions = await serverCodeActions(services, uri, whole, vscode.CodeActionKind.SourceFixAll.value, auditDiagnostics(uri));
  const action = actions[0];
  if (!action || !(await applyServerCodeAction(services, action))) {
    void vscode.window.showInformationMessage(`Audit Lens has no automatic fixes for ${vscode.workspace.asRelativePath(uri, false)}.`);
  }
}

async function repairEncoding(services: Services, node: unknown): Promise<void> {
  const uri = documentOf(node);
  if (!uri) {
    void vscode.window.showInformationMessage('Open an audit document to repair its encoding.');
    return;
  }
  if (!running(services)) return;
  const [mojibake] = auditDiagnostics(uri, { code: 'mojibake' });
  if (!mojibake) {
    void vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(uri, false)} shows no mojibake; there is nothing to repair.`);
    return;
  }
  const actions = await serverCodeActions(services, uri, mojibake.range, vscode.CodeActionKind.QuickFix.value, [mojibake]);
  const action = actions.find((candidate) => candidate.diagnostics?.some((diagnostic) => diagnostic.code === 'mojibake')) ?? actions.find((candidate) => /encoding/i.test(candidate.title));
  if (!action || !(await applyServerCodeAction(services, action))) {
    void vscode.window.showWarningMessage(`Audit Lens could not repair the encoding of ${vscode.workspace.asRelativePath(uri, false)}.`);
  }
}

function running(services: Services): boolean {
  if (services.client.isRunning()) return true;
  void vscode.window.showWarningMessage('The Audit Lens server is not running.');
  return false;
}
