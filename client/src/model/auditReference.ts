// "Copy Audit Reference": a selection as the `path:line` text audit documents use, so a reviewer
// can paste it into a finding and Audit Lens resolves it.

/** A selection, zero-based as editors count, with the end's column to tell a line-final caret apart. */
export interface LineSelection {
  startLine: number;
  endLine: number;
  endCharacter: number;
}

/**
 * `src/a.ts:12` or `src/a.ts:12-20` (1-based). A selection that ends at the start of a line does
 * not include that line: selecting whole lines puts the caret there.
 */
export function formatAuditReference(relativePath: string, selection: LineSelection): string {
  const path = relativePath.replace(/\\/g, '/');
  const start = selection.startLine + 1;
  let end = selection.endLine + 1;
  if (selection.endLine > selection.startLine && selection.endCharacter === 0) end -= 1;
  return start === end ? `${path}:${start}` : `${path}:${start}-${end}`;
}

/** Several selections of one file: one reference per selection, in order, without repeats. */
export function formatAuditReferences(relativePath: string, selections: readonly LineSelection[]): string {
  const sorted = [...selections].sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
  const references = sorted.map((selection) => formatAuditReference(relativePath, selection));
  return [...new Set(references)].join('\n');
}
