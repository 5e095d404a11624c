// Git-aware staleness: a line number in an audit is a claim about the code as it was when that
// line was written. For each reference this finds that commit (blame of the document line, or
// `--base`), reads the referenced lines there, follows the file through renames to the working
// tree, and says whether the code is still there (`ok`), stands elsewhere (`moved`, with the new
// place as the suggestion), was edited in place (`changed`), or is gone (`deleted`, `missing-file`).
import type { AuditIssue, ResolvedReference } from '../model';
import type { Logger } from '../workspace';
import { nullLogger } from '../workspace';
import { blockAt, distinctiveLine, findBlock, isIndistinct, locateBlock, type BaseBlock, type Location } from './codeLocator';
import { fingerprintKey, type FingerprintStore } from './fingerprints';
import { parentIfFixCommit } from './fixCommit';
import { shortCommit, type GitRepository, type LineCommits } from './gitRepository';
import { normalizeLine, textLines } from './lineDiff';
import { carryBlame, type BlamedText } from './blameCarry';
import { issueQuotes, type Quote } from './quotedCode';
import { blobId, SnapshotCache } from './snapshots';

/** Which references the check looks at: the ones whose place in the code it can confirm or correct. */
const CHECKED_STATES: ReadonlySet<ResolvedReference['state']> = new Set(['ok', 'line-out-of-range', 'missing-file']);

/** At most this many files are read to find code that moved to another file. */
const MAX_ELSEWHERE_FILES = 20;

/** Most lines of the code as it was that a changed reference keeps for its hover. */
const MAX_THEN_LINES = 15;

/** Lines above an uncommitted reference kept with its fingerprint. */
const CONTEXT_LINES = 3;

/** The document a pass refines references of. */
export interface RefinedDocument {
  path: string;
  text: string;
  encoding: string;
  /** The document's issues, for refiners that read what an issue says (quoted code). */
  issues?: readonly AuditIssue[];
}

/** What the checker needs besides git. */
export interface StalenessOptions {
  git: GitRepository;
  /** The current text of a workspace file (editor buffer first, then disk), or undefined. */
  readCurrent(path: string): Promise<string | undefined>;
  /** True when the path is a file of the workspace now. */
  exists(path: string): boolean;
  /** A commit every reference is compared from, instead of the blame of its line (`--base`). */
  baseCommit?: string;
  /** Baselines for audit lines not committed yet; without it they are left as they are. */
  fingerprints?: FingerprintStore;
  logger?: Logger;
}

/** Something that refines resolved references with what it knows about history (see referenceResolver). */
export interface ReferenceRefiner {
  refine(document: RefinedDocument, references: readonly ResolvedReference[]): Promise<ResolvedReference[]>;
  /** Forgets cached answers that depend on the working tree or HEAD. */
  forgetWorkingTree?(): void;
}

/** A place in the workspace, 1-based and inclusive. */
type Place = { path: string; startLine: number; endLine: number };

/** What judging a located block needs to word its answer. */
interface Judging {
  raw: readonly string[];
  block: BaseBlock;
  what: string;
  since: string;
  /** When the base was taken, for people: a short commit id, or "first seen". */
  at: string;
  basePath: string;
  currentPath: string;
}

/** Maps references from the commit their audit line was written at to the working tree. */
export class StalenessChecker implements ReferenceRefiner {
  private readonly blames = new Map<string, Promise<LineCommits | undefined>>();
  /** The last blame of each document's text, carried over to its next edit instead of running git again. */
  private readonly lastBlames = new Map<string, BlamedText>();
  private readonly elsewhere = new Map<string, Promise<Place | undefined>>();
  private readonly snapshots: SnapshotCache;
  private readonly logger: Logger;

  constructor(private readonly options: StalenessOptions) {
    this.logger = options.logger ?? nullLogger;
    this.snapshots = new SnapshotCache(options.git, options.readCurrent);
  }

