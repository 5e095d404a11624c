// SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers. GitHub matches results
// across runs by ruleId, file path and partialFingerprints, so each of these must depend only on
// what the finding is, never on where it happens to sit today: the fingerprint hashes the code,
// the document and the flagged text, not the line number.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type * as sarif from 'sarif';
import type { AuditDiagnostic, DiagnosticCode, DiagnosticSeverity, DocumentAnalysis, WorkspaceReport } from '../model';
import { createRangeTextReader, sortedDiagnostics, sortedDocuments, toPosixPath } from './reportCommon';

/** The schema URI written into every log; GitHub and VS Code's SARIF viewer both recognise it. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Where people learn about the tool; shown by SARIF viewers next to the tool name. */
export const AUDIT_LENS_INFORMATION_URI = 'https://github.com/audit-lens/audit-lens';

/** The key under which results carry their fingerprint; bump the suffix if the hash input changes. */
export const FINGERPRINT_KEY = 'auditLens/v1';

/** The uriBaseId every artifact location is relative to. */
export const SOURCE_ROOT_ID = '%SRCROOT%';

interface RuleInfo {
  name: string;
  short: string;
  full: string;
  help: string;
  level: sarif.ReportingConfiguration.level;
  tag: 'reference' | 'issue' | 'encoding' | 'document';
}

/** One rule per diagnostic code, in a fixed order so ruleIndex stays the same from run to run. */
const RULES: Record<DiagnosticCode, RuleInfo> = {
  'missing-file': {
    name: 'MissingFile',
    short: 'Referenced file does not exist',
    full: 'A code reference in an audit document names a file that is not in the workspace.',
    help: 'Point the reference at the file where the code lives now, or resolve the issue if the file was removed on purpose.',
    level: 'error',
    tag: 'reference',
  },
  'line-out-of-range': {
    name: 'LineOutOfRange',
    short: 'Referenced lines are past the end of the file',
    full: 'A code reference names lines that the referenced file does not have, so the code it described has moved or gone.',
    help: 'Find the code the issue describes and update the line numbers, or drop them to reference the whole file.',
    level: 'warning',
    tag: 'reference',
  },
  'ambiguous-path': {
    name: 'AmbiguousPath',
    short: 'Reference matches more than one file',
    full: 'A code reference gives a path that matches several files in the workspace, so a reader cannot tell which one is meant.',
    help: 'Write more of the path (for example the parent folder) so that exactly one file matches.',
    level: 'warning',
    tag: 'reference',
  },
  'outside-workspace': {
    name: 'OutsideWorkspace',
    short: 'Reference points outside the workspace',
    full: 'A code reference resolves, lexically or through a symlink, to a location outside the workspace root; it is never read.',
    help: 'Reference the file by its path inside the repository.',
    level: 'warning',
    tag: 'reference',
  },
  'duplicate-issue-id': {
    name: 'DuplicateIssueId',
    short: 'Issue ID used more than once',
    full: 'Two issues in the audit documents carry the same ID, so links and dependencies that name it are ambiguous.',
    help: 'Give each issue its own ID.',
    level: 'warning',
    tag: 'issue',
  },
  'unknown-issue-id': {
    name: 'UnknownIssueId',
    short: 'Dependency names an unknown issue',
    full: 'An issue depends on an ID that no issue in the audit documents carries.',
    help: 'Correct the ID in the dependency list, or remove the dependency if that issue was dropped.',
    level: 'warning',
    tag: 'issue',
  },
  'status-conflict': {
    name: 'StatusConflict',
    short: 'Issue status contradicts itself',
    full: 'An issue states two different statuses, for example a resolved mark in its title and an open status field.',
    help: 'Keep one status for the issue.',
    level: 'warning',
    tag: 'issue',
  },
  mojibake: {
    name: 'Mojibake',
    short: 'Document text is garbled by a wrong decoding',
    full: 'The document is UTF-8 that was once decoded as a legacy code page and saved again, which garbles every non-ASCII character.',
    help: 'Re-save the document as the repaired UTF-8 text.',
    level: 'warning',
    tag: 'encoding',
  },
  'invalid-utf-8': {
    name: 'InvalidUtf8',
    short: 'Document is not valid UTF-8',
    full: 'The document contains byte sequences that are not valid UTF-8; the affected characters were replaced.',
    help: 'Convert the document to UTF-8.',
    level: 'warning',
    tag: 'encoding',
  },
  'binary-file': {
    name: 'BinaryFile',
    short: 'Binary file where text was expected',
    full: 'A file that should be text looks binary, so it was not analysed as text.',
    help: 'Exclude the file from the audit documents, or reference a text file.',
    level: 'note',
    tag: 'document',
  },
  'document-too-large': {
    name: 'DocumentTooLarge',
    short: 'Document too large to analyse',
    full: 'The document is larger than the analysis limit, so its issues and references were not read.',
    help: 'Split the document, or exclude it from the check.',
    level: 'warning',
    tag: 'document',
  },
  'reference-in-code': {
    name: 'ReferenceInCode',
    short: 'Code reference inside a code block',
    full: 'A code reference appears inside a code block, where it may be sample output rather than a claim about the code.',
    help: 'Move the reference into prose if it is meant as a pointer to the code.',
    level: 'note',
    tag: 'reference',
  },
  'read-error': {
    name: 'ReadError',
    short: 'File could not be read',
    full: 'A file the analysis needed could not be read.',
    help: 'Check that the file exists and is readable.',
    level: 'error',
    tag: 'document',
  },
  moved: {
    name: 'CodeMoved',
    short: 'Referenced code moved since the audit line was written',
    full: 'The referenced lines still exist, unchanged but for whitespace, at another place in the file or in another file than the reference says.',
    help: 'Update the reference to where the code stands now.',
    level: 'warning',
    tag: 'reference',
  },
  'changed-since-audit': {
    name: 'ChangedSinceAudit',
    short: 'Referenced code changed since the audit line was written',
    full: 'The referenced lines were edited in place since the commit the audit line was written at; the issue may be fixed.',
    help: 'Check whether the change fixed the issue, and mark it resolved if so.',
    level: 'note',
    tag: 'reference',
  },
  deleted: {
    name: 'CodeDeleted',
    short: 'Referenced code was deleted',
    full: 'The referenced lines were removed since the commit the audit line was written at; the file remains.',
    help: 'Resolve the issue if the code was removed on purpose, or point the reference at the code that replaced it.',
    level: 'warning',
    tag: 'reference',
  },
};

