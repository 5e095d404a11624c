// Runs the server's own code actions (not every provider's): asks the Audit Lens server directly
// with the Audit Lens diagnostics of the range, resolves the chosen action, applies its edit.
import * as vscode from 'vscode';
import { CodeActionRequest, CodeActionResolveRequest, type CodeAction, type Command } from 'vscode-languageclient/node';
import type { Services } from '../services';

/** The source name of the server's diagnostics. */
const DIAGNOSTIC_SOURCE = 'audit-lens';

/** The Audit Lens diagnostics of a document, optionally only those touching a range or with a code. */
export function auditDiagnostics(uri: vscode.Uri, options: { range?: vscode.Range; code?: string } = {}): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) return false;
    if (options.code !== undefined && diagnosticCode(diagnostic) !== options.code) return false;
    return options.range === undefined || diagnostic.range.intersection(options.range) !== undefined;
  });
}

function diagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

/** The server's actions of a kind for a range, with the given diagnostics as context. */
export async function serverCodeActions(services: Services, uri: vscode.Uri, range: vscode.Range, kind: string, diagnostics: vscode.Diagnostic[]): Promise<CodeAction[]> {
  const converter = services.client.code2ProtocolConverter;
  const answer = await services.client.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: converter.asUri(uri) },
    range: converter.asRange(range),
    context: { diagnostics: await converter.asDiagnostics(diagnostics), only: [kind] },
  });
  return (answer ?? []).filter((entry: Command | CodeAction): entry is CodeAction => 'title' in entry && !('command' in entry && typeof entry.command === 'string'));
}

/** Applies a server code action (resolving its edit first when the server defers it); false when nothing was applied. */
export async function applyServerCodeAction(services: Services, action: CodeAction): Promise<boolean> {
  let resolved = action;
  if (!resolved.edit && !resolved.command && resolved.data !== undefined) {
    resolved = await services.client.sendRequest(CodeActionResolveRequest.type, action);
  }
  let applied = false;
  if (resolved.edit) {
    const edit = await services.client.protocol2CodeConverter.asWorkspaceEdit(resolved.edit);
    applied = await vscode.workspace.applyEdit(edit);
  }
  if (resolved.command) {
    await vscode.commands.executeCommand(resolved.command.command, ...(resolved.command.arguments ?? []));
    applied = true;
  }
  return applied;
}
