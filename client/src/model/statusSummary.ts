// The status bar item's text and tooltip, from the totals of the Issues view.
import type { IssueTotals } from './issueTree';
import { plural } from './treePresentation';

/** What the status bar item shows. */
export interface StatusBarContent {
  text: string;
  /** Markdown. */
  tooltip: string;
  /** Hidden in workspaces without audit issues (most workspaces with a README), where it would only be noise. */
  visible: boolean;
}

/** `$(checklist) 7 open · 3 stale`, with a spinner while the first index is still being built. */
export function statusBarContent(totals: IssueTotals, serverState: 'starting' | 'running' | 'stopped'): StatusBarContent {
  if (serverState === 'stopped') {
    return { text: '$(error) Audit Lens', tooltip: 'The Audit Lens server is not running. Click to open the Issues view and restart it.', visible: true };
  }
  const icon = totals.indexing || serverState === 'starting' ? '$(sync~spin)' : '$(checklist)';
  const text = `${icon} ${totals.openIssues} open · ${totals.staleReferences} stale`;
  const lines = [
    `**Audit Lens**: ${plural(totals.openIssues, 'open issue')} of ${totals.issues} in ${plural(totals.documents, 'document')}`,
    '',
    `${plural(totals.staleReferences, 'stale reference')} of ${totals.references}`,
  ];
  if (totals.indexing) lines.push('', 'Indexing: the numbers may still grow.');
  lines.push('', 'Click to show the Issues view.');
  // The server shows its own progress while indexing; the item appears once there is something to count.
  return { text, tooltip: lines.join('\n'), visible: totals.issues > 0 };
}
