// Decides which headings, list items and table rows are issues, and reads each one's ID, title,
// severity, status and fields. The rules follow how real audits are written: see the notes on
// each step, and test/unit/issueExtractor.test.ts for the shapes they cover.
import type { ParsedSection } from '../markdown/markdownParser';
import type { AuditIssue, IssueStatus, Range, Severity } from '../model';
import { collectCandidateBlocks, type CandidateBlock, type HeadingBlock, type ListItemBlock, type TableRowBlock } from './issueCandidates';
import { collectFields, displayValue, parseFieldLine, type FieldLine } from './fields';
import { findIssueIds, matchLeadingId } from './issueIds';
import {
  emojiSeverity,
  explicitTitleSeverity,
  sectionSeverity,
  severityFromField,
  severityWord,
  statusFromField,
  statusFromTitle,
} from './markers';
import { cleanTitle, MAX_TITLE_CHARS } from './titles';
import { memoizeString } from '../memo';

/** Another place in the document that names an issue defined elsewhere ("✅ **CRIT-2**: …"). */
export interface IssueMention {
  id: string;
  /** Key of the issue it names. */
  key: string;
  status: IssueStatus | null;
  range: Range;
  /** Lines the mention spans (0-based, end exclusive); references there belong to the issue. */
  startLine: number;
  endLine: number;
}

/** A second definition of an ID that a heading already defined. */
export interface DuplicateIssue {
  id: string;
  range: Range;
  /** 0-based line of the first definition. */
  firstLine: number;
}

/** What the issue extractor finds in one document. */
export interface ExtractedIssues {
  issues: AuditIssue[];
  mentions: IssueMention[];
  duplicates: DuplicateIssue[];
}

interface Draft {
  block: CandidateBlock;
  id: string | null;
  title: string;
  effort: string | null;
  severity: Severity | null;
  status: IssueStatus | null;
  statusFromTitle: boolean;
  fields: FieldLine[];
  bodyStartLine: number;
  bodyEndLine: number;
  sectionPath: string[];
}

interface HeadingContext {
  heading: HeadingBlock;
  title: string;
  /** Severity the heading gives what stands under it, from its words or its colour emoji. */
  severity: SectionSeverity | null;
  isIssue: boolean;
}

/** A section's severity, and whether only a colour emoji said so (the weakest signal). */
interface SectionSeverity {
  severity: Severity;
  fromEmoji: boolean;
}

/** Extracts the issues of one document from its parsed sections (lines are the repaired text's). */
export function extractIssues(documentPath: string, lines: readonly string[], sections: readonly ParsedSection[], inFence: readonly boolean[]): ExtractedIssues {
  const blocks = collectCandidateBlocks(sections, lines.length);
  const shape = surveyHeadings(blocks, lines);
  const drafts: Draft[] = [];
  const stack: HeadingContext[] = [];
  const listIssues = new Set<ListItemBlock>();
  const fieldItems = new Set<ListItemBlock>();

  // One pass in document order; the stack holds the headings whose bodies enclose the block.
  for (const block of blocks) {
    if (block.kind === 'heading') {
      while (stack.length > 0 && (stack[stack.length - 1]?.heading.depth ?? 0) >= block.depth) stack.pop();
      const classified = classifyHeading(block, stack, shape, lines, inFence);
      if (classified.draft) drafts.push(classified.draft);
      stack.push(classified.context);
      continue;
    }
    // Items and rows inside an issue heading's body are that issue's content, not issues.
    if (stack.some((context) => context.isIssue)) continue;
    const draft = block.kind === 'list-item' ? listItemDraft(block, stack, lines, listIssues, fieldItems) : tableRowDraft(block, stack);
    if (draft) drafts.push(draft);
  }

  drafts.sort((a, b) => a.block.line - b.block.line);
  inferOpenByConvention(drafts);
  return assignKeys(documentPath, drafts);
}

