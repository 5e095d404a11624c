// Finds every code reference in the raw markdown source of one audit document: `a.py:12-20, 30`,
// `` `a.py` lines 3-4 ``, [x](a.ts#L10), "Line 230" bound to the file named before it, table rows
// with file and line columns, and bare file paths. Line-based and linear in the input; no markdown
// parser. The rules live in ./references/, this file is the entry point.

import type { ExtractedReference } from './model';
import { scanDocument, splitLines } from './references/documentScanner';
import { ScanState, type StepCounter } from './references/scanState';

export { looksLikeFilePath } from './references/filePaths';
export type { StepCounter } from './references/scanState';

/** Options for one extraction pass. */
export interface ReferenceExtractionOptions {
  /**
   * 0-based lines at which "the nearest file named before" context resets: each issue's first line
   * and each heading line. Headings reset it anyway; the integrator passes issue starts (list items /
   * table rows that are issues).
   */
  scopeStartLines?: ReadonlySet<number>;
  /** Test instrumentation: the scanners add their elementary steps to it (for linearity checks). */
  stepCounter?: StepCounter;
}

/** Finds every code reference in a markdown document's source text. */
export function extractReferences(text: string, options?: ReferenceExtractionOptions): ExtractedReference[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const counter = options?.stepCounter ?? { steps: 0 };
  counter.steps += text.length;
  const state = new ScanState(splitLines(text), counter);
  try {
    scanDocument(state, options?.scopeStartLines);
  } catch {
    // A scanner bug must not take the document down: keep what was found before it.
  }
  return state.result();
}
