// Analyzes a whole workspace folder in one pass: the CLI's engine, and the server's cold index.
import { mapConcurrently } from './concurrency';
import { createDocumentMatcher } from './documentSelection';
import { extractDocument } from './documentExtractor';
import { CachedMarkdownParser } from './markdown/markdownParser';
import type { AuditDiagnostic, DocumentAnalysis, WorkspaceReport } from './model';
import { FileIndex } from './pathResolver';
import { RecentAnswers } from './index/recentAnswers';
import { LineCountCache, resolveDocument } from './referenceResolver';
import { neverCancelled, nullLogger, type CancellationSignal, type Logger, type WorkspaceHost } from './workspace';
import { addUnknownDependencyDiagnostics } from './workspaceLints';
import type { ReferenceRefiner } from './git/stalenessChecker';

/** How to analyze a workspace. */
export interface AnalyzeOptions {
  /** Globs over workspace-relative paths that select audit documents (default: markdown files). */
  include?: string[];
  /** Globs that deselect documents (added to the built-in exclusions). */
  exclude?: string[];
  logger?: Logger;
  signal?: CancellationSignal;
  /** The git-aware staleness check (see core/git/); without it states say only whether files and lines exist. */
  staleness?: ReferenceRefiner;
}

/** Documents analyzed at once. */
const DOCUMENTS_IN_FLIGHT = 4;

/** Reads every audit document of the workspace, resolves its references and lints it. One bad file never stops the rest. */
export async function analyzeWorkspace(host: WorkspaceHost, options: AnalyzeOptions = {}): Promise<WorkspaceReport> {
  const logger = options.logger ?? nullLogger;
  const signal = options.signal ?? neverCancelled;
  const files = await host.listFiles();
  const isDocument = createDocumentMatcher(options.include, options.exclude);
  const index = new FileIndex(files, host.root);
  // One pass over a workspace that does not change meanwhile: each file is counted and checked once.
  const outsideRoot = new RecentAnswers<boolean>(Number.POSITIVE_INFINITY);
  outsideRoot.hold(true);
  const resolutionHost = { isOutsideRoot: (path: string) => outsideRoot.get(path, () => host.isOutsideRoot(path)) };
  const workspace = { files: index, lines: new LineCountCache(host, { trustForMs: Number.POSITIVE_INFINITY }), host: resolutionHost, ...(options.staleness ? { staleness: options.staleness } : {}) };
  const parser = new CachedMarkdownParser();
  // A few documents at once, so one's parse overlaps another's file reads and git; the report
  // keeps path order. Cancelled, the documents not started are left out.
  const analyzed = await mapConcurrently(files.filter(isDocument).sort(), DOCUMENTS_IN_FLIGHT, (path) =>
    signal.isCancellationRequested ? Promise.resolve(undefined) : analyzeOne(path, host, parser, workspace, logger),
  );
  const documents = analyzed.filter((document): document is DocumentAnalysis => document !== undefined);
  addUnknownDependencyDiagnostics(documents);
  return { root: host.root, documents };
}

async function analyzeOne(
  path: string,
  host: WorkspaceHost,
  parser: CachedMarkdownParser,
  workspace: Parameters<typeof resolveDocument>[1],
  logger: Logger,
): Promise<DocumentAnalysis> {
  try {
    const bytes = await host.readFile(path);
    if (!bytes) return failedDocument(path, 'The document could not be read.');
    return await resolveDocument(extractDocument(path, { bytes }, parser), workspace);
  } catch (error) {
    logger.error(`Audit Lens failed on ${path}`, error);
    return failedDocument(path, `Audit Lens could not analyze this document: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function failedDocument(path: string, message: string): DocumentAnalysis {
  const diagnostic: AuditDiagnostic = { code: 'read-error', severity: 'error', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  return { path, encoding: 'utf-8', text: '', issues: [], references: [], diagnostics: [diagnostic] };
}
