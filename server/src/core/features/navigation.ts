// Navigation: go to an issue's definition or a reference's code, find every mention of an issue
// ID, and list issues as symbols (a document's outline by section, and a workspace-wide search).
import { currentTarget, type IndexView } from '../index/indexView';
import { cleanTitle } from '../issues/titles';
import type { AuditIssue, IssueStatus, Position, Range, Severity } from '../model';
import { closesFence, fenceOpening, isAtxHeading } from '../markdown/sectionSplitter';
import type { CancellationSignal } from '../workspace';
import { compareText, CurrentLineLookup, findIdOccurrences, irregularIssueIds, issueIdAt, issueLabel, rangeContains, referenceAt, wholeLinesRange } from './positions';

/** A place in a workspace file. */
export interface FileLocation {
  path: string;
  /** The span to reveal; null for a whole file (a file-level reference). */
  range: Range | null;
}

/** Where the thing under the cursor is defined, best target first. */
export interface DefinitionResult {
  /** The span under the cursor that was resolved (the reference or the ID). */
  originRange: Range;
  targets: FileLocation[];
}

/** Definition of the reference or issue ID at a position of an audit document; undefined when there is none. */
export function definitionAt(view: IndexView, documentPath: string, position: Position, signal: CancellationSignal): DefinitionResult | undefined {
  const document = view.document(documentPath);
  if (!document) return undefined;
  const reference = referenceAt(document.references, position);
  if (reference) {
    const target = currentTarget(reference);
    if (target === null || reference.state === 'outside-workspace' || reference.state === 'missing-file') return undefined;
    const lines = reference.state === 'line-out-of-range' ? null : new CurrentLineLookup(view).linesOf(documentPath, reference);
    const range = lines?.startLine != null ? wholeLinesRange(lines.startLine, lines.endLine) : null;
    const paths = reference.state === 'ambiguous' ? [target, ...reference.candidates.filter((path) => path !== target)] : [target];
    return { originRange: reference.range, targets: paths.map((path) => ({ path, range })) };
  }
  const found = issueIdAt(document.text, position, irregularIssueIds(view, signal));
  if (!found) return undefined;
  const targets = view.issuesById(found.id).map((located) => ({ path: located.documentPath, range: located.issue.range }));
  return targets.length === 0 ? undefined : { originRange: found.range, targets };
}

/** Every mention of the issue ID at a position, across all audit documents; undefined when the cursor is on no ID. */
export function issueMentionsAt(
  view: IndexView,
  documentPath: string,
  position: Position,
  options: { includeDeclaration: boolean },
  signal: CancellationSignal,
): FileLocation[] | undefined {
  const document = view.document(documentPath);
  if (!document) return undefined;
  const found = issueIdAt(document.text, position, irregularIssueIds(view, signal));
  if (!found) return undefined;
  const declarations = view.issuesById(found.id);
  const mentions: FileLocation[] = [];
  for (const other of view.documents()) {
    if (signal.isCancellationRequested) break;
    for (const range of findIdOccurrences(other.text, found.id, signal)) {
      // The declaration is the ID on the issue's own heading, item or row line; later mentions in its body are references.
      const isDeclaration = declarations.some((located) => located.documentPath === other.path && located.issue.range.start.line === range.start.line);
      if (options.includeDeclaration || !isDeclaration) mentions.push({ path: other.path, range });
    }
  }
  return mentions;
}

/** One node of a document's issue outline; the adapter maps `kind` to a symbol kind. */
export interface IssueSymbol {
  name: string;
  /** `severity · status` for an issue; empty for a section. */
  detail: string;
  kind: 'section' | 'issue';
  /** For issues: where the issue came from. */
  issueKind?: AuditIssue['kind'];
  issueKey?: string;
  severity?: Severity | null;
  status?: IssueStatus | null;
  /** The whole extent (a section's lines, an issue's heading-to-body). */
  range: Range;
  /** The heading, item or row that names it; inside `range`. */
  selectionRange: Range;
  children: IssueSymbol[];
}

