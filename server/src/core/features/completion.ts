// Completion while writing an audit document: workspace paths inside inline code or after a
// File/Location field, line numbers after `path:`, and issue IDs after an upper-case prefix such
// as `CRIT-` or in a Dependencies field. Context is read from the text before the cursor with
// hand-written scans, so a 1 MB line costs one pass.
import type { IndexView } from '../index/indexView';
import { countLines, sliceLines } from '../lineIndex';
import type { Position, Range } from '../model';
import type { CancellationSignal } from '../workspace';
import { compareText, lineTextAt, severityRank } from './positions';

/** One completion proposal; the adapter maps `kind` to an LSP item kind. */
export interface CompletionProposal {
  label: string;
  kind: 'file' | 'line' | 'issue';
  detail?: string;
  documentation?: string;
  /** Text that replaces `replaceRange`; a snippet (`${1:1}`) when `isSnippet`. */
  insertText: string;
  isSnippet?: boolean;
  /** The typed prefix the proposal replaces. */
  replaceRange: Range;
  /** Orders proposals the way the core ranked them. */
  sortText: string;
}

/** What completion may use beyond the index. */
export interface CompletionOptions {
  /**
   * Every workspace file path (workspace-relative, `/`). FileIndex offers no listing, so the host
   * passes it; without it only whole-name suffix matches (`views.py`) are offered.
   */
  filePaths?: readonly string[];
  /** Most proposals returned (default 200). */
  limit?: number;
}

/** Longest typed prefix considered; a longer run is not a path or an ID anyone is typing. */
const MAX_PREFIX_CHARS = 512;
/** Lines of a file scanned for definitions to offer as line numbers. */
const MAX_DEFINITION_SCAN_LINES = 20_000;
const MAX_DEFINITIONS = 40;

/** Line starts that open a definition worth jumping to, across the common languages. */
const DEFINITION_STARTS = ['def ', 'async def ', 'class ', 'function ', 'async function ', 'export function ', 'export async function ', 'export class ', 'export default function ', 'export default class ', 'func ', 'fn ', 'pub fn ', 'pub async fn ', 'interface ', 'export interface '];

