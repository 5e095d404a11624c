// Turns a node's presentation (plain data from the model) into a vscode.TreeItem.
import * as vscode from 'vscode';
import type { TreeNode } from '../model/issueTree';
import { presentNode, type ItemPresentation } from '../model/treePresentation';
import { fileUri } from '../workspacePaths';

const COLLAPSIBLE: Record<ItemPresentation['collapsible'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

/** The tree item of a node of the Issues or Stale References view. */
export function toTreeItem(node: TreeNode): vscode.TreeItem {
  const presentation = presentNode(node);
  const item = new vscode.TreeItem(presentation.label, COLLAPSIBLE[presentation.collapsible]);
  item.id = node.id;
  if (presentation.description !== undefined) item.description = presentation.description;
  item.tooltip = new vscode.MarkdownString(presentation.tooltip);
  item.contextValue = presentation.contextValue;
  if (presentation.resource) item.resourceUri = fileUri(presentation.resource.folderUri, presentation.resource.path);
  item.iconPath = presentation.icon
    ? new vscode.ThemeIcon(presentation.icon.id, presentation.icon.color ? new vscode.ThemeColor(presentation.icon.color) : undefined)
    : vscode.ThemeIcon.File;
  if (presentation.command) item.command = presentation.command;
  return item;
}
