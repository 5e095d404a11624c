// Collects the blocks that may be issues (headings, list items, table rows) from parsed sections,
// in document order and in document coordinates, with the signals each one carries on its own.
import type { Heading, List, ListItem, PhrasingContent, RootContent, Table } from 'mdast';
import type { ParsedSection } from '../markdown/markdownParser';
import { plainText, startsWithStrikethrough, toDocumentRange } from '../markdown/mdastText';
import type { Range } from '../model';

/** A heading as the issue extractor sees it. */
export interface HeadingBlock {
  kind: 'heading';
  depth: number;
  line: number;
  range: Range;
  text: string;
  struck: boolean;
  /** First line after the heading's body (the next heading of the same or a higher level). */
  bodyEndLine: number;
}

/** A list item as the issue extractor sees it. */
export interface ListItemBlock {
  kind: 'list-item';
  line: number;
  endLine: number;
  range: Range;
  /** Text of the item's first paragraph. */
  text: string;
  struck: boolean;
  /** `true`/`false` for task items (`- [x]` / `- [ ]`), `null` otherwise. */
  checked: boolean | null;
  /** Nesting depth: 0 for items of a top-level list. */
  depth: number;
  parent: ListItemBlock | undefined;
}

/** A table row with its header, as the issue extractor sees it. */
export interface TableRowBlock {
  kind: 'table-row';
  line: number;
  range: Range;
  header: string[];
  cells: string[];
}

/** Every block that may be an issue, in document order. */
export type CandidateBlock = HeadingBlock | ListItemBlock | TableRowBlock;

/** Walks parsed sections and returns the candidate blocks in document order. */
export function collectCandidateBlocks(sections: readonly ParsedSection[], totalLines: number): CandidateBlock[] {
  const blocks: CandidateBlock[] = [];
  for (const { section, nodes } of sections) {
    for (const node of nodes) visitTopLevel(node, section.startLine, blocks);
  }
  assignHeadingBodies(blocks, totalLines);
  return blocks;
}

function visitTopLevel(node: RootContent, offset: number, blocks: CandidateBlock[]): void {
  if (node.type === 'heading') blocks.push(headingBlock(node, offset));
  else if (node.type === 'list') visitList(node, offset, 0, undefined, blocks);
  else if (node.type === 'table') visitTable(node, offset, blocks);
  else if (node.type === 'blockquote') for (const child of node.children) visitTopLevel(child, offset, blocks);
}

function headingBlock(node: Heading, offset: number): HeadingBlock {
  const range = toDocumentRange(node, offset);
  return {
    kind: 'heading',
    depth: node.depth,
    line: range.start.line,
    range,
    text: plainText(node),
    struck: startsWithStrikethrough(node.children),
    bodyEndLine: range.end.line + 1,
  };
}

/** Lists nest deeply in hostile input; past this depth, nested items are body text. */
const MAX_LIST_DEPTH = 32;

function visitList(list: List, offset: number, depth: number, parent: ListItemBlock | undefined, blocks: CandidateBlock[]): void {
  for (const item of list.children) {
    const block = listItemBlock(item, offset, depth, parent);
    blocks.push(block);
    if (depth + 1 >= MAX_LIST_DEPTH) continue;
    for (const child of item.children) {
      if (child.type === 'list') visitList(child, offset, depth + 1, block, blocks);
      else if (child.type === 'table') visitTable(child, offset, blocks);
    }
  }
}

function listItemBlock(item: ListItem, offset: number, depth: number, parent: ListItemBlock | undefined): ListItemBlock {
  const range = toDocumentRange(item, offset);
  const first = item.children[0];
  const phrasing: PhrasingContent[] = first && first.type === 'paragraph' ? first.children : [];
  const text = first && first.type === 'paragraph' ? firstLineOf(plainText(first)) : '';
  return {
    kind: 'list-item',
    line: range.start.line,
    endLine: range.end.line,
    range,
    text,
    struck: startsWithStrikethrough(phrasing),
    checked: item.checked ?? null,
    depth,
    parent,
  };
}

function firstLineOf(text: string): string {
  const newline = text.indexOf('\n');
  return newline === -1 ? text : text.slice(0, newline);
}

function visitTable(table: Table, offset: number, blocks: CandidateBlock[]): void {
  const [headerRow, ...rows] = table.children;
  if (!headerRow) return;
  const header = headerRow.children.map((cell) => plainText(cell).trim().toLowerCase());
  for (const row of rows) {
    const range = toDocumentRange(row, offset);
    blocks.push({ kind: 'table-row', line: range.start.line, range, header, cells: row.children.map((cell) => plainText(cell).trim()) });
  }
}

/** A heading's body runs to the next heading of the same or a higher level. */
function assignHeadingBodies(blocks: CandidateBlock[], totalLines: number): void {
  const open: HeadingBlock[] = [];
  for (const block of blocks) {
    if (block.kind !== 'heading') continue;
    while (open.length > 0 && (open[open.length - 1]?.depth ?? 0) >= block.depth) {
      const closed = open.pop();
      if (closed) closed.bodyEndLine = block.line;
    }
    open.push(block);
  }
  for (const heading of open) heading.bodyEndLine = totalLines;
}
