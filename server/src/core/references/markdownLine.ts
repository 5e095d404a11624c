// Reads one line of markdown outside code blocks: splits it into plain text, code spans and links,
// and hands each piece to the text scanner with the rules that fit it.

import * as chars from './charClasses';
import { isFilePathCandidate } from './filePaths';
import { findCodeSpans, findLinks, type CodeSpan, type InlineLink } from './inlineSpans';
import { readLineGroup, readLineGroupList, type LineGroup, type LineNumberSyntax } from './lineNumbers';
import type { PathMention, ScanState } from './scanState';
import { attachLineGroups, createLineContext, recordMention, scanText, trimmedEnd, trimmedStart, type LineContext } from './textScanner';

// tsx, which runs the tests, compiles every use of an import into a getter call; binding the
// character helpers once at load keeps the per-character loops fast there too.
const { isBlank } = chars;

const LINK_FRAGMENT: LineNumberSyntax = { allowL: true, allowColumn: false, allowGithubColumn: true, allowLabels: false };
const SPACED_SUFFIX: LineNumberSyntax = { allowL: true, allowColumn: true, allowGithubColumn: false, allowLabels: false };

// First words of shell commands: `python manage.py x` is a command, not a file with spaces.
const COMMAND_WORDS = new Set([
  'cd', 'python', 'python3', 'pytest', 'pip', 'npm', 'npx', 'node', 'yarn', 'pnpm', 'cat', 'ls', 'git',
  'rm', 'cp', 'mv', 'vim', 'code', 'open', 'bash', 'sh', 'go', 'cargo', 'make', 'docker', 'uv', 'poetry',
  'ruff', 'mypy', 'black', 'tsc', 'eslint', 'run', 'source', 'export', 'chmod', 'curl', 'kubectl', 'sudo',
]);

/** Walks the line's code spans and links in order; shared by a line and by a link's text. */
interface InlineCursor {
  spans: readonly CodeSpan[];
  spanIndex: number;
  links: readonly InlineLink[];
  linkIndex: number;
}

/** Reads a whole line of a fenced or indented code block: every reference in it is `inCode`. */
export function scanCodeLine(state: ScanState, index: number): void {
  const context = createLineContext(state, index, true);
  scanText(state, context, 0, context.line.length, 'codeBlock');
}

/** Reads a markdown line and returns the files it names (table rows need them). */
export function scanMarkdownLine(state: ScanState, index: number): PathMention[] {
  const context = createLineContext(state, index, false);
  const spans = findCodeSpans(context.line, state.counter);
  const links = findLinks(context.line, spans, state.counter);
  const cursor: InlineCursor = { spans, spanIndex: 0, links, linkIndex: 0 };
  scanInline(state, context, cursor, 0, context.line.length, true);
  return context.mentions;
}

function scanInline(state: ScanState, context: LineContext, cursor: InlineCursor, from: number, to: number, withLinks: boolean): void {
  let position = from;
  while (position < to) {
    state.counter.steps++;
    while (cursor.spanIndex < cursor.spans.length && (cursor.spans[cursor.spanIndex]?.openStart ?? 0) < position) cursor.spanIndex++;
    while (cursor.linkIndex < cursor.links.length && (cursor.links[cursor.linkIndex]?.start ?? 0) < position) cursor.linkIndex++;
    const span = cursor.spans[cursor.spanIndex];
    const link = withLinks ? cursor.links[cursor.linkIndex] : undefined;
    const spanStart = span && span.openStart < to ? span.openStart : to;
    const linkStart = link && link.start < to ? link.start : to;
    const next = Math.min(spanStart, linkStart);
    if (next > position) scanText(state, context, position, next, 'plain');
    if (next >= to) return;
    if (link && linkStart === next) {
      readLink(state, context, cursor, link);
      position = link.end;
    } else if (span) {
      position = readCodeSpan(state, context, span);
    } else {
      return;
    }
  }
}

