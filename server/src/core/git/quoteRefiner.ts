// Quoted code as evidence of where a reference points: when the issue quotes the code it is
// about, a reference whose lines do not hold the quote, while the file holds it in exactly one
// other place, is `moved` there. Works without git, and after git for what git left unjudged.
import type { ResolvedReference } from '../model';
import { findQuote, issueQuotes, type Quote } from './quotedCode';
import { normalizeLine, textLines } from './lineDiff';
import type { ReferenceRefiner, RefinedDocument } from './stalenessChecker';

/** Refines references with the code their issues quote; `states` says which states it may change. */
export function quotedCodeRefiner(readCurrent: (path: string) => Promise<string | undefined>, states: ReadonlySet<ResolvedReference['state']>): ReferenceRefiner {
  return {
    async refine(document: RefinedDocument, references) {
      const issues = document.issues ?? [];
      if (issues.length === 0) return [...references];
      const byKey = new Map(issues.map((issue) => [issue.key, issue]));
      let lines: string[] | undefined;
      const quotes = new Map<string, Quote[]>();
      const files = new Map<string, Promise<string[] | undefined>>();
      const normalizedFile = (path: string): Promise<string[] | undefined> => {
        let entry = files.get(path);
        if (!entry) files.set(path, (entry = readCurrent(path).then((text) => (text === undefined ? undefined : textLines(text).map(normalizeLine)))));
        return entry;
      };
      const out: ResolvedReference[] = [];
      for (const reference of references) {
        const issue = reference.issueKey ? byKey.get(reference.issueKey) : undefined;
        if (!issue || !states.has(reference.state) || reference.inCode || reference.startLine === null || reference.resolvedPath === null) {
          out.push(reference);
          continue;
        }
        lines ??= textLines(document.text);
        let issueQuoteList = quotes.get(issue.key);
        if (!issueQuoteList) quotes.set(issue.key, (issueQuoteList = issueQuotes(lines, issue)));
        const file = issueQuoteList.length === 0 ? undefined : await normalizedFile(reference.resolvedPath);
        out.push(file ? relocate(reference, issueQuoteList, file, references) : reference);
      }
      return out;
    },
  };
}

/** Applies refiners one after another. */
export function chainRefiners(...refiners: ReferenceRefiner[]): ReferenceRefiner {
  return {
    async refine(document, references) {
      let current = [...references];
      for (const refiner of refiners) current = await refiner.refine(document, current);
      return current;
    },
    forgetWorkingTree() {
      for (const refiner of refiners) refiner.forgetWorkingTree?.();
    },
  };
}

function relocate(reference: ResolvedReference, quotes: readonly Quote[], file: readonly string[], all: readonly ResolvedReference[]): ResolvedReference {
  const start = (reference.startLine as number) - 1;
  const end = (reference.endLine ?? (reference.startLine as number)) - 1;
  // The issue's other references to the same file may be the ones the quote is about.
  const siblings = all.filter((other) => other.issueKey === reference.issueKey && other.resolvedPath === reference.resolvedPath && other.startLine !== null);
  const places = quotes.flatMap((quote) => findQuote(quote, file));
  const inside = (match: { start: number; end: number }, from: number, to: number): boolean => match.start <= to && match.end >= from;
  if (places.length === 0) return reference;
  const written = reference.startLine === reference.endLine || reference.endLine === null ? `line ${reference.startLine}` : `lines ${reference.startLine}-${reference.endLine}`;
  // The quote at the reference's own lines confirms it: said in the reason, which keeps it from being `unverified`.
  if (reference.state === 'ok' && places.some((match) => inside(match, start, end))) return { ...reference, reason: reference.reason ?? `The code the issue quotes stands at ${written}.` };
  if (places.some((match) => siblings.some((other) => inside(match, (other.startLine as number) - 1, (other.endLine ?? (other.startLine as number)) - 1)))) return reference;
  const distinct = new Set(places.map((match) => match.start));
  if (distinct.size !== 1 || siblings.length !== 1) return reference;
  const found = places[0] as { start: number; end: number };
  const length = end - start;
  const endLine = Math.min(file.length, found.start + length + 1);
  const suggestion = { path: reference.resolvedPath as string, startLine: found.start + 1, endLine: Math.max(found.start + 1, endLine) };
  return { ...reference, state: 'moved', reason: `The code the issue quotes is not at ${written} of ${reference.resolvedPath} but at line ${found.start + 1}.`, suggestion };
}
