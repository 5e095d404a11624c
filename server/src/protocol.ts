// The custom requests and notifications between the Audit Lens client and server: one namespace
// per message, imported by both sides (client → protocol ← server). Payload types come from the
// core, so the client's tree is built from exactly what the core computes.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { IssuesForFileResult, IssuesQuery, IssuesResult } from './core/features/issueQueries';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';

export type { IssuesForFileResult, IssuesQuery, IssuesResult };

/** Parameters of auditLens/issues: which folder (all when omitted) and the filter. */
export interface IssuesParams extends IssuesQuery {
  folderUri?: string;
}

/** Documents → issues with counts, each issue with its references and their states. The client's tree comes from this. */
export namespace IssuesRequest {
  export const method = 'auditLens/issues';
  export const type = new RequestType<IssuesParams, IssuesResult[], void>(method);
}

/** Parameters of auditLens/issuesForFile. */
export interface IssuesForFileParams {
  uri: string;
}

/** What a source file's gutter decorations need: per referenced range, the issues and their states. */
export namespace IssuesForFileRequest {
  export const method = 'auditLens/issuesForFile';
  export const type = new RequestType<IssuesForFileParams, IssuesForFileResult | null, void>(method);
}

/** Parameters of auditLens/markIssueStatus. */
export interface MarkIssueStatusParams {
  /** URI of the audit document that defines the issue. */
  uri: string;
  key: string;
  status: 'resolved' | 'open';
}

/** The edit that marks an issue resolved or open in the document's own convention; the client applies it (undoable). */
export namespace MarkIssueStatusRequest {
  export const method = 'auditLens/markIssueStatus';
  export const type = new RequestType<MarkIssueStatusParams, WorkspaceEdit | null, void>(method);
}

/** Parameters of auditLens/indexChanged. */
export interface IndexChangedParams {
  folderUri: string;
  /** Workspace-relative paths of the documents that changed; empty when everything may have. */
  documents: string[];
}

/** Sent after the index changed, so the client refreshes its views. */
export namespace IndexChangedNotification {
  export const method = 'auditLens/indexChanged';
  export const type = new NotificationType<IndexChangedParams>(method);
}