interface HeadingLine {
  line: number;
  level: number;
  text: string;
  /** The last line of the heading's section and that line's length, filled in as later headings close it. */
  endLine: number;
  endCharacter: number;
}

/** A document's issues nested under the headings that hold them; headings without issues are left out. */
export function documentSymbols(view: IndexView, documentPath: string, signal: CancellationSignal): IssueSymbol[] {
  const document = view.document(documentPath);
  if (!document) return [];
  const headings = scanHeadings(document.text, signal);
  const headingLines = new Set(headings.map((heading) => heading.line));
  const issueByLine = new Map<number, AuditIssue>();
  for (const issue of document.issues) if (issue.kind === 'heading') issueByLine.set(issue.range.start.line, issue);

  const roots: IssueSymbol[] = [];
  const stack: Array<{ level: number; symbol: IssueSymbol }> = [];
  const addToInnermost = (symbol: IssueSymbol): void => {
    (stack.length > 0 ? (stack[stack.length - 1] as { symbol: IssueSymbol }).symbol.children : roots).push(symbol);
  };
  const issues = [...document.issues].sort((a, b) => a.range.start.line - b.range.start.line);
  let next = 0;
  const placeIssuesBefore = (line: number): void => {
    for (; next < issues.length && (issues[next] as AuditIssue).range.start.line < line; next++) {
      const issue = issues[next] as AuditIssue;
      if (issue.kind === 'heading' && headingLines.has(issue.range.start.line)) continue;
      while (stack.length > 0 && !rangeContains((stack[stack.length - 1] as { symbol: IssueSymbol }).symbol.range, issue.range.start)) stack.pop();
      addToInnermost(issueSymbol(issue, issue.range));
    }
  };
  for (const heading of headings) {
    if (signal.isCancellationRequested) break;
    placeIssuesBefore(heading.line);
    while (stack.length > 0 && (stack[stack.length - 1] as { level: number }).level >= heading.level) stack.pop();
    const extent = { start: { line: heading.line, character: 0 }, end: { line: heading.endLine, character: heading.endCharacter } };
    const issue = issueByLine.get(heading.line);
    const symbol = issue ? issueSymbol(issue, extent) : sectionSymbol(heading, extent);
    addToInnermost(symbol);
    stack.push({ level: heading.level, symbol });
  }
  placeIssuesBefore(Number.POSITIVE_INFINITY);
  return prune(roots);
}

function issueSymbol(issue: AuditIssue, extent: Range): IssueSymbol {
  const detail = [issue.severity, issue.status].filter((part) => part !== null).join(' · ');
  const range = { start: issue.range.start, end: laterPosition(extent.end, issue.range.end) };
  return { name: issueLabel(issue), detail, kind: 'issue', issueKind: issue.kind, issueKey: issue.key, severity: issue.severity, status: issue.status, range, selectionRange: issue.range, children: [] };
}

function sectionSymbol(heading: HeadingLine, extent: Range): IssueSymbol {
  const selectionRange = { start: { line: heading.line, character: 0 }, end: { line: heading.line, character: heading.text.length } };
  return { name: headingTitle(heading.text), detail: '', kind: 'section', range: extent, selectionRange, children: [] };
}

/** Drops sections that hold no issue, at any depth. */
function prune(symbols: IssueSymbol[]): IssueSymbol[] {
  const kept: IssueSymbol[] = [];
  for (const symbol of symbols) {
    symbol.children = prune(symbol.children);
    if (symbol.kind === 'issue' || symbol.children.length > 0) kept.push(symbol);
  }
  return kept;
}

