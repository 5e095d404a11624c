// Parses markdown with unified + remark-parse and the GFM constructs audits use (tables,
// strikethrough, task lists), one section at a time, caching each section's tree by its exact text
// so that re-parsing an edited document costs one section.
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Root, RootContent } from 'mdast';
import { capNesting, neutralizeInlineDelimiters } from './nestingGuard';
import { splitSections, type MarkdownSection } from './sectionSplitter';
import { OwnedSectionCache } from '../ownedCache';

/** A parsed section: its top-level nodes, with positions still relative to the section. */
export interface ParsedSection {
  section: MarkdownSection;
  nodes: readonly RootContent[];
}

/** Sections beyond this size are not parsed: a pathological section must not stall the index. */
export const MAX_SECTION_CHARS = 2_000_000;

/**
 * remark-gfm without its autolink literals and footnotes: nothing downstream needs bare URLs as
 * link nodes (references are scanned from the text) or footnotes, and the autolink pass alone cost
 * about 45% of the parse on the benchmark corpus.
 */
function remarkAuditGfm(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmStrikethrough(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTaskListItemFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkAuditGfm);

/** Parses one section with the nesting guards; if remark still overflows its stack, parses block structure only. */
function parseGuarded(text: string): readonly RootContent[] {
  const capped = capNesting(text);
  try {
    return (processor.parse(neutralizeInlineDelimiters(capped)) as Root).children;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    try {
      return (processor.parse(neutralizeInlineDelimiters(capped, true)) as Root).children;
    } catch {
      return [];
    }
  }
}

/**
 * Parses documents section by section and keeps the trees of recently seen section texts.
 * Trees are shared between callers and must be treated as read-only.
 */
export class CachedMarkdownParser {
  private readonly cache: OwnedSectionCache<readonly RootContent[]>;

  constructor(maxEntries = 2_000) {
    this.cache = new OwnedSectionCache(maxEntries);
  }

  /**
   * Parses the lines of a document; sections whose text was seen before are not parsed again. With
   * an `owner` (the document's path), the sections of the owner's previous parse that this one no
   * longer has are dropped: typing in one section would otherwise fill the cache with its old versions.
   * With `remember` false (a document read from disk, not being edited) nothing new is kept, and
   * the owner's sections go: a syntax tree weighs about a hundred times its text, and a cold index
   * of a thousand documents would otherwise hold gigabytes of trees no edit will reuse.
   */
  parse(lines: readonly string[], owner?: string, remember = true): ParsedSection[] {
    if (!remember) {
      if (owner !== undefined) this.cache.forget(owner);
      return splitSections(lines).map((section) => ({ section, nodes: this.cache.peek(section.text) ?? parseSection(section.text) }));
    }
    const parsed = splitSections(lines).map((section) => ({ section, nodes: this.cache.get(section.text, () => parseSection(section.text)) }));
    if (owner !== undefined) this.cache.retain(owner, new Set(parsed.map((entry) => entry.section.text)));
    return parsed;
  }

  /** Drops the sections an owner's last parse kept. */
  forget(owner: string): void {
    this.cache.forget(owner);
  }

  /** How many section trees are cached, for tests and benchmarks. */
  get cachedSections(): number {
    return this.cache.size;
  }
}

/** One section's top-level nodes; a section over MAX_SECTION_CHARS is not parsed. */
function parseSection(text: string): readonly RootContent[] {
  return text.length > MAX_SECTION_CHARS ? [] : parseGuarded(text);
}