  /** Forgets what depends on the working tree and HEAD (after files changed or a commit). */
  forgetWorkingTree(): void {
    this.blames.clear();
    this.lastBlames.clear();
    this.elsewhere.clear();
    this.snapshots.forgetWorkingTree();
    this.options.git.forgetWorkingTree?.();
  }

  /** The references with git-aware states; references it cannot judge come back as they were. */
  async refine(document: RefinedDocument, references: readonly ResolvedReference[]): Promise<ResolvedReference[]> {
    if (!references.some((reference) => isChecked(reference))) return [...references];
    const commits = this.options.baseCommit ? undefined : await this.blame(document);
    const quotes = new IssueQuotes(document);
    // All at once: git reads queue up in the one cat-file process, and greps can share a process.
    return Promise.all(
      references.map(async (reference) => {
        if (!isChecked(reference)) return reference;
        const commit = this.options.baseCommit ?? (commits ? (commits[reference.range.start.line] ?? null) : null);
        try {
          return commit === null ? await this.fromFingerprint(document.path, reference) : await this.fromCommit(document.path, reference, commit, quotes);
        } catch (error) {
          this.logger.error(`Audit Lens could not check ${reference.text} in ${document.path} against git`, error);
          return reference;
        }
      }),
    );
  }

  private blame(document: RefinedDocument): Promise<LineCommits | undefined> {
    // A document that is not valid UTF-8 would not survive the round trip to git: blame the file on disk.
    const text = document.encoding === 'invalid-utf-8' ? undefined : document.text;
    const key = `${document.path}\n${text === undefined ? 'disk' : blobId(text)}`;
    let blame = this.blames.get(key);
    if (!blame) {
      const lines = text === undefined ? undefined : textLines(text);
      const previous = this.lastBlames.get(document.path);
      const carried = previous && lines ? carryBlame(previous, lines) : undefined;
      blame = carried ? Promise.resolve(carried) : this.options.git.blame(document.path, text).catch(() => undefined);
      void blame.then((commits) => {
        if (commits && lines) this.lastBlames.set(document.path, { lines, commits });
      });
      if (this.blames.size > 1000) this.blames.clear();
      this.blames.set(key, blame);
    }
    return blame;
  }

  /** Judges a reference from the commit its line was written at. */
  private async fromCommit(documentPath: string, reference: ResolvedReference, lineCommit: string, quotes: IssueQuotes): Promise<ResolvedReference> {
    const basePath = await this.basePathAt(documentPath, lineCommit, reference);
    if (basePath === undefined) return reference;
    let commit = lineCommit;
    let base = await this.snapshots.atCommit(commit, basePath);
    if (!base) return reference;
    if (this.options.baseCommit === undefined && reference.startLine !== null) {
      const end = reference.endLine ?? reference.startLine;
      const parent = await parentIfFixCommit(this.options.git, this.snapshots, commit, basePath, base, reference.startLine, end, quotes.of(reference.issueKey));
      if (parent) ({ commit, snapshot: base } = parent);
    }
    const renamed = (await this.options.git.renamesSince(commit)).get(basePath);
    const currentPath = renamed !== undefined && this.options.exists(renamed) ? renamed : this.options.exists(basePath) ? basePath : undefined;
    const since = `since ${shortCommit(commit)}`;
    const gone = `${basePath} was deleted ${since}, and no rename explains it.`;
    if (reference.startLine === null) {
      if (currentPath === undefined) return { ...reference, state: 'missing-file', reason: gone };
      if (currentPath === reference.resolvedPath) return reference;
      return moved(reference, { path: currentPath, startLine: 1, endLine: 1 }, `${basePath} was renamed to ${currentPath} ${since}.`);
    }
    const endLine = reference.endLine ?? reference.startLine;
    const block = blockAt(base.normalized, reference.startLine, endLine);
    // Out of range even then, or blank lines and braces: nothing to recognize the code by.
    if (!block || isIndistinct(block)) return reference;
    const raw = base.lines.slice(reference.startLine - 1, endLine);
    const what = describe({ path: basePath, startLine: reference.startLine, endLine });
    if (currentPath === undefined) {
      const elsewhere = await this.findElsewhere(raw, block, undefined);
      if (elsewhere) return moved(reference, elsewhere, `The code of ${what} moved to ${describe(elsewhere)} ${since}.`);
      return { ...reference, state: 'missing-file', reason: gone, suggestion: null };
    }
    const current = await this.snapshots.inWorkingTree(currentPath);
    if (!current) return reference;
    const location = locateBlock(block, current.normalized, this.snapshots.lineMap(base, current));
    return this.judge(reference, location, { raw, block, what, since, at: shortCommit(commit), basePath, currentPath });
  }

