// Open Issue, Go to Reference and Reveal in Issues View.
import * as vscode from 'vscode';
import { DefinitionRequest, type Definition, type DefinitionLink } from 'vscode-languageclient/node';
import { Commands, Views } from '../model/commandIds';
import { issueLabel, referenceLabel, type IssueReference } from '../model/issueData';
import { allReferences } from '../model/issueLookup';
import type { ReferenceNode, TreeNode } from '../model/issueTree';
import { referenceIcon, STATE_NAMES } from '../model/styles';
import type { Services } from '../services';
import { fileUri, linesRange, showRange } from '../workspacePaths';
import { folderOfDocument, issuesAtCursor, pickIssue, targetFromArgument, type IssueTarget } from './issueTargets';

/** Registers the navigation commands. */
export function registerNavigationCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.openIssue, (argument?: unknown) => openIssue(services, argument)),
    vscode.commands.registerCommand(Commands.goToReference, (argument?: unknown) => goToReference(services, argument)),
    vscode.commands.registerCommand(Commands.revealInIssuesView, () => revealInIssuesView(services)),
  ];
}

async function openIssue(services: Services, argument: unknown): Promise<void> {
  const target = targetFromArgument(services, argument) ?? (await pickIssue(services, 'Audit Lens: Open Issue'));
  if (target) await showIssue(services, target);
}

/** Opens an issue's audit document with the issue's first line at the top. */
export async function showIssue(services: Services, target: IssueTarget): Promise<void> {
  const folderUri = target.folderUri ?? (await folderOfDocument(services, target.documentPath));
  if (!folderUri) {
    void vscode.window.showWarningMessage(`Audit Lens cannot find ${target.documentPath} in this workspace.`);
    return;
  }
  const position = new vscode.Position(Math.max(target.line, 0), 0);
  const editor = await showRange(fileUri(folderUri, target.documentPath), new vscode.Range(position, position), { preview: false });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
}

function isReferenceNode(value: unknown): value is ReferenceNode {
  return typeof value === 'object' && value !== null && (value as TreeNode).kind === 'reference' && 'reference' in value;
}

async function goToReference(services: Services, argument: unknown): Promise<void> {
  const node = isReferenceNode(argument) ? argument : await pickReference(services);
  if (node) await openReference(services, node.folderUri, node.documentPath, node.reference);
}

async function pickReference(services: Services): Promise<ReferenceNode | undefined> {
  const items = allReferences(services.store.snapshot).map((entry) => {
    const icon = referenceIcon(entry.reference.state);
    const label = issueLabel(entry.issue);
    return {
      label: referenceLabel(entry.reference),
      description: [label, entry.reference.state === 'ok' ? '' : STATE_NAMES[entry.reference.state]].filter((part) => part !== '').join(' · '),
      detail: `${entry.documentPath}:${entry.reference.range.start.line + 1}`,
      iconPath: new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined),
      node: { kind: 'reference', id: '', parentId: undefined, children: [], folderUri: entry.folderUri, documentPath: entry.documentPath, issueKey: entry.issue.key, issueLabel: label, reference: entry.reference, stale: false } satisfies ReferenceNode,
    };
  });
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Audit Lens found no code references.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Audit Lens: Go to Reference', matchOnDescription: true, matchOnDetail: true });
  return picked?.node;
}

/**
 * Opens the code a reference points at, where the server says it is now (edits since the audit
 * was written move lines). A reference with nothing to open shows its place in the document.
 */
async function openReference(services: Services, folderUri: string, documentPath: string, reference: IssueReference): Promise<void> {
  const documentUri = fileUri(folderUri, documentPath);
  const whereWritten = new vscode.Range(reference.range.start.line, reference.range.start.character, reference.range.end.line, reference.range.end.character);
  if (reference.resolvedPath === null || reference.state === 'missing-file' || reference.state === 'outside-workspace') {
    await showRange(documentUri, whereWritten);
    if (reference.reason) vscode.window.setStatusBarMessage(`$(warning) ${reference.reason}`, 8000);
    return;
  }
  const targets = await currentTargets(services, documentUri, whereWritten.start);
  const fallback = [{ uri: fileUri(folderUri, reference.resolvedPath), range: reference.startLine === null ? undefined : linesRange(reference.startLine, reference.endLine) }];
  const candidates = targets.length > 0 ? targets : fallback;
  let chosen = candidates[0];
  if (candidates.length > 1) {
    const picked = await vscode.window.showQuickPick(
      candidates.map((candidate) => ({ label: vscode.workspace.asRelativePath(candidate.uri, false), candidate })),
      { title: `${referenceLabel(reference)} matches ${candidates.length} files`, placeHolder: 'Pick the file the audit means' },
    );
    chosen = picked?.candidate;
  }
  if (!chosen) return;
  const lineWise = reference.state === 'line-out-of-range' ? undefined : chosen.range;
  await showRange(chosen.uri, lineWise);
  if (reference.state !== 'ok' && reference.reason) vscode.window.setStatusBarMessage(`$(warning) ${reference.reason}`, 8000);
}

/** Where the server's definition provider says the reference at this position points now. */
async function currentTargets(services: Services, documentUri: vscode.Uri, position: vscode.Position): Promise<Array<{ uri: vscode.Uri; range: vscode.Range | undefined }>> {
  if (!services.client.isRunning()) return [];
  try {
    const converter = services.client.code2ProtocolConverter;
    const answer: Definition | DefinitionLink[] | null = await services.client.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: converter.asUri(documentUri) },
      position: converter.asPosition(position),
    });
    if (!answer) return [];
    const list = Array.isArray(answer) ? answer : [answer];
    const protocol = services.client.protocol2CodeConverter;
    return list.map((entry) =>
      'targetUri' in entry
        ? { uri: protocol.asUri(entry.targetUri), range: protocol.asRange(entry.targetSelectionRange ?? entry.targetRange) }
        : { uri: protocol.asUri(entry.uri), range: protocol.asRange(entry.range) },
    );
  } catch {
    return [];
  }
}

async function revealInIssuesView(services: Services): Promise<void> {
  const candidates = await issuesAtCursor(services, vscode.window.activeTextEditor);
  await vscode.commands.executeCommand(`${Views.issues}.focus`);
  const target = candidates.length > 1 ? await pickIssue(services, 'Audit Lens: Reveal Which Issue?', undefined, candidates) : candidates[0];
  if (!target) {
    if (candidates.length === 0) vscode.window.setStatusBarMessage('Audit Lens: no audit issue at the cursor.', 4000);
    return;
  }
  const folderUri = target.folderUri ?? (await folderOfDocument(services, target.documentPath));
  if (!folderUri) return;
  if (await services.issuesView.reveal(folderUri, target.documentPath, target.key)) return;
  const choice = await vscode.window.showInformationMessage(`${target.label} is hidden by the Issues view's filter.`, 'Show All Issues');
  if (choice !== 'Show All Issues') return;
  services.issuesView.setFilter({ showResolved: true, severities: [], text: '' });
  await services.issuesView.reveal(folderUri, target.documentPath, target.key);
}
