// The incremental index of one workspace folder, behind the language server. It answers every
// question from memory while the cold index runs, caches extraction by content (an edited
// document re-parses only the section that changed), and keeps an inverted index from source
// files to the references that point at them, for lenses and hints.
import { createHash } from 'node:crypto';
import { EventLoopTurns, mapConcurrently, UrgentWork } from '../concurrency';
import { createDocumentMatcher } from '../documentSelection';
import { extractDocument, type DocumentContent, type ExtractedDocument } from '../documentExtractor';
import { CachedMarkdownParser } from '../markdown/markdownParser';
import type { ReferenceRefiner } from '../git/stalenessChecker';
import type { AuditDiagnostic, DocumentAnalysis } from '../model';
import { FileIndex } from '../pathResolver';
import { resolveDocument } from '../referenceResolver';
import { neverCancelled, nullLogger, type CancellationSignal, type Logger, type WorkspaceHost } from '../workspace';
import { unknownDependencyDiagnostics } from '../workspaceLints';
import type { ExtractionStore } from './extractionStore';
import { currentTarget, type IndexedReference, type IndexView, type LocatedIssue } from './indexView';
import { OverlayLineCounts } from './overlayLineCounts';
import { RecentAnswers } from './recentAnswers';
import { SectionedReferenceCache } from '../references/sectionCache';
import { SourceEditTracker, type SourceTextChange } from './sourceEditTracker';

/** Settings the index honours; the server pulls them per folder. */
export interface WorkspaceIndexOptions {
  include?: string[];
  exclude?: string[];
  logger?: Logger;
  /** The git-aware staleness check; `null` turns it off, absent leaves it as it is. */
  staleness?: ReferenceRefiner | null;
  /** Extractions kept across sessions (the warm start); absent leaves it as it is. */
  extractionStore?: ExtractionStore;
  /**
   * How long a line count or an outside-the-root answer is trusted without asking the file system
   * again. Hosts that report file changes (filesChanged) set it; 0 always asks. Set at construction.
   */
  fileAnswersTrustMs?: number;
}

/** Documents indexed at once by indexAll. */
const DOCUMENTS_IN_FLIGHT = 4;

/** Reports cold-index progress: documents done out of the total. */
export type IndexProgress = (done: number, total: number) => void;

/** A host that can forget its cached file list (the node host can). */
type InvalidatableHost = WorkspaceHost & { invalidate?: () => void };

/** A change the host saw on disk. */
export interface FileChange {
  path: string;
  type: 'created' | 'changed' | 'deleted';
}

/** The incremental index of one workspace folder. */
export class WorkspaceIndex implements IndexView {
  readonly root: string;
  files: FileIndex = new FileIndex([], '/');
  indexing = false;

  private readonly parser = new CachedMarkdownParser();
  /** References of edited buffers, by section: a keystroke re-scans one section. */
  private readonly referenceSections = new SectionedReferenceCache();
  private readonly extracted = new Map<string, { hash: string; document: ExtractedDocument }>();
  private readonly analyses = new Map<string, DocumentAnalysis>();
  private readonly openTexts = new Map<string, string>();
  private readonly inverted = new Map<string, Map<string, IndexedReference[]>>();
  private readonly issueIds = new Map<string, Map<string, LocatedIssue[]>>();
  private readonly lineCounts: OverlayLineCounts;
  private readonly outsideRoot: RecentAnswers<boolean>;
  private readonly resolutionHost: Pick<WorkspaceHost, 'isOutsideRoot'>;
  private readonly edits = new SourceEditTracker();
  private readonly listeners = new Set<(paths: readonly string[]) => void>();
  private isDocument: (path: string) => boolean;
  private logger: Logger;
  private staleness: ReferenceRefiner | undefined;
  private extractionStore: ExtractionStore | undefined;
  private generation = 0;
  /** The latest refresh started per document: an older one that ends later must not store over it. */
  private readonly latestRefresh = new Map<string, number>();
  private refreshCount = 0;
  /** Editor buffers are analyzed ahead of the index's queue. */
  private readonly urgent = new UrgentWork();
  private readonly turns = new EventLoopTurns();

