// Finds the issue a command is about: a tree node it was given, the issue at the cursor of an
// audit document, the issues on the cursor's line of a source file, or one the user picks.
import * as vscode from 'vscode';
import { IssuesForFileRequest } from '../../../server/src/protocol';
import { isOpenIssueArguments } from '../model/commandIds';
import { issuesAtLine } from '../model/decorationPlan';
import { isOpenStatus, issueLabel, severityRank, type IssueStatus } from '../model/issueData';
import { allIssues, findIssue, issueAtLine } from '../model/issueLookup';
import type { IssueNode, TreeNode } from '../model/issueTree';
import { issueIcon, SEVERITY_NAMES, STATUS_NAMES } from '../model/styles';
import type { Services } from '../services';
import { fileUri, locate } from '../workspacePaths';

/** An issue a command acts on. */
export interface IssueTarget {
  folderUri: string | undefined;
  documentPath: string;
  key: string;
  /** 0-based line of the issue in its document, as last known. */
  line: number;
  label: string;
  status: IssueStatus | null;
}

/** True for an Issues view node of an issue. */
export function isIssueNode(value: unknown): value is IssueNode {
  return typeof value === 'object' && value !== null && (value as TreeNode).kind === 'issue' && 'issue' in value;
}

/** The target a command's argument names: an issue node or `{ documentPath, key, line }`. */
export function targetFromArgument(services: Services, argument: unknown): IssueTarget | undefined {
  if (isIssueNode(argument)) {
    const { issue } = argument;
    return { folderUri: argument.folderUri, documentPath: argument.documentPath, key: issue.key, line: issue.range.start.line, label: issueLabel(issue), status: issue.status };
  }
  if (!isOpenIssueArguments(argument)) return undefined;
  const found = findIssue(services.store.snapshot, argument.folderUri, argument.documentPath, argument.key);
  return {
    folderUri: argument.folderUri ?? found?.folderUri,
    documentPath: argument.documentPath,
    key: argument.key,
    line: found?.issue.range.start.line ?? argument.line,
    label: found ? issueLabel(found.issue) : argument.key,
    status: found?.issue.status ?? null,
  };
}

/** Issues at the cursor: the enclosing issue in an audit document, or those referencing the line of a source file. */
export async function issuesAtCursor(services: Services, editor: vscode.TextEditor | undefined): Promise<IssueTarget[]> {
  if (!editor) return [];
  const location = locate(editor.document.uri);
  if (!location) return [];
  const line = editor.selection.active.line;
  const inDocument = issueAtLine(services.store.snapshot, location.folderUri, location.path, line);
  if (inDocument) {
    const { issue } = inDocument;
    return [{ folderUri: location.folderUri, documentPath: location.path, key: issue.key, line: issue.range.start.line, label: issueLabel(issue), status: issue.status }];
  }
  let result = services.decorations.resultFor(editor.document.uri);
  if (result === undefined && services.client.isRunning()) {
    try {
      result = await services.client.sendRequest(IssuesForFileRequest.type, { uri: services.client.code2ProtocolConverter.asUri(editor.document.uri) });
    } catch {
      result = null;
    }
  }
  return issuesAtLine(result ?? null, line).map((entry) => ({
    folderUri: location.folderUri,
    documentPath: entry.documentPath,
    key: entry.key,
    line: entry.issueLine,
    label: issueLabel(entry),
    status: entry.status,
  }));
}

/** Lets the user pick one issue; `keep` narrows the list (e.g. open issues only). */
export async function pickIssue(services: Services, title: string, keep: (status: IssueStatus | null) => boolean = () => true, candidates?: IssueTarget[]): Promise<IssueTarget | undefined> {
  const targets =
    candidates ??
    allIssues(services.store.snapshot)
      .filter((location) => keep(location.issue.status))
      .sort((a, b) => severityRank(a.issue.severity) - severityRank(b.issue.severity))
      .map((location) => ({
        folderUri: location.folderUri,
        documentPath: location.documentPath,
        key: location.issue.key,
        line: location.issue.range.start.line,
        label: issueLabel(location.issue),
        status: location.issue.status,
      }));
  if (targets.length === 0) {
    void vscode.window.showInformationMessage('Audit Lens found no matching issues.');
    return undefined;
  }
  const items = targets.map((target) => {
    const found = findIssue(services.store.snapshot, target.folderUri, target.documentPath, target.key);
    const severity = found?.issue.severity ?? null;
    const icon = issueIcon(severity, target.status);
    return {
      label: target.label,
      description: [severity ? SEVERITY_NAMES[severity] : '', STATUS_NAMES[target.status ?? 'open']].filter((part) => part !== '').join(' · '),
      detail: `${target.documentPath}:${target.line + 1}`,
      iconPath: new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined),
      target,
    };
  });
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDescription: true, matchOnDetail: true, placeHolder: 'Type an ID, a title or a document' });
  return picked?.target;
}

/** The workspace folder that holds an audit document a lens named without its folder. */
export async function folderOfDocument(services: Services, documentPath: string): Promise<string | undefined> {
  const active = vscode.window.activeTextEditor ? locate(vscode.window.activeTextEditor.document.uri) : undefined;
  const known = services.store.snapshot.filter((folder) => folder.result.documents.some((document) => document.path === documentPath)).map((folder) => folder.folderUri);
  if (active && known.includes(active.folderUri)) return active.folderUri;
  if (known[0]) return known[0];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      await vscode.workspace.fs.stat(fileUri(folder.uri.toString(), documentPath));
      return folder.uri.toString();
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

/** True for statuses that Mark Resolved applies to. */
export function needsResolving(status: IssueStatus | null): boolean {
  return isOpenStatus(status);
}
