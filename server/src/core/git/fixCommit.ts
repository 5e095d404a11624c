// "The commit that fixes the code and ticks the box together": a document line committed with the
// fix describes the code of the commit's parent. When that commit rewrote the referenced lines
// (not merely added code around them), or the range only exists in the parent, the parent is the base.
import type { GitRepository } from './gitRepository';
import { LineMap, normalizeLine, textLines } from './lineDiff';

/** The parent commit and its text when the reference describes the parent's code; else undefined. */
export async function parentIfFixCommit(
  git: GitRepository,
  commit: string,
  path: string,
  baseText: string,
  startLine: number,
  endLine: number,
): Promise<{ commit: string; text: string } | undefined> {
  const parent = await git.parentOf(commit);
  if (parent === undefined) return undefined;
  const parentText = await git.readFile(parent, path);
  if (parentText === undefined || parentText === baseText) return undefined;
  const parentLines = textLines(parentText).map(normalizeLine);
  const baseLines = textLines(baseText).map(normalizeLine);
  if (endLine > parentLines.length) return undefined;
  if (endLine > baseLines.length) return { commit: parent, text: parentText };
  const map = LineMap.between(parentLines, baseLines);
  if (!map) return undefined;
  // Some of the parent's referenced lines were edited or removed by the commit: it is the fix.
  const mapped = map.mapRange(startLine - 1, endLine - 1);
  return mapped.kept < endLine - startLine + 1 ? { commit: parent, text: parentText } : undefined;
}
