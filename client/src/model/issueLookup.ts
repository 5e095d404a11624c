// Finding issues and references in the client's snapshot: by key, at a line of an audit document,
// and whether a change the server announced can alter the Issues view.
import type { FolderIssues, Issue, IssueDocument, IssueReference } from './issueData';

/** An issue with the folder and document that hold it. */
export interface IssueLocation {
  folderUri: string;
  documentPath: string;
  issue: Issue;
}

/** The issue with this key in this document. */
export function findIssue(folders: readonly FolderIssues[], folderUri: string | undefined, documentPath: string, key: string): IssueLocation | undefined {
  for (const folder of folders) {
    if (folderUri !== undefined && folder.folderUri !== folderUri) continue;
    const document = folder.result.documents.find((candidate) => candidate.path === documentPath);
    const issue = document?.issues.find((candidate) => candidate.key === key);
    if (issue) return { folderUri: folder.folderUri, documentPath, issue };
  }
  return undefined;
}

/** The issue a zero-based line of an audit document belongs to: the last one that starts at or above it. */
export function issueAtLine(folders: readonly FolderIssues[], folderUri: string, documentPath: string, line: number): IssueLocation | undefined {
  const document = documentOf(folders, folderUri, documentPath);
  if (!document) return undefined;
  let best: Issue | undefined;
  for (const issue of document.issues) {
    const start = issue.range.start.line;
    if (start <= line && (!best || start >= best.range.start.line)) best = issue;
  }
  return best ? { folderUri, documentPath, issue: best } : undefined;
}

/** Every issue, in folder and document order. */
export function allIssues(folders: readonly FolderIssues[]): IssueLocation[] {
  return folders.flatMap((folder) => folder.result.documents.flatMap((document) => document.issues.map((issue) => ({ folderUri: folder.folderUri, documentPath: document.path, issue }))));
}

/** Every reference with the issue that holds it. */
export function allReferences(folders: readonly FolderIssues[]): Array<IssueLocation & { reference: IssueReference }> {
  return allIssues(folders).flatMap((location) => location.issue.references.map((reference) => ({ ...location, reference })));
}

function documentOf(folders: readonly FolderIssues[], folderUri: string, documentPath: string): IssueDocument | undefined {
  return folders.find((folder) => folder.folderUri === folderUri)?.result.documents.find((document) => document.path === documentPath);
}

/**
 * Whether changes to these workspace-relative paths can alter the Issues view: audit documents
 * can, and so can any file a reference names or resolves to (its lines moved, it appeared or went
 * away). Edits to other source files cannot, so typing in them costs no tree refresh.
 */
export function changeAffectsIssues(folders: readonly FolderIssues[], folderUri: string, changedPaths: readonly string[]): boolean {
  if (changedPaths.length === 0) return true;
  if (changedPaths.some(isAuditDocumentPath)) return true;
  const folder = folders.find((candidate) => candidate.folderUri === folderUri);
  if (!folder) return true;
  const referenced = new Set<string>();
  const basenames = new Set<string>();
  for (const document of folder.result.documents) {
    for (const issue of document.issues) {
      for (const reference of issue.references) {
        if (reference.resolvedPath) referenced.add(reference.resolvedPath);
        for (const candidate of reference.candidates) referenced.add(candidate);
        if (reference.resolvedPath === null || reference.state !== 'ok') basenames.add(basename(reference.path));
      }
    }
  }
  return changedPaths.some((path) => referenced.has(path) || basenames.has(basename(path)));
}

/** True for the paths the server reads as audit documents (markdown). */
export function isAuditDocumentPath(path: string): boolean {
  return /\.(?:md|markdown|mdx)$/i.test(path);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