const LEVELS: Record<DiagnosticSeverity, sarif.Result.level> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** Turns a workspace report into one SARIF 2.1.0 log with one run and one result per diagnostic. */
export function toSarif(report: WorkspaceReport, toolVersion: string): sarif.Log {
  const rules = new RuleTable();
  const results = sortedDocuments(report).flatMap((document) => resultsOf(document, rules));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'audit-lens',
            informationUri: AUDIT_LENS_INFORMATION_URI,
            version: toolVersion,
            rules: rules.descriptors(),
          },
        },
        originalUriBaseIds: {
          [SOURCE_ROOT_ID]: {
            uri: directoryUri(report.root),
            description: { text: 'The workspace root that audit-lens checked.' },
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** SARIF's level for a diagnostic severity: information and hints are notes. */
export function sarifLevel(severity: DiagnosticSeverity): sarif.Result.level {
  return LEVELS[severity] ?? 'note';
}

/**
 * Known rules first in catalogue order; a code the catalogue lacks (a newer core) gets a generic
 * rule at the end, in order of first use. Descriptors must be taken after every result is built.
 */
class RuleTable {
  private readonly extra: string[] = [];
  private readonly known = Object.keys(RULES) as DiagnosticCode[];

  indexOf(code: string): number {
    const known = this.known.indexOf(code as DiagnosticCode);
    if (known !== -1) return known;
    if (!this.extra.includes(code)) this.extra.push(code);
    return this.known.length + this.extra.indexOf(code);
  }

  descriptors(): sarif.ReportingDescriptor[] {
    const known = this.known.map((code) => descriptor(code, RULES[code]));
    const extra = this.extra.map((code) => descriptor(code, genericRule(code)));
    return [...known, ...extra];
  }
}

function descriptor(id: string, rule: RuleInfo): sarif.ReportingDescriptor {
  return {
    id,
    name: rule.name,
    shortDescription: { text: rule.short },
    fullDescription: { text: rule.full },
    help: { text: rule.help, markdown: rule.help },
    defaultConfiguration: { level: rule.level },
    properties: { tags: ['audit-lens', rule.tag] },
  };
}

function genericRule(code: string): RuleInfo {
  return { name: code, short: code, full: `Audit Lens diagnostic ${code}.`, help: 'See the message of each result.', level: 'warning', tag: 'document' };
}

function resultsOf(document: DocumentAnalysis, rules: RuleTable): sarif.Result[] {
  const path = toPosixPath(document.path);
  const reader = createRangeTextReader(document.text);
  const occurrences = new Map<string, number>();
  const results: sarif.Result[] = [];
  for (const diagnostic of sortedDiagnostics(document.diagnostics)) {
    const flagged = reader.read(diagnostic.range);
    // Identical findings in one document (the same broken reference written twice) would share a
    // fingerprint and collapse into one alert; their order of appearance keeps them apart.
    const identity = JSON.stringify([diagnostic.code, path, flagged]);
    const occurrence = (occurrences.get(identity) ?? 0) + 1;
    occurrences.set(identity, occurrence);
    results.push(resultOf(diagnostic, path, rules, fingerprint(identity, occurrence)));
  }
  return results;
}

function resultOf(diagnostic: AuditDiagnostic, path: string, rules: RuleTable, hash: string): sarif.Result {
  const ruleIndex = rules.indexOf(diagnostic.code);
  const message = diagnostic.message.trim() || (RULES[diagnostic.code]?.short ?? diagnostic.code);
  return {
    ruleId: diagnostic.code,
    ruleIndex,
    level: sarifLevel(diagnostic.severity),
    message: { text: message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(path), uriBaseId: SOURCE_ROOT_ID },
          region: regionOf(diagnostic),
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: hash },
  };
}

/** A 1-based region; SARIF's endColumn is exclusive like the model's, so both ends shift by one. */
function regionOf(diagnostic: AuditDiagnostic): sarif.Region {
  const { start, end } = diagnostic.range;
  const startLine = Math.max(0, start.line) + 1;
  const startColumn = Math.max(0, start.character) + 1;
  const endsBeforeStart = end.line < start.line || (end.line === start.line && end.character < start.character);
  return {
    startLine,
    startColumn,
    endLine: endsBeforeStart ? startLine : end.line + 1,
    endColumn: endsBeforeStart ? startColumn : Math.max(0, end.character) + 1,
  };
}

function fingerprint(identity: string, occurrence: number): string {
  return createHash('sha256').update(identity).update('\u0000').update(String(occurrence)).digest('hex');
}

/** A relative URI reference: each segment percent-encoded so spaces, `#` or `:` cannot change its meaning. */
function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** SARIF requires a base URI to end with `/`, or relative URIs would resolve against its parent. */
function directoryUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}