  constructor(private readonly host: InvalidatableHost, options: WorkspaceIndexOptions = {}) {
    this.root = host.root;
    this.isDocument = createDocumentMatcher(options.include, options.exclude);
    this.logger = options.logger ?? nullLogger;
    this.staleness = options.staleness ?? undefined;
    this.extractionStore = options.extractionStore;
    const trustForMs = options.fileAnswersTrustMs ?? 0;
    this.lineCounts = new OverlayLineCounts(host, this.openTexts, { trustForMs });
    this.outsideRoot = new RecentAnswers<boolean>(trustForMs);
    this.resolutionHost = { isOutsideRoot: (path) => this.outsideRoot.get(path, () => this.host.isOutsideRoot(path)) };
    if (this.extractionStore) this.lineCounts.seed(this.extractionStore.lineCounts());
  }

  /** Calls the listener with the documents whose analysis changed; returns a function that unsubscribes. */
  onDidChange(listener: (paths: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies new include/exclude settings; the next indexAll honours them. */
  configure(options: WorkspaceIndexOptions): void {
    this.isDocument = createDocumentMatcher(options.include, options.exclude);
    if (options.logger) this.logger = options.logger;
    if (options.staleness !== undefined) this.staleness = options.staleness ?? undefined;
    if (options.extractionStore !== undefined && options.extractionStore !== this.extractionStore) {
      this.extractionStore = options.extractionStore;
      this.lineCounts.seed(options.extractionStore.lineCounts());
    }
  }

  /**
   * Indexes every audit document. Yields to the event loop between documents so requests are
   * served meanwhile; a newer call supersedes an older one.
   */
  async indexAll(progress?: IndexProgress, signal: CancellationSignal = neverCancelled): Promise<void> {
    const generation = ++this.generation;
    this.indexing = true;
    try {
      this.host.invalidate?.();
      this.lineCounts.invalidate();
      this.outsideRoot.clear();
      // One run reads the tree as one snapshot: each file is checked once, file events still invalidate.
      this.lineCounts.hold(true);
      this.outsideRoot.hold(true);
      this.staleness?.forgetWorkingTree?.();
      const files = await this.host.listFiles();
      this.files = new FileIndex(files, this.root);
      const documents = files.filter((path) => this.isDocument(path) || this.openTexts.has(path)).sort();
      const wanted = new Set(documents);
      for (const path of [...this.analyses.keys()]) if (!wanted.has(path)) this.forget(path);
      let done = 0;
      const superseded = (): boolean => signal.isCancellationRequested || generation !== this.generation;
      // A few documents at once: while one waits on the disk (or git), another is parsed.
      await mapConcurrently(documents, DOCUMENTS_IN_FLIGHT, async (path) => {
        if (superseded()) return;
        // Reads are synchronous on the node host, so a document may not wait on the disk at all:
        // each one starts on an event-loop iteration of its own, and requests get in between.
        await this.turns.next();
        await this.urgent.checkpoint();
        if (superseded()) return;
        await this.refreshDocument(path);
        progress?.(++done, documents.length);
      });
      if (superseded()) return;
      this.extractionStore?.setLineCounts(this.lineCounts.saved().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      this.emit(documents);
    } finally {
      if (generation === this.generation) {
        this.indexing = false;
        this.lineCounts.hold(false);
        this.outsideRoot.hold(false);
      }
    }
  }

  /** An editor opened or changed an audit document: analyze its buffer (only changed sections re-parse). */
  async updateDocumentText(path: string, text: string): Promise<DocumentAnalysis | undefined> {
    this.openTexts.set(path, text);
    this.lineCounts.invalidate(path);
    if (!this.isDocument(path)) return undefined;
    const analysis = await this.urgent.run(() => this.refreshDocument(path));
    this.emit([path]);
    return analysis;
  }

  /** An editor changed a source file: move its references with the edits, without re-reading anything. */
  updateSourceText(path: string, text: string, changes: readonly SourceTextChange[]): void {
    this.openTexts.set(path, text);
    this.lineCounts.invalidate(path);
    this.edits.apply(path, changes);
  }

  /** The editor closed a file: from now on it is read from disk, and unsaved edits are forgotten. */
  async closeText(path: string): Promise<void> {
    this.openTexts.delete(path);
    this.referenceSections.forget(path);
    this.lineCounts.invalidate(path);
    this.edits.reset(path);
    if (this.analyses.has(path)) {
      await this.refreshDocument(path);
      this.emit([path]);
    }
  }

  /** Files changed on disk: re-list once for the whole batch, then re-resolve what they affect. */
  async filesChanged(changes: readonly FileChange[]): Promise<void> {
    if (changes.length === 0) return;
    this.staleness?.forgetWorkingTree?.();
    // A created or deleted folder or link can change what lies outside the root.
    this.outsideRoot.clear();
    const listChanged = changes.some((change) => change.type !== 'changed');
    if (listChanged) {
      this.host.invalidate?.();
      this.files = new FileIndex(await this.host.listFiles(), this.root);
    }
    const touched = new Set<string>();
    for (const change of changes) {
      this.lineCounts.invalidate(change.path);
      if (!this.openTexts.has(change.path)) this.edits.reset(change.path);
      if (change.type === 'deleted' && this.analyses.has(change.path)) {
        this.forget(change.path);
        touched.add(change.path);
      } else if (change.type !== 'deleted' && this.isDocument(change.path)) {
        touched.add(change.path);
      }
      for (const documentPath of this.inverted.get(change.path)?.keys() ?? []) touched.add(documentPath);
    }
    // A file appearing or disappearing can settle any missing or ambiguous reference anywhere.
    const targets = listChanged ? new Set([...this.analyses.keys(), ...touched]) : touched;
    for (const path of [...targets].sort()) {
      if (this.analyses.has(path) || this.isDocument(path)) await this.refreshDocument(path);
    }
    this.emit([...targets]);
  }

  documents(): readonly DocumentAnalysis[] {
    return [...this.analyses.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  document(path: string): DocumentAnalysis | undefined {
    return this.analyses.get(path);
  }

  /** The document's diagnostics, plus the cross-document ones (unknown dependency IDs). */
  diagnostics(path: string): AuditDiagnostic[] {
    const analysis = this.analyses.get(path);
    if (!analysis) return [];
    return [...analysis.diagnostics, ...unknownDependencyDiagnostics(analysis, (id) => this.issueIds.has(id))];
  }

  referencesTo(path: string): readonly IndexedReference[] {
    const byDocument = this.inverted.get(path);
    if (!byDocument) return [];
    const references = [...byDocument.values()].flat();
    return this.edits.adjust(path, references);
  }

  issuesById(id: string): readonly LocatedIssue[] {
    return [...(this.issueIds.get(id)?.values() ?? [])].flat();
  }

  issueByKey(documentPath: string, key: string): LocatedIssue | undefined {
    const issue = this.analyses.get(documentPath)?.issues.find((candidate) => candidate.key === key);
    return issue ? { documentPath, issue } : undefined;
  }

  async readText(path: string): Promise<string | undefined> {
    const open = this.openTexts.get(path);
    return open !== undefined ? open : this.readSavedText(path);
  }

  /**
   * A workspace file as saved on disk, ignoring editor buffers. The staleness check reads this:
   * its answers are in the coordinates of the saved file, and unsaved edits are mapped on top by
   * the source edit tracker, as for every other reference.
   */
  async readSavedText(path: string): Promise<string | undefined> {
    if (!this.files.has(path) || (await this.host.isOutsideRoot(path))) return undefined;
    const bytes = await this.host.readFile(path);
    return bytes ? new TextDecoder().decode(bytes) : undefined;
  }

  private async refreshDocument(path: string): Promise<DocumentAnalysis | undefined> {
    const ticket = ++this.refreshCount;
    this.latestRefresh.set(path, ticket);
    // The index's refresh of a document may still wait on git when an edit's refresh of it ends:
    // whichever started last holds the newer text, and only it may store.
    const outdated = (): boolean => this.latestRefresh.get(path) !== ticket;
    try {
      const extracted = await this.extract(path);
      if (outdated()) return this.analyses.get(path);
      if (!extracted) {
        this.forget(path);
        return undefined;
      }
      const analysis = await resolveDocument(extracted, { files: this.files, lines: this.lineCounts, host: this.resolutionHost, ...(this.staleness ? { staleness: this.staleness } : {}) });
      if (outdated()) return this.analyses.get(path);
      this.store(analysis);
      return analysis;
    } catch (error) {
      this.logger.error(`Audit Lens could not analyze ${path}`, error);
      return undefined;
    }
  }

  /** Extraction, cached by content hash: unchanged content is never extracted twice. */
  private async extract(path: string): Promise<ExtractedDocument | undefined> {
    const open = this.openTexts.get(path);
    let content: DocumentContent;
    let hash: string;
    if (open !== undefined) {
      content = { text: open };
      hash = hashOf(`t:${open}`);
    } else {
      const bytes = await this.host.readFile(path);
      if (!bytes) return undefined;
      content = { bytes };
      hash = hashOf(bytes);
    }
    const cached = this.extracted.get(path);
    if (cached && cached.hash === hash) return cached.document;
    // Only content read from disk is kept across sessions; an unsaved buffer is gone after a restart.
    const saved = open === undefined ? this.extractionStore?.get(path, hash) : undefined;
    const document = saved ?? extractDocument(path, content, this.parser, this.referenceSections);
    if (open === undefined && !saved) this.extractionStore?.set(path, hash, document);
    this.extracted.set(path, { hash, document });
    return document;
  }

  private store(analysis: DocumentAnalysis): void {
    this.unlink(analysis.path);
    this.analyses.set(analysis.path, analysis);
    const byTarget = new Map<string, IndexedReference[]>();
    const issues = new Map(analysis.issues.map((issue) => [issue.key, issue]));
    for (const reference of analysis.references) {
      const target = currentTarget(reference);
      // Deleted code has no lines left to carry a lens, hint or gutter mark.
      if (target === null || reference.state === 'outside-workspace' || reference.state === 'deleted') continue;
      // Code that moved is shown where it stands now: lenses and hints follow the code, not the stale number.
      const moved = reference.state === 'moved' && reference.suggestion !== null && reference.startLine !== null;
      const entry: IndexedReference = {
        documentPath: analysis.path,
        reference,
        issue: reference.issueKey ? issues.get(reference.issueKey) : undefined,
        currentStartLine: moved ? (reference.suggestion?.startLine ?? null) : reference.startLine,
        currentEndLine: moved ? (reference.suggestion?.endLine ?? null) : reference.endLine,
        editedSinceIndexed: false,
      };
      // Appended in place: copying the list per reference made 100,000 references to one file quadratic.
      const entries = byTarget.get(target);
      if (entries) entries.push(entry);
      else byTarget.set(target, [entry]);
    }
    for (const [target, entries] of byTarget) {
      let byDocument = this.inverted.get(target);
      if (!byDocument) this.inverted.set(target, (byDocument = new Map()));
      byDocument.set(analysis.path, entries);
    }
    for (const issue of analysis.issues) {
      if (!issue.id) continue;
      let byDocument = this.issueIds.get(issue.id);
      if (!byDocument) this.issueIds.set(issue.id, (byDocument = new Map()));
      const located = byDocument.get(analysis.path);
      if (located) located.push({ documentPath: analysis.path, issue });
      else byDocument.set(analysis.path, [{ documentPath: analysis.path, issue }]);
    }
  }

  private unlink(path: string): void {
    const previous = this.analyses.get(path);
    if (!previous) return;
    for (const reference of previous.references) {
      const target = currentTarget(reference);
      if (target !== null) this.inverted.get(target)?.delete(path);
    }
    for (const issue of previous.issues) {
      if (!issue.id) continue;
      const byDocument = this.issueIds.get(issue.id);
      byDocument?.delete(path);
      if (byDocument?.size === 0) this.issueIds.delete(issue.id);
    }
  }

  private forget(path: string): void {
    this.unlink(path);
    // A refresh of this path still in flight finds itself outdated and stores nothing.
    this.latestRefresh.delete(path);
    this.analyses.delete(path);
    this.extracted.delete(path);
    this.extractionStore?.delete(path);
  }

  private emit(paths: readonly string[]): void {
    for (const listener of this.listeners) {
      try {
        listener(paths);
      } catch (error) {
        this.logger.error('An index listener failed', error);
      }
    }
  }
}

function hashOf(content: string | Uint8Array): string {
  return createHash('sha1').update(content).digest('base64');
}
