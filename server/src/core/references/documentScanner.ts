// Walks a document line by line, tracking just enough block structure (code fences, indented code,
// headings, rules, lists, paragraphs, tables) to tell each line scanner what it is reading and to
// delimit the blocks and scopes that line words bind within.

import {
  classifyTableHeader,
  isAtxHeading,
  isBlankLine,
  isFenceClosing,
  isSetextEquals,
  isTableDelimiterRow,
  isThematicBreak,
  listItemContentStart,
  readFenceOpening,
  readFieldLabel,
  readIndent,
  splitTableRow,
  type Fence,
  type TableColumns,
} from './blockStructure';
import { combineTableRow, scanCodeLine, scanMarkdownLine } from './markdownLine';
import { ScanState } from './scanState';

/** What the previous line left open: a paragraph or list item that a plain line continues, or not. */
type Previous = 'blank' | 'open' | 'closed' | 'indentedCode';

/** Splits text into lines at \n, \r\n and lone \r, as LSP counts them. */
export function splitLines(text: string): string[] {
  // One alternation of fixed strings: linear, and native.
  return text.split(/\r\n|\r|\n/);
}

/**
 * Lines where a scan may start afresh with the same result: ATX headings (indented less than two
 * columns, so no list item holds them) outside fences. scanDocument resets everything it carries at
 * such a line, so the sections between them can be scanned, and cached, one by one.
 */
export function freshStartLines(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let fence: Fence | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    // The same fence rules, in the same order, as scanDocument below.
    if (fence) {
      if (isFenceClosing(line, fence)) fence = null;
      continue;
    }
    if (isBlankLine(line)) continue;
    const opening = readFenceOpening(line);
    if (opening) fence = opening;
    else if (readIndent(line).columns < 2 && isAtxHeading(line)) starts.push(index);
  }
  return starts;
}

/** Reads every line of the state's document, emitting references into the state. */
export function scanDocument(state: ScanState, scopeStartLines: ReadonlySet<number> | undefined): void {
  const lines = state.lines;
  let fence: Fence | null = null;
  let previous: Previous = 'blank';
  let inList = false;
  let table: TableColumns | null = null;
  let inTable = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    // The block checks below each read the line a bounded number of times.
    state.counter.steps += line.length + 1;
    if (fence) {
      state.startBlock(false, null);
      if (isFenceClosing(line, fence)) {
        fence = null;
        previous = 'closed';
      } else {
        scanCodeLine(state, index);
      }
      continue;
    }
    if (scopeStartLines?.has(index)) state.resetScope();
    if (isBlankLine(line)) {
      previous = previous === 'indentedCode' ? 'indentedCode' : 'blank';
      inTable = false;
      continue;
    }
    const indent = readIndent(line);
    const listStart = listItemContentStart(line);
    if (listStart < 0 && indent.columns < 2) inList = false;
    const opening = readFenceOpening(line);
    if (opening) {
      fence = opening;
      state.startBlock(false, null);
      previous = 'closed';
      inTable = false;
      continue;
    }
    if (indent.columns >= 4 && !inList && (previous === 'blank' || previous === 'indentedCode')) {
      state.startBlock(false, null);
      scanCodeLine(state, index);
      previous = 'indentedCode';
      continue;
    }
    if (isAtxHeading(line)) {
      state.resetScope();
      scanMarkdownLine(state, index);
      previous = 'closed';
      inTable = false;
      continue;
    }
    if (isThematicBreak(line) || (previous === 'open' && isSetextEquals(line))) {
      state.resetScope();
      previous = 'closed';
      inTable = false;
      continue;
    }
    if (line.includes('|')) {
      if (!inTable && isTableDelimiterRow(lines[index + 1] ?? '')) {
        inTable = true;
        table = classifyTableHeader(line, splitTableRow(line));
        state.startBlock(false, null);
        scanMarkdownLine(state, index);
        previous = 'closed';
        continue;
      }
      if (inTable) {
        if (!isTableDelimiterRow(line)) scanTableRow(state, index, table);
        previous = 'closed';
        continue;
      }
    }
    inTable = false;
    if (listStart >= 0) {
      inList = true;
      state.startBlock(true, readFieldLabel(line, listStart));
    } else if (previous !== 'open') {
      state.startBlock(false, readFieldLabel(line, indent.index));
    }
    scanMarkdownLine(state, index);
    previous = 'open';
  }
}

function scanTableRow(state: ScanState, index: number, table: TableColumns | null): void {
  state.startBlock(false, null);
  const mentions = scanMarkdownLine(state, index);
  if (!table || mentions.length === 0) return;
  const cells = splitTableRow(state.lines[index] ?? '');
  const fileCell = cells[table.fileColumn];
  const lineCell = cells[table.lineColumn];
  if (fileCell && lineCell) combineTableRow(state, index, { fileCell, lineCell }, mentions);
}
