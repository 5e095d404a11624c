// Reads one run of text (plain markdown, a code span's content or a code line) token by token:
// paths with their line suffixes, "Line N" words bound to a file, and the words that mark a
// proposed or absent file. Each token is read once and the cursor never moves back, so a line costs O(length).

import * as chars from './charClasses';
import { isFilePathCandidate, normalizeSeparators } from './filePaths';
import type { CodeSpan } from './inlineSpans';
import { readLineGroup, readLineGroupList, type LineGroup, type LineNumberSyntax } from './lineNumbers';
import { mayStartProposal, readPunctuation, updateProposal } from './proposals';
import type { PathMention, ScanState } from './scanState';

// tsx, which runs the tests, compiles every use of an import into a getter call; binding the
// character helpers once at load keeps the per-character loops fast there too.
const { Code, isBlank, isPathChar, isAsciiLetter, isDigit, matchesWordAt } = chars;

/** How a run of text is read: plain markdown, a code span's content, or a line of a code block. */
export type TextMode = 'plain' | 'codeSpan' | 'codeBlock';

/** What the scanners know about the line being read. */
export interface LineContext {
  index: number;
  line: string;
  inCode: boolean;
  /** True after "create", "new file", "no" and the like, until the sentence moves on. */
  proposalActive: boolean;
  /** True when the active marker says the file is absent ("no") rather than to be created. */
  proposalAbsent: boolean;
  /** Where the word "no" that set an absent marker ended, so "no," (an answer) can end it. */
  absentWordEnd: number;
  /** The last file named on this line, for a trailing "(new)". */
  lastMention: PathMention | null;
  /** Every file named on this line, for table rows. */
  mentions: PathMention[];
  /** The code span whose content is being read, if any. */
  span: CodeSpan | null;
}

const PATH_SUFFIX: LineNumberSyntax = { allowL: true, allowColumn: true, allowGithubColumn: false, allowLabels: true };
const GITHUB_SUFFIX: LineNumberSyntax = { allowL: true, allowColumn: false, allowGithubColumn: true, allowLabels: false };
const LINE_WORDS: LineNumberSyntax = { allowL: false, allowColumn: false, allowGithubColumn: false, allowLabels: false };

const MAX_ADJACENT_GAP = 12;
const MAX_KEYWORD_GAP = 8;

/** Creates the context for reading line `index`. */
export function createLineContext(state: ScanState, index: number, inCode: boolean): LineContext {
  return { index, line: state.lines[index] ?? '', inCode, proposalActive: false, proposalAbsent: false, absentWordEnd: -1, lastMention: null, mentions: [], span: null };
}

/** Reads [from, to) of the context's line in the given mode. */
export function scanText(state: ScanState, context: LineContext, from: number, to: number, mode: TextMode): void {
  const line = context.line;
  // Every character is visited once, here or inside a token; the counter is told up front.
  state.counter.steps += to - from;
  let i = from;
  while (i < to) {
    const c = line.charCodeAt(i);
    if (c === Code.Space) {
      i++;
      continue;
    }
    if (!isPathChar(c)) {
      i = mode === 'plain' ? readPunctuation(state, context, i) : i + 1;
      continue;
    }
    const tokenEnd = scanTokenEnd(line, i, to);
    if (line.startsWith('://', tokenEnd)) {
      i = skipUrl(state, line, tokenEnd, to);
      context.proposalActive = false;
      continue;
    }
    let end = tokenEnd;
    while (end > i && line.charCodeAt(end - 1) === Code.Dot) end--;
    if (end === i) {
      i = tokenEnd;
      continue;
    }
    if (end === tokenEnd && isLineKeyword(line, i, end)) {
      context.proposalActive = false;
      i = readLineWords(state, context, i, end, to);
      continue;
    }
    // `console.log(` is a call, not a file.
    const isCall = end === tokenEnd && line.charCodeAt(end) === Code.OpenParen;
    if (!isCall && mayNameFile(line, i, end)) {
      const raw = line.slice(i, end);
      if (isFilePathCandidate(raw, mode === 'codeSpan' ? 'lenient' : 'strict')) {
        i = readPath(state, context, raw, i, end, tokenEnd, to);
        continue;
      }
    }
    if (mode !== 'plain') context.proposalActive = false;
    else if (context.proposalActive || mayStartProposal(line.charCodeAt(i))) updateProposal(context, i, end, tokenEnd, to);
    i = tokenEnd;
  }
}

