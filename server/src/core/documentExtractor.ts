// The extraction phase for one document: bytes or editor text in, issues, references and the
// document's own lints out. It depends only on the document's content, so hosts cache it by
// content; resolving against the workspace is a separate, cheaper phase (referenceResolver.ts).
import { decodeDocument, repairMojibake, type DecodedDocument } from './encoding';
import { extractIssues, type IssueMention } from './issues/issueExtractor';
import { CachedMarkdownParser, MAX_SECTION_CHARS } from './markdown/markdownParser';
import { fencedLineMask, splitLines } from './markdown/sectionSplitter';
import type { AuditDiagnostic, AuditIssue, DocumentEncoding, ExtractedReference, IssueStatus, Range } from './model';
import { extractReferences } from './referenceExtractor';
import type { SectionedReferenceCache } from './references/sectionCache';
import { findSubprojectRoots } from './subprojectRoots';

/** Documents larger than this are scanned for references but not parsed for issues: remark would take minutes. */
export const MAX_PARSED_DOCUMENT_CHARS = 4 * 1024 * 1024;

/** Everything one document says on its own, before the workspace is consulted. */
export interface ExtractedDocument {
  path: string;
  encoding: DocumentEncoding;
  /** The text as stored; every range refers to it. */
  text: string;
  issues: AuditIssue[];
  mentions: IssueMention[];
  references: ExtractedReference[];
  /** Key of the issue holding each reference (parallel to `references`), or null. */
  referenceIssueKeys: Array<string | null>;
  /** Folders the document works in (`cd backend`), for resolving relative paths. */
  subprojectRoots: string[];
  /** Lints that need nothing but the document: encoding, duplicate IDs, status conflicts. */
  diagnostics: AuditDiagnostic[];
}

/** The content of a document as a host has it: bytes from disk, or text from an editor buffer. */
export type DocumentContent = { bytes: Uint8Array } | { text: string };

/**
 * Extracts issues, references and lints from one document. Never throws on bad content. With
 * `referenceSections`, an editor buffer's references are re-scanned only in the sections that changed.
 */
export function extractDocument(path: string, content: DocumentContent, parser: CachedMarkdownParser, referenceSections?: SectionedReferenceCache): ExtractedDocument {
  const decoded = 'bytes' in content ? decodeDocument(content.bytes) : decodeEditorText(content.text);
  const diagnostics = encodingDiagnostics(decoded);
  const empty: ExtractedDocument = {
    path,
    encoding: decoded.encoding,
    text: decoded.text,
    issues: [],
    mentions: [],
    references: [],
    referenceIssueKeys: [],
    subprojectRoots: [],
    diagnostics,
  };
  if (decoded.binary) return empty;

  const lines = splitLines(decoded.text);
  // Issues are read from the repaired text so that `üî¥` counts as 🔴; line numbers are the same.
  const issueLines = decoded.repairedText === null ? lines : splitLines(decoded.repairedText);
  const inFence = fencedLineMask(lines);
  let extracted: ReturnType<typeof extractIssues> = { issues: [], mentions: [], duplicates: [] };
  if (decoded.text.length <= MAX_PARSED_DOCUMENT_CHARS) {
    // Only an editor buffer's section trees are worth keeping: its next keystroke reuses them.
    const sections = parser.parse(issueLines, path, 'text' in content);
    extracted = extractIssues(path, issueLines, sections, inFence);
    const skipped = sections.find((parsed) => parsed.section.text.length > MAX_SECTION_CHARS);
    if (skipped) {
      diagnostics.push({
        code: 'document-too-large',
        severity: 'information',
        message: `The section starting on line ${skipped.section.startLine + 1} has ${formatSize(skipped.section.text.length)} of text without a heading; Audit Lens reads issues only from sections up to ${formatSize(MAX_SECTION_CHARS)}. Its references are still checked.`,
        range: lineRange(skipped.section.startLine),
      });
    }
  } else {
    diagnostics.push({
      code: 'document-too-large',
      severity: 'information',
      message: `This document has ${formatSize(decoded.text.length)} of text; Audit Lens reads issues only from documents up to ${formatSize(MAX_PARSED_DOCUMENT_CHARS)}. Its references are still checked.`,
      range: lineRange(0),
    });
  }

  const scopeStartLines = new Set<number>();
  for (const issue of extracted.issues) scopeStartLines.add(issue.range.start.line);
  for (const mention of extracted.mentions) scopeStartLines.add(mention.range.start.line);
  const references = referenceSections && 'text' in content ? referenceSections.extract(decoded.text, scopeStartLines, path) : extractReferences(decoded.text, { scopeStartLines });
  const owners = issueOwnerByLine(lines.length, extracted.issues, extracted.mentions);
  diagnostics.push(...duplicateDiagnostics(extracted.duplicates), ...statusConflictDiagnostics(extracted.issues, extracted.mentions));
  return {
    ...empty,
    issues: extracted.issues,
    mentions: extracted.mentions,
    references,
    referenceIssueKeys: references.map((reference) => owners[reference.range.start.line] ?? null),
    subprojectRoots: findSubprojectRoots(lines, inFence),
  };
}

