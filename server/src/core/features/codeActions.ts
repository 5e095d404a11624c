// Quick fixes for audit documents: point an ambiguous reference at one of its candidates, move a
// reference to where the staleness layer says its code went, repair a mojibake document line by
// line, mark an issue resolved or open, and fix every stale reference at once. Each fix is plain
// data (textEdits.ts); the LSP adapter turns it into a WorkspaceEdit the user can undo.
//
// References inside code blocks get no fix: they are commands and logs (`cd backend && pytest
// bookings/tests/...`, tracebacks), and rewriting their paths would break what they show.
import { repairMojibake } from '../encoding';
import type { IndexView } from '../index/indexView';
import type { AuditDiagnostic, DiagnosticCode, DocumentAnalysis, Range, ResolvedReference } from '../model';
import { markChangedResolvedActions } from './changedCodeActions';
import { markIssueStatus, type MarkableStatus } from './issueStatusEdits';
import { comparePositions, documentLines, editsOverlap, lineRange, minimalLineEdit, type DocumentEdit, type TextEdit } from './textEdits';

/** A diagnostic a fix makes go away, named the way the adapter matches it against the editor's. */
export interface FixedDiagnostic {
  code: DiagnosticCode;
  range: Range;
}

/** One code action: what to show, which diagnostics it settles, and the edit to apply. */
export interface CodeActionResult {
  title: string;
  kind: 'quickfix' | 'source.fixAll';
  diagnosticsFixed: FixedDiagnostic[];
  edit: DocumentEdit;
  isPreferred?: boolean;
}

/** At most this many "Point to" actions per ambiguous reference; the best-ranked come first. */
export const MAX_CANDIDATE_ACTIONS = 10;

/** At most this many issues get Mark Resolved/Open actions for one selection. */
const MAX_ISSUES_PER_SELECTION = 10;

/** How far back a continuation ("4" in `views.py:1-2, 4`) looks for the reference that wrote its path. */
const MAX_PATH_LOOKBACK = 50;

const REFERENCE_CODES: ReadonlySet<DiagnosticCode> = new Set(['missing-file', 'line-out-of-range', 'ambiguous-path', 'outside-workspace', 'moved', 'changed-since-audit', 'deleted']);

/** The code actions for the cursor or selection `range` in one audit document. Never throws. */
export function codeActions(analysis: DocumentAnalysis, range: Range, view: FixView): CodeActionResult[] {
  try {
    const context = new FixContext(analysis, view);
    const actions: CodeActionResult[] = [];
    analysis.references.forEach((reference, index) => {
      if (!intersects(reference.range, range)) return;
      const update = context.suggestionFix(index);
      if (update) actions.push({ ...update, kind: 'quickfix', isPreferred: true });
      actions.push(...context.pointToActions(index));
    });
    const repair = repairAction(analysis, range);
    if (repair) actions.push(repair);
    actions.push(...markChangedResolvedActions(analysis, range), ...statusConflictActions(analysis, range), ...markStatusActions(analysis, range));
    const fixAll = context.fixAll();
    if (fixAll) actions.push(fixAll);
    return actions;
  } catch {
    return [];
  }
}

/**
 * "Fix all stale references": every suggestion from the staleness layer, and every ambiguous path
 * whose best-ranked candidate is confirmed by the issue's other references (it sits in the folder
 * of a file they resolve to, and no other candidate does). Other ambiguous paths are left for the
 * user to choose. Undefined when nothing is fixable.
 */
export function fixAllStaleReferences(analysis: DocumentAnalysis, view: FixView): CodeActionResult | undefined {
  try {
    return new FixContext(analysis, view).fixAll();
  } catch {
    return undefined;
  }
}

/** The edit that repairs a mojibake document: one minimal edit per garbled line. Undefined when there is nothing to repair. */
export function repairEncodingEdit(analysis: DocumentAnalysis): DocumentEdit | undefined {
  if (analysis.encoding !== 'mojibake-repaired') return undefined;
  const repaired = repairMojibake(analysis.text);
  if (repaired.repairCount === 0 || repaired.text === analysis.text) return undefined;
  const before = documentLines(analysis.text).lines;
  const after = documentLines(repaired.text).lines;
  if (before.length !== after.length) {
    const last = before.length - 1;
    return { path: analysis.path, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: last, character: (before[last] ?? '').length } }, newText: repaired.text }] };
  }
  const edits = before.flatMap((line, index) => minimalLineEdit(index, line, after[index] ?? '') ?? []);
  return { path: analysis.path, edits };
}

