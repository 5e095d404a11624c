// The Issues view: a TreeDataProvider over the model in model/issueTree.ts, with grouping and
// filters kept per workspace, the open-issue badge, and reveal for "Reveal in Issues View".
import * as vscode from 'vscode';
import type { IssuesStore } from '../issuesStore';
import { ContextKeys, Views } from '../model/commandIds';
import { buildIssueTree, DEFAULT_FILTER, describeFilter, findIssueNode, isFiltered, type GroupBy, type IssueFilter, type IssueTree, type TreeNode } from '../model/issueTree';
import { plural } from '../model/treePresentation';
import { toTreeItem } from './treeItems';

const GROUP_BY_KEY = 'auditLens.issues.groupBy';
const FILTER_KEY = 'auditLens.issues.filter';

/** The Issues view and its state. */
export class IssuesView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined | void>();
  private readonly disposables: vscode.Disposable[] = [];
  private current: IssueTree;
  private groupByValue: GroupBy;
  private filterValue: IssueFilter;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: IssuesStore, private readonly memento: vscode.Memento) {
    this.groupByValue = readGroupBy(memento.get<unknown>(GROUP_BY_KEY));
    this.filterValue = readFilter(memento.get<unknown>(FILTER_KEY));
    this.current = buildIssueTree([], this.groupByValue, this.filterValue);
    this.treeView = vscode.window.createTreeView(Views.issues, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(this.treeView, this.changed, store.onDidChange(() => this.rebuild()));
    this.rebuild();
  }

  /** The model the view shows now. */
  get tree(): IssueTree {
    return this.current;
  }

  get groupBy(): GroupBy {
    return this.groupByValue;
  }

  get filter(): IssueFilter {
    return this.filterValue;
  }

  /** Regroups the view and remembers the choice for this workspace. */
  setGroupBy(groupBy: GroupBy): void {
    this.groupByValue = groupBy;
    void this.memento.update(GROUP_BY_KEY, groupBy);
    this.rebuild();
  }

  /** Changes the filter and remembers it for this workspace. */
  setFilter(filter: IssueFilter): void {
    this.filterValue = { showResolved: filter.showResolved, severities: [...filter.severities], text: filter.text };
    void this.memento.update(FILTER_KEY, this.filterValue);
    this.rebuild();
  }

  /** Selects and shows an issue; false when the filter hides it. */
  async reveal(folderUri: string, documentPath: string, key: string): Promise<boolean> {
    const node = findIssueNode(this.current, folderUri, documentPath, key);
    if (!node) return false;
    await this.treeView.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? node.children : this.current.roots;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parentId === undefined ? undefined : this.current.nodes.get(node.parentId);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private rebuild(): void {
    this.current = buildIssueTree(this.store.snapshot, this.groupByValue, this.filterValue);
    const { badge, totals } = this.current;
    this.treeView.badge = badge > 0 ? { value: badge, tooltip: plural(badge, 'open audit issue') } : undefined;
    this.treeView.message = describeFilter(this.current) ?? (totals.indexing && totals.issues > 0 ? 'Indexing audit documents…' : undefined);
    void vscode.commands.executeCommand('setContext', ContextKeys.issueCount, totals.issues);
    void vscode.commands.executeCommand('setContext', ContextKeys.showResolved, this.filterValue.showResolved);
    void vscode.commands.executeCommand('setContext', ContextKeys.filtered, isFiltered(this.filterValue));
    this.changed.fire();
  }
}

function readGroupBy(value: unknown): GroupBy {
  return value === 'severity' || value === 'sourceFile' || value === 'document' ? value : 'document';
}

/** Reads a stored filter defensively: an older or damaged value falls back to the default. */
function readFilter(value: unknown): IssueFilter {
  if (typeof value !== 'object' || value === null) return DEFAULT_FILTER;
  const stored = value as Record<string, unknown>;
  const severities = Array.isArray(stored['severities'])
    ? stored['severities'].filter((level): level is IssueFilter['severities'][number] => ['critical', 'high', 'medium', 'low', 'info'].includes(level as string))
    : [];
  return {
    showResolved: stored['showResolved'] === true,
    severities,
    text: typeof stored['text'] === 'string' ? stored['text'] : '',
  };
}
