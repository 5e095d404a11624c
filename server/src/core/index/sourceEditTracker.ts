// Moves references with the code while a source file is edited, the way bookmark extensions do:
// an edit above a referenced range shifts it by the edit's line delta, and an edit inside it marks
// the reference as edited. The shifts live until the file is saved and re-read, or closed.
import type { Range } from '../model';
import type { IndexedReference } from './indexView';

/** One incremental change of an editor buffer, as LSP sends it. */
export interface SourceTextChange {
  range: Range;
  text: string;
}

/** A line edit, in the coordinates of the file when it was indexed. */
interface LineEdit {
  /** 0-based first line the edit touched. */
  startLine: number;
  /** 0-based last line the edit replaced. */
  endLine: number;
  /** Lines added minus lines removed. */
  delta: number;
  /** The edit ends at column 0 of endLine, so that line's own text is untouched. */
  endsAtLineStart: boolean;
  /** Whole lines inserted at column 0 of startLine: the code there moves down, unchanged. */
  insertsAbove: boolean;
}

/** Tracks unsaved edits of source files and maps referenced lines through them. */
export class SourceEditTracker {
  private readonly editsByPath = new Map<string, LineEdit[]>();

  /** Records a batch of changes in the order the editor applied them. */
  apply(path: string, changes: readonly SourceTextChange[]): void {
    const edits = this.editsByPath.get(path) ?? [];
    for (const change of changes) {
      const added = countNewlines(change.text);
      const removed = change.range.end.line - change.range.start.line;
      const { start, end } = change.range;
      const empty = start.line === end.line && start.character === end.character;
      edits.push({
        startLine: start.line,
        endLine: end.line,
        delta: added - removed,
        endsAtLineStart: end.character === 0,
        insertsAbove: empty && start.character === 0 && /(?:\r\n|\r|\n)$/.test(change.text),
      });
    }
    // Bound memory on very long sessions: the oldest edits matter least once there are thousands.
    if (edits.length > 5000) edits.splice(0, edits.length - 5000);
    this.editsByPath.set(path, edits);
  }

  /** Forgets the edits of a file (saved and re-read, or closed). */
  reset(path: string): void {
    this.editsByPath.delete(path);
  }

  /** The references with their current lines after the file's unsaved edits. */
  adjust(path: string, references: readonly IndexedReference[]): IndexedReference[] {
    const edits = this.editsByPath.get(path);
    if (!edits || edits.length === 0) return [...references];
    return references.map((entry) => {
      if (entry.currentStartLine === null) return entry;
      // 0-based, inclusive range of the code when indexed (where git says it moved, if it did), mapped edit by edit.
      let start = entry.currentStartLine - 1;
      let end = (entry.currentEndLine ?? entry.currentStartLine) - 1;
      let edited = false;
      for (const edit of edits) {
        const above = edit.endLine < start || (edit.endLine === start && edit.startLine < start && edit.endsAtLineStart) || (edit.insertsAbove && edit.startLine <= start);
        if (above) {
          start += edit.delta;
          end += edit.delta;
        } else if (edit.startLine <= end) {
          edited = true;
          end = Math.max(start, end + edit.delta);
        }
      }
      // Edited in place: the issue may be fixed, so the reference is `changed` until the file is saved and re-checked.
      const reference = edited && entry.reference.state === 'ok' ? { ...entry.reference, state: 'changed' as const, reason: 'The referenced lines were edited since the file was indexed; the issue may be fixed.' } : entry.reference;
      return { ...entry, reference, currentStartLine: start + 1, currentEndLine: end + 1, editedSinceIndexed: edited };
    });
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) count++;
    else if (code === 13 && text.charCodeAt(index + 1) !== 10) count++;
  }
  return count;
}