/** An editor buffer is already text; it can still be mojibake that was saved long ago. */
function decodeEditorText(text: string): DecodedDocument {
  const repaired = repairMojibake(text);
  return {
    encoding: repaired.repairCount > 0 ? 'mojibake-repaired' : 'utf-8',
    text,
    repairedText: repaired.repairCount > 0 ? repaired.text : null,
    binary: text.includes('\u0000'),
    firstProblemLine: repaired.firstLine,
    repairCount: repaired.repairCount,
    mojibakeSource: repaired.source,
    hadBom: false,
  };
}

function encodingDiagnostics(decoded: DecodedDocument): AuditDiagnostic[] {
  const line = decoded.firstProblemLine ?? 0;
  if (decoded.binary) {
    return [{ code: 'binary-file', severity: 'warning', message: 'This file looks binary (it has NUL or control bytes); Audit Lens skipped it.', range: lineRange(0) }];
  }
  if (decoded.encoding === 'invalid-utf-8') {
    return [{ code: 'invalid-utf-8', severity: 'warning', message: `This file is not valid UTF-8 (first bad byte on line ${line + 1}); invalid bytes were read as U+FFFD.`, range: lineRange(line) }];
  }
  if (decoded.encoding === 'mojibake-repaired') {
    const codePage = decoded.mojibakeSource === 'windows-1252' ? 'Windows-1252' : 'Mac Roman';
    return [
      {
        code: 'mojibake',
        severity: 'information',
        message: `This document is mojibake: UTF-8 that was read as ${codePage} and saved again (${decoded.repairCount} garbled sequence${decoded.repairCount === 1 ? '' : 's'}). Audit Lens reads it as repaired; the quick fix repairs the file.`,
        range: lineRange(line),
        data: { source: decoded.mojibakeSource, repairCount: decoded.repairCount },
      },
    ];
  }
  return [];
}

/** Maps each line to the key of the issue (or mentioned issue) whose body holds it. */
function issueOwnerByLine(lineCount: number, issues: readonly AuditIssue[], mentions: readonly IssueMention[]): Array<string | undefined> {
  const owners = new Array<string | undefined>(lineCount);
  const scopes = [
    ...issues.map((issue) => ({ key: issue.key, start: issue.bodyStartLine, end: issue.bodyEndLine })),
    ...mentions.map((mention) => ({ key: mention.key, start: mention.startLine, end: mention.endLine })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  // Later (inner) scopes overwrite the outer ones; issue scopes barely nest, so this stays linear.
  for (const scope of scopes) {
    for (let line = scope.start; line < Math.min(scope.end, lineCount); line++) owners[line] = scope.key;
  }
  return owners;
}

function duplicateDiagnostics(duplicates: ReturnType<typeof extractIssues>['duplicates']): AuditDiagnostic[] {
  return duplicates.map((duplicate) => ({
    code: 'duplicate-issue-id',
    severity: 'warning',
    message: `Issue ID ${duplicate.id} is already defined on line ${duplicate.firstLine + 1}.`,
    range: duplicate.range,
    data: { id: duplicate.id, firstLine: duplicate.firstLine },
  }));
}

function isDone(status: IssueStatus | null): boolean {
  return status === 'resolved' || status === 'wontfix';
}

function isOpen(status: IssueStatus | null): boolean {
  return status === 'open' || status === 'in-progress';
}

function statusConflictDiagnostics(issues: readonly AuditIssue[], mentions: readonly IssueMention[]): AuditDiagnostic[] {
  const byKey = new Map(issues.map((issue) => [issue.key, issue]));
  const diagnostics: AuditDiagnostic[] = [];
  for (const mention of mentions) {
    const issue = byKey.get(mention.key);
    if (!issue || mention.status === null || issue.status === null) continue;
    if ((isDone(mention.status) && isOpen(issue.status)) || (isOpen(mention.status) && isDone(issue.status))) {
      diagnostics.push({
        code: 'status-conflict',
        severity: 'warning',
        message: `${mention.id} is marked ${mention.status} here but ${issue.status} on line ${issue.range.start.line + 1}.`,
        range: mention.range,
        data: { id: mention.id, issueLine: issue.range.start.line, here: mention.status, there: issue.status },
      });
    }
  }
  return diagnostics;
}

function lineRange(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.round(chars / 1024)} KB`;
}
