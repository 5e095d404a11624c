// Audit documents in the formats real audits use: ID'd headings with **Field:** lines and
// **Location:** lists, checklists under severity sections, finding tables, and numbered report
// sections with code blocks; some saved as mojibake. Each block counts the references it plants.
import { MAC_ROMAN_HIGH } from '../../../server/src/core/charsets';
import type { Random } from './random';
import type { ReferencePicker } from './references';
import { HOT_SOURCE_PATH } from './sourceTree';

/** One generated audit document. */
export interface AuditDocument {
  path: string;
  text: string;
  /** References planted, as the extractor should count them. */
  references: number;
  mojibake: boolean;
}

type Style = 'headings' | 'checklist' | 'table' | 'report';

const STYLES: readonly Style[] = ['headings', 'checklist', 'table', 'report'];
const PREFIXES = ['SEC', 'PERF', 'CRIT', 'DEBT', 'ARCH', 'OPS', 'BUG', 'HP'];
const SEVERITIES = [
  { word: 'Critical', emoji: '🔴', priority: 'P0' },
  { word: 'High', emoji: '🟠', priority: 'P1' },
  { word: 'Medium', emoji: '🟡', priority: 'P2' },
  { word: 'Low', emoji: '🟢', priority: 'P3' },
];
const STATUSES = ['🔴 Open', '🔄 In Progress', '✅ RESOLVED', 'NEEDS FIX', 'Open'];
const TITLE_WORDS = ['Unbounded', 'retry', 'loop', 'in', 'token', 'refresh', 'missing', 'index', 'on', 'ledger', 'writes', 'race', 'between', 'cache', 'and', 'queue', 'N+1', 'query', 'leaks', 'session', 'secrets', 'logged'];
const SENTENCES = [
  'The handler trusts the caller and skips the permission check',
  'Under load this path allocates a new client per request',
  'The fallback swallows the error, so failures never reach the dashboard',
  'Two writers can interleave here because the lock is taken too late',
  'This duplicates the validation that the serializer already does',
  'The query runs once per row instead of once per page',
];

/** Generates one document of about `targetBytes`, in a style drawn from the seed. */
export function generateDocument(random: Random, picker: ReferencePicker, path: string, targetBytes: number, mojibake: boolean, hotReferences: readonly string[]): AuditDocument {
  const style = random.pick(STYLES);
  const prefix = random.pick(PREFIXES);
  const title = `${random.pick(['Security Audit', 'Technical Debt Tracker', 'Production Readiness Plan', 'Code Review Report'])} — ${path.replace(/\.md$/, '')}`;
  const parts: string[] = [`# ${title}`, '', `**Date:** 2026-0${random.int(1, 9)}-1${random.int(0, 9)}`, `**Scope:** ${random.pick(SENTENCES)}.`, ''];
  let size = parts.join('\n').length;
  let references = 0;
  let issueNumber = 1;
  if (hotReferences.length > 0) {
    const block = hotBlock(prefix, issueNumber++, hotReferences);
    parts.push(block);
    size += block.length;
    references += hotReferences.length;
  }
  let severity = -1;
  while (size < targetBytes) {
    const nextSeverity = Math.min(3, Math.floor((size / targetBytes) * 4));
    if (nextSeverity !== severity && style !== 'table') {
      severity = nextSeverity;
      const level = SEVERITIES[severity] as (typeof SEVERITIES)[number];
      const heading = style === 'checklist' ? `## ${level.emoji} ${level.priority} - ${level.word.toUpperCase()} PRIORITY` : `## ${level.word} Priority Issues`;
      parts.push(heading, '');
      size += heading.length + 2;
    }
    const block = generateBlock(random, picker, style, prefix, issueNumber++, Math.max(0, severity));
    parts.push(block.text);
    size += block.text.length + 1;
    references += block.references;
  }
  const text = parts.join('\n') + '\n';
  return { path, text: mojibake ? toMacRomanMojibake(text) : text, references, mojibake };
}