/** All the quick fixes ask of the index: which files exist (the CLI's --fix has no full index). */
export type FixView = Pick<IndexView, 'files'>;

/** A fix before it becomes an action. */
interface Fix {
  title: string;
  diagnosticsFixed: FixedDiagnostic[];
  edit: DocumentEdit;
}

/** What the reference fixes of one request share: the document's lines and lazily computed lookups. */
class FixContext {
  private readonly lines: string[];
  private readonly references: readonly ResolvedReference[];
  private readonly pathSpans = new Map<number, Range | undefined>();
  private diagnosticsByRange: Map<string, AuditDiagnostic[]> | undefined;
  private bySpan: Map<string, ResolvedReference[]> | undefined;

  constructor(
    private readonly analysis: DocumentAnalysis,
    private readonly view: FixView,
  ) {
    this.lines = documentLines(analysis.text).lines;
    this.references = analysis.references;
  }

  /** "Point to <candidate>" for an ambiguous reference, one per candidate that still exists. */
  pointToActions(index: number): CodeActionResult[] {
    const reference = this.references[index];
    if (!reference || reference.state !== 'ambiguous' || reference.inCode) return [];
    return reference.candidates
      .filter((candidate) => this.view.files.has(candidate))
      .slice(0, MAX_CANDIDATE_ACTIONS)
      .flatMap((candidate) => {
        const fix = this.pointTo(index, candidate);
        return fix ? [{ ...fix, kind: 'quickfix' as const }] : [];
      });
  }

  /** "Update to <path>:<lines>" from the reference's suggestion, if it has one and it can be written. */
  suggestionFix(index: number): Fix | undefined {
    const reference = this.references[index];
    const suggestion = reference?.suggestion;
    if (!reference || !suggestion || reference.inCode || !this.view.files.has(suggestion.path)) return undefined;
    const edits: TextEdit[] = [];
    // Only the reference's own path is rewritten: a path written earlier also serves other references.
    const ownPath = findPathIn(this.lines, reference);
    if (reference.resolvedPath !== suggestion.path || reference.state === 'ambiguous' || !writtenPathNames(reference.path, suggestion.path)) {
      if (!ownPath) return undefined;
      edits.push({ range: ownPath, newText: this.pathAsWritten(reference, ownPath, suggestion.path) });
    }
    const oldEnd = reference.endLine ?? reference.startLine;
    if (reference.startLine !== null && (reference.startLine !== suggestion.startLine || oldEnd !== suggestion.endLine)) {
      const lineEdits = lineNumberEdits(this.lines, reference, ownPath?.end.character, suggestion);
      if (!lineEdits) return undefined;
      edits.push(...lineEdits);
    }
    if (edits.length === 0) return undefined;
    const lines = reference.startLine === null ? '' : `:${formatLines(suggestion.startLine, suggestion.endLine, '-')}`;
    return { title: `Update to ${suggestion.path}${lines}`, diagnosticsFixed: this.diagnosticsOf([reference]), edit: { path: this.analysis.path, edits } };
  }

