// Reference extraction for documents being edited: the text is cut where the scanner starts afresh
// (headings outside fences) and each section's references are cached by its text, so a keystroke
// re-scans one section instead of the whole document, with the same result as a whole scan.
import type { ExtractedReference } from '../model';
import { extractReferences } from '../referenceExtractor';
import { OwnedSectionCache } from '../ownedCache';
import { freshStartLines, splitLines } from './documentScanner';

/** Bound on cached sections, so many edited documents cannot grow it without end. */
const MAX_CACHED_SECTIONS = 5_000;

/** Caches each section's references by its text and the issue starts inside it. */
export class SectionedReferenceCache {
  private readonly cache = new OwnedSectionCache<readonly ExtractedReference[]>(MAX_CACHED_SECTIONS);

  /**
   * The references of `text`, exactly as extractReferences finds them in the whole of it. `owner`
   * (the document's path) lets the sections an edit replaced be dropped.
   */
  extract(text: string, scopeStartLines: ReadonlySet<number>, owner: string): ExtractedReference[] {
    if (text.length === 0) return [];
    const lines = splitLines(text);
    const bounds = [0, ...freshStartLines(lines).filter((line) => line > 0), lines.length];
    const keys = new Set<string>();
    const references: ExtractedReference[] = [];
    for (let part = 0; part + 1 < bounds.length; part++) {
      const start = bounds[part] as number;
      const end = bounds[part + 1] as number;
      if (end <= start) continue;
      const scopes: number[] = [];
      for (let line = start; line < end; line++) if (scopeStartLines.has(line)) scopes.push(line - start);
      const sectionText = lines.slice(start, end).join('\n');
      const key = `${scopes.join(',')}\u0001${sectionText}`;
      keys.add(key);
      const found = this.cache.get(key, () => extractReferences(sectionText, { scopeStartLines: new Set(scopes) }));
      for (const reference of found) references.push(start === 0 ? reference : shifted(reference, start));
    }
    this.cache.retain(owner, keys);
    return references;
  }

  /** Forgets a document's sections (its editor closed). */
  forget(owner: string): void {
    this.cache.forget(owner);
  }
}

function shifted(reference: ExtractedReference, lines: number): ExtractedReference {
  const { start, end } = reference.range;
  return { ...reference, range: { start: { line: start.line + lines, character: start.character }, end: { line: end.line + lines, character: end.character } } };
}
