// Extraction results kept across server restarts (the warm start): a document whose bytes are
// unchanged since the last session is not parsed again. The core only sees this interface; where
// the results live (a file outside the workspace) is the host's business.
import type { ExtractedDocument } from '../documentExtractor';
import type { SavedLineCount } from '../referenceResolver';

/** Saved extractions, keyed by document path and content hash. Lookups are synchronous: the store is loaded before indexing. */
export interface ExtractionStore {
  /** The saved extraction of `path` when its content hash is still `hash`. */
  get(path: string, hash: string): ExtractedDocument | undefined;
  /** Remembers the extraction of `path` at `hash`; saved when the host flushes. */
  set(path: string, hash: string, document: ExtractedDocument): void;
  /** Forgets a document that is gone or no longer an audit document. */
  delete(path: string): void;
  /**
   * Line counts of referenced source files from the last session. With them a warm start only
   * stats each file instead of reading it; a count whose size or mtime differs is counted again.
   */
  lineCounts(): ReadonlyArray<readonly [string, SavedLineCount]>;
  /** Replaces the saved line counts; saved when the host flushes. */
  setLineCounts(counts: ReadonlyArray<readonly [string, SavedLineCount]>): void;
}

/** An in-memory store: for tests, and for hosts that keep nothing between sessions. */
export class MemoryExtractionStore implements ExtractionStore {
  readonly entries = new Map<string, { hash: string; document: ExtractedDocument }>();

  get(path: string, hash: string): ExtractedDocument | undefined {
    const entry = this.entries.get(path);
    return entry && entry.hash === hash ? entry.document : undefined;
  }

  set(path: string, hash: string, document: ExtractedDocument): void {
    this.entries.set(path, { hash, document });
  }

  delete(path: string): void {
    this.entries.delete(path);
  }

  savedLineCounts: ReadonlyArray<readonly [string, SavedLineCount]> = [];

  lineCounts(): ReadonlyArray<readonly [string, SavedLineCount]> {
    return this.savedLineCounts;
  }

  setLineCounts(counts: ReadonlyArray<readonly [string, SavedLineCount]>): void {
    this.savedLineCounts = counts;
  }
}