  /** The fix-all action (see fixAllStaleReferences). */
  fixAll(): CodeActionResult | undefined {
    const confirmed = this.siblingConfirmedCandidates();
    const accepted = new Map<number, TextEdit[]>();
    const fixed = new Map<string, FixedDiagnostic>();
    this.references.forEach((reference, index) => {
      const candidate = confirmed.get(index);
      // Code that changed may be fixed: renumbering it in bulk would hide that, so only its own quick fix does.
      const suggested = reference.state === 'changed' ? undefined : this.suggestionFix(index);
      const fix = suggested ?? (candidate === undefined ? undefined : this.pointTo(index, candidate));
      if (!fix || !fitsAmong(accepted, fix.edit.edits)) return;
      for (const edit of fix.edit.edits) {
        const onLine = accepted.get(edit.range.start.line) ?? [];
        if (!onLine.some((other) => sameEdit(other, edit))) onLine.push(edit);
        accepted.set(edit.range.start.line, onLine);
      }
      for (const diagnostic of fix.diagnosticsFixed) fixed.set(`${diagnostic.code}@${rangeKey(diagnostic.range)}`, diagnostic);
    });
    const edits = [...accepted.values()].flat().sort((a, b) => comparePositions(a.range.start, b.range.start));
    if (edits.length === 0) return undefined;
    return { title: 'Fix all stale references', kind: 'source.fixAll', diagnosticsFixed: [...fixed.values()], edit: { path: this.analysis.path, edits } };
  }

  private pointTo(index: number, candidate: string): Fix | undefined {
    const reference = this.references[index];
    const span = this.pathSpan(index);
    if (!reference || !span) return undefined;
    // A link target must stay a URL: a path with spaces or brackets would need encoding the resolver does not undo.
    if (reference.form === 'markdown-link' && /[\s()<>]/.test(candidate)) return undefined;
    const diagnosticsFixed = this.diagnosticsOf(this.referencesWritingPathAt(span)).filter((diagnostic) => diagnostic.code === 'ambiguous-path');
    const edits = [{ range: span, newText: this.pathAsWritten(reference, span, candidate) }];
    return { title: `Point to ${candidate}`, diagnosticsFixed, edit: { path: this.analysis.path, edits } };
  }

  /** Where the reference's path is written: in its own text, or for a continuation in an earlier reference of the same issue. */
  private pathSpan(index: number): Range | undefined {
    if (this.pathSpans.has(index)) return this.pathSpans.get(index);
    const reference = this.references[index] as ResolvedReference;
    let span = findPathIn(this.lines, reference);
    for (let earlier = index - 1; !span && earlier >= Math.max(0, index - MAX_PATH_LOOKBACK); earlier--) {
      const other = this.references[earlier] as ResolvedReference;
      if (other.issueKey !== reference.issueKey || (reference.issueKey === null && other.range.start.line !== reference.range.start.line)) break;
      if (other.path === reference.path) span = findPathIn(this.lines, other);
    }
    this.pathSpans.set(index, span);
    return span;
  }

  /** Every reference whose path is the one written at `span` (itself and its continuations). */
  private referencesWritingPathAt(span: Range): ResolvedReference[] {
    if (!this.bySpan) {
      this.bySpan = new Map();
      this.references.forEach((reference, index) => {
        const at = this.pathSpan(index);
        if (at) this.bySpan?.set(rangeKey(at), [...(this.bySpan.get(rangeKey(at)) ?? []), reference]);
      });
    }
    return this.bySpan.get(rangeKey(span)) ?? [];
  }

  /** A workspace path as this reference should write it: links stay relative to the document. */
  private pathAsWritten(reference: ResolvedReference, span: Range, target: string): string {
    if (reference.form !== 'markdown-link') return target;
    if ((this.lines[span.start.line] ?? '')[span.start.character] === '/') return `/${target}`;
    return relativePath(this.analysis.path, target);
  }

  private diagnosticsOf(references: readonly ResolvedReference[]): FixedDiagnostic[] {
    if (!this.diagnosticsByRange) {
      this.diagnosticsByRange = new Map();
      for (const diagnostic of this.analysis.diagnostics) {
        if (!REFERENCE_CODES.has(diagnostic.code)) continue;
        const key = rangeKey(diagnostic.range);
        this.diagnosticsByRange.set(key, [...(this.diagnosticsByRange.get(key) ?? []), diagnostic]);
      }
    }
    return references.flatMap((reference) => (this.diagnosticsByRange?.get(rangeKey(reference.range)) ?? []).map(({ code, range }) => ({ code, range })));
  }

