// Hovers in audit documents. On a reference: the code it points at, as it reads now, and whether
// the reference still holds. On an issue ID: which issue that is. Files outside the workspace and
// references that resolve nowhere are never read.
import { currentTarget, type IndexView, type LocatedIssue } from '../index/indexView';
import { sliceLines } from '../lineIndex';
import type { Position, Range, ReferenceState, ResolvedReference } from '../model';
import type { CancellationSignal } from '../workspace';
import { CurrentLineLookup, irregularIssueIds, issueIdAt, lineSpan, referenceAt } from './positions';

/** A hover: markdown to show, and the span it describes. */
export interface HoverResult {
  markdown: string;
  range: Range;
}

/** Most lines a hover shows; longer references are cut with a note. */
export const MAX_HOVER_LINES = 15;

/** Longest line a hover shows in full; minified code would otherwise fill the screen. */
const MAX_HOVER_LINE_CHARS = 240;

/** Markdown fence languages by file extension, for syntax colouring in the hover. */
const LANGUAGES: Record<string, string> = {
  py: 'python', ts: 'typescript', tsx: 'tsx', js: 'javascript', jsx: 'jsx', mjs: 'javascript', cjs: 'javascript',
  go: 'go', rs: 'rust', java: 'java', kt: 'kotlin', rb: 'ruby', php: 'php', cs: 'csharp', c: 'c', h: 'c',
  cpp: 'cpp', hpp: 'cpp', swift: 'swift', scala: 'scala', yaml: 'yaml', yml: 'yaml', json: 'json', toml: 'toml',
  ini: 'ini', sh: 'bash', bash: 'bash', zsh: 'bash', sql: 'sql', md: 'markdown', html: 'html', css: 'css',
  scss: 'scss', vue: 'vue', svelte: 'svelte', xml: 'xml', tf: 'hcl', dockerfile: 'dockerfile', txt: '',
};

/** What a hover says about each reference state. */
const STATE_TEXT: Record<ReferenceState, string> = {
  ok: '✓ The file exists and the lines are in range.',
  'missing-file': '✗ Stale: the file is missing.',
  'line-out-of-range': '✗ Stale: the lines are out of range.',
  ambiguous: '⚠ Ambiguous: the path matches several files.',
  'outside-workspace': '⚠ Outside the workspace: Audit Lens never reads it.',
  proposed: 'Not checked: the document does not claim this file exists.',
  moved: '⚠ Stale: the code has moved.',
  changed: '⚠ Stale: the referenced lines have changed.',
  deleted: '✗ Stale: the referenced code is gone; the file remains.',
  unverified: 'ℹ The file exists and the lines are in range; whether the code changed since the audit is not known.',
};

/** States whose lines must not or cannot be read: outside the root, gone, or past the end. */
const UNREADABLE_STATES: ReadonlySet<ReferenceState> = new Set(['outside-workspace', 'missing-file', 'deleted', 'line-out-of-range']);

/** The hover at a position of an audit document, or undefined when nothing there has one. */
export async function hoverAt(view: IndexView, documentPath: string, position: Position, signal: CancellationSignal): Promise<HoverResult | undefined> {
  const document = view.document(documentPath);
  if (!document) return undefined;
  const reference = referenceAt(document.references, position);
  if (reference) return { markdown: await referenceHover(view, documentPath, reference), range: reference.range };
  const found = issueIdAt(document.text, position, irregularIssueIds(view, signal));
  if (!found) return undefined;
  const issues = view.issuesById(found.id);
  if (issues.length === 0) return undefined;
  return { markdown: issues.map((located) => issueHover(located, documentPath)).join('\n\n---\n\n'), range: found.range };
}

async function referenceHover(view: IndexView, documentPath: string, reference: ResolvedReference): Promise<string> {
  const parts: string[] = [];
  const target = currentTarget(reference);
  const lines = new CurrentLineLookup(view).linesOf(documentPath, reference);
  const readable = target !== null && !UNREADABLE_STATES.has(reference.state);
  if (target !== null) parts.push(lines.startLine === null ? inlineCode(target) : `${inlineCode(target)}, ${lines.startLine === lines.endLine ? 'line' : 'lines'} ${lineSpan(lines.startLine, lines.endLine)}`);
  else parts.push(inlineCode(reference.path));
  if (readable && lines.startLine !== null) {
    const snippet = await snippetOf(view, target, lines.startLine, lines.endLine ?? lines.startLine);
    if (snippet) parts.push(snippet);
  }
  parts.push(STATE_TEXT[reference.state]);
  if (reference.state !== 'ok' && reference.reason) parts.push(escapeMarkdown(reference.reason));
  // Before and after, so whoever reads the hover can tell whether the change fixed the issue.
  if (reference.state === 'changed' && reference.then && target !== null) parts.push(`Then (${escapeMarkdown(reference.then.at)}):`, fencedBlock(reference.then.lines.map(clipLine).join('\n'), languageOf(target)));
  if (reference.state === 'ambiguous' && reference.candidates.length > 1) {
    parts.push(`Candidates:\n${reference.candidates.map((candidate, index) => `- ${inlineCode(candidate)}${index === 0 ? ' (shown)' : ''}`).join('\n')}`);
  }
  if (lines.edited) parts.push('The referenced lines have unsaved edits since the document was indexed.');
  return parts.join('\n\n');
}

async function snippetOf(view: IndexView, path: string, startLine: number, endLine: number): Promise<string | undefined> {
  const text = await view.readText(path);
  if (text === undefined) return undefined;
  const wanted = endLine - startLine + 1;
  const shown = sliceLines(text, startLine, startLine + Math.min(wanted, MAX_HOVER_LINES) - 1).map(clipLine);
  if (shown.length === 0) return undefined;
  const more = wanted > shown.length && shown.length === MAX_HOVER_LINES ? `\n\n… ${wanted - shown.length} more line${wanted - shown.length === 1 ? '' : 's'}` : '';
  return fencedBlock(shown.join('\n'), languageOf(path)) + more;
}

function issueHover(located: LocatedIssue, hoveredDocument: string): string {
  const { issue, documentPath } = located;
  const heading = issue.id ? `**${escapeMarkdown(issue.id)}** ${escapeMarkdown(issue.title)}` : `**${escapeMarkdown(issue.title)}**`;
  const facts = [issue.severity ?? 'no severity', issue.status ?? 'no status'].join(' · ');
  const where = documentPath === hoveredDocument ? '' : `\n\n${inlineCode(`${documentPath}:${issue.range.start.line + 1}`)}`;
  return `${heading}\n\n${facts}${where}`;
}

/** The fence language for a path, from its extension (or name, for `Dockerfile`); empty when unknown. */
export function languageOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name === 'dockerfile') return 'dockerfile';
  if (name === 'makefile') return 'makefile';
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : LANGUAGES[name.slice(dot + 1)] ?? '';
}

/** A fenced code block whose fence is longer than any backtick run inside, so code cannot close it. */
export function fencedBlock(code: string, language: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(code) + 1));
  return `${fence}${language}\n${code}\n${fence}`;
}

/** Inline code that survives backticks in the text. */
export function inlineCode(text: string): string {
  const ticks = '`'.repeat(longestBacktickRun(text) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** Escapes the characters markdown would read as formatting in plain text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (char) => `\\${char}`);
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let index = 0; index < text.length; index++) {
    run = text.charCodeAt(index) === 96 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

function clipLine(line: string): string {
  return line.length > MAX_HOVER_LINE_CHARS ? `${line.slice(0, MAX_HOVER_LINE_CHARS)}…` : line;
}
