// How each node of the Issues and Stale References views looks: label, description, markdown
// tooltip, icon, context value and click command, as plain data the view adapter turns into a
// vscode.TreeItem.
import { Commands, type OpenIssueArguments } from './commandIds';
import { isOpenStatus, issueLabel, referenceLabel, type Issue } from './issueData';
import type { DocumentNode, FolderNode, IssueNode, MessageNode, ReferenceNode, SeverityNode, SourceFileNode, TreeNode } from './issueTree';
import { issueIcon, referenceIcon, SEVERITY_NAMES, severityIcon, STATE_NAMES, STATUS_NAMES, type IconSpec } from './styles';

/** A command a tree item runs when clicked. */
export interface ItemCommand {
  command: string;
  title: string;
  arguments: unknown[];
}

/** Everything a tree item shows, without VS Code types. */
export interface ItemPresentation {
  label: string;
  description?: string;
  /** Markdown. */
  tooltip: string;
  /** A codicon; absent where the item shows its file's icon. */
  icon?: IconSpec;
  /** The workspace file the item stands for, so the view shows the theme's file icon. */
  resource?: { folderUri: string; path: string };
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  command?: ItemCommand;
}

/** How a node looks in its view. */
export function presentNode(node: TreeNode): ItemPresentation {
  switch (node.kind) {
    case 'folder':
      return presentFolder(node);
    case 'document':
      return presentDocument(node);
    case 'severity':
      return presentSeverity(node);
    case 'sourceFile':
      return presentSourceFile(node);
    case 'issue':
      return presentIssue(node);
    case 'reference':
      return presentReference(node);
    case 'message':
      return presentMessage(node);
  }
}

function presentFolder(node: FolderNode): ItemPresentation {
  return { label: node.name, tooltip: escapeMarkdown(node.name), icon: { id: 'root-folder' }, contextValue: 'folder', collapsible: 'expanded' };
}

function presentDocument(node: DocumentNode): ItemPresentation {
  const slash = node.path.lastIndexOf('/');
  const directory = slash >= 0 ? node.path.slice(0, slash) : '';
  const staleView = node.id.startsWith('stale');
  const count = staleView ? plural(node.staleReferences, 'stale reference') : `${node.openIssues} open`;
  const flags = [...(node.staleReferences > 0 ? ['stale'] : []), ...(node.encoding === 'mojibake-repaired' ? ['mojibake'] : [])];
  const tooltip = [
    `**${escapeMarkdown(node.path)}**`,
    '',
    `${plural(node.issueCount, 'issue')} (${node.openIssues} open) · ${plural(node.staleReferences, 'stale reference')}`,
    ...(node.encoding === 'mojibake-repaired' ? ['', 'Mojibake: read as repaired. Run **Repair Encoding** to fix the file.'] : []),
    ...(node.encoding === 'invalid-utf-8' ? ['', 'Not valid UTF-8: some characters could not be read.'] : []),
  ].join('\n');
  return {
    label: node.path.slice(slash + 1),
    description: [directory, count].filter((part) => part !== '').join(' · '),
    tooltip,
    resource: { folderUri: node.folderUri, path: node.path },
    contextValue: `document:${flags.join(':')}`,
    collapsible: 'expanded',
  };
}

function presentSeverity(node: SeverityNode): ItemPresentation {
  const name = node.severity ? SEVERITY_NAMES[node.severity] : 'No severity';
  return {
    label: name,
    description: String(node.issueCount),
    tooltip: `${plural(node.issueCount, `${node.severity ?? 'unrated'} issue`)}`,
    icon: severityIcon(node.severity),
    contextValue: 'severity',
    collapsible: 'expanded',
  };
}

function presentSourceFile(node: SourceFileNode): ItemPresentation {
  if (node.path === null) {
    return { label: 'No code references', description: String(node.issueCount), tooltip: 'Issues that reference no code.', icon: { id: 'circle-slash' }, contextValue: 'sourceFile:none', collapsible: 'collapsed' };
  }
  const slash = node.path.lastIndexOf('/');
  const directory = slash >= 0 ? node.path.slice(0, slash) : '';
  const missing = node.unresolved ? 'not found' : '';
  return {
    label: node.path.slice(slash + 1),
    description: [directory, plural(node.issueCount, 'issue'), missing].filter((part) => part !== '').join(' · '),
    tooltip: `**${escapeMarkdown(node.path)}**\n\n${plural(node.issueCount, 'issue')} reference${node.issueCount === 1 ? 's' : ''} this file${node.unresolved ? ', which is not in the workspace' : ''}.`,
    ...(node.unresolved ? { icon: { id: 'warning', color: 'list.warningForeground' } } : { resource: { folderUri: node.folderUri, path: node.path } }),
    contextValue: node.unresolved ? 'sourceFile:missing' : 'sourceFile',
    collapsible: 'collapsed',
  };
}