  /** Ambiguous references whose best candidate lies in a folder the issue's resolved references point into, uniquely. */
  private siblingConfirmedCandidates(): Map<number, string> {
    const folders = new Map<string, Set<string>>();
    for (const reference of this.references) {
      if (reference.issueKey === null || reference.state === 'ambiguous' || reference.resolvedPath === null) continue;
      const set = folders.get(reference.issueKey) ?? new Set<string>();
      set.add(folderOf(reference.resolvedPath));
      folders.set(reference.issueKey, set);
    }
    const confirmed = new Map<number, string>();
    this.references.forEach((reference, index) => {
      const siblings = reference.issueKey === null ? undefined : folders.get(reference.issueKey);
      if (reference.state !== 'ambiguous' || reference.inCode || !siblings) return;
      const matching = reference.candidates.filter((candidate) => siblings.has(folderOf(candidate)));
      const best = reference.candidates[0];
      if (best !== undefined && matching.length === 1 && matching[0] === best && this.view.files.has(best)) confirmed.set(index, best);
    });
    return confirmed;
  }
}

/** The span of the reference's own text that spells its path (backslashes read as slashes). */
function findPathIn(lines: readonly string[], reference: ResolvedReference): Range | undefined {
  const { start, end } = reference.range;
  const line = lines[start.line] ?? '';
  const stop = end.line === start.line ? end.character : line.length;
  const at = line.slice(start.character, stop).replaceAll('\\', '/').indexOf(reference.path);
  if (at < 0 || reference.path === '') return undefined;
  return lineRange(start.line, start.character + at, start.character + at + reference.path.length);
}

/**
 * Edits that rewrite a reference's line numbers to the suggested ones, keeping how they were
 * written (`:12-20`, `#L12-L20`, `lines 12 to 20`) and the "line"/"lines" word in step.
 */
function lineNumberEdits(lines: readonly string[], reference: ResolvedReference, after: number | undefined, wanted: { startLine: number; endLine: number }): TextEdit[] | undefined {
  const { start, end } = reference.range;
  const line = lines[start.line] ?? '';
  const stop = end.line === start.line ? end.character : line.length;
  const first = findNumber(line, after ?? start.character, stop, reference.startLine ?? 0);
  if (!first) return undefined;
  const oldEnd = reference.endLine ?? reference.startLine ?? 0;
  let spanEnd = first.end;
  let separator = line[first.start - 1] === 'L' ? '-L' : '-';
  if (oldEnd !== reference.startLine) {
    const second = findNumber(line, first.end, stop, oldEnd);
    if (!second || second.start - first.end > 6) return undefined;
    separator = line.slice(first.end, second.start);
    spanEnd = second.end;
  }
  const edits: TextEdit[] = [{ range: lineRange(start.line, first.start, spanEnd), newText: formatLines(wanted.startLine, wanted.endLine, separator) }];
  let wordEnd = first.start;
  while (wordEnd > 0 && line[wordEnd - 1] === ' ') wordEnd--;
  const word = /[A-Za-z]+$/.exec(line.slice(Math.max(0, wordEnd - 8), wordEnd))?.[0] ?? '';
  if (wordEnd < first.start && /^line$/i.test(word) && wanted.startLine !== wanted.endLine) {
    edits.push({ range: lineRange(start.line, wordEnd, wordEnd), newText: word === 'LINE' ? 'S' : 's' });
  } else if (wordEnd < first.start && /^lines$/i.test(word) && wanted.startLine === wanted.endLine) {
    edits.push({ range: lineRange(start.line, wordEnd - 1, wordEnd), newText: '' });
  }
  return edits;
}

/** True when the path as written still names the target (itself, or a unique tail of it such as `views.py`). */
function writtenPathNames(written: string, target: string): boolean {
  let path = written.replaceAll('\\', '/');
  // `./x` and `../../x` are relative to the document: their tail is what must still name the file.
  while (path.startsWith('./') || path.startsWith('../')) path = path.slice(path.indexOf('/') + 1);
  return target === path || target.endsWith(`/${path}`);
}

function formatLines(startLine: number, endLine: number, separator: string): string {
  return startLine === endLine ? `${startLine}` : `${startLine}${separator}${endLine}`;
}

