// The read-only view of the workspace index that language features are computed from. Features
// are pure functions of this view and a position, so they are tested in plain node with an index
// built over an in-memory workspace, and the LSP adapter only converts paths and URIs.
import type { AuditIssue, DocumentAnalysis, ResolvedReference } from '../model';
import type { FileIndex } from '../pathResolver';

/** A reference as seen from the file it points at, with where the code stands now. */
export interface IndexedReference {
  /** Workspace-relative path of the audit document that holds the reference. */
  documentPath: string;
  reference: ResolvedReference;
  /** The issue that holds the reference, if any. */
  issue: AuditIssue | undefined;
  /**
   * 1-based lines the reference covers in the file as it is now (open buffers included): equal to
   * the reference's own lines unless edits since the file was indexed moved them.
   */
  currentStartLine: number | null;
  currentEndLine: number | null;
  /** True when an unsaved edit touched the referenced lines themselves. */
  editedSinceIndexed: boolean;
}

/** The file a reference's code is in now: where git found it when it moved, else the file its path resolves to. */
export function currentTarget(reference: ResolvedReference): string | null {
  return reference.state === 'moved' && reference.suggestion ? reference.suggestion.path : reference.resolvedPath;
}

/** An issue together with the document that defines it. */
export interface LocatedIssue {
  documentPath: string;
  issue: AuditIssue;
}

/** What features may ask of the index. Every method answers from memory, without waiting for indexing. */
export interface IndexView {
  /** Absolute path of the workspace root. */
  readonly root: string;
  /** The workspace's files, for resolution and completion. */
  readonly files: FileIndex;
  /** True while the cold index is still running (answers may be partial). */
  readonly indexing: boolean;
  /** Every analyzed audit document, sorted by path. */
  documents(): readonly DocumentAnalysis[];
  /** One audit document's analysis, or undefined when it is not an indexed audit document. */
  document(path: string): DocumentAnalysis | undefined;
  /** References whose resolved path (or best candidate) is this source file. */
  referencesTo(path: string): readonly IndexedReference[];
  /** Issues with this ID across all documents (an ID may repeat across documents). */
  issuesById(id: string): readonly LocatedIssue[];
  /** The issue with this key in this document. */
  issueByKey(documentPath: string, key: string): LocatedIssue | undefined;
  /** The current text of a workspace file (open buffer first, then disk), or undefined when unreadable or outside the root. */
  readText(path: string): Promise<string | undefined>;
}