/** What the classifier needs to know about a heading's descendants before it reaches them. */
interface HeadingSurvey {
  /** The first line of a block under the heading that looks like an issue of its own (so the heading is a category). */
  firstIssueChildLine: Map<HeadingBlock, number>;
  /** The first heading inside each heading's body, where its own fields stop. */
  firstChild: Map<HeadingBlock, HeadingBlock>;
}

/** A linear pre-pass: each block marks the (at most six) headings whose bodies enclose it. */
function surveyHeadings(blocks: readonly CandidateBlock[], lines: readonly string[]): HeadingSurvey {
  const firstIssueChildLine = new Map<HeadingBlock, number>();
  const firstChild = new Map<HeadingBlock, HeadingBlock>();
  const open: Array<{ heading: HeadingBlock; underSeverity: boolean; severity: boolean }> = [];
  for (const block of blocks) {
    if (block.kind === 'heading') {
      while (open.length > 0 && (open[open.length - 1]?.heading.depth ?? 0) >= block.depth) open.pop();
    }
    for (const entry of open) {
      if (block.kind === 'heading' && !firstChild.has(entry.heading)) firstChild.set(entry.heading, block);
      if (!firstIssueChildLine.has(entry.heading) && looksLikeChildIssue(block, entry.underSeverity, lines)) firstIssueChildLine.set(entry.heading, block.line);
    }
    if (block.kind === 'heading') {
      const parent = open[open.length - 1];
      const ownSeverity = sectionSeverity(block.text.slice(0, MAX_TITLE_CHARS)) !== null;
      const underSeverity = parent !== undefined && (parent.severity || parent.underSeverity);
      open.push({ heading: block, underSeverity, severity: ownSeverity });
    }
  }
  return { firstIssueChildLine, firstChild };
}

function classifyHeading(
  heading: HeadingBlock,
  stack: readonly HeadingContext[],
  shape: HeadingSurvey,
  lines: readonly string[],
  inFence: readonly boolean[],
): { context: HeadingContext; draft: Draft | undefined } {
  const text = heading.text.slice(0, MAX_TITLE_CHARS);
  const idText = stripLeadingMarkers(text);
  const leading = matchLeadingId(idText);
  const { title, effort } = cleanTitle(leading ? leading.rest : idText);
  const wordSeverity = leading ? null : sectionSeverity(text);
  const parentSeverity = inheritedSeverity(stack);
  const insideIssue = stack.some((context) => context.isIssue);
  const context: HeadingContext = { heading, title: cleanTitle(text).title, severity: wordSeverity ? { severity: wordSeverity, fromEmoji: false } : parentSeverity, isIssue: false };
  // A heading with its own ID is an issue even inside another issue's body; an unnamed one is content.
  if ((insideIssue && !leading) || wordSeverity) return { context, draft: undefined };

  // A heading with an ID owns its whole body; an unnamed one's fields stop where item-like content starts.
  const childHeadingLine = shape.firstChild.get(heading)?.line ?? heading.bodyEndLine;
  const fieldsEnd = leading ? childHeadingLine : Math.min(childHeadingLine, shape.firstIssueChildLine.get(heading) ?? heading.bodyEndLine);
  const fields = collectFields(lines, heading.line + 1, fieldsEnd, inFence);
  const titleStatus = heading.struck ? 'resolved' : statusFromTitle(text, { lowerCaseBrackets: false });
  const titleSeverity = explicitTitleSeverity(text) ?? emojiSeverity(text);

  if (!leading) {
    const marked = titleStatus !== null || titleSeverity !== null || parentSeverity !== null;
    if (!marked) return { context, draft: undefined };
    if (shape.firstIssueChildLine.has(heading) && !fields.some(isIssueField)) {
      // A category heading: a colour emoji on it ("## 🟢 Continuous Improvement") colours its items.
      const emoji = emojiSeverity(text);
      if (emoji && !parentSeverity) context.severity = { severity: emoji, fromEmoji: true };
      return { context, draft: undefined };
    }
  }

  context.isIssue = true;
  const draft: Draft = {
    block: heading,
    id: leading?.id ?? null,
    title: title || context.title,
    effort,
    severity: rankSeverity(fields, text, leading?.id ?? null, parentSeverity),
    status: fieldStatus(fields) ?? titleStatus,
    // The title marks status even when a Status field repeats it: that is what shows the document's convention.
    statusFromTitle: titleStatus !== null,
    fields,
    bodyStartLine: heading.line,
    bodyEndLine: heading.bodyEndLine,
    sectionPath: stack.map((entry) => entry.title),
  };
  return { context, draft };
}

