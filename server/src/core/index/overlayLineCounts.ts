// Line counts of workspace files where open editor buffers win over disk, so a reference to a
// line that only exists in an unsaved buffer is judged against what the user sees.
import { countLines } from '../lineIndex';
import { LineCountCache, type LineCountCacheOptions, type LineCountSource, type SavedLineCount } from '../referenceResolver';
import type { WorkspaceHost } from '../workspace';

/** Line counts from open buffers first, then from disk through a cache. */
export class OverlayLineCounts implements LineCountSource {
  private readonly disk: LineCountCache;

  constructor(
    host: WorkspaceHost,
    private readonly openTexts: ReadonlyMap<string, string>,
    options: LineCountCacheOptions = {},
  ) {
    this.disk = new LineCountCache(host, options);
  }

  /** Lines in the file as the user sees it. */
  async lineCount(path: string): Promise<number | undefined> {
    const open = this.openTexts.get(path);
    return open !== undefined ? countLines(open) : this.disk.lineCount(path);
  }

  /** Forgets the cached count of one file, or has every count checked against the disk again. */
  invalidate(path?: string): void {
    this.disk.invalidate(path);
  }

  /** Trusts checked disk counts until invalidated (true) or for the window again (false); see LineCountCache.hold. */
  hold(held: boolean): void {
    this.disk.hold(held);
  }

  /** Takes disk counts saved by an earlier session. */
  seed(saved: Iterable<readonly [string, SavedLineCount]>): void {
    this.disk.seed(saved);
  }

  /** The disk counts held, for the next session. */
  saved(): Array<[string, SavedLineCount]> {
    return this.disk.saved();
  }
}
