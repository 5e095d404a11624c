// Commands of the Issues view's title bar: refresh, grouping, resolved issues, filters.
import * as vscode from 'vscode';
import { Commands } from '../model/commandIds';
import { SEVERITIES, type Severity } from '../model/issueData';
import type { GroupBy } from '../model/issueTree';
import { SEVERITY_NAMES, SEVERITY_COLORS } from '../model/styles';
import type { Services } from '../services';

const GROUPINGS: ReadonlyArray<{ value: GroupBy; label: string; detail: string }> = [
  { value: 'document', label: 'Document', detail: 'Audit document → severity → issue' },
  { value: 'severity', label: 'Severity', detail: 'Severity → issue, across all documents' },
  { value: 'sourceFile', label: 'Source File', detail: 'Referenced file → issue' },
];

/** Registers the view commands. */
export function registerViewCommands(services: Services): vscode.Disposable[] {
  const { issuesView, store } = services;
  return [
    vscode.commands.registerCommand(Commands.refresh, () => store.refresh()),
    vscode.commands.registerCommand(Commands.groupBy, async (value?: unknown) => {
      const given = GROUPINGS.find((grouping) => grouping.value === value);
      const picked =
        given ??
        (await vscode.window.showQuickPick(
          GROUPINGS.map((grouping) => ({ ...grouping, description: grouping.value === issuesView.groupBy ? '(current)' : '' })),
          { title: 'Audit Lens: Group Issues By' },
        ));
      if (picked) issuesView.setGroupBy(picked.value);
    }),
    vscode.commands.registerCommand(Commands.showResolved, () => issuesView.setFilter({ ...issuesView.filter, showResolved: true })),
    vscode.commands.registerCommand(Commands.hideResolved, () => issuesView.setFilter({ ...issuesView.filter, showResolved: false })),
    vscode.commands.registerCommand(Commands.clearFilter, () => issuesView.setFilter({ ...issuesView.filter, severities: [], text: '' })),
    vscode.commands.registerCommand(Commands.filter, (filter?: unknown) => (isFilterArgument(filter) ? applyFilterArgument(services, filter) : pickFilter(services))),
  ];
}

/** A filter passed by a caller (tests, keybindings): any of `showResolved`, `severities`, `text`. */
interface FilterArgument {
  showResolved?: boolean;
  severities?: Severity[];
  text?: string;
}

function isFilterArgument(value: unknown): value is FilterArgument {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return 'showResolved' in candidate || 'severities' in candidate || 'text' in candidate;
}

function applyFilterArgument(services: Services, argument: FilterArgument): void {
  const current = services.issuesView.filter;
  services.issuesView.setFilter({
    showResolved: typeof argument.showResolved === 'boolean' ? argument.showResolved : current.showResolved,
    severities: Array.isArray(argument.severities) ? argument.severities.filter((level) => SEVERITIES.includes(level)) : current.severities,
    text: typeof argument.text === 'string' ? argument.text.trim() : current.text,
  });
}

async function pickFilter(services: Services): Promise<void> {
  const { issuesView } = services;
  const filter = issuesView.filter;
  const choices = [
    { id: 'severity', label: '$(filter) By Severity…', description: filter.severities.length > 0 ? filter.severities.join(', ') : 'all severities' },
    { id: 'text', label: '$(search) By Text…', description: filter.text ? `“${filter.text}”` : 'ID, title or referenced file' },
    { id: 'resolved', label: filter.showResolved ? '$(eye-closed) Hide Resolved Issues' : '$(eye) Show Resolved Issues' },
    { id: 'clear', label: '$(clear-all) Clear Filter' },
  ];
  const choice = await vscode.window.showQuickPick(choices, { title: 'Audit Lens: Filter Issues' });
  if (!choice) return;
  if (choice.id === 'severity') await pickSeverities(services);
  else if (choice.id === 'text') await askText(services);
  else if (choice.id === 'resolved') issuesView.setFilter({ ...filter, showResolved: !filter.showResolved });
  else issuesView.setFilter({ ...filter, severities: [], text: '' });
}

async function pickSeverities(services: Services): Promise<void> {
  const { issuesView } = services;
  const current = new Set(issuesView.filter.severities);
  const items = SEVERITIES.map((severity) => ({
    label: SEVERITY_NAMES[severity],
    severity,
    picked: current.has(severity),
    iconPath: new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor(SEVERITY_COLORS[severity])),
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Audit Lens: Show Issues of These Severities', canPickMany: true, placeHolder: 'Pick none to show every severity' });
  if (!picked) return;
  const severities: Severity[] = picked.map((item) => item.severity);
  issuesView.setFilter({ ...issuesView.filter, severities });
}

async function askText(services: Services): Promise<void> {
  const { issuesView } = services;
  const text = await vscode.window.showInputBox({
    title: 'Audit Lens: Filter Issues by Text',
    value: issuesView.filter.text,
    prompt: 'Shows issues whose ID, title or referenced files contain this text. Empty shows all.',
    placeHolder: 'SEC-0, rate limit, settings.py…',
  });
  if (text !== undefined) issuesView.setFilter({ ...issuesView.filter, text: text.trim() });
}
