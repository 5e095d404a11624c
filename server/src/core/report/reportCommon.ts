// What the JSON, text and SARIF formatters agree on: one document order, one position order, one
// notion of "stale" and one way to count problems. Keeping it here stops the three outputs of the
// same run from disagreeing with each other.
import type {
  AuditDiagnostic,
  DiagnosticCode,
  DocumentAnalysis,
  Position,
  Range,
  ReferenceState,
  ResolvedReference,
  WorkspaceReport,
} from '../model';

/** Diagnostic counts by severity, for summary lines and exit codes. */
export interface ProblemCounts {
  errors: number;
  warnings: number;
  information: number;
  hints: number;
}

/**
 * Codes that restate a reference's resolution state. The text report already lists stale
 * references, so these are left out of its "lints" section to avoid saying everything twice.
 */
export const REFERENCE_STATE_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'missing-file',
  'line-out-of-range',
  'ambiguous-path',
  'outside-workspace',
]);

/** States in which a reference is taken at its word: it resolves, or it names a file still to be written. */
const TRUSTED_STATES: ReadonlySet<ReferenceState> = new Set<ReferenceState>(['ok', 'proposed']);

/** True when a reference no longer points where the document says. */
export function isStaleReference(reference: ResolvedReference): boolean {
  return !TRUSTED_STATES.has(reference.state);
}

/** True when an issue still needs work; an issue with no status counts as open, as its document implies. */
export function isOpenIssue(status: string | null): boolean {
  return status !== 'resolved' && status !== 'wontfix';
}

/** Code-unit comparison, so the order never depends on the machine's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders positions top to bottom, then left to right. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Orders ranges by start, then by end, so equal starts still sort the same way every run. */
export function compareRanges(a: Range, b: Range): number {
  return comparePositions(a.start, b.start) || comparePositions(a.end, b.end);
}

/** Workspace-relative path with `/`, whatever separator the producer used. */
export function toPosixPath(path: string): string {
  return path.includes('\\') ? path.split('\\').join('/') : path;
}

/** The documents in path order, without mutating the report. */
export function sortedDocuments(report: WorkspaceReport): DocumentAnalysis[] {
  return [...report.documents].sort((a, b) => compareStrings(toPosixPath(a.path), toPosixPath(b.path)));
}

/** Items that carry a range, in document order; ties keep their original order. */
export function sortedByRange<T extends { range: Range }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareRanges(a.range, b.range));
}

/** A document's diagnostics in position order, code breaking ties. */
export function sortedDiagnostics(diagnostics: readonly AuditDiagnostic[]): AuditDiagnostic[] {
  return [...diagnostics].sort(
    (a, b) => compareRanges(a.range, b.range) || compareStrings(a.code, b.code),
  );
}

/** Counts every diagnostic of the report by severity. */
export function countProblems(report: WorkspaceReport): ProblemCounts {
  const counts: ProblemCounts = { errors: 0, warnings: 0, information: 0, hints: 0 };
  for (const document of report.documents) {
    for (const diagnostic of document.diagnostics) {
      if (diagnostic.severity === 'error') counts.errors++;
      else if (diagnostic.severity === 'warning') counts.warnings++;
      else if (diagnostic.severity === 'information') counts.information++;
      else counts.hints++;
    }
  }
  return counts;
}

/** 1-based line and column of a zero-based position, as people and SARIF count them. */
export function toOneBased(position: Position): { line: number; column: number } {
  return { line: position.line + 1, column: position.character + 1 };
}

/** Finds the text of ranges in one document; built once per document so many look-ups stay linear. */
export interface RangeTextReader {
  /** The text the range spans, at most `limit` characters; empty when the range lies outside the text. */
  read(range: Range, limit?: number): string;
}

/** Indexes the line starts of a text for {@link RangeTextReader}. */
export function createRangeTextReader(text: string): RangeTextReader {
  let lineStarts: number[] | undefined;
  const offsetOf = (position: Position): number | undefined => {
    lineStarts ??= indexLineStarts(text);
    const lineStart = lineStarts[position.line];
    if (lineStart === undefined || position.line < 0) return undefined;
    const next = lineStarts[position.line + 1];
    let lineEnd = next === undefined ? text.length : next - 1;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--; // the \r of \r\n
    return Math.min(lineStart + Math.max(0, position.character), lineEnd);
  };
  return {
    read(range, limit = 4096) {
      const start = offsetOf(range.start);
      const end = offsetOf(range.end);
      if (start === undefined || end === undefined || end <= start) return '';
      return text.slice(start, Math.min(end, start + limit));
    },
  };
}

/** Offsets where each line starts, found with indexOf so even a 20 MB text is one native scan. */
function indexLineStarts(text: string): number[] {
  const starts = [0];
  for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', newline + 1)) {
    starts.push(newline + 1);
  }
  return starts;
}