/** Field keys that only an issue carries; a bold label such as `**Checklist:**` is not one. */
const ISSUE_FIELD_KEYS = new Set(['severity', 'status', 'priority', 'category', 'domain', 'effort', 'risk', 'impact', 'file', 'files', 'location', 'lines', 'assigned', 'assignee', 'owner', 'due date', 'dependencies', 'depends on', 'component', 'area', 'type', 'cwe', 'cvss']);

function isIssueField(field: FieldLine): boolean {
  return ISSUE_FIELD_KEYS.has(field.key) && field.value.trim() !== '';
}

/** A block that would make its heading a section (a category) rather than an issue. */
function looksLikeChildIssue(block: CandidateBlock, underSeveritySection: boolean, lines: readonly string[]): boolean {
  if (block.kind === 'heading') return matchLeadingId(stripLeadingMarkers(block.text)) !== undefined || statusFromTitle(block.text, { lowerCaseBrackets: false }) !== null;
  if (block.kind === 'table-row') return matchLeadingId(stripLeadingMarkers(block.cells[0] ?? '')) !== undefined;
  // `- **Status:** ✅ Fixed` is a field of the heading above, not an issue of its own.
  if (block.depth > 0 || parseFieldLine(lines[block.line] ?? '', block.line)) return false;
  if (block.checked !== null || block.struck) return true;
  const text = stripLeadingMarkers(block.text);
  return matchLeadingId(text) !== undefined || statusFromTitle(block.text) !== null || explicitTitleSeverity(block.text) !== null || underSeveritySection;
}

function listItemDraft(
  item: ListItemBlock,
  context: readonly HeadingContext[],
  lines: readonly string[],
  listIssues: Set<ListItemBlock>,
  fieldItems: Set<ListItemBlock>,
): Draft | undefined {
  for (let ancestor = item.parent; ancestor; ancestor = ancestor.parent) {
    if (listIssues.has(ancestor) || fieldItems.has(ancestor)) return undefined;
  }
  if (parseFieldLine(lines[item.line] ?? '', item.line)) {
    fieldItems.add(item);
    return undefined;
  }
  const text = item.text.slice(0, MAX_TITLE_CHARS);
  const idText = stripLeadingMarkers(text);
  const leading = matchLeadingId(idText);
  const sectionSeverity = inheritedSeverity(context);
  const titleStatus = statusFromTitle(text);
  const ownSeverity = explicitTitleSeverity(text) ?? emojiSeverity(text);
  const isIssue = leading !== undefined || item.checked !== null || item.struck || titleStatus !== null || ownSeverity !== null || (sectionSeverity !== null && item.depth === 0);
  if (!isIssue || text.trim() === '') return undefined;
  listIssues.add(item);
  const { title, effort } = cleanTitle(leading ? leading.rest : idText);
  const status = item.struck ? (titleStatus === 'open' ? 'open' : 'resolved') : (titleStatus ?? checkboxStatus(item.checked));
  return {
    block: item,
    id: leading?.id ?? null,
    title,
    effort,
    severity: rankSeverity([], text, leading?.id ?? null, sectionSeverity),
    status,
    statusFromTitle: false,
    fields: [],
    bodyStartLine: item.line,
    bodyEndLine: item.endLine + 1,
    sectionPath: context.map((entry) => entry.title),
  };
}

function checkboxStatus(checked: boolean | null): IssueStatus | null {
  if (checked === null) return null;
  return checked ? 'resolved' : 'open';
}