/** Reads a code span; returns where reading resumes (past a `` `x.py`:12 `` suffix if there is one). */
function readCodeSpan(state: ScanState, context: LineContext, span: CodeSpan): number {
  context.span = span;
  if (!readSpacedPath(state, context, span) && !readColonPath(state, context, span)) {
    scanText(state, context, trimmedStart(context.line, span), trimmedEnd(context.line, span), 'codeSpan');
  }
  context.span = null;
  const mention = context.lastMention;
  if (!mention || mention.outerEnd !== span.closeEnd || mention.pathOnlyIndex < 0) return span.closeEnd;
  if (context.line.charCodeAt(span.closeEnd) !== 58) return span.closeEnd;
  const groups = readLineGroupList(context.line, span.closeEnd + 1, context.line.length, SPACED_SUFFIX, state.counter);
  const last = groups[groups.length - 1];
  if (!last) return span.closeEnd;
  attachLineGroups(state, context, mention, groups);
  return last.end;
}

/** A code span holding a whole path with spaces in it (`docs/Phase 1/summary.md:3`). */
function readSpacedPath(state: ScanState, context: LineContext, span: CodeSpan): boolean {
  const line = context.line;
  const start = trimmedStart(line, span);
  const end = trimmedEnd(line, span);
  const content = line.slice(start, end);
  state.counter.steps += content.length;
  if (!content.includes(' ') || (!content.includes('/') && !content.includes('\\'))) return false;
  let pathEnd = content.length;
  for (let k = 2; k < content.length; k++) {
    const c = content.charCodeAt(k);
    if (c === 58 || (c === 35 && content.charCodeAt(k + 1) === 76)) {
      pathEnd = k;
      break;
    }
  }
  const pathText = content.slice(0, pathEnd);
  // Without a space in the path itself the ordinary tokenizer reads it.
  if (!pathText.includes(' ') || pathText.includes('  ') || pathText.includes(' /') || pathText.includes('/ ') || pathText.endsWith(' ')) return false;
  const firstWord = pathText.slice(0, pathText.indexOf(' ')).toLowerCase();
  if (COMMAND_WORDS.has(firstWord)) return false;
  if (!isFilePathCandidate(pathText, 'strict', true)) return false;
  let groups: LineGroup[] = [];
  if (pathEnd < content.length) {
    const suffixStart = start + pathEnd + 1;
    groups =
      content.charCodeAt(pathEnd) === 58
        ? readLineGroupList(line, suffixStart, end, SPACED_SUFFIX, state.counter)
        : [readLineGroup(line, suffixStart, end, LINK_FRAGMENT)].filter((group): group is LineGroup => group !== null);
    if (groups[groups.length - 1]?.end !== end) return false;
  }
  recordMention(state, context, pathText, start, start + pathEnd, groups);
  return true;
}

/**
 * A code span holding a whole path with a colon in a file name (`src/a:b.ts:3`), which Unix file
 * systems allow. Without this, the colon reads as a line suffix and `b.ts` becomes the file.
 */
function readColonPath(state: ScanState, context: LineContext, span: CodeSpan): boolean {
  const line = context.line;
  const start = trimmedStart(line, span);
  const end = trimmedEnd(line, span);
  const content = line.slice(start, end);
  state.counter.steps += content.length;
  const firstColon = content.indexOf(':');
  if (firstColon < 1 || content.includes(' ')) return false;
  const afterColon = content.charCodeAt(firstColon + 1);
  // `C:/x` and `C:\x` are drive letters, `https://x` a URL: the ordinary reader knows both.
  if (afterColon === 47 || afterColon === 92) return false;
  // The line suffix is whatever follows the last colon, when it reads as line numbers.
  let pathEnd = content.length;
  let groups: LineGroup[] = [];
  const lastColon = content.lastIndexOf(':');
  if (lastColon > firstColon) {
    const suffix = readLineGroupList(line, start + lastColon + 1, end, SPACED_SUFFIX, state.counter);
    if (suffix.length > 0 && suffix[suffix.length - 1]?.end === end) {
      pathEnd = lastColon;
      groups = suffix;
    }
  }
  const pathText = content.slice(0, pathEnd);
  if (!pathText.includes(':')) return false;
  // Judged as a path with the colons read as ordinary name characters: `mod.py:func` stays a symbol.
  if (!isFilePathCandidate(pathText.split(':').join('_'), 'strict')) return false;
  recordMention(state, context, pathText, start, start + pathEnd, groups);
  return true;
}

