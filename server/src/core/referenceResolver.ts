// The resolution phase: takes a document's extracted references and says, against the current
// workspace, where each points and whether it is stale. Cheap compared with extraction, so hosts
// re-run it whenever files appear, disappear or change length.
import type { ExtractedDocument } from './documentExtractor';
import type { AuditDiagnostic, DiagnosticCode, DocumentAnalysis, ExtractedReference, ResolvedReference } from './model';
import type { FileIndex, PathResolution } from './pathResolver';
import type { FileStat, WorkspaceHost } from './workspace';
import { countLines } from './lineIndex';
import { mapConcurrently, TimeSlices } from './concurrency';
import type { ReferenceRefiner } from './git/stalenessChecker';

/** Answers how many lines a workspace file has, from a cache where it can. */
export interface LineCountSource {
  lineCount(path: string): Promise<number | undefined>;
}

/** How a LineCountCache trusts what it counted. */
export interface LineCountCacheOptions {
  /**
   * For this long after a check, a count is answered without asking the file system again. A host
   * that invalidates on file events (the server) sets it, so typing in a document that names a
   * hundred files does not stat them all on every keystroke; 0 (the CLI) always checks.
   */
  trustForMs?: number;
  /** The clock, in milliseconds. */
  now?: () => number;
}

/** A line count with the size and mtime it was counted at: what a warm start keeps across sessions. */
export interface SavedLineCount {
  size: number;
  mtimeMs: number;
  lines: number;
}

/** Counts lines of workspace files once per content, revalidated by size and mtime. */
export class LineCountCache implements LineCountSource {
  private readonly entries = new Map<string, SavedLineCount & { checkedAt: number }>();
  private readonly trustForMs: number;
  private readonly now: () => number;
  private held = false;

  constructor(
    private readonly host: WorkspaceHost,
    options: LineCountCacheOptions = {},
  ) {
    this.trustForMs = options.trustForMs ?? 0;
    this.now = options.now ?? Date.now;
  }

  /**
   * While held, a count checked once is trusted until it is invalidated, whatever the window. A
   * whole re-index holds: it reads the tree as one snapshot (file events still invalidate), and
   * re-checking after the window made a 100,000-reference index stat the same files again and again.
   */
  hold(held: boolean): void {
    this.held = held;
  }

  /** Lines in the file, or undefined when it cannot be read. */
  async lineCount(path: string): Promise<number | undefined> {
    const cached = this.entries.get(path);
    const now = this.now();
    if (cached && (this.held ? cached.checkedAt !== Number.NEGATIVE_INFINITY : now - cached.checkedAt < this.trustForMs)) return cached.lines;
    const readInOneCall = !cached && this.host.readFileWithStat !== undefined;
    let stat: FileStat | undefined;
    if (!readInOneCall) {
      stat = await this.host.stat(path);
      if (!stat) return undefined;
      if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) {
        cached.checkedAt = now;
        return cached.lines;
      }
    }
    // A host that throws on one source file must cost that reference, not the whole document.
    const read = await this.read(path, stat).catch(() => undefined);
    if (!read) return undefined;
    const lines = countLines(read.bytes);
    this.entries.set(path, { size: read.stat.size, mtimeMs: read.stat.mtimeMs, lines, checkedAt: now });
    return lines;
  }

  /** Forgets a file whose content changed; without a path, every count is checked against the disk again before it is used. */
  invalidate(path?: string): void {
    if (path !== undefined) this.entries.delete(path);
    else for (const entry of this.entries.values()) entry.checkedAt = Number.NEGATIVE_INFINITY;
  }

  /** Takes counts saved by an earlier session; each is used only while the file's size and mtime still match. */
  seed(saved: Iterable<readonly [string, SavedLineCount]>): void {
    for (const [path, { size, mtimeMs, lines }] of saved) {
      if (!this.entries.has(path)) this.entries.set(path, { size, mtimeMs, lines, checkedAt: Number.NEGATIVE_INFINITY });
    }
  }

  /** The counts checked against the disk since the last `invalidate()`, for a warm start to save; files no longer asked about drop out. */
  saved(): Array<[string, SavedLineCount]> {
    const checked = [...this.entries].filter(([, entry]) => entry.checkedAt !== Number.NEGATIVE_INFINITY);
    return checked.map(([path, { size, mtimeMs, lines }]) => [path, { size, mtimeMs, lines }]);
  }

  /** The file's bytes with the size and mtime they go with: the stat already made, or one host call that does both. */
  private async read(path: string, stat: FileStat | undefined): Promise<{ bytes: Uint8Array; stat: FileStat } | undefined> {
    if (stat === undefined) return this.host.readFileWithStat?.(path);
    const bytes = await this.host.readFile(path);
    return bytes ? { bytes, stat } : undefined;
  }
}

