// Marks an issue resolved or open the way its own document already does it: a `**Status:**` field
// worded like the document's other status fields, a task checkbox, a struck heading with the suffix
// its siblings carry (`### ~~CRIT-2: Title~~ ✅ RESOLVED`), or a table's Status cell. Every edit is
// checked against the extractor's reading rules (issues/markers.ts) before it is offered, so a
// re-analysis of the edited document reads the promised status. Lines of mojibake documents are read
// repaired, so a line the edit touches comes out repaired as well.
import { repairMojibake } from '../encoding';
import { parseFieldLine } from '../issues/fields';
import { statusFromField } from '../issues/markers';
import { fencedLineMask, isAtxHeading } from '../markdown/sectionSplitter';
import type { AuditIssue, DocumentAnalysis, IssueStatus } from '../model';
import {
  EXPLICIT_OPEN,
  HEADING_RESOLVED,
  ITEM_RESOLVED,
  learnShape,
  mostFrequent,
  parseTitleLine,
  renderTitle,
  statusWording,
  titleOf,
  titleStatus,
  withoutContraryMarks,
  type MarkableStatus,
} from './issueTitleMarks';
import { documentLines, minimalLineEdit, type DocumentEdit, type DocumentLines, type TextEdit } from './textEdits';

/** The statuses the Mark Resolved / Mark Open commands set. */
export type { MarkableStatus } from './issueTitleMarks';

/**
 * The edit that gives the issue `target` status in its document's own convention; no edits when it
 * already has it, undefined when the issue is unknown or no convention can carry the status
 * (a table without a Status column, a checkbox item whose words contradict its box).
 */
export function markIssueStatus(analysis: DocumentAnalysis, issueKey: string, target: MarkableStatus): DocumentEdit | undefined {
  try {
    const issue = analysis.issues.find((candidate) => candidate.key === issueKey);
    if (!issue) return undefined;
    if (issue.status === target) return { path: analysis.path, edits: [] };
    const doc = readDocument(analysis);
    const plan = issue.kind === 'table-row' ? tableRowPlan(doc, issue, target) : issue.kind === 'list-item' ? listItemPlan(doc, issue, target) : headingPlan(doc, issue, target);
    return plan && toDocumentEdit(doc, plan);
  } catch {
    return undefined;
  }
}

interface StatusDocument {
  analysis: DocumentAnalysis;
  stored: DocumentLines;
  /** Lines as the issue extractor read them: repaired where the stored text is mojibake. */
  lines: string[];
  inFence: boolean[];
  /** For each line of a pipe table, the table's first line; -1 elsewhere. */
  tableStart: number[];
}

/** New content for existing lines (in `lines` coordinates), plus whole-line insertions. */
interface StatusPlan {
  changes: Map<number, string>;
  inserts: TextEdit[];
}

function readDocument(analysis: DocumentAnalysis): StatusDocument {
  const stored = documentLines(analysis.text);
  let lines = stored.lines;
  if (analysis.encoding !== 'utf-8') {
    const repaired = documentLines(repairMojibake(analysis.text).text).lines;
    if (repaired.length === lines.length) lines = repaired;
  }
  const inFence = fencedLineMask(lines);
  const tableStart = lines.map(() => -1);
  lines.forEach((line, index) => {
    if (!inFence[index] && line.includes('|')) tableStart[index] = index > 0 && (tableStart[index - 1] ?? -1) >= 0 ? (tableStart[index - 1] as number) : index;
  });
  return { analysis, stored, lines, inFence, tableStart };
}

function toDocumentEdit(doc: StatusDocument, plan: StatusPlan): DocumentEdit {
  const edits: TextEdit[] = [];
  for (const [line, text] of plan.changes) {
    const edit = minimalLineEdit(line, doc.stored.lines[line] ?? '', text);
    if (edit) edits.push(edit);
  }
  return { path: doc.analysis.path, edits: [...edits, ...plan.inserts] };
}

function changeLine(line: number, text: string): StatusPlan {
  return { changes: new Map([[line, text]]), inserts: [] };
}

// ---- Wording ---------------------------------------------------------------------------------

interface StatusSample {
  text: string;
  /** First line of the table for a cell, -1 for a field. */
  table: number;
  column: number;
}