function generateBlock(random: Random, picker: ReferencePicker, style: Style, prefix: string, number: number, severity: number): { text: string; references: number } {
  const id = `${prefix}-${String(number).padStart(3, '0')}`;
  const title = Array.from({ length: random.int(3, 7) }, () => random.pick(TITLE_WORDS)).join(' ');
  const level = SEVERITIES[severity] as (typeof SEVERITIES)[number];
  const status = random.pick(STATUSES);
  const lines: string[] = [];
  let references = 0;
  const inline = (): string => {
    const written = picker.inline();
    references += written.count;
    return written.text;
  };
  const bare = (): string => {
    references += 1;
    return picker.bare().text;
  };
  switch (style) {
    case 'headings': {
      lines.push(`### ${id}: ${title}`, '', `**Severity:** ${level.emoji} ${level.word}`, `**Status:** ${status}`, `**Category:** ${random.pick(['Security', 'Performance', 'Reliability'])}`);
      if (number > 2 && random.chance(0.3)) lines.push(`**Dependencies:** ${prefix}-${String(random.int(1, number - 1)).padStart(3, '0')}`);
      lines.push('**Location:**');
      for (let index = random.int(1, 3); index > 0; index--) lines.push(`- \`${bare()}\``);
      const named = picker.inline();
      references += named.count;
      lines.push('', `${random.pick(SENTENCES)} in ${inline()}; see also ${named.text}.`);
      if (named.count === 1 && random.chance(0.5)) {
        // A contextual range: it binds to the file named just before it in the same issue.
        lines.push(`Lines ${random.int(1, Math.max(1, named.file.lines.length))} show the same pattern.`);
        references += 1;
      }
      lines.push('', `**Recommendation:** ${random.pick(SENTENCES).toLowerCase()} no more; compare ${inline()}.`, '');
      break;
    }
    case 'checklist': {
      const done = status.includes('RESOLVED');
      lines.push(`- [${done ? 'x' : ' '}] **${id}** ${title}: ${inline()}`);
      lines.push(`  - ${random.pick(SENTENCES)} (${inline()}).`, `  - **File**: ${bare()}`, '');
      break;
    }
    case 'table': {
      if (number === 1 || random.chance(0.08)) lines.push('', '| ID | Severity | Status | File | Lines | Notes |', '|---|---|---|---|---|---|');
      for (let row = 0; row < 3; row++) {
        const cells = picker.tableCells();
        const rowSeverity = random.pick(SEVERITIES);
        lines.push(`| ${id}${row === 0 ? '' : `.${row}`} | ${rowSeverity.word} | ${random.pick(['Open', 'Resolved', 'In Progress'])} | ${cells.path} | ${cells.lines} | ${random.pick(SENTENCES)}${random.chance(0.5) ? `, ${inline()}` : ''} |`);
        references += 1;
      }
      break;
    }
    case 'report': {
      lines.push(`#### ${number}. ${title} (${level.word}, ${status.includes('RESOLVED') ? 'Resolved' : 'Open'})`, '', `**File**: ${bare()}`, '');
      lines.push(`${random.pick(SENTENCES)}: ${inline()} and ${inline()}.`, '');
      if (random.chance(0.3)) {
        lines.push('```bash', `# reproduce: see ${bare()}`, `grep -n "${random.pick(TITLE_WORDS)}" -r .`, '```', '');
      }
      break;
    }
  }
  return { text: lines.join('\n'), references };
}

/** The issue that points at the hot source file, so lenses and hints there have 50 references. */
function hotBlock(prefix: string, number: number, ranges: readonly string[]): string {
  const id = `${prefix}-${String(number).padStart(3, '0')}`;
  const lines = [`### ${id}: Hot path audit`, '', '**Severity:** 🟠 High', '**Status:** 🔴 Open', '**Location:**'];
  for (const range of ranges) lines.push(`- \`${HOT_SOURCE_PATH}:${range}\``);
  lines.push('');
  return lines.join('\n');
}

/** UTF-8 read as Mac Roman and saved again, as the mojibake audits in the wild are. */
export function toMacRomanMojibake(text: string): string {
  let out = '';
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) {
      out += char;
      continue;
    }
    for (const byte of Buffer.from(char, 'utf8')) out += String.fromCharCode(MAC_ROMAN_HIGH[byte - 0x80] as number);
  }
  return out;
}
