// The state one extraction pass carries from line to line: the references found so far, the block
// (paragraph, list item, table row, code line) being read, and which file a later "Line 230" binds to.

import type { ExtractedReference, ReferenceForm } from '../model';

/** Counts the scanners' elementary steps so tests can check linearity without a clock. */
export interface StepCounter {
  steps: number;
}

/** A place where the document names a file; later line words may bind to it. */
export interface PathMention {
  path: string;
  line: number;
  /** Where the path text starts and ends on its line. */
  start: number;
  end: number;
  /** Like start/end but including the backticks when the path filled a whole code span. */
  outerStart: number;
  outerEnd: number;
  proposed: boolean;
  /** True when the document says the file is absent ("there is no `x.md`"). */
  absent: boolean;
  /** True when the mention already carried line numbers (`a.py:12`). */
  hasLines: boolean;
  /** Index of its file-level reference in the output, or -1; dropped if line words bind to it. */
  pathOnlyIndex: number;
  /** First and last output index of the references the mention produced. */
  firstRefIndex: number;
  lastRefIndex: number;
}

/** The run of file mentions a "Line N" outside their block binds to: its first file leads. */
interface MentionGroup {
  lead: PathMention;
  lastBlock: number;
  lastBlockIsList: boolean;
}

/** A reference about to be written; positions are on one line. */
export interface ReferenceDraft {
  line: number;
  start: number;
  end: number;
  path: string;
  startLine: number | null;
  endLine: number | null;
  form: ReferenceForm;
  inCode: boolean;
  proposed: boolean;
  absent: boolean;
}

/** Mutable state of one extraction pass. */
export class ScanState {
  readonly references: ExtractedReference[] = [];
  private readonly dropped: boolean[] = [];
  private blockId = 0;
  private blockIsList = false;
  /** True while the current block opened with a `**File:**`-style label. */
  private blockIsFileField = false;
  private lastMentionInBlock: PathMention | null = null;
  private group: MentionGroup | null = null;

  constructor(
    readonly lines: readonly string[],
    readonly counter: StepCounter,
  ) {}

  /** Starts a new block; a `**Lines:**` block right after a `**File:**` block continues it instead. */
  startBlock(isList: boolean, label: 'file' | 'lines' | null): void {
    if (label === 'lines' && this.blockIsFileField) return;
    this.blockId++;
    this.blockIsList = isList;
    this.blockIsFileField = label === 'file';
    this.lastMentionInBlock = null;
  }

  /** Forgets the file context: headings, rules and issue starts open a new scope. */
  resetScope(): void {
    this.group = null;
    this.startBlock(false, null);
  }

  /** The nearest file named earlier in the current block, if any. */
  mentionInBlock(): PathMention | null {
    return this.lastMentionInBlock;
  }

  /** The file that line words in a block without a file of its own bind to, if any. */
  contextLead(): PathMention | null {
    return this.group ? this.group.lead : null;
  }

  /** Records a file mention for the binding rules. */
  registerMention(mention: PathMention): void {
    this.lastMentionInBlock = mention;
    const group = this.group;
    const continues =
      group !== null &&
      (group.lastBlock === this.blockId ||
        (this.blockIsList && group.lastBlockIsList && group.lastBlock === this.blockId - 1));
    if (continues && group) {
      group.lastBlock = this.blockId;
      group.lastBlockIsList = this.blockIsList;
    } else {
      this.group = { lead: mention, lastBlock: this.blockId, lastBlockIsList: this.blockIsList };
    }
  }

  /** Appends a reference and returns its index. */
  emit(draft: ReferenceDraft): number {
    const text = this.lines[draft.line] ?? '';
    this.references.push({
      range: { start: { line: draft.line, character: draft.start }, end: { line: draft.line, character: draft.end } },
      text: text.slice(draft.start, draft.end),
      path: draft.path,
      startLine: draft.startLine,
      endLine: draft.endLine,
      inCode: draft.inCode,
      proposed: draft.proposed,
      ...(draft.absent ? { absent: true } : {}),
      form: draft.form,
    });
    this.dropped.push(false);
    this.counter.steps++;
    return this.references.length - 1;
  }

  /** Drops a file-level reference because line references replace it. */
  drop(index: number): void {
    if (index >= 0 && index < this.dropped.length) this.dropped[index] = true;
  }

  /** Marks the references a mention produced as proposed files. */
  markProposed(mention: PathMention): void {
    mention.proposed = true;
    mention.absent = false;
    for (let k = mention.firstRefIndex; k <= mention.lastRefIndex; k++) {
      const reference = this.references[k];
      if (reference) reference.proposed = true;
    }
  }

  /** The surviving references, sorted by position. */
  result(): ExtractedReference[] {
    const kept = this.references.filter((_, index) => !this.dropped[index]);
    this.counter.steps += kept.length;
    return kept.sort(
      (a, b) =>
        a.range.start.line - b.range.start.line ||
        a.range.start.character - b.range.start.character ||
        a.range.end.character - b.range.end.character,
    );
  }
}
