// The data the client's views are built from: the payloads of `auditLens/issues` and
// `auditLens/issuesForFile`, named for the client. Types only come from the shared protocol, so
// this folder stays plain TypeScript that mocha runs in node, without `vscode`.
import type { IssuesForFileResult, IssuesResult } from '../../../server/src/protocol';

export type { IssuesForFileResult, IssuesResult };

/** One audit document of an `auditLens/issues` answer. */
export type IssueDocument = IssuesResult['documents'][number];
/** One issue with its references. */
export type Issue = IssueDocument['issues'][number];
/** One code reference of an issue. */
export type IssueReference = Issue['references'][number];
/** Issue and reference counts of a document or folder. */
export type IssueCounts = IssuesResult['counts'];
/** A severity level. */
export type Severity = NonNullable<Issue['severity']>;
/** An issue status. */
export type IssueStatus = NonNullable<Issue['status']>;
/** Where a reference stands against the code. */
export type ReferenceState = IssueReference['state'];
/** One referenced span of a source file, with the issues that claim it. */
export type FileRangeIssues = IssuesForFileResult['ranges'][number];
/** One issue's claim on a span of a source file. */
export type FileIssueEntry = FileRangeIssues['issues'][number];

/** What the server answered for one workspace folder. */
export interface FolderIssues {
  /** The folder's URI as the server knows it. */
  folderUri: string;
  /** The folder's name, shown when the workspace has several. */
  name: string;
  result: IssuesResult;
}

/** Every severity from most to least urgent (mirrors the core's SEVERITY_ORDER). */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Position of a severity in SEVERITIES; no severity sorts last. */
export function severityRank(severity: Severity | null): number {
  return severity === null ? SEVERITIES.length : SEVERITIES.indexOf(severity);
}

/** True while an issue needs work; an issue without a status counts as open, as the core counts it. */
export function isOpenStatus(status: IssueStatus | null): boolean {
  return status !== 'resolved' && status !== 'wontfix';
}

/**
 * True when a reference no longer points where its document says. Mirrors the server's `isStale`
 * (issueQueries.ts), so the client's counts agree with the server's.
 */
export function isStaleState(state: ReferenceState): boolean {
  return state !== 'ok' && state !== 'proposed' && state !== 'unverified';
}

/** The label people know an issue by: its ID and title, or the title alone. */
export function issueLabel(issue: Pick<Issue, 'id' | 'title'>): string {
  return issue.id ? `${issue.id} ${issue.title}`.trim() : issue.title || '(untitled issue)';
}

/** `path:12`, `path:12-20` or `path`: how a reference reads in the tree. */
export function referenceLabel(reference: Pick<IssueReference, 'path' | 'resolvedPath' | 'startLine' | 'endLine'>): string {
  const path = reference.resolvedPath ?? reference.path;
  if (reference.startLine === null) return path;
  if (reference.endLine === null || reference.endLine === reference.startLine) return `${path}:${reference.startLine}`;
  return `${path}:${reference.startLine}-${reference.endLine}`;
}

/** Code-unit comparison, so orders never depend on the machine's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
