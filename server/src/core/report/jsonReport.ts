// The machine-readable report of `audit-lens check --format json`. Scripts and dashboards parse it,
// so its shape is a contract: 1-based lines and columns (as editors and people count them),
// workspace-relative `/` paths, and an order that depends only on the input.
import type { AuditIssue, DocumentAnalysis, DocumentEncoding, DiagnosticSeverity, WorkspaceReport } from '../model';
import {
  countProblems,
  isOpenIssue,
  isStaleReference,
  sortedByRange,
  sortedDiagnostics,
  sortedDocuments,
  toOneBased,
  toPosixPath,
} from './reportCommon';

/** One audit document and how much it holds. */
export interface JsonDocument {
  path: string;
  encoding: DocumentEncoding;
  /** Number of issues in the document. */
  issues: number;
  /** Number of code references in the document. */
  references: number;
}

/** One audit issue; `line` and `column` are 1-based. */
export interface JsonIssue {
  key: string;
  id: string | null;
  title: string;
  severity: string | null;
  status: string | null;
  document: string;
  line: number;
  column: number;
  kind: AuditIssue['kind'];
  dependencies: string[];
  sectionPath: string[];
  fields: Record<string, string>;
}

/** One code reference and its resolution; lines and columns are 1-based, `endColumn` exclusive. */
export interface JsonReference {
  document: string;
  line: number;
  column: number;
  /** Column just past the reference text, on the line where it ends. */
  endColumn: number;
  text: string;
  path: string;
  resolvedPath: string | null;
  candidates: string[];
  /** First and last referenced code line as the document wrote them (1-based, as in the model). */
  startLine: number | null;
  endLine: number | null;
  inCode: boolean;
  proposed: boolean;
  form: string;
  issue: string | null;
  state: string;
  /** True when the reference no longer points where the document says. */
  stale: boolean;
  reason: string | null;
  suggestion: { path: string; startLine: number; endLine: number } | null;
}

/** One diagnostic; `line` and `column` are 1-based, `endColumn` exclusive. */
export interface JsonDiagnostic {
  document: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: DiagnosticSeverity;
  code: string;
  message: string;
}

/** Totals over the whole report, so a script need not recount. */
export interface JsonSummary {
  documents: number;
  issues: number;
  openIssues: number;
  references: number;
  staleReferences: number;
  errors: number;
  warnings: number;
  information: number;
  hints: number;
}

/** The whole JSON report of a workspace. */
export interface JsonReport {
  root: string;
  summary: JsonSummary;
  documents: JsonDocument[];
  issues: JsonIssue[];
  references: JsonReference[];
  diagnostics: JsonDiagnostic[];
}

/** Turns a workspace report into the stable JSON shape the CLI prints. */
export function toJsonReport(report: WorkspaceReport): JsonReport {
  const documents = sortedDocuments(report);
  const issues = documents.flatMap(issuesOf);
  const references = documents.flatMap(referencesOf);
  const diagnostics = documents.flatMap(diagnosticsOf);
  const problems = countProblems(report);
  return {
    root: report.root,
    summary: {
      documents: documents.length,
      issues: issues.length,
      openIssues: issues.filter((issue) => isOpenIssue(issue.status)).length,
      references: references.length,
      staleReferences: references.filter((reference) => reference.stale).length,
      errors: problems.errors,
      warnings: problems.warnings,
      information: problems.information,
      hints: problems.hints,
    },
    documents: documents.map((document) => ({
      path: toPosixPath(document.path),
      encoding: document.encoding,
      issues: document.issues.length,
      references: document.references.length,
    })),
    issues,
    references,
    diagnostics,
  };
}

function issuesOf(document: DocumentAnalysis): JsonIssue[] {
  const path = toPosixPath(document.path);
  return sortedByRange(document.issues).map((issue) => {
    const start = toOneBased(issue.range.start);
    return {
      key: issue.key,
      id: issue.id,
      title: issue.title,
      severity: issue.severity,
      status: issue.status,
      document: path,
      line: start.line,
      column: start.column,
      kind: issue.kind,
      dependencies: [...issue.dependencies],
      sectionPath: [...issue.sectionPath],
      fields: { ...issue.fields },
    };
  });
}

function referencesOf(document: DocumentAnalysis): JsonReference[] {
  const path = toPosixPath(document.path);
  return sortedByRange(document.references).map((reference) => {
    const start = toOneBased(reference.range.start);
    const end = toOneBased(reference.range.end);
    return {
      document: path,
      line: start.line,
      column: start.column,
      endColumn: end.column,
      text: reference.text,
      path: reference.path,
      resolvedPath: reference.resolvedPath,
      candidates: [...reference.candidates],
      startLine: reference.startLine,
      endLine: reference.endLine,
      inCode: reference.inCode,
      proposed: reference.proposed,
      form: reference.form,
      issue: reference.issueKey,
      state: reference.state,
      stale: isStaleReference(reference),
      reason: reference.reason,
      suggestion: reference.suggestion ? { ...reference.suggestion } : null,
    };
  });
}

function diagnosticsOf(document: DocumentAnalysis): JsonDiagnostic[] {
  const path = toPosixPath(document.path);
  return sortedDiagnostics(document.diagnostics).map((diagnostic) => {
    const start = toOneBased(diagnostic.range.start);
    const end = toOneBased(diagnostic.range.end);
    return {
      document: path,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      severity: diagnostic.severity,
      code: diagnostic.code,
      message: diagnostic.message,
    };
  });
}
