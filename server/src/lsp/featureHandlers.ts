// The LSP feature handlers: each finds the folder of the request's URI and calls one core feature,
// converting paths to URIs on the way out. Errors are logged and answered empty (safeHandler).
import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CodeLens,
  type CompletionItem,
  type DocumentLink,
  type DocumentSymbol,
  type Hover,
  type InlayHint,
  type Location,
  type ServerCapabilities,
  type WorkspaceSymbol,
} from 'vscode-languageserver/node';
import { codeLenses } from '../core/features/codeLens';
import { completionsAt, type CompletionProposal } from '../core/features/completion';
import { documentLinks } from '../core/features/documentLinks';
import { hoverAt } from '../core/features/hover';
import { inlayHints } from '../core/features/inlayHints';
import { issuesForFile, queryIssues, type IssuesResult } from '../core/features/issueQueries';
import { definitionAt, documentSymbols, issueMentionsAt, workspaceSymbols, type IssueSymbol } from '../core/features/navigation';
import { IssuesForFileRequest, IssuesRequest } from '../protocol';
import type { ServerContext } from './auditLensServer';
import { registerCodeActionHandlers } from './codeActionHandlers';
import { safeHandler } from './safeHandler';
import type { IndexedFolder } from './workspaceFolders';

/** The capabilities these handlers serve, announced in initialize. */
export const SERVER_CAPABILITIES: ServerCapabilities = {
  documentLinkProvider: { resolveProvider: false },
  hoverProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  documentSymbolProvider: { label: 'Audit issues' },
  workspaceSymbolProvider: true,
  completionProvider: { triggerCharacters: ['`', ':', '/', '-'], resolveProvider: false },
  codeLensProvider: { resolveProvider: false },
  inlayHintProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll], resolveProvider: false },
};

