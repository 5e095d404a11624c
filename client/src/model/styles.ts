// How severities, statuses and reference states look: codicon ids and theme colour ids, kept as
// plain strings so the tree's presentation can be tested without VS Code.
import type { IssueStatus, ReferenceState, Severity } from './issueData';

/** A codicon and the theme colour to paint it with. */
export interface IconSpec {
  id: string;
  color?: string;
}

/** Theme colour of each severity; issues without one use the default foreground. */
export const SEVERITY_COLORS: Readonly<Record<Severity, string>> = {
  critical: 'charts.red',
  high: 'charts.orange',
  medium: 'charts.yellow',
  low: 'charts.blue',
  // There is no charts.gray; the description colour is the theme's own quiet grey.
  info: 'descriptionForeground',
};

/** Words for severities, as people read them in the tree. */
export const SEVERITY_NAMES: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** Words for statuses. */
export const STATUS_NAMES: Readonly<Record<IssueStatus, string>> = {
  open: 'open',
  'in-progress': 'in progress',
  resolved: 'resolved',
  wontfix: "won't fix",
};

/** Words for reference states, as the tree's descriptions say them. */
export const STATE_NAMES: Readonly<Record<ReferenceState, string>> = {
  ok: 'ok',
  'missing-file': 'missing file',
  'line-out-of-range': 'line out of range',
  ambiguous: 'ambiguous',
  'outside-workspace': 'outside the workspace',
  proposed: 'proposed file',
  moved: 'moved',
  changed: 'changed',
  deleted: 'deleted',
  unverified: 'unverified',
};

/** The colour stale references are painted with. */
export const STALE_COLOR = 'list.warningForeground';

/** An issue's icon: the shape says the status, the colour the severity. */
export function issueIcon(severity: Severity | null, status: IssueStatus | null): IconSpec {
  const color = severity ? SEVERITY_COLORS[severity] : undefined;
  switch (status) {
    case 'resolved':
      return { id: 'pass', color: 'testing.iconPassed' };
    case 'wontfix':
      return { id: 'circle-slash', color: 'disabledForeground' };
    case 'in-progress':
      return withColor('issue-draft', color);
    default:
      return withColor('issue-opened', color);
  }
}

/** A severity group's icon. */
export function severityIcon(severity: Severity | null): IconSpec {
  return severity ? { id: 'circle-filled', color: SEVERITY_COLORS[severity] } : { id: 'circle-outline' };
}

/** A reference's icon: one shape per state, stale ones in the warning colour. */
export function referenceIcon(state: ReferenceState): IconSpec {
  switch (state) {
    case 'ok':
      return { id: 'file-code' };
    case 'missing-file':
      return { id: 'warning', color: STALE_COLOR };
    case 'line-out-of-range':
      return { id: 'list-unordered', color: STALE_COLOR };
    case 'ambiguous':
      return { id: 'question', color: STALE_COLOR };
    case 'outside-workspace':
      return { id: 'shield', color: STALE_COLOR };
    case 'moved':
      return { id: 'arrow-right', color: STALE_COLOR };
    case 'changed':
      return { id: 'diff-modified', color: STALE_COLOR };
    case 'deleted':
      return { id: 'trash', color: STALE_COLOR };
    case 'proposed':
      return { id: 'new-file', color: 'descriptionForeground' };
    case 'unverified':
      return { id: 'circle-outline', color: 'descriptionForeground' };
  }
}

function withColor(id: string, color: string | undefined): IconSpec {
  return color ? { id, color } : { id };
}
