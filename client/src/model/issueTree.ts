// The Issues view as plain data: the server's documents → issues → references, filtered and
// grouped the way the view's title bar says. Built whole on every change (a few thousand nodes at
// most), with ids that stay the same across rebuilds so the tree keeps what was expanded.
import {
  compareStrings,
  isOpenStatus,
  isStaleState,
  issueLabel,
  SEVERITIES,
  severityRank,
  type FolderIssues,
  type Issue,
  type IssueDocument,
  type IssueReference,
  type Severity,
} from './issueData';

/** How the Issues view groups issues. */
export type GroupBy = 'document' | 'severity' | 'sourceFile';

/** Which issues the Issues view shows. */
export interface IssueFilter {
  /** Show resolved and won't-fix issues too. */
  showResolved: boolean;
  /** Severities to keep; empty keeps every severity (and issues without one). */
  severities: readonly Severity[];
  /** Case-insensitive text to find in an issue's ID, title, key or referenced paths. */
  text: string;
}

/** What the view shows before the user changes anything: open issues only. */
export const DEFAULT_FILTER: IssueFilter = { showResolved: false, severities: [], text: '' };

interface NodeBase {
  /** Unique in the tree and stable across rebuilds. */
  id: string;
  parentId: string | undefined;
  children: TreeNode[];
}

/** A workspace folder (only when several folders have issues). */
export interface FolderNode extends NodeBase {
  kind: 'folder';
  folderUri: string;
  name: string;
  issueCount: number;
}

/** An audit document. */
export interface DocumentNode extends NodeBase {
  kind: 'document';
  folderUri: string;
  path: string;
  encoding: IssueDocument['encoding'];
  /** Counts of what is shown under the node. */
  issueCount: number;
  openIssues: number;
  staleReferences: number;
}

/** A severity level; `null` gathers issues that state none. */
export interface SeverityNode extends NodeBase {
  kind: 'severity';
  severity: Severity | null;
  issueCount: number;
}

/** A source file that issues reference; `null` gathers issues that reference no code. */
export interface SourceFileNode extends NodeBase {
  kind: 'sourceFile';
  folderUri: string;
  path: string | null;
  /** True when no reference to the path resolved (the file is missing or outside the workspace). */
  unresolved: boolean;
  issueCount: number;
}

/** An issue; its children are its references (those to the group's file under source-file grouping). */
export interface IssueNode extends NodeBase {
  kind: 'issue';
  folderUri: string;
  documentPath: string;
  issue: Issue;
  /** Show the document's name too: the grouping does not. */
  showDocument: boolean;
  staleReferences: number;
}

/** A code reference of an issue. */
export interface ReferenceNode extends NodeBase {
  kind: 'reference';
  folderUri: string;
  documentPath: string;
  issueKey: string;
  issueLabel: string;
  reference: IssueReference;
  stale: boolean;
}

/** A line of text in place of issues, such as "No issues match the filter". */
export interface MessageNode extends NodeBase {
  kind: 'message';
  text: string;
}

/** Any node of the Issues or Stale References view. */
export type TreeNode = FolderNode | DocumentNode | SeverityNode | SourceFileNode | IssueNode | ReferenceNode | MessageNode;

/** Totals over every issue the server reported, whatever the filter. */
export interface IssueTotals {
  documents: number;
  issues: number;
  openIssues: number;
  references: number;
  staleReferences: number;
  /** True while some folder is still being indexed. */
  indexing: boolean;
}

/** The Issues view's model. */
export interface IssueTree {
  groupBy: GroupBy;
  filter: IssueFilter;
  roots: TreeNode[];
  /** Every node by id, for getParent and reveal. */
  nodes: Map<string, TreeNode>;
  /** Issues that passed the filter. */
  shownIssues: number;
  totals: IssueTotals;
  /** The number the view's badge shows: open issues, whatever the filter. */
  badge: number;
}

/** An issue together with where it comes from. */
interface LocatedIssue {
  folder: FolderIssues;
  document: IssueDocument;
  issue: Issue;
}

/** Builds the Issues view's tree from the server's answers. */
export function buildIssueTree(folders: readonly FolderIssues[], groupBy: GroupBy, filter: IssueFilter): IssueTree {
  const nodes = new Map<string, TreeNode>();
  const totals = totalsOf(folders);
  const matches = issueMatcher(filter);
  const shownFolders = folders
    .map((folder) => ({ folder, issues: locatedIssues(folder).filter((located) => matches(located.issue)) }))
    .filter((entry) => entry.issues.length > 0);
  const shownIssues = shownFolders.reduce((sum, entry) => sum + entry.issues.length, 0);
  const multiRoot = shownFolders.length > 1;
  let roots: TreeNode[] = [];
  for (const { folder, issues } of shownFolders) {
    const parentId = multiRoot ? `folder:${folder.folderUri}` : undefined;
    const prefix = multiRoot ? `${parentId}/` : `${folder.folderUri}|`;
    const children = groupIssues(issues, groupBy, prefix, parentId);
    if (multiRoot && parentId) roots.push({ kind: 'folder', id: parentId, parentId: undefined, children, folderUri: folder.folderUri, name: folder.name, issueCount: issues.length });
    else roots = children;
  }
  if (shownIssues === 0 && totals.issues > 0) roots = [emptyMessage(filter, totals)];
  for (const root of roots) register(root, nodes);
  return { groupBy, filter, roots, nodes, shownIssues, totals, badge: totals.openIssues };
}

