// The synthetic source tree the audit documents point at: paths laid out like a large monorepo
// (so suffix and basename resolution have real work to do, and common basenames are ambiguous)
// and file contents made of plausible code lines.
import type { Random } from './random';

/** One source file of the corpus, with its text as lines (no trailing newline per line). */
export interface SourceFile {
  path: string;
  lines: string[];
}

const TOPS = ['services', 'apps', 'libs', 'packages', 'internal', 'cmd', 'web', 'api', 'workers', 'tools'];
const PACKAGES = ['billing', 'auth', 'search', 'orders', 'catalog', 'inventory', 'payments', 'notify', 'gateway', 'reports', 'accounts', 'shipping', 'pricing', 'media', 'audit'];
const SUBDIRS = ['core', 'api', 'db', 'handlers', 'jobs', 'util', 'models', 'views'];
const WORDS = ['session', 'token', 'cache', 'queue', 'ledger', 'invoice', 'client', 'router', 'schema', 'policy', 'worker', 'store', 'mapper', 'parser', 'limiter', 'export', 'import', 'sync', 'report', 'loader'];
/** Basenames that recur in many folders, as `utils.py` and `index.ts` do in real trees. */
const COMMON = ['utils', 'views', 'models', 'index', 'settings', 'handlers'];
const EXTENSIONS = ['py', 'ts', 'go', 'java', 'tsx', 'rs', 'js'];

/** The path of the file every benchmark of lenses and hints opens: it receives exactly 50 references. */
export const HOT_SOURCE_PATH = 'services/audit/core/hot_path.py';

/** Lines in the hot file, enough room for 50 distinct ranges. */
const HOT_SOURCE_LINES = 420;

/** Generates `count` source files (the hot file first), with 10–220 lines each (most short, as in real trees). */
export function generateSourceTree(random: Random, count: number): SourceFile[] {
  const files: SourceFile[] = [{ path: HOT_SOURCE_PATH, lines: codeLines(random, HOT_SOURCE_LINES) }];
  const seen = new Set<string>([HOT_SOURCE_PATH]);
  for (let index = 0; files.length < count; index++) {
    const path = sourcePath(random, index);
    if (seen.has(path)) continue;
    seen.add(path);
    const lineCount = random.chance(0.15) ? random.int(120, 220) : random.int(10, 90);
    files.push({ path, lines: codeLines(random, lineCount) });
  }
  return files;
}

function sourcePath(random: Random, index: number): string {
  const top = random.pick(TOPS);
  const pkg = `${random.pick(PACKAGES)}${random.chance(0.5) ? '' : `-${random.int(1, 40)}`}`;
  const sub = random.pick(SUBDIRS);
  const extension = random.pick(EXTENSIONS);
  const base = random.chance(0.12) ? random.pick(COMMON) : `${random.pick(WORDS)}_${random.pick(WORDS)}${index % 7 === 0 ? '' : `_${index % 97}`}`;
  return `${top}/${pkg}/${sub}/${base}.${extension}`;
}

/** Plausible code, varied enough that edits in the history change real lines. */
export function codeLines(random: Random, count: number): string[] {
  const lines: string[] = [];
  for (let line = 0; line < count; line++) {
    const word = random.pick(WORDS);
    switch (random.int(0, 5)) {
      case 0:
        lines.push(`def ${word}_${line}(request, limit=${random.int(1, 500)}):`);
        break;
      case 1:
        lines.push(`    value = ${word}.get("${random.pick(WORDS)}", ${random.int(0, 99)})`);
        break;
      case 2:
        lines.push(`    if value > ${random.int(1, 1000)}: return ${word}_fallback(value)`);
        break;
      case 3:
        lines.push(`    # ${word}: keep the ${random.pick(WORDS)} in step with the ${random.pick(WORDS)}`);
        break;
      case 4:
        lines.push('');
        break;
      default:
        lines.push(`    self.${word} = ${random.pick(WORDS)}_${random.int(1, 50)}(${random.pick(WORDS)})`);
    }
  }
  return lines;
}
