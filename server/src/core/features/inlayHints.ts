// Inlay hints in source files: at the end of each line an audit issue points at, the issue's ID
// and severity (`◀ P0-02 critical`), so the finding is visible where the code is read.
import type { IndexedReference, IndexView } from '../index/indexView';
import type { AuditIssue, Position, Range } from '../model';
import type { CancellationSignal } from '../workspace';
import { compareText, severityRank } from './positions';

/** One hint at the end of a referenced line. */
export interface IssueInlayHint {
  /** The end of the referenced line in the given text. */
  position: Position;
  /** `◀ P0-02 critical`, or several issues joined: `◀ P0-02 critical, SEC-01 high`. */
  label: string;
  /** One line per issue: label, title and where its document names it. */
  tooltip: string;
  issues: Array<{ documentPath: string; key: string }>;
}

/** What the hints show. */
export interface InlayHintOptions {
  /** Show resolved and won't-fix issues too. */
  showResolved?: boolean;
  /** Only lines in this range (the editor's visible part); every line when omitted. */
  range?: Range;
}

/** Longest title shown for an issue with no ID. */
const MAX_UNNAMED_TITLE_CHARS = 32;

/** Hints for a source file, placed using its current text; lines the text does not have get none. */
export function inlayHints(view: IndexView, path: string, text: string, signal: CancellationSignal, options: InlayHintOptions = {}): IssueInlayHint[] {
  const byLine = issuesByLine(view.referencesTo(path), signal, options);
  if (byLine.size === 0) return [];
  const lines = [...byLine.keys()].sort((a, b) => a - b);
  const lengths = lineLengths(text, lines, signal);
  const hints: IssueInlayHint[] = [];
  for (const line of lines) {
    const length = lengths.get(line);
    const entries = byLine.get(line);
    if (length === undefined || !entries) continue;
    const sorted = [...entries.values()].sort((a, b) => severityRank(a.issue) - severityRank(b.issue) || compareText(a.issue.key, b.issue.key));
    hints.push({
      position: { line, character: length },
      label: `◀ ${sorted.map((entry) => shortLabel(entry.issue)).join(', ')}`,
      tooltip: sorted.map((entry) => `${shortLabel(entry.issue)}: ${entry.issue.title} (${entry.documentPath}:${entry.issue.range.start.line + 1})`).join('\n'),
      issues: sorted.map((entry) => ({ documentPath: entry.documentPath, key: entry.issue.key })),
    });
  }
  return hints;
}

type LineIssues = Map<string, { documentPath: string; issue: AuditIssue }>;

/** 0-based referenced lines (where the code is now) → the issues on them, each once. */
function issuesByLine(references: readonly IndexedReference[], signal: CancellationSignal, options: InlayHintOptions): Map<number, LineIssues> {
  const byLine = new Map<number, LineIssues>();
  const first = options.range?.start.line ?? 0;
  const last = options.range?.end.line ?? Number.POSITIVE_INFINITY;
  let visited = 0;
  for (const indexed of references) {
    if ((++visited & 1023) === 0 && signal.isCancellationRequested) break;
    const issue = indexed.issue;
    if (!issue || indexed.currentStartLine === null || indexed.reference.state === 'line-out-of-range') continue;
    if (!options.showResolved && (issue.status === 'resolved' || issue.status === 'wontfix')) continue;
    const line = indexed.currentStartLine - 1;
    if (line < first || line > last) continue;
    let issues = byLine.get(line);
    if (!issues) byLine.set(line, (issues = new Map()));
    issues.set(`${indexed.documentPath}\u0000${issue.key}`, { documentPath: indexed.documentPath, issue });
  }
  return byLine;
}

/** `P0-02 critical`; an issue with no ID shows the start of its title. */
function shortLabel(issue: AuditIssue): string {
  const name = issue.id ?? (issue.title.length > MAX_UNNAMED_TITLE_CHARS ? `${issue.title.slice(0, MAX_UNNAMED_TITLE_CHARS - 1)}…` : issue.title);
  return issue.severity ? `${name} ${issue.severity}` : name;
}

/** Lengths of the wanted 0-based lines (sorted ascending), in one pass that stops after the last. */
function lineLengths(text: string, wanted: readonly number[], signal: CancellationSignal): Map<number, number> {
  const lengths = new Map<number, number>();
  let next = 0;
  let line = 0;
  let start = 0;
  for (let index = 0; index <= text.length && next < wanted.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : -1;
    if (code !== 10 && code !== 13 && code !== -1) continue;
    if ((line & 4095) === 0 && signal.isCancellationRequested) break;
    // A final newline ends the last line; it does not open an empty one to hint on.
    if (code === -1 && start === text.length && line > 0) break;
    if (line === wanted[next]) {
      lengths.set(line, index - start);
      next++;
    }
    if (code === 13 && text.charCodeAt(index + 1) === 10) index++;
    start = index + 1;
    line++;
  }
  return lengths;
}