function hasScheme(target: string): boolean {
  if (target.startsWith('//')) return true;
  const colon = target.indexOf(':');
  if (colon < 2) return false;
  return /^[A-Za-z][A-Za-z0-9+.-]*$/.test(target.slice(0, colon));
}

function decodePath(path: string): string {
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** A link to a workspace file is a reference; a URL is skipped whole; other links are read as text. */
function readLink(state: ScanState, context: LineContext, cursor: InlineCursor, link: InlineLink): void {
  const line = context.line;
  const target = line.slice(link.targetStart, link.targetEnd);
  state.counter.steps += target.length;
  if (link.isImage) return;
  if (hasScheme(target)) {
    context.proposalActive = false;
    return;
  }
  const hash = target.indexOf('#');
  let pathPart = hash >= 0 ? target.slice(0, hash) : target;
  const query = pathPart.indexOf('?');
  if (query >= 0) pathPart = pathPart.slice(0, query);
  const decoded = decodePath(pathPart);
  // An encoded target is the only way a link can name a file with spaces.
  if (decoded.length === 0 || !isFilePathCandidate(decoded, 'lenient', decoded !== pathPart)) {
    scanInline(state, context, cursor, link.textStart, link.textEnd, false);
    return;
  }
  let group: LineGroup | null = null;
  if (hash >= 0) {
    const fragmentStart = link.targetStart + hash + 1;
    const read = readLineGroup(line, fragmentStart, link.targetEnd, LINK_FRAGMENT);
    if (read && read.end === link.targetEnd && line.charCodeAt(fragmentStart) === 76) group = read;
  }
  const mention = recordMention(state, context, decoded, link.targetStart, link.targetEnd, []);
  // A link is one reference whatever its fragment says; rewrite the file-level one recordMention made.
  const reference = state.references[mention.pathOnlyIndex];
  if (reference) {
    reference.form = 'markdown-link';
    reference.startLine = group ? group.first : null;
    reference.endLine = group ? group.last : null;
  }
  mention.hasLines = group !== null;
  mention.pathOnlyIndex = -1;
}

/** Which cells of a table row hold the file and the lines. */
export interface TableRowColumns {
  fileCell: { start: number; end: number };
  lineCell: { start: number; end: number };
}

const TABLE_LINES: LineNumberSyntax = { allowL: true, allowColumn: false, allowGithubColumn: false, allowLabels: false };

/** Turns a row's file cell and line cell into `table` references that replace the file-level one. */
export function combineTableRow(state: ScanState, index: number, columns: TableRowColumns, mentions: readonly PathMention[]): void {
  const line = state.lines[index] ?? '';
  const { fileCell, lineCell } = columns;
  const mention = mentions.find(
    (candidate) => candidate.start >= fileCell.start && candidate.end <= fileCell.end && candidate.pathOnlyIndex >= 0,
  );
  if (!mention) return;
  let start = lineCell.start;
  let end = lineCell.end;
  while (start < end && isBlank(line.charCodeAt(start))) start++;
  while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
  // `42` or **42**
  while (start < end && (line.charCodeAt(start) === 96 || line.charCodeAt(start) === 42) && line.charCodeAt(end - 1) === line.charCodeAt(start)) {
    start++;
    end--;
  }
  const groups = readLineGroupList(line, start, end, TABLE_LINES, state.counter);
  const last = groups[groups.length - 1];
  if (!last || last.end !== end) return;
  state.drop(mention.pathOnlyIndex);
  groups.forEach((group, position) => {
    const first = position === 0;
    state.emit({
      line: index,
      start: first ? Math.min(mention.outerStart, group.start) : group.start,
      end: first ? Math.max(mention.outerEnd, group.end) : group.end,
      path: mention.path,
      startLine: group.first,
      endLine: group.last,
      form: 'table',
      inCode: false,
      proposed: mention.proposed,
      absent: mention.absent,
    });
  });
}
