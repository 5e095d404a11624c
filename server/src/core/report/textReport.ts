// The report people read in a terminal: one header of totals, then per document its issues by
// severity, its stale references and its lints, then one verdict line. Document text is untrusted,
// so everything printed from it is stripped of control characters (no escape-sequence injection)
// and cut to a sane width (a 1 MB title must not flood the terminal).
import { SEVERITY_ORDER } from '../model';
import type { AuditDiagnostic, AuditIssue, DiagnosticSeverity, DocumentAnalysis, ResolvedReference, WorkspaceReport } from '../model';
import {
  countProblems,
  isOpenIssue,
  isStaleReference,
  REFERENCE_STATE_CODES,
  sortedByRange,
  sortedDiagnostics,
  sortedDocuments,
  toOneBased,
  toPosixPath,
} from './reportCommon';

/** How the text report is rendered. */
export interface TextReportOptions {
  /** Emit ANSI colour codes; the caller decides from TTY, NO_COLOR and --no-color. */
  color: boolean;
}

type Style = 'bold' | 'dim' | 'red' | 'boldRed' | 'yellow' | 'green' | 'blue' | 'cyan' | 'magenta';

const ANSI: Record<Style, string> = {
  bold: '1',
  dim: '2',
  red: '31',
  boldRed: '1;31',
  yellow: '33',
  green: '32',
  blue: '34',
  cyan: '36',
  magenta: '35',
};

interface Cell {
  text: string;
  style?: Style;
}

const SEVERITY_STYLES: Record<string, Style> = {
  critical: 'boldRed',
  high: 'red',
  medium: 'yellow',
  low: 'blue',
  info: 'dim',
  unspecified: 'dim',
};

const DIAGNOSTIC_STYLES: Record<DiagnosticSeverity, Style> = {
  error: 'red',
  warning: 'yellow',
  information: 'blue',
  hint: 'dim',
};

const ENCODING_NOTES: Record<DocumentAnalysis['encoding'], string | null> = {
  'utf-8': null,
  'mojibake-repaired': 'mojibake repaired',
  'invalid-utf-8': 'invalid UTF-8',
};

const MAX_TITLE = 120;
const MAX_REFERENCE = 80;
const MAX_MESSAGE = 200;

/** Renders a workspace report as aligned, optionally coloured text for a terminal. */
export function formatTextReport(report: WorkspaceReport, options: TextReportOptions): string {
  const paint = painter(options.color);
  const documents = sortedDocuments(report);
  const lines: string[] = [headerLine(documents, paint), ''];
  if (documents.length === 0) {
    lines.push(paint('dim', 'No audit documents found; check --include and --exclude.'), '');
  }
  for (const document of documents) {
    appendAll(lines, documentSection(document, paint));
    lines.push('');
  }
  lines.push(summaryLine(report, paint));
  return lines.join('\n') + '\n';
}

type Paint = (style: Style | undefined, text: string) => string;