function statusSamples(doc: StatusDocument): StatusSample[] {
  const samples: StatusSample[] = [];
  for (const issue of doc.analysis.issues) {
    if (issue.kind === 'heading') {
      const field = statusField(doc, issue);
      if (field) samples.push({ text: field.value, table: -1, column: -1 });
    } else if (issue.kind === 'table-row') {
      const line = doc.lines[issue.range.start.line] ?? '';
      const table = tableAt(doc, issue.range.start.line);
      const cells = tableCells(line);
      for (const column of table?.statusColumns ?? []) {
        const cell = cells[column];
        if (cell && table) samples.push({ text: line.slice(cell.start, cell.end).trim(), table: table.start, column });
      }
    }
  }
  return samples;
}

/** How the document words `target`: the most common wording nearest the edit, else the default in the document's style. */
function chooseWording(doc: StatusDocument, target: MarkableStatus, cell?: { table: number; column: number }): string {
  const samples = statusSamples(doc);
  const tiers = cell
    ? [samples.filter((sample) => sample.table === cell.table && sample.column === cell.column), samples.filter((sample) => sample.table >= 0), samples]
    : [samples.filter((sample) => sample.table < 0), samples];
  // A carrier's own wording first, then its style (case, emphasis, emoji), then other carriers'.
  for (const tier of tiers) {
    const best = mostFrequent(tier.flatMap((sample) => statusWording(sample.text, target) ?? []));
    if (best) return best;
    const styled = tier.find((sample) => /\p{L}/u.test(sample.text));
    if (styled) return styledDefault(styled.text, target);
  }
  return styledDefault(undefined, target);
}