function presentIssue(node: IssueNode): ItemPresentation {
  const { issue } = node;
  const references = issue.references.length;
  const description = [
    statusText(issue),
    plural(references, 'ref'),
    ...(node.staleReferences > 0 ? [`${node.staleReferences} stale`] : []),
    ...(maybeFixed(issue) ? ['maybe fixed'] : []),
    ...(node.showDocument ? [basename(node.documentPath)] : []),
  ].join(' · ');
  const argument: OpenIssueArguments = { folderUri: node.folderUri, documentPath: node.documentPath, key: issue.key, line: issue.range.start.line };
  return {
    label: issueLabel(issue),
    description,
    tooltip: issueTooltip(issue, node.documentPath, node.staleReferences),
    icon: issueIcon(issue.severity, issue.status),
    contextValue: `issue:${isOpenStatus(issue.status) ? 'open' : 'closed'}`,
    collapsible: node.children.length > 0 ? 'collapsed' : 'none',
    command: { command: Commands.openIssue, title: 'Open Issue', arguments: [argument] },
  };
}

function presentReference(node: ReferenceNode): ItemPresentation {
  const { reference } = node;
  const written = reference.path !== (reference.resolvedPath ?? reference.path);
  const parts = [
    ...(reference.state === 'ok' ? [] : [STATE_NAMES[reference.state]]),
    ...(reference.state === 'ambiguous' ? [`${reference.candidates.length} candidates`] : []),
    ...(written ? [`written ${reference.path}`] : []),
    ...(node.id.startsWith('stale') ? [node.issueLabel] : []),
    ...(reference.inCode ? ['in code block'] : []),
  ];
  const position = `${node.documentPath}:${reference.range.start.line + 1}`;
  const tooltip = [
    `**${escapeMarkdown(referenceLabel(reference))}**: ${escapeMarkdown(STATE_NAMES[reference.state])}`,
    ...(reference.reason ? ['', escapeMarkdown(reference.reason)] : []),
    ...(reference.state === 'ambiguous' && reference.candidates.length > 0 ? ['', ...reference.candidates.map((candidate) => `- ${escapeMarkdown(candidate)}`)] : []),
    '',
    `${escapeMarkdown(node.issueLabel)}, ${escapeMarkdown(position)}`,
  ].join('\n');
  return {
    label: referenceLabel(reference),
    ...(parts.length > 0 ? { description: parts.join(' · ') } : {}),
    tooltip,
    icon: referenceIcon(reference.state),
    contextValue: `reference:${node.stale ? 'stale' : 'ok'}`,
    collapsible: 'none',
    command: { command: Commands.goToReference, title: 'Go to Reference', arguments: [node] },
  };
}

function presentMessage(node: MessageNode): ItemPresentation {
  const command = node.id === 'message:resolved' ? Commands.showResolved : Commands.clearFilter;
  return { label: node.text, tooltip: escapeMarkdown(node.text), icon: { id: 'info' }, contextValue: 'message', collapsible: 'none', command: { command, title: node.text, arguments: [] } };
}

/** The status as the tree says it; no status counts as open, as the core counts it. */
export function statusText(issue: Pick<Issue, 'status'>): string {
  return STATUS_NAMES[issue.status ?? 'open'];
}

/** The issue's markdown tooltip: title, severity and status, where it is, its fields and references. */
export function issueTooltip(issue: Issue, documentPath: string, staleReferences: number): string {
  const heading = issue.id ? `**${escapeMarkdown(issue.id)}** ${escapeMarkdown(issue.title)}` : `**${escapeMarkdown(issue.title)}**`;
  const facts = [issue.severity ? SEVERITY_NAMES[issue.severity] : 'No severity', statusText(issue), `${documentPath}:${issue.range.start.line + 1}`];
  const lines = [heading, '', escapeMarkdown(facts.join(' · '))];
  if (issue.sectionPath.length > 0) lines.push('', `*${escapeMarkdown(issue.sectionPath.join(' › '))}*`);
  const fields = Object.entries(issue.fields).filter(([name]) => name !== 'status' && name !== 'severity');
  if (fields.length > 0) lines.push('', ...fields.slice(0, 8).map(([name, value]) => `- ${escapeMarkdown(capitalize(name))}: ${escapeMarkdown(truncate(value, 120))}`));
  if (issue.dependencies.length > 0) lines.push('', `Depends on ${escapeMarkdown(issue.dependencies.join(', '))}`);
  lines.push('', `${plural(issue.references.length, 'code reference')}${staleReferences > 0 ? `, ${staleReferences} stale` : ''}`);
  if (maybeFixed(issue)) lines.push('', 'Maybe fixed: all the code it references changed since the audit line was written.');
  return lines.join('\n');
}

/** An open issue whose referenced code all changed (or went) since the audit: the fix may have landed. */
export function maybeFixed(issue: Issue): boolean {
  const checked = issue.references.filter((reference) => !reference.inCode && reference.startLine !== null);
  return isOpenStatus(issue.status) && checked.length > 0 && checked.every((reference) => reference.state === 'changed' || reference.state === 'deleted');
}

/** Escapes text so markdown shows it as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** `1 issue`, `3 issues`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
