// Document links: every code reference in an audit document becomes a link to the file it
// resolves to, opened at the referenced lines. Links never lead where the reference cannot:
// a missing file has no target, and a path outside the workspace never gets one.
import { currentTarget, type IndexView } from '../index/indexView';
import type { Range, ResolvedReference } from '../model';
import type { CancellationSignal } from '../workspace';
import { CurrentLineLookup, lineSpan, wholeLinesRange } from './positions';

/** A link from a reference's text to a workspace file. */
export interface ReferenceLink {
  /** The reference's span in the audit document. */
  range: Range;
  /** Workspace-relative path of the file to open. */
  targetPath: string;
  /** Whole lines to reveal (0-based, end at column 0 of the line after the last), or null for the file itself. */
  targetRange: Range | null;
  tooltip: string;
}

/** Links for every reference of an audit document that resolves to a workspace file; empty for unknown documents. */
export function documentLinks(view: IndexView, documentPath: string, signal: CancellationSignal): ReferenceLink[] {
  const document = view.document(documentPath);
  if (!document) return [];
  const lookup = new CurrentLineLookup(view);
  const links: ReferenceLink[] = [];
  for (const reference of document.references) {
    if (signal.isCancellationRequested) break;
    const link = linkFor(reference, documentPath, lookup);
    if (link) links.push(link);
  }
  return links;
}

function linkFor(reference: ResolvedReference, documentPath: string, lookup: CurrentLineLookup): ReferenceLink | undefined {
  // Code that moved opens where it stands now.
  const targetPath = currentTarget(reference);
  if (targetPath === null || !isLinkable(reference)) return undefined;
  // Lines past the end of the file would land nowhere: open the file instead.
  const lines = reference.state === 'line-out-of-range' ? { startLine: null, endLine: null } : lookup.linesOf(documentPath, reference);
  const targetRange = lines.startLine === null ? null : wholeLinesRange(lines.startLine, lines.endLine);
  return { range: reference.range, targetPath, targetRange, tooltip: linkTooltip(reference, targetPath, lines.startLine, lines.endLine) };
}

/** States whose resolved path is a workspace file someone can open. */
function isLinkable(reference: ResolvedReference): boolean {
  return reference.state !== 'outside-workspace' && reference.state !== 'missing-file' && reference.state !== 'deleted';
}

function linkTooltip(reference: ResolvedReference, targetPath: string, startLine: number | null, endLine: number | null): string {
  const where = startLine === null ? targetPath : `${targetPath}:${lineSpan(startLine, endLine)}`;
  const parts = [`Open ${where}`];
  if (reference.state === 'ambiguous') {
    const others = reference.candidates.filter((candidate) => candidate !== targetPath);
    if (others.length > 0) parts.push(`Also matches: ${others.join(', ')}`);
  } else if (reference.state !== 'ok' && reference.reason) {
    parts.push(reference.reason);
  }
  return parts.join('\n');
}
