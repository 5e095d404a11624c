// Code an issue quotes as the problem ("Original Code:" followed by a fenced block, "**Bug:**
// `incr()` then `expire()`"), and where such a quote stands in a file. Audit authors trim quotes
// and add comments, so lines match ignoring whitespace, a quote line may carry a trailing comment
// the code lacks, and a few lines of the quote may be missing from the code.
import type { AuditIssue } from '../model';
import { normalizeLine } from './lineDiff';

/** Labels that introduce the code as it was (the problem), not as it should be. */
const PROBLEM_LABEL = /\b(?:original|vulnerable|current code|bug|problem|before|issue|offending|existing)\b/i;
const FIX_LABEL = /\b(?:fix|fixed|after|solution|resolution|recommended|should|proposed|suggested|instead|example|tests?|usage|command|run)\b/i;

/** A quote's lines shorter than this (normalized) are too common to recognize code by. */
const MIN_LINE = 6;

/** One quote: its distinctive lines, normalized. */
export type Quote = readonly string[];

/** Where a quote stands in a file: 0-based first and last matched line. */
export interface QuoteMatch {
  start: number;
  end: number;
}

/** The quotes of an issue's body in the document's text. */
export function issueQuotes(documentLines: readonly string[], issue: AuditIssue): Quote[] {
  const quotes: Quote[] = [];
  let fence: { marker: string; label: string; lines: string[] } | undefined;
  let label = '';
  for (let line = issue.bodyStartLine; line < issue.bodyEndLine && line < documentLines.length; line++) {
    const text = documentLines[line] ?? '';
    const trimmed = text.trim().replace(/^[-*+]\s+/, '');
    if (fence) {
      if (trimmed.startsWith(fence.marker)) {
        const distinctive = fence.lines.map(normalizeLine).filter((entry) => entry.length >= MIN_LINE);
        if (isProblemLabel(fence.label) && distinctive.length > 0) quotes.push(distinctive);
        fence = undefined;
      } else fence.lines.push(text);
      continue;
    }
    if (trimmed.startsWith('```') || trimmed.startsWith('~~~')) {
      fence = { marker: trimmed.slice(0, 3), label, lines: [] };
      continue;
    }
    if (trimmed === '') continue;
    label = trimmed;
    // "**Bug:** `conn.execute(...)` - ...": inline code on a line that names the problem.
    if (isProblemLabel(labelPart(trimmed))) {
      for (const span of inlineCode(trimmed)) {
        const normalized = normalizeLine(span);
        if (normalized.length >= 10 && /[(=.[]/.test(normalized)) quotes.push([normalized]);
      }
    }
  }
  return quotes;
}

/** Every place the quote stands in the file's normalized lines. */
export function findQuote(quote: Quote, fileLines: readonly string[]): QuoteMatch[] {
  const first = quote[0];
  if (first === undefined) return [];
  const needed = Math.max(1, Math.ceil(quote.length * 0.6));
  const matches: QuoteMatch[] = [];
  for (let start = 0; start < fileLines.length; start++) {
    if (!linesMatch(first, fileLines[start] ?? '', quote.length === 1)) continue;
    let matched = 1;
    let at = start;
    // Later quote lines must follow closely: a quote skips a few lines at most.
    for (let index = 1; index < quote.length; index++) {
      for (let next = at + 1; next <= at + 4 && next < fileLines.length; next++) {
        if (linesMatch(quote[index] as string, fileLines[next] ?? '', false)) {
          matched++;
          at = next;
          break;
        }
      }
    }
    if (matched >= needed) matches.push({ start, end: at });
  }
  return matches;
}

function isProblemLabel(label: string): boolean {
  return PROBLEM_LABEL.test(label) && !FIX_LABEL.test(label);
}

/** The label of a "**Label:** value" line, or the whole line. */
function labelPart(line: string): string {
  const colon = line.indexOf(':');
  return colon > 0 && colon < 40 ? line.slice(0, colon) : line;
}

function inlineCode(line: string): string[] {
  const spans: string[] = [];
  let open = -1;
  for (let index = 0; index < line.length; index++) {
    if (line[index] !== '`') continue;
    if (open < 0) open = index;
    else {
      spans.push(line.slice(open + 1, index));
      open = -1;
    }
  }
  return spans;
}

/** A quote line matches a code line when equal, or when one adds only a comment or a tail to the other. */
function linesMatch(quoteLine: string, codeLine: string, inline: boolean): boolean {
  if (codeLine.length === 0) return false;
  if (inline) return codeLine.includes(quoteLine);
  if (quoteLine === codeLine) return true;
  const [shorter, longer] = quoteLine.length < codeLine.length ? [quoteLine, codeLine] : [codeLine, quoteLine];
  return shorter.length >= 12 && longer.startsWith(shorter);
}
