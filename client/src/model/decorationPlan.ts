// Gutter decorations of a source file, from `auditLens/issuesForFile`: each referenced span of
// lines gets the colour of the most severe open issue that claims it. Resolved issues need no
// attention and mark nothing; neither do references to the whole file (the CodeLens shows those).
import { isOpenStatus, issueLabel, type FileIssueEntry, type IssuesForFileResult, type Severity } from './issueData';
import { SEVERITY_NAMES, STATE_NAMES, STATUS_NAMES } from './styles';
import { escapeMarkdown } from './treePresentation';

/** The decoration style of a span: a severity, or `none` for issues that state none. */
export type DecorationLevel = Severity | 'none';

/** One decorated span, zero-based and inclusive, with the issues its hover lists. */
export interface DecoratedSpan {
  startLine: number;
  endLine: number;
  issues: FileIssueEntry[];
}

/** Spans to decorate, by style. */
export type DecorationPlan = Map<DecorationLevel, DecoratedSpan[]>;

/** Plans the decorations of a file with `lineCount` lines; spans past its end are clamped or dropped. */
export function planDecorations(result: IssuesForFileResult | null, lineCount: number): DecorationPlan {
  const plan: DecorationPlan = new Map();
  if (!result || lineCount <= 0) return plan;
  for (const span of result.ranges) {
    if (span.startLine === null) continue;
    const issues = span.issues.filter((issue) => isOpenStatus(issue.status));
    const first = issues[0];
    if (!first) continue;
    const startLine = span.startLine - 1;
    if (startLine < 0 || startLine >= lineCount) continue;
    const endLine = Math.min(Math.max((span.endLine ?? span.startLine) - 1, startLine), lineCount - 1);
    // The server sorts a span's issues most severe first.
    const level: DecorationLevel = first.severity ?? 'none';
    const list = plan.get(level);
    const decorated = { startLine, endLine, issues };
    if (list) list.push(decorated);
    else plan.set(level, [decorated]);
  }
  return plan;
}

/** The markdown hover of a span: each issue as a link that opens it (`openIssueLink` builds the command URI). */
export function spanHover(span: DecoratedSpan, openIssueLink: (issue: FileIssueEntry) => string): string {
  const lines = span.issues.map((issue) => {
    const facts = [issue.severity ? SEVERITY_NAMES[issue.severity] : 'No severity', STATUS_NAMES[issue.status ?? 'open']];
    if (issue.state !== 'ok') facts.push(STATE_NAMES[issue.state]);
    return `- [${escapeMarkdown(issueLabel(issue))}](${openIssueLink(issue)}) · ${escapeMarkdown(facts.join(' · '))} · ${escapeMarkdown(issue.documentPath)}`;
  });
  return [`**Audit Lens**: ${span.issues.length === 1 ? 'an open issue references' : `${span.issues.length} open issues reference`} these lines`, '', ...lines].join('\n');
}

/** The issues whose spans cover a zero-based line, most severe first, each once. */
export function issuesAtLine(result: IssuesForFileResult | null, line: number): FileIssueEntry[] {
  if (!result) return [];
  const found = new Map<string, FileIssueEntry>();
  for (const span of result.ranges) {
    const covers = span.startLine === null || (span.startLine - 1 <= line && line <= (span.endLine ?? span.startLine) - 1);
    if (!covers) continue;
    for (const issue of span.issues) found.set(`${issue.documentPath}\u0000${issue.key}`, issue);
  }
  return [...found.values()];
}
