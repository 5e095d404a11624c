// Code lenses in source files: above the first line an issue points at, the issue's ID, title,
// severity and status, so the code says which audit findings concern it. Computed only from the
// references the index already maps to this file, so it never reads or scans anything.
import type { IndexedReference, IndexView } from '../index/indexView';
import type { AuditIssue, Range } from '../model';
import type { CancellationSignal } from '../workspace';
import { compareText, issueLabel, severityRank } from './positions';

/** The command a lens runs; the client opens the issue's document at its line. */
export const OPEN_ISSUE_COMMAND = 'auditLens.openIssue';

/** The argument of `auditLens.openIssue`: which issue, and where its document names it. */
export interface OpenIssueArguments {
  documentPath: string;
  key: string;
  /** 0-based line of the issue's heading, item or row in its document. */
  line: number;
}

/** A lens above a referenced line of a source file. */
export interface IssueLens {
  /** A zero-width range at the start of the line the lens stands above. */
  range: Range;
  title: string;
  tooltip: string;
  command: typeof OPEN_ISSUE_COMMAND;
  arguments: [OpenIssueArguments];
}

/** What the lenses show. */
export interface IssueLensOptions {
  /** Show resolved and won't-fix issues too (off by default: they no longer need attention). */
  showResolved?: boolean;
}

/** One lens per issue that references this source file, above the first line it references now. */
export function codeLenses(view: IndexView, path: string, signal: CancellationSignal, options: IssueLensOptions = {}): IssueLens[] {
  const groups = [...groupByIssue(view.referencesTo(path), signal, options.showResolved === true).values()];
  groups.sort((a, b) => a.firstLine - b.firstLine || severityRank(a.issue) - severityRank(b.issue) || compareText(issueLabel(a.issue), issueLabel(b.issue)));
  const lenses: IssueLens[] = [];
  for (const group of groups) {
    const { issue, documentPath } = group;
    const line = group.firstLine - 1;
    const parts = [issueLabel(issue), issue.severity, issue.status].filter((part): part is string => part !== null && part !== '');
    const states = group.staleStates.size > 0 ? ` (${[...group.staleStates].join(', ')})` : '';
    lenses.push({
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      title: parts.join(' · '),
      tooltip: `${documentPath}:${issue.range.start.line + 1}${states}`,
      command: OPEN_ISSUE_COMMAND,
      arguments: [{ documentPath, key: issue.key, line: issue.range.start.line }],
    });
  }
  return lenses;
}

/** An issue's references in one file, with the first line they point at now. */
interface IssueReferenceGroup {
  documentPath: string;
  issue: AuditIssue;
  /** 1-based, where the lines are now; 1 for an issue that names only the whole file. */
  firstLine: number;
  /** States other than `ok` among the issue's references here. */
  staleStates: Set<string>;
  references: IndexedReference[];
}

/**
 * The references to one file grouped by the issue that holds them (references outside every issue
 * are left out). References past the end of the file place nothing; an issue that names only the whole
 * file is placed on line 1.
 */
function groupByIssue(references: readonly IndexedReference[], signal: CancellationSignal, showResolved: boolean): Map<string, IssueReferenceGroup> {
  const groups = new Map<string, IssueReferenceGroup>();
  const fileLevel = new Set<string>();
  let visited = 0;
  for (const indexed of references) {
    if ((++visited & 1023) === 0 && signal.isCancellationRequested) break;
    const issue = indexed.issue;
    if (!issue || (!showResolved && (issue.status === 'resolved' || issue.status === 'wontfix'))) continue;
    const key = `${indexed.documentPath}\u0000${issue.key}`;
    let group = groups.get(key);
    if (!group) {
      group = { documentPath: indexed.documentPath, issue, firstLine: Number.POSITIVE_INFINITY, staleStates: new Set(), references: [] };
      groups.set(key, group);
    }
    group.references.push(indexed);
    if (indexed.reference.state !== 'ok') group.staleStates.add(indexed.reference.state);
    if (indexed.reference.state === 'line-out-of-range') continue;
    if (indexed.reference.startLine === null) fileLevel.add(key);
    else if (indexed.currentStartLine !== null) group.firstLine = Math.min(group.firstLine, indexed.currentStartLine);
  }
  for (const [key, group] of groups) {
    if (Number.isFinite(group.firstLine)) continue;
    if (fileLevel.has(key)) group.firstLine = 1;
    else groups.delete(key);
  }
  return groups;
}