/** True when the filter differs from the default "open issues only". */
export function isFiltered(filter: IssueFilter): boolean {
  return filter.severities.length > 0 || filter.text.trim() !== '';
}

/** A one-line description of the filter for the view's message, or undefined for the default. */
export function describeFilter(tree: Pick<IssueTree, 'filter' | 'shownIssues' | 'totals'>): string | undefined {
  const { filter } = tree;
  if (!isFiltered(filter)) return undefined;
  const parts: string[] = [];
  if (filter.severities.length > 0) parts.push(filter.severities.join(', '));
  if (filter.text.trim() !== '') parts.push(`“${filter.text.trim()}”`);
  const scope = filter.showResolved ? 'issues' : 'open issues';
  return `Filtered by ${parts.join(' and ')}: ${tree.shownIssues} of ${filter.showResolved ? tree.totals.issues : tree.totals.openIssues} ${scope}.`;
}

/** The first node that shows this issue, for "Reveal in Issues View". */
export function findIssueNode(tree: IssueTree, folderUri: string, documentPath: string, key: string): IssueNode | undefined {
  for (const node of tree.nodes.values()) {
    if (node.kind === 'issue' && node.folderUri === folderUri && node.documentPath === documentPath && node.issue.key === key) return node;
  }
  return undefined;
}

function emptyMessage(filter: IssueFilter, totals: IssueTotals): MessageNode {
  if (!isFiltered(filter) && !filter.showResolved) {
    const text = `All ${totals.issues} ${totals.issues === 1 ? 'issue is' : 'issues are'} resolved or won't fix. Show resolved issues to see them.`;
    return { kind: 'message', id: 'message:resolved', parentId: undefined, children: [], text };
  }
  return { kind: 'message', id: 'message:filtered', parentId: undefined, children: [], text: `No issues match the filter. Clear it to see all ${totals.issues}.` };
}

function totalsOf(folders: readonly FolderIssues[]): IssueTotals {
  const totals: IssueTotals = { documents: 0, issues: 0, openIssues: 0, references: 0, staleReferences: 0, indexing: false };
  for (const folder of folders) {
    totals.documents += folder.result.documents.length;
    totals.issues += folder.result.counts.issues;
    totals.openIssues += folder.result.counts.openIssues;
    totals.references += folder.result.counts.references;
    totals.staleReferences += folder.result.counts.staleReferences;
    totals.indexing ||= folder.result.indexing;
  }
  return totals;
}

function locatedIssues(folder: FolderIssues): LocatedIssue[] {
  return folder.result.documents.flatMap((document) => document.issues.map((issue) => ({ folder, document, issue })));
}

function issueMatcher(filter: IssueFilter): (issue: Issue) => boolean {
  const text = filter.text.trim().toLowerCase();
  const severities = new Set(filter.severities);
  return (issue) => {
    if (!filter.showResolved && !isOpenStatus(issue.status)) return false;
    if (severities.size > 0 && (issue.severity === null || !severities.has(issue.severity))) return false;
    if (text === '') return true;
    const haystacks = [issue.id ?? '', issue.title, issue.key, ...issue.references.map((reference) => reference.resolvedPath ?? reference.path)];
    return haystacks.some((value) => value.toLowerCase().includes(text));
  };
}

function groupIssues(issues: LocatedIssue[], groupBy: GroupBy, prefix: string, parentId: string | undefined): TreeNode[] {
  if (groupBy === 'severity') return severityGroups(issues, prefix, parentId, true);
  if (groupBy === 'sourceFile') return sourceFileGroups(issues, prefix, parentId);
  return documentGroups(issues, prefix, parentId);
}

function documentGroups(issues: LocatedIssue[], prefix: string, parentId: string | undefined): TreeNode[] {
  const byDocument = new Map<string, LocatedIssue[]>();
  for (const located of issues) {
    const list = byDocument.get(located.document.path);
    if (list) list.push(located);
    else byDocument.set(located.document.path, [located]);
  }
  return [...byDocument.entries()].map(([path, documentIssues]) => {
    const first = documentIssues[0] as LocatedIssue;
    const id = `${prefix}doc:${path}`;
    const children = severityGroups(documentIssues, `${id}/`, id, false);
    return {
      kind: 'document' as const,
      id,
      parentId,
      children,
      folderUri: first.folder.folderUri,
      path,
      encoding: first.document.encoding,
      issueCount: documentIssues.length,
      openIssues: documentIssues.filter((located) => isOpenStatus(located.issue.status)).length,
      staleReferences: documentIssues.reduce((sum, located) => sum + staleCount(located.issue.references), 0),
    };
  });
}