const ID_COLUMNS = new Set(['id', '#', 'key', 'ref', 'issue id']);
const TITLE_COLUMNS = ['title', 'issue', 'finding', 'task', 'description', 'name', 'item', 'problem', 'summary', 'vulnerability', 'bug'];
const STATUS_COLUMNS = ['status', 'state', 'resolution'];
const SEVERITY_COLUMNS = ['severity', 'priority', 'risk', 'level', 'impact'];

function tableRowDraft(row: TableRowBlock, context: readonly HeadingContext[]): Draft | undefined {
  const column = (names: readonly string[]): number[] =>
    row.header.flatMap((name, index) => (names.some((wanted) => name === wanted || name.startsWith(`${wanted} `)) ? [index] : []));
  const idColumn = row.header.findIndex((name) => ID_COLUMNS.has(name));
  const titleColumn = column(TITLE_COLUMNS)[0];
  const firstCell = stripLeadingMarkers(row.cells[0] ?? '');
  const leadingId = matchLeadingId(firstCell);
  const idCell = idColumn >= 0 ? (row.cells[idColumn] ?? '').trim() : '';
  const id = idCell !== '' && matchLeadingId(idCell) ? (matchLeadingId(idCell)?.id ?? null) : (leadingId?.id ?? null);
  let status: IssueStatus | null = null;
  for (const index of column(STATUS_COLUMNS)) status ??= statusFromField(row.cells[index] ?? '');
  let severity: Severity | null = null;
  for (const index of column(SEVERITY_COLUMNS)) severity ??= severityFromField(row.cells[index] ?? '');
  const isIssue = id !== null || (titleColumn !== undefined && (status !== null || severity !== null));
  if (!isIssue) return undefined;
  const titleSource = titleColumn !== undefined && titleColumn !== idColumn ? (row.cells[titleColumn] ?? '') : leadingId ? leadingId.rest : firstCell;
  const cleanSource = titleColumn === 0 && leadingId ? leadingId.rest : titleSource;
  return {
    block: row,
    id,
    title: cleanTitle(stripLeadingMarkers(cleanSource)).title,
    effort: null,
    // Only the title and ID speak for severity here: a 🔴 in a status column means "broken", not "critical".
    severity: severity ?? rankSeverity([], cleanSource, id, inheritedSeverity(context)),
    status,
    statusFromTitle: false,
    fields: row.header.flatMap((name, index) => (name ? [{ key: name, value: row.cells[index] ?? '', line: row.line }] : [])),
    bodyStartLine: row.line,
    bodyEndLine: row.line + 1,
    sectionPath: context.map((entry) => entry.title),
  };
}

/** Ranks the severity signals: own fields, then own explicit words, then the section's words, then emoji. */
function rankSeverity(fields: readonly FieldLine[], titleText: string, id: string | null, section: SectionSeverity | null): Severity | null {
  for (const field of fields) {
    if (field.key === 'severity' || field.key === 'priority' || field.key === 'risk level') {
      const severity = severityFromField(field.value);
      if (severity) return severity;
    }
  }
  const fromId = id ? (explicitTitleSeverity(id.replace(/-\d+$/, '')) ?? idWordSeverity(id)) : null;
  const sectionWords = section && !section.fromEmoji ? section.severity : null;
  return explicitTitleSeverity(titleText) ?? fromId ?? sectionWords ?? emojiSeverity(titleText) ?? section?.severity ?? null;
}