/** `✅ RESOLVED` / `🔴 Open`, or the same words in the case, emphasis and emoji use of what the document writes. */
function styledDefault(sample: string | undefined, target: MarkableStatus): string {
  if (sample === undefined) return target === 'resolved' ? '✅ RESOLVED' : '🔴 Open';
  const text = sample.trim();
  const word = /\p{L}[\p{L}'’-]*/u.exec(text)?.[0] ?? '';
  let wording = target === 'resolved' ? 'Resolved' : 'Open';
  if (word.length > 1 && word === word.toUpperCase()) wording = wording.toUpperCase();
  else if (word !== '' && word === word.toLowerCase()) wording = wording.toLowerCase();
  if (text.includes('**')) wording = `**${wording}**`;
  const emoji = /^[^\p{L}\p{N}*_`([]/u.test(text);
  return emoji ? `${target === 'resolved' ? '✅' : '🔴'} ${wording}` : wording;
}

// ---- Status fields ---------------------------------------------------------------------------

interface FieldSpan {
  line: number;
  start: number;
  end: number;
  value: string;
}

/** Where a `**Key:** value` line's value starts and ends (trailing hard-break spaces excluded). */
function fieldValueSpan(line: string): { start: number; end: number } | undefined {
  let index = 0;
  while (line[index] === ' ' || line[index] === '\t') index++;
  if ((line[index] === '-' || line[index] === '*' || line[index] === '+') && line[index + 1] === ' ') index += 2;
  while (line[index] === ' ') index++;
  let start: number;
  if (line.startsWith('**', index)) {
    const close = line.indexOf('**', index + 2);
    if (close < 0) return undefined;
    if (line.slice(index + 2, close).trimEnd().endsWith(':')) start = close + 2;
    else if (line[close + 2] === ':') start = close + 3;
    else return undefined;
  } else {
    const colon = line.indexOf(':', index);
    if (colon < 0) return undefined;
    start = colon + 1;
  }
  while (line[start] === ' ' || line[start] === '\t') start++;
  return { start, end: Math.max(start, line.trimEnd().length) };
}

/** The lines of a heading issue's body where its own fields may stand: up to the first sub-heading. */
function fieldZone(doc: StatusDocument, issue: AuditIssue): number[] {
  const zone: number[] = [];
  const end = Math.min(issue.bodyEndLine, doc.lines.length);
  for (let line = issue.range.end.line + 1; line < end; line++) {
    if (doc.inFence[line]) continue;
    if (isAtxHeading(doc.lines[line] ?? '')) break;
    zone.push(line);
  }
  return zone;
}

/** The Status (or State) field the extractor reads for a heading issue. */
function statusField(doc: StatusDocument, issue: AuditIssue): FieldSpan | undefined {
  if (issue.kind !== 'heading') return undefined;
  for (const line of fieldZone(doc, issue)) {
    const text = doc.lines[line] ?? '';
    const key = parseFieldLine(text, line)?.key;
    if (key !== 'status' && key !== 'state') continue;
    const span = fieldValueSpan(text);
    return span && { line, ...span, value: text.slice(span.start, span.end) };
  }
  return undefined;
}

/** A new Status line shaped like an existing field line: same bullet, emphasis, key case and hard break. */
function statusLineLike(template: string | undefined, value: string): string {
  const parsed = template === undefined ? undefined : parseFieldLine(template, 0);
  const span = template === undefined ? undefined : fieldValueSpan(template);
  const keyAt = template?.toLowerCase().indexOf(parsed?.key ?? '\u0000') ?? -1;
  if (template === undefined || !parsed || !span || keyAt < 0 || keyAt + parsed.key.length > span.start) return `**Status:** ${value}`;
  const writtenKey = template.slice(keyAt, keyAt + parsed.key.length);
  const key = writtenKey === writtenKey.toUpperCase() ? 'STATUS' : 'Status';
  const between = template.slice(keyAt + parsed.key.length, span.start);
  const spacer = /\s$/.test(between) ? '' : ' ';
  return template.slice(0, keyAt) + key + between + spacer + value + template.slice(span.end);
}

/** Adds a Status field to a heading that has none: into its field block, else under the heading. */
function insertStatusField(doc: StatusDocument, issue: AuditIssue, target: MarkableStatus): StatusPlan {
  const value = chooseWording(doc, target);
  const eol = doc.stored.eol;
  const zone = fieldZone(doc, issue);
  const isField = (line: number): boolean => parseFieldLine(doc.lines[line] ?? '', line) !== undefined;
  const first = zone.find(isField);
  if (first !== undefined) {
    let last = first;
    const zoneEnd = (zone[zone.length - 1] ?? first) + 1;
    while (last + 1 < zoneEnd && !doc.inFence[last + 1] && isField(last + 1)) last++;
    const keyLine = (key: string): number | undefined => {
      for (let line = first; line <= last; line++) if (parseFieldLine(doc.lines[line] ?? '', line)?.key === key) return line;
      return undefined;
    };
    // After the field that precedes Status in the other issues; never after a hard-broken block's last line.
    const anchor = statusAnchor(doc, issue);
    const hardBreaks = first < last && /(?: {2}|\\)$/.test(doc.lines[first] ?? '');
    const anchorLine = anchor ? keyLine(anchor) : undefined;
    const severityLine = keyLine('severity') ?? keyLine('priority');
    let at = first;
    if (anchorLine !== undefined && (anchorLine < last || !hardBreaks)) at = anchorLine + 1;
    else if (anchor !== '' && severityLine !== undefined && severityLine < last) at = severityLine + 1;
    const text = statusLineLike(doc.lines[at === first ? first : at - 1], value);
    return { changes: new Map(), inserts: [{ range: lineStart(at), newText: text + eol }] };
  }
  const template = doc.analysis.issues.map((other) => statusField(doc, other)).find((field) => field !== undefined);
  const text = statusLineLike(template && doc.lines[template.line], value);
  const next = issue.range.end.line + 1;
  if (next >= doc.lines.length) {
    const end = (doc.lines[next - 1] ?? '').length;
    return { changes: new Map(), inserts: [{ range: { start: { line: next - 1, character: end }, end: { line: next - 1, character: end } }, newText: eol + eol + text }] };
  }
  const blank = (doc.lines[next] ?? '').trim() === '';
  return { changes: new Map(), inserts: [{ range: lineStart(next), newText: blank ? eol + text + eol : text + eol + eol }] };
}

/** The field key other issues write just before their Status line ('' when Status opens their block). */
function statusAnchor(doc: StatusDocument, issue: AuditIssue): string | undefined {
  const keys: string[] = [];
  for (const other of doc.analysis.issues) {
    const field = other === issue ? undefined : statusField(doc, other);
    if (field) keys.push(parseFieldLine(doc.lines[field.line - 1] ?? '', field.line - 1)?.key ?? '');
  }
  return mostFrequent(keys);
}

function lineStart(line: number): TextEdit['range'] {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

// ---- Plans per kind of issue -----------------------------------------------------------------

function headingPlan(doc: StatusDocument, issue: AuditIssue, target: MarkableStatus): StatusPlan | undefined {
  const line = issue.range.start.line;
  const title = titleOf(doc.lines, issue);
  const headings = doc.analysis.issues.filter((other) => other.kind === 'heading' && other !== issue);
  const field = statusField(doc, issue);
  // The extractor reads unmarked ID'd headings as open only while some heading still carries its status in its title.
  const othersMarked = headings.some((other) => !statusField(doc, other) && titleStatus(titleOf(doc.lines, other), 'heading') !== null);
  const inferredOpen = (status: IssueStatus | null): boolean => status === null && issue.id !== null && othersMarked;
  if (!field && (othersMarked || titleStatus(title, 'heading') !== null)) {
    let next = withoutContraryMarks(title, target);
    const status = titleStatus(next, 'heading');
    if (target === 'resolved' && status !== 'resolved') next = { ...next, ...(learnShape(doc.lines, headings, 'heading', 'resolved', issue) ?? HEADING_RESOLVED) };
    // An explicit open mark is needed; where the document keeps status in fields (and no heading relies on
    // the title convention to read as open) a Status field says it in the document's own way instead.
    const reliesOnTitles = headings.some((other) => other.id !== null && other.status === 'open' && !statusField(doc, other) && titleStatus(titleOf(doc.lines, other), 'heading') === null);
    const fieldsInstead = !reliesOnTitles && headings.some((other) => statusField(doc, other));
    if (target === 'open' && status !== 'open' && !inferredOpen(status) && !fieldsInstead) next = { ...next, ...(learnShape(doc.lines, headings, 'heading', 'open', issue) ?? EXPLICIT_OPEN) };
    const after = titleStatus(next, 'heading');
    if (after === target || (target === 'open' && inferredOpen(after))) return changeLine(line, renderTitle(next));
  }
  const fieldLine = field ? (doc.lines[field.line] ?? '') : '';
  const plan = field ? changeLine(field.line, fieldLine.slice(0, field.start) + chooseWording(doc, target) + fieldLine.slice(field.end)) : insertStatusField(doc, issue, target);
  // The field decides; the title only loses contrary marks, or is struck where resolved headings with fields are.
  let next = withoutContraryMarks(title, target);
  if (target === 'resolved' && titleStatus(next, 'heading') !== 'resolved') {
    const withField = headings.filter((other) => other.status === 'resolved' && statusField(doc, other));
    const marked = withField.filter((other) => titleStatus(titleOf(doc.lines, other), 'heading') === 'resolved');
    const shape = marked.length >= 2 && marked.length * 2 > withField.length ? learnShape(doc.lines, marked, 'heading', 'resolved', issue) : undefined;
    if (shape) next = { ...next, ...shape };
  }
  // A title mark may be what makes an ID-less heading an issue, or the last one keeping the convention other
  // headings are read open by: then it is turned into the target's mark rather than dropped.
  const conventionEnds = target === 'open' && !headings.some((other) => titleStatus(titleOf(doc.lines, other), 'heading') !== null) && headings.some((other) => other.id !== null && other.status === 'open' && !statusField(doc, other));
  if (titleStatus(title, 'heading') !== null && titleStatus(next, 'heading') === null && (issue.id === null || conventionEnds)) next = { ...next, ...(learnShape(doc.lines, headings, 'heading', target, issue) ?? (target === 'open' ? EXPLICIT_OPEN : HEADING_RESOLVED)) };
  if (renderTitle(next) !== renderTitle(title)) plan.changes.set(line, renderTitle(next));
  return plan;
}

function listItemPlan(doc: StatusDocument, issue: AuditIssue, target: MarkableStatus): StatusPlan | undefined {
  const line = issue.range.start.line;
  const title = parseTitleLine(doc.lines[line] ?? '', 'list-item');
  const box = /\[[ xX]\]\s*$/.exec(title.prefix);
  let next = withoutContraryMarks(title, target);
  if (box) {
    const mark = target === 'resolved' ? checkedMark(doc) : ' ';
    next = { ...next, prefix: `${title.prefix.slice(0, box.index)}[${mark}]${title.prefix.slice(box.index + 3)}` };
    const status = titleStatus(next, 'list-item') ?? (target === 'resolved' ? 'resolved' : 'open');
    return status === target ? changeLine(line, renderTitle(next)) : undefined;
  }
  if (titleStatus(next, 'list-item') !== target) {
    const plain = doc.analysis.issues.filter((other) => other.kind === 'list-item' && !/\[[ xX]\]\s*$/.test(parseTitleLine(doc.lines[other.range.start.line] ?? '', 'list-item').prefix));
    next = { ...next, ...(learnShape(doc.lines, plain, 'list-item', target, issue) ?? (target === 'resolved' ? ITEM_RESOLVED : EXPLICIT_OPEN)) };
  }
  return titleStatus(next, 'list-item') === target ? changeLine(line, renderTitle(next)) : undefined;
}

/** `x` or `X`, whichever the document's ticked boxes use. */
function checkedMark(doc: StatusDocument): string {
  let upper = 0;
  let lower = 0;
  for (const issue of doc.analysis.issues) {
    if (issue.kind !== 'list-item') continue;
    const prefix = parseTitleLine(doc.lines[issue.range.start.line] ?? '', 'list-item').prefix;
    if (prefix.endsWith('[X] ') || prefix.endsWith('[X]')) upper++;
    else if (prefix.endsWith('[x] ') || prefix.endsWith('[x]')) lower++;
  }
  return upper > lower ? 'X' : 'x';
}

// ---- Tables ----------------------------------------------------------------------------------

const STATUS_COLUMNS = ['status', 'state', 'resolution'];

/** Cell spans of a pipe-table row, between unescaped pipes (GFM splits on pipes inside code too). */
function tableCells(line: string): Array<{ start: number; end: number }> {
  const pipes: number[] = [];
  for (let index = 0; index < line.length; index++) {
    if (line[index] === '\\') index++;
    else if (line[index] === '|') pipes.push(index);
  }
  const first = line.length - line.trimStart().length;
  const last = line.trimEnd().length - 1;
  const leading = pipes[0] === first;
  const cells: Array<{ start: number; end: number }> = [];
  let start = leading ? first + 1 : 0;
  for (const pipe of leading ? pipes.slice(1) : pipes) {
    cells.push({ start, end: pipe });
    start = pipe + 1;
  }
  if (pipes[pipes.length - 1] !== last) cells.push({ start, end: line.length });
  return cells;
}

function tableAt(doc: StatusDocument, line: number): { start: number; statusColumns: number[] } | undefined {
  const start = doc.tableStart[line] ?? -1;
  const delimiter = doc.lines[start + 1] ?? '';
  if (start < 0 || line <= start + 1 || !/^[\s|:-]+$/.test(delimiter) || !delimiter.includes('-')) return undefined;
  const header = doc.lines[start] ?? '';
  const names = tableCells(header).map((cell) => header.slice(cell.start, cell.end).replace(/[*_`]/g, '').trim().toLowerCase());
  const statusColumns = names.flatMap((name, index) => (STATUS_COLUMNS.some((wanted) => name === wanted || name.startsWith(`${wanted} `)) ? [index] : []));
  return { start, statusColumns };
}