function severityGroups(issues: LocatedIssue[], prefix: string, parentId: string | undefined, showDocument: boolean): TreeNode[] {
  const bySeverity = new Map<Severity | null, LocatedIssue[]>();
  for (const located of issues) {
    const list = bySeverity.get(located.issue.severity);
    if (list) list.push(located);
    else bySeverity.set(located.issue.severity, [located]);
  }
  const levels: Array<Severity | null> = [...SEVERITIES, null];
  return levels
    .filter((severity) => bySeverity.has(severity))
    .map((severity) => {
      const id = `${prefix}sev:${severity ?? 'none'}`;
      const members = bySeverity.get(severity) as LocatedIssue[];
      if (showDocument) members.sort(byDocumentPosition);
      return {
        kind: 'severity' as const,
        id,
        parentId,
        severity,
        issueCount: members.length,
        children: members.map((located) => issueNode(located, `${id}/`, id, showDocument, located.issue.references)),
      };
    });
}

function sourceFileGroups(issues: LocatedIssue[], prefix: string, parentId: string | undefined): TreeNode[] {
  const byFile = new Map<string | null, { unresolved: boolean; members: Array<{ located: LocatedIssue; references: IssueReference[] }> }>();
  for (const located of issues) {
    const perFile = new Map<string, IssueReference[]>();
    for (const reference of located.issue.references) {
      const path = reference.resolvedPath ?? reference.path;
      const list = perFile.get(path);
      if (list) list.push(reference);
      else perFile.set(path, [reference]);
    }
    if (perFile.size === 0) addMember(byFile, null, true, located, []);
    for (const [path, references] of perFile) addMember(byFile, path, references.every((reference) => reference.resolvedPath === null), located, references);
  }
  const paths = [...byFile.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : compareStrings(a, b)));
  const folderUri = issues[0]?.folder.folderUri ?? '';
  return paths.map((path) => {
    const group = byFile.get(path) as { unresolved: boolean; members: Array<{ located: LocatedIssue; references: IssueReference[] }> };
    const id = `${prefix}file:${path ?? '(none)'}`;
    group.members.sort((a, b) => severityRank(a.located.issue.severity) - severityRank(b.located.issue.severity) || byDocumentPosition(a.located, b.located));
    return {
      kind: 'sourceFile' as const,
      id,
      parentId,
      folderUri,
      path,
      unresolved: path !== null && group.unresolved,
      issueCount: group.members.length,
      children: group.members.map(({ located, references }) => issueNode(located, `${id}/`, id, true, references)),
    };
  });
}

function addMember(
  byFile: Map<string | null, { unresolved: boolean; members: Array<{ located: LocatedIssue; references: IssueReference[] }> }>,
  path: string | null,
  unresolved: boolean,
  located: LocatedIssue,
  references: IssueReference[],
): void {
  const group = byFile.get(path);
  if (group) {
    group.unresolved &&= unresolved;
    group.members.push({ located, references });
  } else {
    byFile.set(path, { unresolved, members: [{ located, references }] });
  }
}

function issueNode(located: LocatedIssue, prefix: string, parentId: string, showDocument: boolean, references: readonly IssueReference[]): IssueNode {
  const { folder, document, issue } = located;
  const id = `${prefix}issue:${document.path}#${issue.key}`;
  const label = issueLabel(issue);
  return {
    kind: 'issue',
    id,
    parentId,
    folderUri: folder.folderUri,
    documentPath: document.path,
    issue,
    showDocument,
    staleReferences: staleCount(issue.references),
    children: references.map((reference, index) => referenceNode(folder.folderUri, document.path, issue.key, label, reference, `${id}/ref:${index}`, id)),
  };
}

/** A reference node; shared with the Stale References view. */
export function referenceNode(folderUri: string, documentPath: string, issueKey: string, label: string, reference: IssueReference, id: string, parentId: string): ReferenceNode {
  return { kind: 'reference', id, parentId, children: [], folderUri, documentPath, issueKey, issueLabel: label, reference, stale: isStaleState(reference.state) };
}

function staleCount(references: readonly IssueReference[]): number {
  return references.filter((reference) => isStaleState(reference.state)).length;
}

function byDocumentPosition(a: LocatedIssue, b: LocatedIssue): number {
  return compareStrings(a.document.path, b.document.path) || a.issue.range.start.line - b.issue.range.start.line;
}

/** Adds a node and its descendants to the id index. */
export function register(node: TreeNode, nodes: Map<string, TreeNode>): void {
  nodes.set(node.id, node);
  for (const child of node.children) register(child, nodes);
}