/** Registers every feature handler on the connection. */
export function registerFeatureHandlers(context: ServerContext): void {
  const { connection, folders, documents, settings } = context;
  const located = (uri: string) => folders.locate(uri);
  const uriOf = (folder: IndexedFolder, path: string) => folders.uriOf(folder, path);

  connection.onDocumentLinks(safeHandler(connection, 'documentLink', [] as DocumentLink[], (params, token) => {
    const location = located(params.textDocument.uri);
    if (!location) return [];
    return documentLinks(location.folder.index, location.path, token).map((link) => ({
      range: link.range,
      target: uriOf(location.folder, link.targetPath) + lineFragment(link.targetRange),
      tooltip: link.tooltip,
    }));
  }));

  connection.onHover(safeHandler(connection, 'hover', null as Hover | null, async (params, token) => {
    const location = located(params.textDocument.uri);
    if (!location) return null;
    const hover = await hoverAt(location.folder.index, location.path, params.position, token);
    return hover ? { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: hover.range } : null;
  }));

  connection.onDefinition(safeHandler(connection, 'definition', [] as Location[], (params, token) => {
    const location = located(params.textDocument.uri);
    if (!location) return [];
    const result = definitionAt(location.folder.index, location.path, params.position, token);
    return (result?.targets ?? []).map((target) => ({ uri: uriOf(location.folder, target.path), range: target.range ?? startOfFile() }));
  }));

  connection.onReferences(safeHandler(connection, 'references', [] as Location[], (params, token) => {
    const location = located(params.textDocument.uri);
    if (!location) return [];
    const mentions = issueMentionsAt(location.folder.index, location.path, params.position, { includeDeclaration: params.context.includeDeclaration }, token);
    return (mentions ?? []).map((mention) => ({ uri: uriOf(location.folder, mention.path), range: mention.range ?? startOfFile() }));
  }));

  connection.onDocumentSymbol(safeHandler(connection, 'documentSymbol', [] as DocumentSymbol[], (params, token) => {
    const location = located(params.textDocument.uri);
    return location ? documentSymbols(location.folder.index, location.path, token).map(toDocumentSymbol) : [];
  }));

  connection.onWorkspaceSymbol(safeHandler(connection, 'workspaceSymbol', [] as WorkspaceSymbol[], (params, token) =>
    folders.all().flatMap((folder) =>
      workspaceSymbols(folder.index, params.query, token).map((symbol) => ({
        name: symbol.name,
        kind: SymbolKind.Event,
        containerName: symbol.containerName,
        location: { uri: uriOf(folder, symbol.documentPath), range: symbol.range },
      })),
    ),
  ));

  connection.onCompletion(safeHandler(connection, 'completion', [] as CompletionItem[], async (params, token) => {
    const location = located(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (!location || !document) return [];
    const proposals = await completionsAt(location.folder.index, location.path, document.getText(), params.position, token, { filePaths: location.folder.index.files.paths() });
    return proposals.map(toCompletionItem);
  }));

  connection.onCodeLens(safeHandler(connection, 'codeLens', [] as CodeLens[], async (params, token) => {
    const location = located(params.textDocument.uri);
    if (!location) return [];
    const folderSettings = await settings.get(location.folder.uri);
    if (!folderSettings.codeLensEnabled) return [];
    return codeLenses(location.folder.index, location.path, token, { showResolved: folderSettings.codeLensShowResolved }).map((lens) => ({
      range: lens.range,
      command: { title: lens.title, command: lens.command, arguments: lens.arguments.map((argument) => ({ ...argument, folderUri: location.folder.uri })) },
    }));
  }));

  connection.languages.inlayHint.on(safeHandler(connection, 'inlayHint', [] as InlayHint[], async (params, token) => {
    const location = located(params.textDocument.uri);
    if (!location) return [];
    const folderSettings = await settings.get(location.folder.uri);
    if (!folderSettings.inlayHintsEnabled || location.folder.index.referencesTo(location.path).length === 0) return [];
    const text = documents.get(params.textDocument.uri)?.getText() ?? (await location.folder.index.readText(location.path));
    if (text === undefined) return [];
    return inlayHints(location.folder.index, location.path, text, token, { showResolved: folderSettings.codeLensShowResolved, range: params.range }).map((hint) => ({
      position: hint.position,
      label: hint.label,
      tooltip: { kind: MarkupKind.Markdown, value: hint.tooltip },
      paddingLeft: true,
    }));
  }));

  connection.onRequest(IssuesRequest.type, safeHandler(connection, 'auditLens/issues', [] as IssuesResult[], (params, token) => {
    const { folderUri, ...query } = params;
    return folders
      .all()
      .filter((folder) => folderUri === undefined || folder.uri === folderUri)
      .map((folder) => ({ ...queryIssues(folder.index, query, token), folderUri: folder.uri }));
  }));

  connection.onRequest(IssuesForFileRequest.type, safeHandler(connection, 'auditLens/issuesForFile', null, (params, token) => {
    const location = located(params.uri);
    return location ? issuesForFile(location.folder.index, location.path, token) : null;
  }));

  registerCodeActionHandlers(context);
}

/** `#L10` or `#L10-L20`: VS Code opens file links at that selection. */
function lineFragment(range: { start: { line: number }; end: { line: number; character: number } } | null): string {
  if (!range) return '';
  const first = range.start.line + 1;
  // Whole-line ranges end at column 0 of the line after the last one.
  const last = range.end.character === 0 ? range.end.line : range.end.line + 1;
  return last > first ? `#L${first}-L${last}` : `#L${first}`;
}

function startOfFile() {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function toDocumentSymbol(symbol: IssueSymbol): DocumentSymbol {
  return {
    name: symbol.name || '(untitled)',
    detail: symbol.detail,
    kind: symbol.kind === 'section' ? SymbolKind.Namespace : SymbolKind.Event,
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    children: symbol.children.map(toDocumentSymbol),
  };
}

const COMPLETION_KINDS: Record<CompletionProposal['kind'], CompletionItemKind> = {
  file: CompletionItemKind.File,
  line: CompletionItemKind.Value,
  issue: CompletionItemKind.Reference,
};

function toCompletionItem(proposal: CompletionProposal): CompletionItem {
  return {
    label: proposal.label,
    kind: COMPLETION_KINDS[proposal.kind],
    detail: proposal.detail,
    documentation: proposal.documentation ? { kind: MarkupKind.Markdown, value: proposal.documentation } : undefined,
    sortText: proposal.sortText,
    insertTextFormat: proposal.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: proposal.replaceRange, newText: proposal.insertText },
  };
}