function tableRowPlan(doc: StatusDocument, issue: AuditIssue, target: MarkableStatus): StatusPlan | undefined {
  const lineNumber = issue.range.start.line;
  const line = doc.lines[lineNumber] ?? '';
  const table = tableAt(doc, lineNumber);
  const cells = tableCells(line);
  const columns = (table?.statusColumns ?? []).filter((column) => column < cells.length);
  if (!table || columns.length === 0) return undefined;
  const cellText = (column: number): string => {
    const cell = cells[column] as { start: number; end: number };
    return line.slice(cell.start, cell.end);
  };
  const contrary = columns.filter((column) => (statusFromField(cellText(column)) ?? target) !== target);
  let next = line;
  for (const column of (contrary.length > 0 ? contrary : columns.slice(0, 1)).reverse()) {
    const cell = cells[column] as { start: number; end: number };
    const text = cellText(column);
    const value = chooseWording(doc, target, { table: table.start, column });
    const trimmedStart = cell.start + (text.length - text.trimStart().length);
    const replacement = text.trim() === '' ? ` ${value} ` : value;
    next = next.slice(0, text.trim() === '' ? cell.start : trimmedStart) + replacement + next.slice(text.trim() === '' ? cell.end : cell.start + text.trimEnd().length);
  }
  return changeLine(lineNumber, next);
}
