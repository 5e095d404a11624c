// Payloads of the custom requests the client builds its views from: `auditLens/issues` (the issue
// tree: documents → issues → references) and `auditLens/issuesForFile` (gutter decorations of a
// source file). Plain data, so it crosses JSON-RPC unchanged. Code lines are 1-based as documents
// write them; ranges in audit documents are 0-based like every core Range.
import type { IndexView } from '../index/indexView';
import type { AuditIssue, DocumentAnalysis, IssueStatus, Range, ReferenceState, ResolvedReference, Severity } from '../model';
import type { CancellationSignal } from '../workspace';
import { compareText, severityRank } from './positions';

/** Which issues `auditLens/issues` returns; every field narrows, an omitted one does not. */
export interface IssuesQuery {
  /** Statuses to keep; `open` also keeps issues whose document gives no status (they count as open). */
  status?: IssueStatus | IssueStatus[];
  severity?: Severity | Severity[];
  /** A document's workspace-relative path, or a folder (`docs/audits/`) whose documents to keep. */
  document?: string;
  /** Case-insensitive text to find in the issue's ID, title or key. */
  text?: string;
}

/** Issue and reference counts of a document or a whole folder. */
export interface IssueCounts {
  issues: number;
  /** Issues neither resolved nor won't-fix. */
  openIssues: number;
  references: number;
  staleReferences: number;
}

/** A reference as the issue tree shows it. */
export interface IssueReferencePayload {
  /** The path as the document wrote it, and the file it resolved to (null when none). */
  path: string;
  resolvedPath: string | null;
  startLine: number | null;
  endLine: number | null;
  state: ReferenceState;
  reason: string | null;
  candidates: string[];
  /** Where the reference stands in its audit document. */
  range: Range;
  inCode: boolean;
}

/** An issue with its references. */
export interface IssuePayload {
  key: string;
  id: string | null;
  title: string;
  severity: Severity | null;
  status: IssueStatus | null;
  kind: AuditIssue['kind'];
  range: Range;
  sectionPath: string[];
  fields: Record<string, string>;
  dependencies: string[];
  references: IssueReferencePayload[];
}

/** A document and the issues of it that passed the filter, in document order. */
export interface IssueDocumentPayload {
  path: string;
  encoding: DocumentAnalysis['encoding'];
  /** Counts of the issues shown (after filtering) and their references. */
  counts: IssueCounts;
  issues: IssuePayload[];
  /**
   * References outside every issue (an introduction, a summary table) that no longer hold, so the
   * Stale References view misses none. Empty when the query filters by severity or text.
   */
  looseStaleReferences: IssueReferencePayload[];
}

/** The answer of `auditLens/issues` for one workspace folder. */
export interface IssuesResult {
  root: string;
  /** True while the index is still being built, so the tree may grow. */
  indexing: boolean;
  counts: IssueCounts;
  /** Documents with at least one matching issue, by path. */
  documents: IssueDocumentPayload[];
}

/** Every document's matching issues with their references and counts. */
export function queryIssues(view: IndexView, query: IssuesQuery, signal: CancellationSignal): IssuesResult {
  const matches = issueMatcher(query);
  // A reference outside every issue has no severity or title, so a filter on those leaves it out.
  const withLoose = !query.severity && !query.text?.trim();
  const documents: IssueDocumentPayload[] = [];
  const counts = emptyCounts();
  for (const document of view.documents()) {
    if (signal.isCancellationRequested) break;
    if (!documentMatches(document.path, query.document)) continue;
    const referencesByIssue = new Map<string, ResolvedReference[]>();
    const loose: ResolvedReference[] = [];
    for (const reference of document.references) {
      if (reference.issueKey === null) {
        if (withLoose && isStale(reference.state)) loose.push(reference);
        continue;
      }
      const list = referencesByIssue.get(reference.issueKey);
      if (list) list.push(reference);
      else referencesByIssue.set(reference.issueKey, [reference]);
    }
    const issues = document.issues.filter(matches).map((issue) => issuePayload(issue, referencesByIssue.get(issue.key) ?? []));
    if (issues.length === 0 && loose.length === 0) continue;
    const documentCounts = countsOf(issues);
    documentCounts.references += loose.length;
    documentCounts.staleReferences += loose.length;
    addCounts(counts, documentCounts);
    documents.push({ path: document.path, encoding: document.encoding, counts: documentCounts, issues, looseStaleReferences: loose.map(referencePayload) });
  }
  return { root: view.root, indexing: view.indexing, counts, documents };
}

function issuePayload(issue: AuditIssue, references: readonly ResolvedReference[]): IssuePayload {
  return {
    key: issue.key,
    id: issue.id,
    title: issue.title,
    severity: issue.severity,
    status: issue.status,
    kind: issue.kind,
    range: issue.range,
    sectionPath: issue.sectionPath,
    fields: issue.fields,
    dependencies: issue.dependencies,
    references: references.map(referencePayload),
  };
}

function referencePayload(reference: ResolvedReference): IssueReferencePayload {
  return {
    path: reference.path,
    resolvedPath: reference.resolvedPath,
    startLine: reference.startLine,
    endLine: reference.endLine,
    state: reference.state,
    reason: reference.reason,
    candidates: reference.candidates,
    range: reference.range,
    inCode: reference.inCode,
  };
}

