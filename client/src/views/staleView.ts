// The Stale References view: every stale reference by document, each with its quick fix inline.
import * as vscode from 'vscode';
import type { IssuesStore } from '../issuesStore';
import { Views } from '../model/commandIds';
import type { TreeNode } from '../model/issueTree';
import { buildStaleTree, type StaleTree } from '../model/staleTree';
import { plural } from '../model/treePresentation';
import { toTreeItem } from './treeItems';

/** The Stale References view. */
export class StaleView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined | void>();
  private readonly disposables: vscode.Disposable[] = [];
  private current: StaleTree = buildStaleTree([]);
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: IssuesStore) {
    this.treeView = vscode.window.createTreeView(Views.stale, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(this.treeView, this.changed, store.onDidChange(() => this.rebuild()));
    this.rebuild();
  }

  /** The model the view shows now. */
  get tree(): StaleTree {
    return this.current;
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
    this.current = buildStaleTree(this.store.snapshot);
    const count = this.current.staleReferences;
    this.treeView.description = count > 0 ? plural(count, 'reference') : undefined;
    this.changed.fire();
  }
}