  /** Judges a reference on a line that is not committed: against the code as it was when first seen. */
  private async fromFingerprint(documentPath: string, reference: ResolvedReference): Promise<ResolvedReference> {
    const store = this.options.fingerprints;
    const path = reference.resolvedPath;
    if (!store || path === null || reference.startLine === null) return reference;
    const endLine = reference.endLine ?? reference.startLine;
    const key = fingerprintKey(documentPath, reference.text, path);
    const kept = store.get(key);
    if (!kept) {
      const current = reference.state === 'ok' ? await this.snapshots.inWorkingTree(path) : undefined;
      if (current) {
        const before = current.lines.slice(Math.max(0, reference.startLine - 1 - CONTEXT_LINES), reference.startLine - 1);
        store.set(key, { path, startLine: reference.startLine, lines: current.lines.slice(reference.startLine - 1, endLine), before });
      }
      return reference;
    }
    const block: BaseBlock = { lines: kept.lines.map(normalizeLine), startLine: kept.startLine };
    if (isIndistinct(block)) return reference;
    const what = describe({ path: kept.path, startLine: kept.startLine, endLine: kept.startLine + kept.lines.length - 1 });
    const since = 'since the audit line was first seen';
    const current = this.options.exists(kept.path) ? await this.snapshots.inWorkingTree(kept.path) : undefined;
    if (!current) {
      const elsewhere = await this.findElsewhere(kept.lines, block, undefined);
      return elsewhere ? moved(reference, elsewhere, `The code of ${what} moved to ${describe(elsewhere)} ${since}.`) : reference;
    }
    let location = locateBlock(block, current.normalized, undefined);
    if (location.kind === 'changed' && kept.before && kept.before.length > 0) {
      // Without a diff, the unchanged lines above the code say where it stands now.
      const above = kept.before.map(normalizeLine);
      const at = findBlock(above, current.normalized, kept.startLine - 1 - above.length);
      if (at >= 0) location = { ...location, startLine: at + above.length + 1, endLine: at + above.length + kept.lines.length };
    }
    return this.judge(reference, location, { raw: kept.lines, block, what, since, at: 'first seen', basePath: kept.path, currentPath: kept.path });
  }

  private async judge(reference: ResolvedReference, location: Location, context: Judging): Promise<ResolvedReference> {
    const { raw, block, what, since, at, basePath, currentPath } = context;
    const startLine = reference.startLine as number;
    const endLine = reference.endLine ?? startLine;
    switch (location.kind) {
      case 'ok':
        // A renamed file the resolver found anyway (by its name) still makes the written path stale.
        if (currentPath === reference.resolvedPath && currentPath === basePath) return { ...reference, state: 'ok', reason: null, suggestion: null };
        return moved(reference, { path: currentPath, startLine, endLine }, `${what} now stands in ${currentPath} (renamed ${since}).`);
      case 'moved': {
        const target = { path: currentPath, startLine: location.startLine, endLine: location.endLine };
        return moved(reference, target, `The code of ${what} now stands at ${describe(target)} (moved ${since}).`);
      }
      case 'changed':
      case 'deleted': {
        // Nothing of the code is left where it was: it may have moved to another file.
        if (location.kind === 'deleted' || location.kept === 0) {
          const elsewhere = await this.findElsewhere(raw, block, currentPath);
          if (elsewhere) return moved(reference, elsewhere, `The code of ${what} moved to ${describe(elsewhere)} ${since}.`);
        }
        if (location.kind === 'deleted') return { ...reference, state: 'deleted', reason: `The code of ${what} was deleted ${since}; the file remains.`, suggestion: null };
        const target = { path: currentPath, startLine: location.startLine, endLine: location.endLine };
        const same = target.path === reference.resolvedPath && target.startLine === startLine && target.endLine === endLine;
        const then = { at, lines: raw.slice(0, MAX_THEN_LINES) };
        return { ...reference, state: 'changed', reason: `The code of ${what} changed ${since}; the issue may be fixed.`, suggestion: same ? null : target, then };
      }
    }
  }