/** `CRIT-1`, `HIGH-4`, `CRITICAL BUG #1`: an ID whose prefix is a severity word. */
function idWordSeverity(id: string): Severity | null {
  const prefix = id.split(/[-#\s]/)[0]?.toUpperCase() ?? '';
  if (prefix === 'CRIT') return 'critical';
  if (prefix === 'MED') return 'medium';
  return ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].includes(prefix) ? severityWord(prefix) : null;
}

function fieldStatus(fields: readonly FieldLine[]): IssueStatus | null {
  const field = fields.find((candidate) => candidate.key === 'status' || candidate.key === 'state');
  return field ? statusFromField(field.value) : null;
}

/** Drops leading emoji, punctuation and short bracketed tags so an ID can be seen at the start. */
export const stripLeadingMarkers: (text: string) => string = memoizeString(stripLeadingMarkersUncached);

function stripLeadingMarkersUncached(text: string): string {
  let rest = text.trimStart();
  for (let round = 0; round < 4; round++) {
    const before = rest;
    rest = rest.replace(/^[^\p{L}\p{N}[(]+/u, '');
    const tag = /^[[(]([^\])]{1,20})[\])]\s*/.exec(rest);
    if (tag && (severityWord(tag[1] ?? '') || statusFromField(tag[1] ?? '') || /^P[0-4]$/.test(tag[1] ?? ''))) rest = rest.slice(tag[0].length);
    if (rest === before) break;
  }
  return rest;
}

function inheritedSeverity(stack: readonly HeadingContext[]): SectionSeverity | null {
  for (let index = stack.length - 1; index >= 0; index--) {
    const severity = stack[index]?.severity;
    if (severity) return severity;
  }
  return null;
}

/**
 * Where the document marks done headings in their titles (strikethrough, ✅, "(FIXED)"), a heading
 * issue without any mark is open: that is the document's own convention.
 */
function inferOpenByConvention(drafts: Draft[]): void {
  const usesTitleStatus = drafts.some((draft) => draft.block.kind === 'heading' && draft.statusFromTitle);
  if (!usesTitleStatus) return;
  for (const draft of drafts) {
    if (draft.block.kind === 'heading' && draft.status === null && draft.id !== null) draft.status = 'open';
  }
}

function assignKeys(documentPath: string, drafts: readonly Draft[]): ExtractedIssues {
  const definitions = new Map<string, Draft>();
  for (const draft of drafts) {
    if (!draft.id) continue;
    const existing = definitions.get(draft.id);
    // A heading defines its ID over a list item or a row that only names it.
    if (!existing || (existing.block.kind !== 'heading' && draft.block.kind === 'heading')) definitions.set(draft.id, draft);
  }
  const issues: AuditIssue[] = [];
  const mentions: IssueMention[] = [];
  const duplicates: DuplicateIssue[] = [];
  for (const draft of drafts) {
    const definition = draft.id ? definitions.get(draft.id) : undefined;
    const isDefinition = !definition || definition === draft;
    if (draft.id && definition && !isDefinition && draft.block.kind !== 'heading') {
      mentions.push({ id: draft.id, key: draft.id, status: draft.status, range: draft.block.range, startLine: draft.bodyStartLine, endLine: draft.bodyEndLine });
      continue;
    }
    if (draft.id && definition && !isDefinition) duplicates.push({ id: draft.id, range: draft.block.range, firstLine: definition.block.line });
    const key = draft.id && isDefinition ? draft.id : `${documentPath}#${draft.block.line + 1}`;
    issues.push(toIssue(draft, key));
  }
  return { issues, mentions, duplicates };
}

function toIssue(draft: Draft, key: string): AuditIssue {
  const fields: Record<string, string> = {};
  for (const field of draft.fields) fields[field.key] ??= displayValue(field.value);
  if (draft.effort && !fields['effort']) fields['effort'] = draft.effort;
  const dependencyField = draft.fields.find((field) => field.key === 'dependencies' || field.key === 'depends on' || field.key === 'blocked by');
  return {
    key,
    id: draft.id,
    title: draft.title,
    severity: draft.severity,
    status: draft.status,
    kind: draft.block.kind,
    range: draft.block.range,
    bodyStartLine: draft.bodyStartLine,
    bodyEndLine: draft.bodyEndLine,
    sectionPath: draft.sectionPath,
    fields,
    dependencies: dependencyField ? findIssueIds(dependencyField.value).filter((id) => id !== draft.id) : [],
  };
}
