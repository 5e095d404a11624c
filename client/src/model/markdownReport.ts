// The Markdown export of "Export Report": what the Issues view knows, written as a document a
// team can paste into a pull request or a wiki. JSON and SARIF come from the bundled CLI instead.
import { isOpenStatus, isStaleState, issueLabel, referenceLabel, SEVERITIES, type FolderIssues, type Issue } from './issueData';
import { SEVERITY_NAMES, STATE_NAMES, STATUS_NAMES } from './styles';

/** Renders the report of one or more folders; `generatedAt` is an ISO date-time. */
export function renderMarkdownReport(folders: readonly FolderIssues[], generatedAt: string): string {
  const lines: string[] = ['# Audit Lens Report', '', `Generated ${generatedAt}.`, ''];
  for (const folder of folders) {
    const { result } = folder;
    if (folders.length > 1) lines.push(`## ${cell(folder.name)}`, '');
    const counts = result.counts;
    lines.push(
      `**${counts.openIssues} open** of ${counts.issues} issues in ${result.documents.length} documents · ` +
        `**${counts.staleReferences} stale** of ${counts.references} code references${result.indexing ? ' (indexing was still running)' : ''}.`,
      '',
    );
    const heading = folders.length > 1 ? '###' : '##';
    lines.push(`${heading} Open issues by severity`, '', '| Severity | Open | Total |', '|---|---:|---:|');
    for (const severity of [...SEVERITIES, null]) {
      const issues = result.documents.flatMap((document) => document.issues).filter((issue) => issue.severity === severity);
      if (issues.length === 0) continue;
      lines.push(`| ${severity ? SEVERITY_NAMES[severity] : 'No severity'} | ${issues.filter((issue) => isOpenStatus(issue.status)).length} | ${issues.length} |`);
    }
    lines.push('');
    for (const document of result.documents) {
      lines.push(`${heading} ${cell(document.path)}`, '', '| ID | Issue | Severity | Status | References |', '|---|---|---|---|---|');
      for (const issue of document.issues) lines.push(issueRow(issue));
      lines.push('');
      const stale = document.issues.flatMap((issue) => issue.references.filter((reference) => isStaleState(reference.state)).map((reference) => ({ issue, reference })));
      if (stale.length === 0) continue;
      lines.push('Stale references:', '');
      for (const { issue, reference } of stale) {
        const where = `${document.path}:${reference.range.start.line + 1}`;
        lines.push(`- \`${code(referenceLabel(reference))}\` (${STATE_NAMES[reference.state]}) in ${cell(issueLabel(issue))}, ${cell(where)}${reference.reason ? `: ${cell(reference.reason)}` : ''}`);
      }
      lines.push('');
    }
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function issueRow(issue: Issue): string {
  const stale = issue.references.filter((reference) => isStaleState(reference.state)).length;
  const references = issue.references.length === 0 ? '-' : `${issue.references.length}${stale > 0 ? ` (${stale} stale)` : ''}`;
  return `| ${cell(issue.id ?? '')} | ${cell(issue.title)} | ${issue.severity ? SEVERITY_NAMES[issue.severity] : ''} | ${STATUS_NAMES[issue.status ?? 'open']} | ${references} |`;
}

/** Text safe inside a table cell or a list item: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|');
}

/** Text safe inside a code span. */
function code(text: string): string {
  return text.replace(/`/g, "'");
}
