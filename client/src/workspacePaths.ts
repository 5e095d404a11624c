// Between the server's world (folder URI + workspace-relative `/` path) and VS Code's (Uri).
import * as vscode from 'vscode';

/** A file located in a workspace folder. */
export interface FolderPath {
  folder: vscode.WorkspaceFolder;
  /** The folder's URI string, as the server knows the folder. */
  folderUri: string;
  /** Workspace-relative path with `/`. */
  path: string;
}

/** The URI of a workspace-relative path in a folder. */
export function fileUri(folderUri: string, relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.parse(folderUri), ...relativePath.split('/').filter((part) => part !== ''));
}

/** The workspace folder with this URI. */
export function folderByUri(folderUri: string): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.workspaceFolders?.find((folder) => folder.uri.toString() === folderUri);
}

/** The workspace folder and relative path of a URI, or undefined outside every folder. */
export function locate(uri: vscode.Uri): FolderPath | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  if (!uri.path.startsWith(base)) return undefined;
  return { folder, folderUri: folder.uri.toString(), path: uri.path.slice(base.length) };
}

/** Opens a document and shows it with a selection, centred when it was out of view. */
export async function showRange(uri: vscode.Uri, range: vscode.Range | undefined, options: { preview?: boolean } = {}): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const clamped = range ? document.validateRange(range) : undefined;
  const editor = await vscode.window.showTextDocument(document, { preview: options.preview ?? true });
  if (clamped) {
    // Backwards, so the cursor (and the status bar's `Ln`) sits on the first line the reference
    // names, where the reader starts; `showTextDocument`'s own `selection` option always puts it
    // past the end.
    editor.selection = new vscode.Selection(clamped.end, clamped.start);
    editor.revealRange(clamped, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return editor;
}

/** Whole lines `startLine`..`endLine` (1-based, inclusive) as a range. */
export function linesRange(startLine: number, endLine: number | null): vscode.Range {
  const start = Math.max(startLine - 1, 0);
  const end = Math.max((endLine ?? startLine) - 1, start);
  return new vscode.Range(start, 0, end, Number.MAX_SAFE_INTEGER);
}