/** True for `line` or `lines` in any case. */
function isLineKeyword(line: string, start: number, end: number): boolean {
  const length = end - start;
  return (length === 4 || length === 5) && matchesWordAt(line, start, 'line') && (length === 4 || (line.charCodeAt(start + 4) | 0x20) === 115);
}

/** Cheap pre-check: a file name has a dot or a separator, or is as long as `Pipfile`..`Containerfile`. */
function mayNameFile(line: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = line.charCodeAt(k);
    if (c === Code.Dot || c === Code.Slash || c === Code.Backslash) return true;
  }
  return end - start >= 7 && end - start <= 13;
}

/** Where the path-like token starting at `start` ends; handles `C:\` drives and `\` separators. */
function scanTokenEnd(line: string, start: number, to: number): number {
  let k = start;
  if (
    isAsciiLetter(line.charCodeAt(k)) &&
    line.charCodeAt(k + 1) === Code.Colon &&
    (line.charCodeAt(k + 2) === Code.Backslash || line.charCodeAt(k + 2) === Code.Slash) &&
    k + 3 < to &&
    isPathChar(line.charCodeAt(k + 3))
  ) {
    k += 3;
  }
  while (k < to) {
    const c = line.charCodeAt(k);
    if (isPathChar(c)) k++;
    else if (c === Code.Backslash && k + 1 < to && backslashSeparates(line.charCodeAt(k + 1))) k++;
    else break;
  }
  return k;
}

// `\_` and `\*` are markdown escapes; a Windows separator is followed by a name.
function backslashSeparates(next: number): boolean {
  return isAsciiLetter(next) || isDigit(next) || next === Code.Dot || next > 127;
}

function skipUrl(state: ScanState, line: string, from: number, to: number): number {
  let k = from;
  while (k < to) {
    const c = line.charCodeAt(k);
    if (isBlank(c) || c === Code.Less || c === Code.Greater || c === Code.Quote || c === Code.Backtick) break;
    k++;
  }
  state.counter.steps += k - from;
  return k;
}

/** Reads the path's `:12-20, 30` or `#L10-L20` suffix and records the mention; returns where reading resumes. */
function readPath(state: ScanState, context: LineContext, raw: string, start: number, end: number, tokenEnd: number, to: number): number {
  const line = context.line;
  let groups: LineGroup[] = [];
  if (end === tokenEnd) {
    const next = line.charCodeAt(tokenEnd);
    if (next === Code.Colon) {
      groups = readLineGroupList(line, tokenEnd + 1, to, PATH_SUFFIX, state.counter);
    } else if (next === Code.Hash && line.charCodeAt(tokenEnd + 1) === Code.UpperL) {
      const group = readLineGroup(line, tokenEnd + 1, to, GITHUB_SUFFIX);
      if (group) groups = [group];
    }
  }
  recordMention(state, context, raw, start, end, groups);
  const last = groups[groups.length - 1];
  return last ? last.end : tokenEnd;
}

/** Emits the references of one file mention (one per line group, or one file-level) and registers it. */
export function recordMention(
  state: ScanState,
  context: LineContext,
  raw: string,
  start: number,
  pathEnd: number,
  groups: readonly LineGroup[],
): PathMention {
  const path = normalizeSeparators(raw);
  const last = groups[groups.length - 1];
  const writtenEnd = last ? last.end : pathEnd;
  const span = context.span;
  const fillsSpan = span !== null && start === trimmedStart(context.line, span) && writtenEnd === trimmedEnd(context.line, span);
  // "no" before a line reference is not a claim that the file is absent: lines imply the file.
  const proposed = !context.inCode && context.proposalActive && !(context.proposalAbsent && groups.length > 0);
  const absent = proposed && context.proposalAbsent;
  const mention: PathMention = {
    path,
    line: context.index,
    start,
    end: pathEnd,
    outerStart: fillsSpan && span ? span.openStart : start,
    outerEnd: fillsSpan && span ? span.closeEnd : writtenEnd,
    proposed,
    absent,
    hasLines: groups.length > 0,
    pathOnlyIndex: -1,
    firstRefIndex: -1,
    lastRefIndex: -1,
  };
  if (last) {
    for (let index = 0; index < groups.length; index++) {
      const group = groups[index] as LineGroup;
      const refIndex = state.emit({
        line: context.index,
        start: index === 0 ? start : group.start,
        end: group.end,
        path,
        startLine: group.first,
        endLine: group.last,
        form: 'path-line',
        inCode: context.inCode,
        proposed,
        absent,
      });
      if (index === 0) mention.firstRefIndex = refIndex;
      mention.lastRefIndex = refIndex;
    }
  } else {
    mention.pathOnlyIndex = state.emit({
      line: context.index,
      start,
      end: pathEnd,
      path,
      startLine: null,
      endLine: null,
      form: 'path-only',
      inCode: context.inCode,
      proposed,
      absent,
    });
    mention.firstRefIndex = mention.pathOnlyIndex;
    mention.lastRefIndex = mention.pathOnlyIndex;
  }
  state.registerMention(mention);
  context.lastMention = mention;
  context.mentions.push(mention);
  return mention;
}

