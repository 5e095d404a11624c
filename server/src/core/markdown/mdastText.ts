// Small readers over mdast nodes that the issue extractor needs: plain text, positions in the
// document's coordinates, and the shape of the leading inline content.
import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import type { Range } from '../model';

/** The plain text of a node, without markdown (inline code keeps its content). */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') {
    return node.type === 'html' ? '' : node.value;
  }
  if (node.type === 'break') return ' ';
  if ('children' in node) {
    let text = '';
    for (const child of node.children as Nodes[]) text += plainText(child);
    return text;
  }
  return '';
}

/** The plain text of a node's first paragraph-like line (a list item's first paragraph, a heading). */
export function leadingText(node: RootContent): string {
  if (node.type === 'listItem') {
    const first = node.children[0];
    return first && first.type === 'paragraph' ? plainText(first) : '';
  }
  return plainText(node);
}

/** True when the text of the node's leading inline content is wrapped in strikethrough (`~~...~~`). */
export function startsWithStrikethrough(children: readonly PhrasingContent[]): boolean {
  for (const child of children) {
    if (child.type === 'text' && child.value.trim() === '') continue;
    if (child.type === 'delete') return true;
    // Emoji or a checkmark may precede the struck title: "✅ ~~Title~~".
    if (child.type === 'text' && child.value.trim().length <= 3) continue;
    return child.type === 'strong' && child.children.some((inner) => inner.type === 'delete');
  }
  return false;
}

/** Converts an mdast position inside a section to a zero-based document range. */
export function toDocumentRange(node: Nodes, sectionStartLine: number): Range {
  const position = node.position;
  if (!position) return { start: { line: sectionStartLine, character: 0 }, end: { line: sectionStartLine, character: 0 } };
  return {
    start: { line: sectionStartLine + position.start.line - 1, character: position.start.column - 1 },
    end: { line: sectionStartLine + position.end.line - 1, character: position.end.column - 1 },
  };
}