/** The first whole number with this value in `line[from, stop)`. */
function findNumber(line: string, from: number, stop: number, value: number): { start: number; end: number } | undefined {
  let index = from;
  while (index < stop) {
    if (!isDigit(line.charCodeAt(index))) {
      index++;
      continue;
    }
    let end = index;
    while (end < line.length && isDigit(line.charCodeAt(end))) end++;
    if (end <= stop && !isDigit(line.charCodeAt(index - 1)) && Number(line.slice(index, end)) === value) return { start: index, end };
    index = end;
  }
  return undefined;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** `target` relative to the folder of `fromDocument` (both workspace-relative). */
function relativePath(fromDocument: string, target: string): string {
  const from = folderOf(fromDocument).split('/').filter((segment) => segment !== '');
  const to = target.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

function intersects(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

function rangeKey(range: Range): string {
  return `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return rangeKey(a.range) === rangeKey(b.range) && a.newText === b.newText;
}

/** True when none of the edits overlaps an accepted one, other than by being the very same edit. */
function fitsAmong(accepted: ReadonlyMap<number, TextEdit[]>, edits: readonly TextEdit[]): boolean {
  return edits.every((edit) => (accepted.get(edit.range.start.line) ?? []).every((other) => sameEdit(other, edit) || !editsOverlap(other.range, edit.range)));
}

/** "Repair encoding of this document", offered on the mojibake diagnostic and on every line the repair changes. */
function repairAction(analysis: DocumentAnalysis, range: Range): CodeActionResult | undefined {
  if (analysis.encoding !== 'mojibake-repaired') return undefined;
  const diagnostics = analysis.diagnostics.filter((diagnostic) => diagnostic.code === 'mojibake');
  const edit = repairEncodingEdit(analysis);
  if (!edit) return undefined;
  const onDiagnostic = diagnostics.some((diagnostic) => intersects(diagnostic.range, range));
  const onGarbledLine = edit.edits.some((change) => change.range.start.line <= range.end.line && change.range.end.line >= range.start.line);
  if (!onDiagnostic && !onGarbledLine) return undefined;
  const diagnosticsFixed = diagnostics.map(({ code, range: at }) => ({ code, range: at }));
  return { title: 'Repair encoding of this document', kind: 'quickfix', diagnosticsFixed, edit, isPreferred: true };
}

/** A status conflict is settled by giving the issue the status its later mention records. */
function statusConflictActions(analysis: DocumentAnalysis, range: Range): CodeActionResult[] {
  return analysis.diagnostics.flatMap((diagnostic) => {
    if (diagnostic.code !== 'status-conflict' || !intersects(diagnostic.range, range)) return [];
    const id = diagnostic.data?.['id'];
    const here = diagnostic.data?.['here'];
    if (typeof id !== 'string') return [];
    const target: MarkableStatus = here === 'resolved' || here === 'wontfix' ? 'resolved' : 'open';
    const edit = markIssueStatus(analysis, id, target);
    if (!edit || edit.edits.length === 0) return [];
    const title = `Mark ${id} ${target} to match line ${diagnostic.range.start.line + 1}`;
    return [{ title, kind: 'quickfix' as const, diagnosticsFixed: [{ code: diagnostic.code, range: diagnostic.range }], edit }];
  });
}

/** Mark Resolved on an open (or unmarked) issue's line, Mark Open on a resolved one's. */
function markStatusActions(analysis: DocumentAnalysis, range: Range): CodeActionResult[] {
  const issues = analysis.issues.filter((issue) => issue.range.start.line >= range.start.line && issue.range.start.line <= range.end.line);
  return issues.slice(0, MAX_ISSUES_PER_SELECTION).flatMap((issue) => {
    const target: MarkableStatus = issue.status === 'resolved' || issue.status === 'wontfix' ? 'open' : 'resolved';
    const edit = markIssueStatus(analysis, issue.key, target);
    if (!edit || edit.edits.length === 0) return [];
    const label = issue.id ?? `"${issue.title.length > 40 ? `${issue.title.slice(0, 39)}…` : issue.title}"`;
    return [{ title: `Mark ${label} ${target}`, kind: 'quickfix' as const, diagnosticsFixed: [], edit }];
  });
}
