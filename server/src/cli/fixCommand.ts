// `audit-lens check --fix`: applies the fixes the editor offers as "Fix all stale references"
// (only the unambiguous ones: fixAllStaleReferences), and with `--fix-encoding` the mojibake repair,
// straight to the files. A fix must never lose a user's text, so each document is written only
// when its bytes still decode to exactly the text that was analyzed and still hash to what was read
// just before, through a temporary file and a rename, with its BOM and line endings as they were.
// A document that is not valid UTF-8 is never rewritten: its invalid bytes would not survive.
import * as nodeFs from 'node:fs/promises';
import * as nodePath from 'node:path';
import { fixAllStaleReferences, repairEncodingEdit } from '../core/features/codeActions';
import { applyTextEdits } from '../core/features/textEdits';
import { decodeDocument } from '../core/encoding';
import { extractDocument } from '../core/documentExtractor';
import { CachedMarkdownParser } from '../core/markdown/markdownParser';
import type { DocumentAnalysis, WorkspaceReport } from '../core/model';
import { FileIndex } from '../core/pathResolver';
import { LineCountCache, resolveDocument, type ResolutionWorkspace } from '../core/referenceResolver';
import type { WorkspaceHost } from '../core/workspace';
import { contentHash, writeFileAtomically, type AtomicWriteFileSystem } from './atomicWrite';

/** Which fixes to apply. */
export interface FixRequest {
  /** The unambiguous stale-reference fixes (--fix). */
  references: boolean;
  /** The mojibake repair (--fix-encoding). */
  encoding: boolean;
}

/** Ways for tests to interfere; production passes none. */
export interface FixHooks {
  /** Runs after a document was read for fixing and before its new content is written. */
  afterRead?(path: string): Promise<void> | void;
  /** Runs once the new content sits in its temporary file, just before the final hash check. */
  beforeCommit?(path: string): Promise<void> | void;
  /** The file system the atomic write uses. */
  fs?: AtomicWriteFileSystem;
}

/** What happened to one document. */
export type DocumentFixOutcome =
  | { path: string; kind: 'fixed'; references: number; encodingRepaired: boolean }
  | { path: string; kind: 'refused'; message: string };

/** Applies the requested fixes to every document of the report that has some; one refusal never stops the others. */
export async function fixWorkspace(report: WorkspaceReport, host: WorkspaceHost, request: FixRequest, hooks: FixHooks = {}): Promise<DocumentFixOutcome[]> {
  const files = new FileIndex(await host.listFiles(), host.root);
  const workspace: ResolutionWorkspace = { files, lines: new LineCountCache(host), host };
  const parser = new CachedMarkdownParser();
  const outcomes: DocumentFixOutcome[] = [];
  for (const analysis of report.documents) {
    const outcome = await fixDocument(analysis, host.root, workspace, parser, request, hooks).catch(
      (error: unknown): DocumentFixOutcome => ({ path: analysis.path, kind: 'refused', message: `${analysis.path} was not fixed: ${error instanceof Error ? error.message : String(error)}` }),
    );
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}

/** One line for stderr per outcome. */
export function describeFixOutcome(outcome: DocumentFixOutcome): string {
  if (outcome.kind === 'refused') return outcome.message;
  const parts: string[] = [];
  if (outcome.references > 0) parts.push(`fixed ${outcome.references} stale reference${outcome.references === 1 ? '' : 's'}`);
  if (outcome.encodingRepaired) parts.push('repaired the encoding');
  return `${parts.length > 0 ? parts.join(' and ') : 'fixed'} in ${outcome.path}`;
}

async function fixDocument(
  analysis: DocumentAnalysis,
  root: string,
  workspace: ResolutionWorkspace,
  parser: CachedMarkdownParser,
  request: FixRequest,
  hooks: FixHooks,
): Promise<DocumentFixOutcome | undefined> {
  const wantsRepair = request.encoding && repairEncodingEdit(analysis) !== undefined;
  const referenceFix = request.references ? fixAllStaleReferences(analysis, workspace) : undefined;
  if (!wantsRepair && !referenceFix) return undefined;
  const refuse = (why: string): DocumentFixOutcome => ({ path: analysis.path, kind: 'refused', message: `not written: ${analysis.path} ${why}` });
  if (analysis.encoding === 'invalid-utf-8') return refuse('is not valid UTF-8, and rewriting it would replace the bytes that are not; fix it by hand');

  const target = await realPathInside(root, analysis.path);
  if (!target) return refuse('is not a file inside the workspace');
  const bytes = await nodeFs.readFile(target);
  const decoded = decodeDocument(bytes);
  if (decoded.binary || decoded.text !== analysis.text) return refuse('changed on disk after it was checked; run check --fix again');
  // Only text that re-encodes to the very bytes it came from can be edited without touching the rest.
  if (!sameBytes(encodeText(decoded.text, decoded.hadBom), bytes)) return refuse('cannot be rewritten byte for byte as UTF-8; fix it by hand');
  const expectedHash = contentHash(bytes);

  let text = analysis.text;
  let current = analysis;
  if (wantsRepair) {
    text = applyTextEdits(text, repairEncodingEdit(analysis)?.edits ?? []);
    // Reference fixes are computed again on the repaired text: the ranges of the old one no longer hold.
    current = await resolveDocument(extractDocument(analysis.path, { text }, parser), workspace);
  }
  const fixAll = request.references ? fixAllStaleReferences(current, workspace) : undefined;
  text = applyTextEdits(text, fixAll?.edit.edits ?? []);
  if (text === analysis.text) return undefined;

  await hooks.afterRead?.(analysis.path);
  const result = await writeFileAtomically(target, encodeText(text, decoded.hadBom), {
    expectedHash,
    ...(hooks.fs ? { fs: hooks.fs } : {}),
    beforeCommit: () => hooks.beforeCommit?.(analysis.path),
  });
  switch (result.kind) {
    case 'written':
      return { path: analysis.path, kind: 'fixed', references: fixAll?.diagnosticsFixed.length ?? 0, encodingRepaired: wantsRepair };
    case 'changed-on-disk':
      return refuse('changed on disk while it was being fixed, so it was left as it is; run check --fix again');
    case 'failed':
      return refuse(`could not be written: ${result.message}`);
  }
}

/** The file's real path when it exists and lies inside the root (a symlinked document is fixed at its target). */
async function realPathInside(root: string, relativePath: string): Promise<string | undefined> {
  try {
    const realRoot = await nodeFs.realpath(root);
    const real = await nodeFs.realpath(nodePath.join(realRoot, ...relativePath.split('/')));
    const relative = nodePath.relative(realRoot, real);
    if (relative === '' || relative.startsWith('..') || nodePath.isAbsolute(relative)) return undefined;
    return (await nodeFs.stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

function encodeText(text: string, bom: boolean): Uint8Array {
  const body = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
