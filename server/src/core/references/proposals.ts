// Tracks whether the document names files it does not claim exist: files it proposes to create
// ("create `x.py`", "add new file `x.py`", "new module: x.py", "`x.py` (new)") and files it says
// are absent ("there is no `CONTRIBUTING.md`", "No AGENTS.md"). Real audits say both, and neither
// is a stale reference. The marker holds across filler words and punctuation and lapses at the
// first other word or at the end of the sentence.

import * as chars from './charClasses';
import type { ScanState } from './scanState';
import type { LineContext } from './textScanner';

// tsx, which runs the tests, compiles every use of an import into a getter call; binding the
// character helpers once at load keeps the per-character loops fast there too.
const { Code, isBlank, isPathChar, matchesWordAt } = chars;

const FILLER_WORDS = new Set(['a', 'an', 'the', 'new', 'file', 'files', 'module', 'modules', 'and', 'or', 'at', 'in', 'called', 'named', 'empty']);

/** True when a word starting with this character could start a proposal ("create", "new", "no"). */
export function mayStartProposal(first: number): boolean {
  const lower = first | 0x20;
  return lower === 99 /* c */ || lower === 110 /* n */;
}

/** Tracks "create", "new file", "new module" and "no" across the words of a sentence. */
export function updateProposal(context: LineContext, start: number, end: number, tokenEnd: number, to: number): void {
  if (end !== tokenEnd) {
    // A sentence ended on this word.
    context.proposalActive = false;
    return;
  }
  const lower = end - start <= 8 ? context.line.slice(start, end).toLowerCase() : '';
  if (lower === 'create') {
    context.proposalActive = true;
    context.proposalAbsent = false;
  } else if (lower === 'new' && nextWordIsFileNoun(context.line, end, to)) {
    context.proposalActive = true;
    context.proposalAbsent = false;
  } else if (lower === 'no') {
    context.proposalActive = true;
    context.proposalAbsent = true;
    context.absentWordEnd = end;
  } else if (!(context.proposalActive && FILLER_WORDS.has(lower))) {
    context.proposalActive = false;
  }
}

function nextWordIsFileNoun(line: string, from: number, to: number): boolean {
  let k = from;
  while (k < to && k - from < 3 && isBlank(line.charCodeAt(k))) k++;
  for (const noun of ['files', 'file', 'modules', 'module']) {
    if (matchesWordAt(line, k, noun) && !isPathChar(line.charCodeAt(k + noun.length))) return true;
  }
  return false;
}

/** Handles a character outside tokens in plain text; returns the next position. */
export function readPunctuation(state: ScanState, context: LineContext, index: number): number {
  const line = context.line;
  const c = line.charCodeAt(index);
  if (c === Code.OpenParen) {
    const length = matchesWordAt(line, index + 1, 'new)') ? 5 : matchesWordAt(line, index + 1, 'new file)') ? 10 : 0;
    if (length > 0) {
      const mention = context.lastMention;
      if (mention && isMarkerGap(line, mention.outerEnd, index)) state.markProposed(mention);
      context.proposalActive = true;
      context.proposalAbsent = false;
      return index + length;
    }
  }
  const keeps =
    isBlank(c) || c === Code.Asterisk || c === Code.Colon || c === Code.Comma || c === Code.Quote || c === Code.Apostrophe || c === Code.Backtick;
  if (!keeps || (context.proposalAbsent && (c === Code.Comma || c === Code.Colon) && isAnswerPunctuation(line, context.absentWordEnd, index))) {
    context.proposalActive = false;
  }
  return index + 1;
}

// "no," and "**No**:" answer a question ("Fixed: no, `a.py` still…"); "no `A.md`, `B.md`" lists.
function isAnswerPunctuation(line: string, wordEnd: number, at: number): boolean {
  if (wordEnd < 0 || at < wordEnd || at - wordEnd > 2) return false;
  for (let k = wordEnd; k < at; k++) if (line.charCodeAt(k) !== Code.Asterisk) return false;
  return true;
}

function isMarkerGap(line: string, from: number, to: number): boolean {
  if (to < from || to - from > 3) return false;
  for (let k = from; k < to; k++) {
    const c = line.charCodeAt(k);
    if (!isBlank(c) && c !== Code.Asterisk && c !== Code.Backtick) return false;
  }
  return true;
}