/** What resolution needs from the workspace. */
export interface ResolutionWorkspace {
  files: FileIndex;
  lines: LineCountSource;
  host: Pick<WorkspaceHost, 'isOutsideRoot'>;
  /** The git-aware staleness check, when the host can run git; without it states stay as the files say. */
  staleness?: ReferenceRefiner;
}

/**
 * How many references are judged at once. Enough to keep node's four file-system threads busy;
 * few enough that only a handful of source files are ever held in memory together.
 */
const HOST_QUESTIONS_IN_FLIGHT = 16;

/** Resolves every reference of an extracted document and returns its full analysis. */
export async function resolveDocument(document: ExtractedDocument, workspace: ResolutionWorkspace): Promise<DocumentAnalysis> {
  const context = { documentPath: document.path, subprojectRoots: document.subprojectRoots };
  const first = document.references.map((reference) => workspace.files.resolve(reference.path, context));
  // Ambiguous paths are ranked again with what the rest of their issue points at. Each distinct
  // path counts once: an issue with thousands of references to one file must stay linear.
  const siblingSets = new Map<string, Set<string>>();
  first.forEach((resolution, index) => {
    const key = document.referenceIssueKeys[index];
    if (!key || resolution.kind !== 'found') return;
    const set = siblingSets.get(key);
    if (set) set.add(resolution.path);
    else siblingSets.set(key, new Set([resolution.path]));
  });
  const siblingsByIssue = new Map([...siblingSets].map(([key, set]) => [key, [...set]]));
  // One document names the same file many times; its line count is asked of the host once per pass.
  const lineCounts = new Map<string, Promise<number | undefined>>();
  const passWorkspace: ResolutionWorkspace = {
    ...workspace,
    lines: {
      lineCount(path) {
        let count = lineCounts.get(path);
        if (!count) lineCounts.set(path, (count = workspace.lines.lineCount(path)));
        return count;
      },
    },
  };
  // The judges wait on the file system, so several run at once; the results keep document order.
  // A host that answers synchronously (the node host does) never lets the event loop turn on its
  // own, so a document naming thousands of files yields between slices to let requests in.
  const slices = new TimeSlices();
  let references = await mapConcurrently(document.references, HOST_QUESTIONS_IN_FLIGHT, async (reference, index) => {
    await slices.yieldIfDue();
    const issueKey = document.referenceIssueKeys[index] ?? null;
    let resolution = first[index] as PathResolution;
    const siblings = issueKey ? siblingsByIssue.get(issueKey) : undefined;
    if (resolution.kind === 'ambiguous' && siblings) resolution = workspace.files.resolve(reference.path, { ...context, siblingPaths: siblings });
    return judge(reference, resolution, issueKey, document.path, passWorkspace);
  });
  const diagnostics: AuditDiagnostic[] = [...document.diagnostics];
  if (workspace.staleness) references = await workspace.staleness.refine(document, references);
  for (const resolved of references) {
    const diagnostic = referenceDiagnostic(resolved);
    if (diagnostic) diagnostics.push(diagnostic);
  }
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { path: document.path, encoding: document.encoding, text: document.text, issues: document.issues, references, diagnostics };
}