const FIELD_LABEL = /^\s*(?:[-*+]\s+)?(?:\*\*)?(?:file|files|location|locations|path|source)(?:\*\*)?\s*:(?:\*\*)?[\s,`]*$/i;
const DEPENDENCY_LABEL = /^\s*(?:[-*+]\s+)?(?:\*\*)?(?:dependencies|depends on|blocked by|blocks|related)(?:\*\*)?\s*:/i;
const ID_PREFIX_SHAPE = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]*)*$/;

/** Proposals at a position of an audit document, given its current text; empty when nothing fits. */
export async function completionsAt(
  view: IndexView,
  documentPath: string,
  text: string,
  position: Position,
  signal: CancellationSignal,
  options: CompletionOptions = {},
): Promise<CompletionProposal[]> {
  const line = lineTextAt(text, position.line);
  if (line === undefined || position.character < 0 || position.character > line.length) return [];
  const before = line.slice(Math.max(0, position.character - MAX_PREFIX_CHARS * 2), position.character);
  const limit = options.limit ?? 200;
  const at = (typed: number): Range => ({ start: { line: position.line, character: position.character - typed }, end: position });

  const lineContext = lineNumberContext(before);
  if (lineContext) return (await lineProposals(view, documentPath, lineContext.path, at(lineContext.typed.length))).slice(0, limit);

  const token = trailingRun(before, isIdChar);
  const inDependencies = DEPENDENCY_LABEL.test(before.slice(0, before.length - token.length));
  if (inDependencies || (token.length >= 2 && ID_PREFIX_SHAPE.test(token))) {
    const ids = issueProposals(view, token, at(token.length), signal, limit, inDependencies);
    if (ids.length > 0 || inDependencies) return ids;
  }

  const prefix = trailingRun(before, isPathChar);
  const head = before.slice(0, before.length - prefix.length);
  if (!opensInlineCode(head) && !FIELD_LABEL.test(head)) return [];
  return pathProposals(view, prefix, at(prefix.length), signal, options.filePaths, limit);
}

/** `settings.py:` or `backend/x.py:4` right before the cursor: the path and the digits typed after the colon. */
function lineNumberContext(before: string): { path: string; typed: string } | undefined {
  const typed = trailingRun(before, isDigit);
  const colon = before.length - typed.length - 1;
  if (before[colon] !== ':') return undefined;
  const path = trailingRun(before.slice(0, colon), isPathChar);
  const name = path.slice(path.lastIndexOf('/') + 1);
  // `22:4` is a time and `https:` a scheme: a path names a file with an extension or a folder.
  if (path === '' || !(name.includes('.') || path.includes('/')) || !/[A-Za-z]/.test(name)) return undefined;
  return { path, typed };
}

async function lineProposals(view: IndexView, documentPath: string, writtenPath: string, replaceRange: Range): Promise<CompletionProposal[]> {
  const resolution = view.files.resolve(writtenPath, { documentPath });
  if (resolution.kind !== 'found' && resolution.kind !== 'ambiguous') return [];
  const text = await view.readText(resolution.path);
  if (text === undefined) return [];
  const lineCount = countLines(text);
  if (lineCount === 0) return [];
  const proposals: CompletionProposal[] = [];
  const seen = new Set<string>();
  const add = (proposal: Omit<CompletionProposal, 'kind' | 'replaceRange' | 'sortText'>): void => {
    if (seen.has(proposal.label)) return;
    seen.add(proposal.label);
    proposals.push({ ...proposal, kind: 'line', replaceRange, sortText: String(proposals.length).padStart(4, '0') });
  };
  if (lineCount > 1) add({ label: `1-${lineCount}`, detail: `the lines of ${resolution.path}`, insertText: `\${1:1}-\${2:${lineCount}}`, isSnippet: true });
  add({ label: '1', detail: 'first line', insertText: '1' });
  for (const definition of definitionLines(text)) add({ label: String(definition.line), detail: definition.text, insertText: String(definition.line) });
  add({ label: String(lineCount), detail: `last line (${resolution.path} has ${lineCount} lines)`, insertText: String(lineCount) });
  return proposals;
}

/** Lines that start a definition (`def `, `class `, `function `…), in order, capped. */
function definitionLines(text: string): Array<{ line: number; text: string }> {
  const found: Array<{ line: number; text: string }> = [];
  const lines = sliceLines(text, 1, MAX_DEFINITION_SCAN_LINES);
  for (let index = 0; index < lines.length && found.length < MAX_DEFINITIONS; index++) {
    const trimmed = (lines[index] as string).trimStart();
    if (DEFINITION_STARTS.some((start) => trimmed.startsWith(start))) found.push({ line: index + 1, text: trimmed.slice(0, 120) });
  }
  return found;
}

function issueProposals(view: IndexView, token: string, replaceRange: Range, signal: CancellationSignal, limit: number, anyCase: boolean): CompletionProposal[] {
  const wanted = token.toLowerCase();
  const byId = new Map<string, CompletionProposal & { rank: number }>();
  for (const document of view.documents()) {
    if (signal.isCancellationRequested) break;
    for (const issue of document.issues) {
      const id = issue.id;
      if (id === null || byId.has(id)) continue;
      if (!(anyCase ? id.toLowerCase() : id).startsWith(anyCase ? wanted : token)) continue;
      const rank = severityRank(issue);
      const facts = [issue.severity ?? 'no severity', issue.status ?? 'no status'].join(' · ');
      byId.set(id, {
        label: id,
        kind: 'issue',
        detail: issue.title,
        documentation: `${facts}\n${document.path}:${issue.range.start.line + 1}`,
        insertText: id,
        replaceRange,
        sortText: '',
        rank,
      });
    }
  }
  const sorted = [...byId.values()].sort((a, b) => a.rank - b.rank || compareText(a.label, b.label));
  return sorted.slice(0, limit).map(({ rank: _rank, ...proposal }, index) => ({ ...proposal, sortText: String(index).padStart(4, '0') }));
}

function pathProposals(view: IndexView, prefix: string, replaceRange: Range, signal: CancellationSignal, filePaths: readonly string[] | undefined, limit: number): CompletionProposal[] {
  const typed = prefix.startsWith('./') ? prefix.slice(2) : prefix;
  const ranked: Array<{ rank: number; path: string }> = [];
  if (filePaths) {
    const folded = typed.toLowerCase();
    for (let index = 0; index < filePaths.length; index++) {
      if ((index & 1023) === 0 && signal.isCancellationRequested) break;
      const path = filePaths[index] as string;
      const rank = pathRank(path, typed, folded);
      if (rank !== undefined) ranked.push({ rank, path });
    }
  } else if (typed !== '') {
    for (const path of view.files.filesEndingWith(typed)) ranked.push({ rank: 1, path });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.path.length - b.path.length || compareText(a.path, b.path));
  return ranked.slice(0, limit).map(({ path }, index) => ({
    label: path,
    kind: 'file',
    detail: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : undefined,
    insertText: path,
    replaceRange,
    sortText: String(index).padStart(4, '0'),
  }));
}

/** 0 starts with the prefix, 1 a segment does, 2 and 3 the same ignoring case; undefined for no match. */
function pathRank(path: string, typed: string, folded: string): number | undefined {
  if (typed === '' || path.startsWith(typed)) return 0;
  if (path.includes(`/${typed}`)) return 1;
  const lower = path.toLowerCase();
  if (lower.startsWith(folded)) return 2;
  return lower.includes(`/${folded}`) ? 3 : undefined;
}

/** True when the text leaves an inline code span open (an odd number of backticks). */
function opensInlineCode(text: string): boolean {
  let ticks = 0;
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) === 96) ticks++;
  return ticks % 2 === 1;
}

/** The longest run at the end of `text` whose characters pass `test`, capped at MAX_PREFIX_CHARS. */
function trailingRun(text: string, test: (code: number) => boolean): string {
  let start = text.length;
  while (start > 0 && text.length - start < MAX_PREFIX_CHARS && test(text.charCodeAt(start - 1))) start--;
  return text.slice(start);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isIdChar(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 45;
}

function isPathChar(code: number): boolean {
  return isIdChar(code) || code === 46 || code === 47 || code === 95 || code === 64 || code === 43 || code === 126 || code === 92;
}