/** ATX headings outside fenced code, each with the extent of its section. One pass over the text. */
function scanHeadings(text: string, signal: CancellationSignal): HeadingLine[] {
  const headings: HeadingLine[] = [];
  let fence: { char: string; length: number } | undefined;
  let line = 0;
  let previousLength = 0;
  let start = 0;
  for (let index = 0; index <= text.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : 10;
    if (code !== 10 && code !== 13) continue;
    if ((line & 4095) === 0 && signal.isCancellationRequested) break;
    const lineText = text.slice(start, index);
    if (fence) {
      if (closesFence(lineText, fence)) fence = undefined;
    } else if (isAtxHeading(lineText)) {
      const level = headingLevel(lineText);
      for (let open = headings.length - 1; open >= 0; open--) {
        const before = headings[open] as HeadingLine;
        if (before.endLine !== -1) continue;
        if (before.level < level) break;
        before.endLine = line - 1;
        before.endCharacter = previousLength;
      }
      headings.push({ line, level, text: lineText, endLine: -1, endCharacter: 0 });
    } else {
      fence = fenceOpening(lineText);
    }
    if (code === 13 && text.charCodeAt(index + 1) === 10) index++;
    previousLength = lineText.length;
    start = index + 1;
    line++;
  }
  for (const heading of headings) {
    if (heading.endLine === -1) {
      heading.endLine = Math.max(heading.line, line - 1);
      heading.endCharacter = previousLength;
    }
  }
  return headings;
}

/** The number of `#` that open an ATX heading line. */
function headingLevel(line: string): number {
  let index = 0;
  while (line[index] === ' ') index++;
  let level = 0;
  while (line[index + level] === '#') level++;
  return level;
}

/** A heading's title as people read it: no `#`, emphasis or status emoji. */
function headingTitle(line: string): string {
  const bare = line.trim().replace(/^#{1,6}/, '').replace(/\s#+\s*$/, '').replace(/[*_`~]/g, '');
  return cleanTitle(bare).title.trim() || bare.trim();
}

function laterPosition(a: Position, b: Position): Position {
  return a.line > b.line || (a.line === b.line && a.character >= b.character) ? a : b;
}

/** An issue offered by workspace symbol search. */
export interface WorkspaceIssueSymbol {
  name: string;
  documentPath: string;
  issueKey: string;
  range: Range;
  severity: Severity | null;
  status: IssueStatus | null;
  /** The section the issue stands in, for display next to its name. */
  containerName: string;
}

/** Issues whose ID or title matches the query (substring, then in-order letters), best matches first. */
export function workspaceSymbols(view: IndexView, query: string, signal: CancellationSignal, limit = 256): WorkspaceIssueSymbol[] {
  const wanted = query.trim().toLowerCase();
  const scored: Array<{ score: number; symbol: WorkspaceIssueSymbol }> = [];
  for (const document of view.documents()) {
    if (signal.isCancellationRequested) break;
    for (const issue of document.issues) {
      const score = matchScore(issue, wanted);
      if (score === undefined) continue;
      const symbol: WorkspaceIssueSymbol = {
        name: issueLabel(issue),
        documentPath: document.path,
        issueKey: issue.key,
        range: issue.range,
        severity: issue.severity,
        status: issue.status,
        containerName: issue.sectionPath[issue.sectionPath.length - 1] ?? document.path,
      };
      scored.push({ score, symbol });
    }
  }
  scored.sort((a, b) => a.score - b.score || compareText(a.symbol.name, b.symbol.name) || compareText(a.symbol.documentPath, b.symbol.documentPath));
  return scored.slice(0, Math.max(0, limit)).map((entry) => entry.symbol);
}

/** Lower is better: 0 exact ID, 1 ID prefix, 2 substring of ID or title, 3 letters in order; undefined for no match. */
function matchScore(issue: AuditIssue, query: string): number | undefined {
  if (query === '') return 2;
  const id = issue.id?.toLowerCase() ?? '';
  if (id === query) return 0;
  if (id !== '' && id.startsWith(query)) return 1;
  const label = issueLabel(issue).toLowerCase();
  if (label.includes(query)) return 2;
  return isSubsequence(query, label) ? 3 : undefined;
}

function isSubsequence(query: string, text: string): boolean {
  let at = 0;
  for (let index = 0; index < text.length && at < query.length; index++) if (text[index] === query[at]) at++;
  return at === query.length;
}
