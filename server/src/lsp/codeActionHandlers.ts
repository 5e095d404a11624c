// Quick fixes and the edit requests behind Mark Resolved / Mark Open. Every edit goes back to the
// editor as a WorkspaceEdit, so it is undoable and nothing is written behind an open buffer.
import type { CodeAction, Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { codeActions, type CodeActionResult } from '../core/features/codeActions';
import { markIssueStatus } from '../core/features/issueStatusEdits';
import type { DocumentEdit } from '../core/features/textEdits';
import { MarkIssueStatusRequest } from '../protocol';
import type { ServerContext } from './auditLensServer';
import { DIAGNOSTIC_SOURCE } from './convert';
import { safeHandler } from './safeHandler';

/** Registers textDocument/codeAction and auditLens/markIssueStatus. */
export function registerCodeActionHandlers({ connection, folders, documents }: ServerContext): void {
  const toWorkspaceEdit = (uri: string, edit: DocumentEdit): WorkspaceEdit => {
    const version = documents.get(uri)?.version ?? null;
    const change: TextDocumentEdit = { textDocument: { uri, version }, edits: edit.edits };
    return { documentChanges: [change] };
  };

  connection.onCodeAction(safeHandler(connection, 'codeAction', [] as CodeAction[], (params) => {
    const location = folders.locate(params.textDocument.uri);
    const analysis = location?.folder.index.document(location.path);
    if (!location || !analysis) return [];
    // Edits are computed against the analyzed text; while the index catches up with typing, offer nothing.
    const open = documents.get(params.textDocument.uri);
    if (open && open.getText() !== analysis.text) return [];
    const only = params.context.only;
    return codeActions(analysis, params.range, location.folder.index)
      .filter((action) => !only || only.some((kind) => action.kind === kind || action.kind.startsWith(`${kind}.`)))
      .map((action) => ({
        title: action.title,
        kind: action.kind,
        isPreferred: action.isPreferred,
        diagnostics: matchingDiagnostics(action, params.context.diagnostics),
        edit: toWorkspaceEdit(params.textDocument.uri, action.edit),
      }));
  }));

  connection.onRequest(MarkIssueStatusRequest.type, safeHandler(connection, 'auditLens/markIssueStatus', null as WorkspaceEdit | null, (params) => {
    const location = folders.locate(params.uri);
    const analysis = location?.folder.index.document(location.path);
    if (!analysis) return null;
    const open = documents.get(params.uri);
    if (open && open.getText() !== analysis.text) return null;
    const edit = markIssueStatus(analysis, params.key, params.status);
    return edit ? toWorkspaceEdit(params.uri, edit) : null;
  }));
}

/** The editor's own diagnostics that the action fixes, so VS Code shows the fix on them. */
function matchingDiagnostics(action: CodeActionResult, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter(
    (diagnostic) =>
      diagnostic.source === DIAGNOSTIC_SOURCE &&
      action.diagnosticsFixed.some(
        (fixed) => fixed.code === diagnostic.code && fixed.range.start.line === diagnostic.range.start.line && fixed.range.start.character === diagnostic.range.start.character,
      ),
  );
}
