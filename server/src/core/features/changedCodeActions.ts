// "The code changed since the audit": the issue may be fixed, so the quick fix on a
// `changed-since-audit` diagnostic marks the issue resolved in the document's own convention.
import type { DocumentAnalysis, Range } from '../model';
import { markIssueStatus } from './issueStatusEdits';
import { comparePositions } from './textEdits';
import type { CodeActionResult } from './codeActions';

/** "Mark <issue> resolved" for each open issue whose changed reference lies in `range`. */
export function markChangedResolvedActions(analysis: DocumentAnalysis, range: Range): CodeActionResult[] {
  const seen = new Set<string>();
  const actions: CodeActionResult[] = [];
  for (const diagnostic of analysis.diagnostics) {
    if (diagnostic.code !== 'changed-since-audit' || !overlaps(diagnostic.range, range)) continue;
    const reference = analysis.references.find((candidate) => candidate.state === 'changed' && sameRange(candidate.range, diagnostic.range));
    const key = reference?.issueKey;
    const issue = key ? analysis.issues.find((candidate) => candidate.key === key) : undefined;
    if (!issue || seen.has(issue.key) || issue.status === 'resolved' || issue.status === 'wontfix') continue;
    seen.add(issue.key);
    const edit = markIssueStatus(analysis, issue.key, 'resolved');
    if (!edit || edit.edits.length === 0) continue;
    const label = issue.id ?? `"${issue.title.length > 40 ? `${issue.title.slice(0, 39)}…` : issue.title}"`;
    actions.push({ title: `Mark ${label} resolved (its code changed since the audit)`, kind: 'quickfix', diagnosticsFixed: [{ code: diagnostic.code, range: diagnostic.range }], edit });
  }
  return actions;
}

function overlaps(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}