  /** The path the referenced file had at the commit: as resolved now, as written, or relative to the document. */
  private async basePathAt(documentPath: string, commit: string, reference: ResolvedReference): Promise<string | undefined> {
    const written = reference.path.replace(/^\.\//, '');
    const folder = documentPath.includes('/') ? documentPath.slice(0, documentPath.lastIndexOf('/') + 1) : '';
    const candidates = [reference.resolvedPath, written, folder === '' ? null : folder + written];
    for (const candidate of candidates) {
      if (candidate === null || candidate === '' || candidate.startsWith('/') || candidate.split('/').includes('..')) continue;
      if ((await this.snapshots.atCommit(commit, candidate)) !== undefined) return candidate;
    }
    return undefined;
  }

  /** Code that left its file: a distinctive line found with git grep, confirmed by the whole block. */
  private findElsewhere(raw: readonly string[], block: BaseBlock, exclude: string | undefined): Promise<Place | undefined> {
    const key = `${exclude ?? ''}\n${block.lines.join('\n')}`;
    let found = this.elsewhere.get(key);
    if (!found) {
      found = this.searchElsewhere(raw, block, exclude);
      this.elsewhere.set(key, found);
    }
    return found;
  }

  private async searchElsewhere(raw: readonly string[], block: BaseBlock, exclude: string | undefined): Promise<Place | undefined> {
    const needle = distinctiveLine(raw);
    if (needle === undefined) return undefined;
    const files = await this.options.git.filesContaining(needle, MAX_ELSEWHERE_FILES).catch(() => []);
    for (const path of [...files].sort()) {
      if (path === exclude || !this.options.exists(path)) continue;
      const current = await this.snapshots.inWorkingTree(path);
      const at = current ? findBlock(block.lines, current.normalized, 0) : -1;
      if (at >= 0) return { path, startLine: at + 1, endLine: at + block.lines.length };
    }
    return undefined;
  }
}

/** The code each issue of a document quotes, read once per pass. */
class IssueQuotes {
  private readonly byKey = new Map<string, readonly Quote[]>();
  private issues: Map<string, AuditIssue> | undefined;
  private lines: string[] | undefined;

  constructor(private readonly document: RefinedDocument) {}

  /** The quotes of the issue with this key; none for a reference outside every issue. */
  of(key: string | null): readonly Quote[] {
    if (key === null) return [];
    this.issues ??= new Map((this.document.issues ?? []).map((issue) => [issue.key, issue]));
    const issue = this.issues.get(key);
    if (!issue) return [];
    let quotes = this.byKey.get(key);
    if (!quotes) {
      this.lines ??= textLines(this.document.text);
      this.byKey.set(key, (quotes = issueQuotes(this.lines, issue)));
    }
    return quotes;
  }
}

function isChecked(reference: ResolvedReference): boolean {
  return CHECKED_STATES.has(reference.state) && !reference.inCode && !reference.proposed;
}

function moved(reference: ResolvedReference, suggestion: Place, reason: string): ResolvedReference {
  return { ...reference, state: 'moved', reason, suggestion };
}

function describe(place: Place): string {
  return place.startLine === place.endLine ? `${place.path}:${place.startLine}` : `${place.path}:${place.startLine}-${place.endLine}`;
}