/** Gives a file-level mention the line groups written after it (`` `x.py`:12 ``); they replace it. */
export function attachLineGroups(state: ScanState, context: LineContext, mention: PathMention, groups: readonly LineGroup[]): void {
  state.drop(mention.pathOnlyIndex);
  mention.pathOnlyIndex = -1;
  mention.hasLines = true;
  groups.forEach((group, index) => {
    const refIndex = state.emit({
      line: context.index,
      start: index === 0 ? mention.outerStart : group.start,
      end: group.end,
      path: mention.path,
      startLine: group.first,
      endLine: group.last,
      form: 'path-line',
      inCode: context.inCode,
      proposed: mention.proposed,
      absent: mention.absent,
    });
    if (index === 0) mention.firstRefIndex = refIndex;
    mention.lastRefIndex = refIndex;
  });
  const last = groups[groups.length - 1];
  if (last) mention.outerEnd = last.end;
}

/** First non-blank character of a code span's content. */
export function trimmedStart(line: string, span: CodeSpan): number {
  let k = span.contentStart;
  while (k < span.contentEnd && isBlank(line.charCodeAt(k))) k++;
  return k;
}

/** End of a code span's content without trailing blanks. */
export function trimmedEnd(line: string, span: CodeSpan): number {
  let k = span.contentEnd;
  while (k > span.contentStart && isBlank(line.charCodeAt(k - 1))) k--;
  return k;
}

/** Reads "Line 230", "lines 36-37", "**Lines:** 42-62" and binds them to a file; returns where reading resumes. */
function readLineWords(state: ScanState, context: LineContext, keywordStart: number, keywordEnd: number, to: number): number {
  const line = context.line;
  let k = keywordEnd;
  if (matchesWordAt(line, k, '(s)')) k += 3;
  const gapStart = k;
  while (k < to && k - gapStart < MAX_KEYWORD_GAP && isKeywordGap(line.charCodeAt(k))) k++;
  const groups = readLineGroupList(line, k, to, LINE_WORDS, state.counter);
  const last = groups[groups.length - 1];
  if (!last) return keywordEnd;
  const local = state.mentionInBlock();
  const target = local ?? state.contextLead();
  if (!target) return last.end;
  let firstStart = keywordStart;
  if (local) {
    state.drop(local.pathOnlyIndex);
    if (!local.hasLines && local.line === context.index && isAdjacent(line, local.outerEnd, keywordStart)) {
      firstStart = local.outerStart;
    }
  }
  groups.forEach((group, index) => {
    state.emit({
      line: context.index,
      start: index === 0 ? firstStart : group.start,
      end: group.end,
      path: target.path,
      startLine: group.first,
      endLine: group.last,
      form: local ? 'path-lines-words' : 'contextual-line',
      inCode: context.inCode,
      proposed: local ? target.proposed : false,
      absent: local ? target.absent : false,
    });
  });
  return last.end;
}

function isKeywordGap(c: number): boolean {
  return isBlank(c) || c === Code.Colon || c === Code.Asterisk || c === Code.Underscore || c === Code.Hash;
}

/** True when only punctuation separates a path from its line words: `x.py` lines 3, x.py (line 3). */
function isAdjacent(line: string, from: number, to: number): boolean {
  if (to < from || to - from > MAX_ADJACENT_GAP) return false;
  for (let k = from; k < to; k++) {
    const c = line.charCodeAt(k);
    const ok =
      isBlank(c) ||
      c === Code.OpenParen ||
      c === Code.Comma ||
      c === Code.Colon ||
      c === Code.Hyphen ||
      c === Code.EnDash ||
      c === 0x2014 ||
      c === Code.Asterisk ||
      c === Code.Backtick ||
      c === Code.Quote ||
      c === Code.Apostrophe;
    if (!ok) return false;
  }
  return true;
}