function issueMatcher(query: IssuesQuery): (issue: AuditIssue) => boolean {
  const statuses = asList(query.status);
  const severities = asList(query.severity);
  const text = query.text?.trim().toLowerCase() ?? '';
  return (issue) => {
    if (statuses && !statuses.includes(issue.status ?? 'open')) return false;
    if (severities && (issue.severity === null || !severities.includes(issue.severity))) return false;
    if (text === '') return true;
    return issue.title.toLowerCase().includes(text) || (issue.id?.toLowerCase().includes(text) ?? false) || issue.key.toLowerCase().includes(text);
  };
}

function documentMatches(path: string, wanted: string | undefined): boolean {
  if (wanted === undefined || wanted === '') return true;
  if (path === wanted) return true;
  return path.startsWith(wanted.endsWith('/') ? wanted : `${wanted}/`);
}

/** Accepts one value or a list over JSON; undefined (no filter) for none or an empty list. */
function asList<T>(value: T | T[] | undefined): T[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.length === 0 ? undefined : list;
}

function emptyCounts(): IssueCounts {
  return { issues: 0, openIssues: 0, references: 0, staleReferences: 0 };
}

function countsOf(issues: readonly IssuePayload[]): IssueCounts {
  const counts = emptyCounts();
  for (const issue of issues) {
    counts.issues++;
    if (issue.status !== 'resolved' && issue.status !== 'wontfix') counts.openIssues++;
    counts.references += issue.references.length;
    for (const reference of issue.references) if (isStale(reference.state)) counts.staleReferences++;
  }
  return counts;
}

function addCounts(total: IssueCounts, part: IssueCounts): void {
  total.issues += part.issues;
  total.openIssues += part.openIssues;
  total.references += part.references;
  total.staleReferences += part.staleReferences;
}

/** States that mean the reference no longer holds (proposed files and unverified ones are not stale). */
export function isStale(state: ReferenceState): boolean {
  return state !== 'ok' && state !== 'proposed' && state !== 'unverified';
}

/** Issues on one referenced span of a source file, for a gutter decoration. */
export interface FileRangeIssues {
  /** 1-based lines where the code is now; both null for references to the whole file. */
  startLine: number | null;
  endLine: number | null;
  /** True when unsaved edits touched these lines since the documents were indexed. */
  editedSinceIndexed: boolean;
  issues: FileIssueEntry[];
}

/** One issue's claim on a span of a source file. */
export interface FileIssueEntry {
  documentPath: string;
  key: string;
  id: string | null;
  title: string;
  severity: Severity | null;
  status: IssueStatus | null;
  /** The state of the reference that makes the claim. */
  state: ReferenceState;
  /** 0-based line of the issue in its document, to open it. */
  issueLine: number;
}

/** The answer of `auditLens/issuesForFile`. */
export interface IssuesForFileResult {
  path: string;
  /** Spans in line order (file-level first); each issue once per span. */
  ranges: FileRangeIssues[];
}

/** What the gutter of a source file needs: for each referenced span, the issues and their states. */
export function issuesForFile(view: IndexView, path: string, signal: CancellationSignal): IssuesForFileResult {
  const spans = new Map<string, FileRangeIssues & { seen: Set<string> }>();
  let visited = 0;
  for (const indexed of view.referencesTo(path)) {
    if ((++visited & 1023) === 0 && signal.isCancellationRequested) break;
    const issue = indexed.issue;
    // Lines past the end of the file have no gutter to mark; the document's diagnostics report them.
    if (!issue || indexed.reference.state === 'line-out-of-range') continue;
    const fileLevel = indexed.reference.startLine === null;
    const startLine = fileLevel ? null : indexed.currentStartLine;
    if (!fileLevel && startLine === null) continue;
    const endLine = fileLevel ? null : indexed.currentEndLine ?? startLine;
    const spanKey = `${startLine}-${endLine}`;
    let span = spans.get(spanKey);
    if (!span) spans.set(spanKey, (span = { startLine, endLine, editedSinceIndexed: false, issues: [], seen: new Set() }));
    span.editedSinceIndexed ||= indexed.editedSinceIndexed;
    const issueKey = `${indexed.documentPath}\u0000${issue.key}`;
    if (span.seen.has(issueKey)) continue;
    span.seen.add(issueKey);
    span.issues.push({
      documentPath: indexed.documentPath,
      key: issue.key,
      id: issue.id,
      title: issue.title,
      severity: issue.severity,
      status: issue.status,
      state: indexed.reference.state,
      issueLine: issue.range.start.line,
    });
  }
  const ranges = [...spans.values()].map(({ seen: _seen, ...span }) => ({
    ...span,
    issues: span.issues.sort((a, b) => severityRank(a) - severityRank(b) || compareText(a.key, b.key)),
  }));
  ranges.sort((a, b) => (a.startLine ?? 0) - (b.startLine ?? 0) || (a.endLine ?? 0) - (b.endLine ?? 0));
  return { path, ranges };
}
