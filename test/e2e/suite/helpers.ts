// What the extension-host tests share: the running extension's API, the workspace copy's files,
// and waiting on the server with a deadline instead of fixed sleeps.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AuditLensApi } from '../../../client/src/extension';

/** The extension's id: `publisher.name` from package.json. */
export const EXTENSION_ID = 'audit-lens.audit-lens';

/** The `source` of Audit Lens's diagnostics. */
export const DIAGNOSTIC_SOURCE = 'audit-lens';

/** How long a test waits for the server to catch up before it fails. */
export const DEFAULT_WAIT_MS = 20_000;

/**
 * Polls `probe` until it returns something other than undefined/false, and resolves with that.
 * Rejects after `timeoutMs` with `what` and the last value seen, so a failure says what never came.
 */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 25;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 250);
  }
}

let api: AuditLensApi | undefined;

/** Activates Audit Lens (once) and waits until the server has indexed the workspace. */
export async function auditLens(): Promise<AuditLensApi> {
  if (api) return api;
  const extension = vscode.extensions.getExtension<AuditLensApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded: is extensionDevelopmentPath the repository root?`);
  const activated = await extension.activate();
  await Promise.race([
    activated.ready(),
    new Promise((_, reject) => setTimeout(() => reject(new Error('the server did not finish indexing within 60 s')), 60_000)),
  ]);
  api = activated;
  return activated;
}

/** The workspace folder the tests run in; refuses the repository's own fixture, which the tests change. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder: open a copy of test/fixtures/sample-workspace');
  assert.ok(!folder.uri.fsPath.split(path.sep).join('/').includes('test/fixtures/sample-workspace'), `refusing to edit the repository's fixture at ${folder.uri.fsPath}; open a copy`);
  return folder.uri;
}

/** The URI of a workspace-relative path. */
export function workspaceFile(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/** Opens a workspace file in an editor and returns it. */
export async function openEditor(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** A diagnostic's code as a plain string (LSP codes arrive as strings or `{ value, target }`). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const { code } = diagnostic;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Audit Lens's diagnostics of one file. */
export function auditDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
}

/** The first diagnostic of a file with this code on this 1-based line, if any. */
export function diagnosticAt(uri: vscode.Uri, code: string, line: number): vscode.Diagnostic | undefined {
  return auditDiagnostics(uri).find((diagnostic) => codeOf(diagnostic) === code && diagnostic.range.start.line === line - 1);
}

/** The titles of a file's CodeLenses, each with its 1-based line, resolving each lens first. */
export async function lensesOf(uri: vscode.Uri): Promise<Array<{ line: number; title: string }>> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.map((lens) => ({ line: lens.range.start.line + 1, title: lens.command?.title ?? '' }));
}

/** Reverts every unsaved document and closes every editor, so a test leaves nothing behind (and no save prompt). */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || document.isUntitled) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(() => !document.isDirty, `${vscode.workspace.asRelativePath(document.uri)} to be reverted`);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
