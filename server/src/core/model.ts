// The data model shared by every layer: the core produces it, the LSP adapter, the CLI and the
// client's tree consume it. Plain data only (no classes) so it crosses JSON-RPC unchanged.

/** Normalized severity of an audit issue; `null` where the document says nothing. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Normalized status of an audit issue; `null` where the document says nothing. */
export type IssueStatus = 'open' | 'in-progress' | 'resolved' | 'wontfix';

/** Every severity from most to least urgent, for sorting and grouping. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/**
 * Where a reference stands against the code. The git-aware states (`moved`, `changed`, `deleted`,
 * `unverified`) come from the staleness layer (core/git/), which compares the code with what it was
 * when the audit line was written.
 */
export type ReferenceState =
  | 'ok'
  | 'missing-file'
  | 'line-out-of-range'
  | 'ambiguous'
  | 'outside-workspace'
  | 'proposed'
  | 'moved'
  | 'changed'
  | 'deleted'
  | 'unverified';

/** How the document wrote a reference down; useful for hovers and for quick fixes that rewrite it. */
export type ReferenceForm =
  | 'path-line' // `a.py:12`, `a.py:12-20, 30`
  | 'path-lines-words' // `a.py` lines 12-20
  | 'markdown-link' // [x](a.ts#L10-L20)
  | 'contextual-line' // "Line 230" bound to an earlier file
  | 'table' // file and line in separate table columns
  | 'path-only'; // `frontend/src/lib/logger.ts`

/** A zero-based position in a document: line and UTF-16 column, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

/** A zero-based, end-exclusive range in a document. */
export interface Range {
  start: Position;
  end: Position;
}

/** A code reference as written in the document, before it is resolved against the workspace. */
export interface ExtractedReference {
  /** The exact span of the reference text in the document (the path, or the line words for a contextual one). */
  range: Range;
  /** The source text of the reference as written, e.g. `views.py:149`. */
  text: string;
  /** The path as written, normalized to `/` separators, with no line suffix. */
  path: string;
  /** 1-based first line, or `null` for a file-level reference. */
  startLine: number | null;
  /** 1-based last line (inclusive); equals `startLine` for a single line. */
  endLine: number | null;
  /** True inside a fenced or indented code block. */
  inCode: boolean;
  /** True when the document does not claim the file exists: it proposes to create it ("create `x.py`", "new file") or says it is absent. */
  proposed: boolean;
  /** True when the document says the file is absent ("there is no `CONTRIBUTING.md`"); `proposed` is true too. */
  absent?: true;
  form: ReferenceForm;
}

/** A reference after resolution against the workspace's files. */
export interface ResolvedReference extends ExtractedReference {
  /** Workspace-relative path (with `/`) of the file it points at, or `null`. */
  resolvedPath: string | null;
  /** Every workspace path that matched, best first (more than one means ambiguous). */
  candidates: string[];
  state: ReferenceState;
  /** Why the state is what it is, in one sentence for people. */
  reason: string | null;
  /** Where the referenced code is now, when the state knows better than the document. */
  suggestion: { path: string; startLine: number; endLine: number } | null;
  /** For `changed`: the referenced lines as they were when the audit line was written (`at` names when), for hovers. */
  then?: { at: string; lines: string[] };
  /** Key of the issue that holds the reference, or `null` outside every issue. */
  issueKey: string | null;
}

/** An issue of an audit document: a heading, a list item or a table row. */
export interface AuditIssue {
  /** Stable key: the ID where there is one, else `<document>#<line>` (1-based). */
  key: string;
  /** The issue's own ID as written (`P0-01`, `CRIT-1`, `Task 2.5`), or `null`. */
  id: string | null;
  /** The title without markdown, strikethrough or status emoji. */
  title: string;
  severity: Severity | null;
  status: IssueStatus | null;
  /** Where the issue came from in the document. */
  kind: 'heading' | 'list-item' | 'table-row';
  /** The range of the heading, item or row that names the issue. */
  range: Range;
  /** Lines the issue's body spans (zero-based, inclusive start, exclusive end). */
  bodyStartLine: number;
  bodyEndLine: number;
  /** Titles of the enclosing headings, outermost first. */
  sectionPath: string[];
  /** `**Key:** value` fields, keyed by the lower-cased field name. */
  fields: Record<string, string>;
  /** IDs of issues this one depends on, from a Dependencies field. */
  dependencies: string[];
}

/** Codes of the diagnostics the core reports; a string enum so settings can name them. */
export type DiagnosticCode =
  | 'missing-file'
  | 'line-out-of-range'
  | 'ambiguous-path'
  | 'outside-workspace'
  | 'duplicate-issue-id'
  | 'unknown-issue-id'
  | 'status-conflict'
  | 'mojibake'
  | 'invalid-utf-8'
  | 'binary-file'
  | 'document-too-large'
  | 'reference-in-code'
  | 'read-error'
  | 'moved'
  | 'changed-since-audit'
  | 'deleted';

/** Diagnostic severities, named as LSP and SARIF readers expect. */
export type DiagnosticSeverity = 'error' | 'warning' | 'information' | 'hint';

/** A problem found in an audit document. */
export interface AuditDiagnostic {
  code: DiagnosticCode;
  severity: DiagnosticSeverity;
  message: string;
  range: Range;
  /** Extra data a quick fix needs (e.g. the suggested path); never needed to display it. */
  data?: Record<string, unknown>;
}

/** How the bytes of a document were turned into text. */
export type DocumentEncoding = 'utf-8' | 'mojibake-repaired' | 'invalid-utf-8';

/** Everything the core knows about one audit document. */
export interface DocumentAnalysis {
  /** Workspace-relative path with `/`. */
  path: string;
  encoding: DocumentEncoding;
  /** The text as stored; every range refers to it, even when issues were read from a repaired copy. */
  text: string;
  issues: AuditIssue[];
  references: ResolvedReference[];
  diagnostics: AuditDiagnostic[];
}

/** The analysis of a whole workspace folder: what the CLI prints and the server indexes. */
export interface WorkspaceReport {
  /** Absolute path of the workspace root. */
  root: string;
  documents: DocumentAnalysis[];
}