async function judge(
  reference: ExtractedReference,
  resolution: PathResolution,
  issueKey: string | null,
  documentPath: string,
  workspace: ResolutionWorkspace,
): Promise<ResolvedReference> {
  const base = { ...reference, issueKey, resolvedPath: null, candidates: [] as string[], suggestion: null };
  if (resolution.kind === 'outside-workspace') {
    return { ...base, state: 'outside-workspace', reason: `${reference.path} lies outside the workspace; Audit Lens never reads it.` };
  }
  if (resolution.kind === 'missing') {
    if (await pointsOutsideThroughLink(reference.path, documentPath, workspace)) {
      return { ...base, state: 'outside-workspace', reason: `${reference.path} leads outside the workspace through a symbolic link; Audit Lens never reads it.` };
    }
    if (reference.proposed) {
      const reason = reference.absent ? 'The document says this file does not exist.' : 'The document proposes to create this file.';
      return { ...base, state: 'proposed', reason };
    }
    return { ...base, state: 'missing-file', reason: `No file ${reference.path} exists in the workspace.` };
  }
  const resolved = { ...base, resolvedPath: resolution.path, candidates: resolution.candidates };
  if (resolution.kind === 'ambiguous') {
    const shown = resolution.candidates.slice(0, 5).join(', ');
    const more = resolution.candidates.length > 5 ? ` and ${resolution.candidates.length - 5} more` : '';
    return { ...resolved, state: 'ambiguous', reason: `${reference.path} matches ${resolution.candidates.length} files: ${shown}${more}.` };
  }
  if (reference.startLine !== null) {
    const lines = await workspace.lines.lineCount(resolution.path);
    const last = reference.endLine ?? reference.startLine;
    if (lines !== undefined && (reference.startLine > lines || last > lines)) {
      const wanted = last === reference.startLine ? `line ${reference.startLine}` : `lines ${reference.startLine}-${last}`;
      return { ...resolved, state: 'line-out-of-range', reason: `${resolution.path} has ${lines} line${lines === 1 ? '' : 's'}; the reference points at ${wanted}.` };
    }
  }
  return { ...resolved, state: 'ok', reason: null };
}

/** A missing relative path may be missing only because a symlink on its way leaves the root. */
async function pointsOutsideThroughLink(path: string, documentPath: string, workspace: ResolutionWorkspace): Promise<boolean> {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('..') || path.startsWith('~')) return false;
  const folder = documentPath.includes('/') ? documentPath.slice(0, documentPath.lastIndexOf('/') + 1) : '';
  if (await workspace.host.isOutsideRoot(path)) return true;
  return folder !== '' && (await workspace.host.isOutsideRoot(folder + path));
}

const STATE_CODES: Partial<Record<ResolvedReference['state'], DiagnosticCode>> = {
  'missing-file': 'missing-file',
  'line-out-of-range': 'line-out-of-range',
  ambiguous: 'ambiguous-path',
  'outside-workspace': 'outside-workspace',
  moved: 'moved',
  changed: 'changed-since-audit',
  deleted: 'deleted',
};

/** Default severities of reference diagnostics; hosts may override them per code. */
const STATE_SEVERITIES: Partial<Record<DiagnosticCode, AuditDiagnostic['severity']>> = {
  'missing-file': 'error',
  'line-out-of-range': 'error',
  'ambiguous-path': 'warning',
  'outside-workspace': 'warning',
  moved: 'warning',
  'changed-since-audit': 'information',
  deleted: 'warning',
};

function referenceDiagnostic(reference: ResolvedReference): AuditDiagnostic | undefined {
  const code = STATE_CODES[reference.state];
  if (!code || !reference.reason) return undefined;
  // A reference inside a code block is an example or a command, so it only gets a hint.
  const severity = reference.inCode ? 'hint' : (STATE_SEVERITIES[code] ?? 'warning');
  return {
    code,
    severity,
    message: reference.reason,
    range: reference.range,
    data: { path: reference.path, resolvedPath: reference.resolvedPath, candidates: reference.candidates, inCode: reference.inCode },
  };
}