function painter(color: boolean): Paint {
  return (style, text) => (color && style && text ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
}

function headerLine(documents: DocumentAnalysis[], paint: Paint): string {
  let issues = 0;
  let open = 0;
  let references = 0;
  let stale = 0;
  for (const document of documents) {
    issues += document.issues.length;
    open += document.issues.filter((issue) => isOpenIssue(issue.status)).length;
    references += document.references.length;
    stale += document.references.filter(isStaleReference).length;
  }
  const parts = [
    plural(documents.length, 'document'),
    `${plural(issues, 'issue')} (${open} open)`,
    `${plural(references, 'reference')} (${stale} stale)`,
  ];
  return `${paint('bold', 'Audit Lens')}  ${parts.join(' · ')}`;
}

function documentSection(document: DocumentAnalysis, paint: Paint): string[] {
  const path = displayText(toPosixPath(document.path), 300);
  const notes = [plural(document.issues.length, 'issue'), plural(document.references.length, 'reference')];
  const encodingNote = ENCODING_NOTES[document.encoding];
  const encoding = encodingNote ? `${paint('magenta', encodingNote)} · ` : '';
  const lines = [`${paint('bold', path)}  ${encoding}${paint('dim', notes.join(' · '))}`];

  if (document.issues.length > 0) {
    lines.push(`  ${paint('cyan', 'issues')}`);
    appendAll(lines, table(issueRows(document.issues), paint, '    '));
  }
  const stale = sortedByRange(document.references).filter(isStaleReference);
  if (stale.length > 0) {
    lines.push(`  ${paint('cyan', 'stale references')}`);
    appendAll(lines, table(staleRows(path, stale), paint, '    '));
  }
  const lints = sortedDiagnostics(document.diagnostics).filter((d) => !REFERENCE_STATE_CODES.has(d.code));
  if (lints.length > 0) {
    lines.push(`  ${paint('cyan', 'lints')}`);
    appendAll(lines, table(lintRows(path, lints), paint, '    '));
  }
  return lines;
}

/** Issues grouped by severity, most urgent first, unspecified last; document order within a group. */
function issueRows(issues: AuditIssue[]): Cell[][] {
  const rank = (issue: AuditIssue): number =>
    issue.severity === null ? SEVERITY_ORDER.length : SEVERITY_ORDER.indexOf(issue.severity);
  const ordered = sortedByRange(issues).sort((a, b) => rank(a) - rank(b));
  return ordered.map((issue) => {
    const severity = issue.severity ?? 'unspecified';
    return [
      { text: `${toOneBased(issue.range.start).line}`, style: 'dim' },
      { text: severity, style: SEVERITY_STYLES[severity] },
      { text: displayText(issue.id ?? '–', 40), style: 'bold' },
      { text: issue.status ?? '—', style: statusStyle(issue.status) },
      { text: displayText(issue.title, MAX_TITLE) },
    ];
  });
}

function statusStyle(status: AuditIssue['status']): Style | undefined {
  if (status === 'resolved') return 'green';
  if (status === 'wontfix' || status === null) return 'dim';
  return 'yellow';
}

function staleRows(path: string, references: ResolvedReference[]): Cell[][] {
  return references.map((reference) => {
    const start = toOneBased(reference.range.start);
    const suggestion = suggestionNote(reference);
    const why = [reference.reason, suggestion === null ? null : `(${suggestion})`].filter((part) => part !== null).join(' ');
    return [
      { text: `${path}:${start.line}:${start.column}`, style: 'dim' },
      { text: reference.state, style: reference.state === 'missing-file' ? 'red' : 'yellow' },
      { text: displayText(reference.text, MAX_REFERENCE) + (why ? ` → ${displayText(why, MAX_MESSAGE)}` : '') },
    ];
  });
}

function suggestionNote(reference: ResolvedReference): string | null {
  const suggestion = reference.suggestion;
  if (!suggestion) return null;
  // A file-level reference moves with its file only; its suggestion's lines mean nothing.
  if (reference.startLine === null) return `now at ${suggestion.path}`;
  const lines = suggestion.startLine === suggestion.endLine ? `${suggestion.startLine}` : `${suggestion.startLine}-${suggestion.endLine}`;
  return `now at ${suggestion.path}:${lines}`;
}

function lintRows(path: string, diagnostics: AuditDiagnostic[]): Cell[][] {
  return diagnostics.map((diagnostic) => {
    const start = toOneBased(diagnostic.range.start);
    return [
      { text: `${path}:${start.line}:${start.column}`, style: 'dim' },
      { text: diagnostic.severity, style: DIAGNOSTIC_STYLES[diagnostic.severity] },
      { text: diagnostic.code, style: 'dim' },
      { text: displayText(diagnostic.message, MAX_MESSAGE) },
    ];
  });
}

/** Pads every column but the last to its widest plain text, so colour codes never skew alignment. */
function table(rows: Cell[][], paint: Paint, indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.text.length);
    });
  }
  return rows.map((row) => {
    const cells = row.map((cell, index) => {
      const padding = index < row.length - 1 ? ' '.repeat((widths[index] ?? 0) - cell.text.length) : '';
      return paint(cell.style, cell.text) + padding;
    });
    return indent + cells.join('  ');
  });
}

function summaryLine(report: WorkspaceReport, paint: Paint): string {
  const counts = countProblems(report);
  const notes = counts.information + counts.hints;
  if (counts.errors + counts.warnings === 0) {
    return paint('green', '✔ no problems') + (notes > 0 ? paint('dim', ` (${plural(notes, 'note')})`) : '');
  }
  const text = `✖ ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}`;
  return paint(counts.errors > 0 ? 'red' : 'yellow', text) + (notes > 0 ? paint('dim', `, ${plural(notes, 'note')}`) : '');
}

/** push(...items) passes every item as an argument, which overflows the stack past ~100k lines. */
function appendAll(target: string[], items: readonly string[]): void {
  for (const item of items) target.push(item);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Makes document text safe to print: C0/C1 controls (ESC starts terminal escape sequences) and
 * bidirectional overrides (which can make a line read differently than it is) become spaces.
 */
function displayText(text: string, max: number): string {
  let cut = text;
  if (text.length > max) {
    const end = isHighSurrogate(text.charCodeAt(max - 2)) ? max - 2 : max - 1;
    cut = text.slice(0, end) + '…';
  }
  let safe = '';
  for (let index = 0; index < cut.length; index++) {
    const code = cut.charCodeAt(index);
    const unsafe = code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
    safe += unsafe ? ' ' : cut[index];
  }
  return safe;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
