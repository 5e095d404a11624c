// Builds a hostile workspace in a temporary folder at test time: symlink loops, links out of the
// root, traversal references, a 50 MB document, a binary and an invalid-UTF-8 `.md`, a document with
// 100,000 references, mixed line endings with a BOM, and file names with spaces, unicode and `:`.
// None of it belongs in git (symlinks, 50 MB, `:` in a name), so it is made fresh and removed after.
// Beside the root lies a canary: a file no output may ever show and no host may ever open.
import * as fs from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HostFileSystem } from '../../../server/src/cli/nodeWorkspaceHost';

/** What only the canary file holds; finding it in any output means something read outside the root. */
export const CANARY_CONTENT = 'CANARY-5e1d: private notes of another project, never to be shown';

/** Lines of the source file every good reference points at. */
export const APP_LINES = 60;

/** Hostile references of HOSTILE.md, as written, and the state each must get. */
export const HOSTILE_REFERENCES: ReadonlyArray<readonly [text: string, state: string]> = [
  ['../../../etc/passwd:1', 'outside-workspace'],
  ['~/.ssh/id_rsa:1', 'outside-workspace'],
  ['/etc/shadow:1', 'outside-workspace'],
  ['C:\\Windows\\win.ini:1', 'outside-workspace'],
  ['..%2F..%2Fetc%2Fpasswd:1', 'outside-workspace'],
  ['../outside/canary.md:1', 'outside-workspace'],
  ['link-to-canary.md:1', 'outside-workspace'],
  ['outside-dir/canary.md:1', 'outside-workspace'],
  ['../outside/canary.md#L1', 'outside-workspace'],
];

/** Which of the expensive documents to build. */
export interface HostileOptions {
  /** docs/huge.md, 50 MB (several seconds to analyze). */
  huge?: boolean;
  /** docs/many-references.md, 100,000 references. */
  manyReferences?: boolean;
}

/** A built hostile workspace. */
export interface HostileWorkspace {
  /** The folder holding the root and the outside folder; remove it when done. */
  sandbox: string;
  /** The workspace root (real path). */
  root: string;
  /** The canary's real path: outside the root. */
  canary: string;
  /** False where the platform refused symlinks (Windows without developer mode). */
  symlinks: boolean;
  /** False where the platform refuses `:` in file names. */
  colonNames: boolean;
  /** How many references docs/many-references.md holds (0 when not built). */
  manyReferenceCount: number;
  /** Size in bytes of docs/huge.md (0 when not built). */
  hugeBytes: number;
  remove(): void;
}

/** The body of HOSTILE.md: an audit whose references try every way out of the root. */
export function hostileDocument(): string {
  return [
    '# Infrastructure Hardening Review',
    '',
    '**Reviewed:** 2026-02-11  ',
    '**Scope:** deploy scripts, host configuration, secrets handling',
    '',
    '## 🔴 Critical',
    '',
    '### SEC-01: Deploy Script Reads Host Files',
    '**Severity:** 🔴 Critical',
    '**Status:** 🔴 Open',
    '',
    'The deploy helper copies whatever these point at into the release bundle:',
    '',
    ...HOSTILE_REFERENCES.slice(0, 8).map(([text]) => `- \`${text}\``),
    '- [the private notes](../outside/canary.md#L1)',
    '',
    '### SEC-02: Service Entry Point Trusts the Environment',
    '**Severity:** 🟠 High',
    '**Status:** 🔄 In Progress',
    '**File:** `src/app.py:3-9`',
    '',
    'The same pattern appears in `src/my file.ts:2`, in `src/ünïcode.ts:3` and in `src/日本語/設定.py:1`.',
    'A link to [the spaced file](src/my%20file.ts#L2) and one through the loop, `loop/parent/src/app.py:4`.',
    '',
    '### SEC-03: Colon in a File Name',
    '**Status:** 🔴 Open',
    '**File:** `src/a:b.ts:1`',
    '',
  ].join('\n');
}

function sourceLines(count: number): string {
  let text = '';
  for (let line = 1; line <= count; line++) text += `def handler_${line}(request):  # line ${line}\n`;
  return text;
}

function write(root: string, relativePath: string, content: string | Uint8Array): void {
  const target = path.join(root, relativePath);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
}

function trySymlink(target: string, linkPath: string, type: 'file' | 'dir'): boolean {
  try {
    fs.mkdirSync(path.dirname(linkPath), { recursive: true });
    fs.symlinkSync(target, linkPath, type);
    return true;
  } catch {
    return false;
  }
}

function tryWrite(root: string, relativePath: string, content: string): boolean {
  try {
    write(root, relativePath, content);
    return true;
  } catch {
    return false;
  }
}

/** A document of `count` references, one per list item, spread over ten files and their lines. */
export function manyReferencesDocument(count: number): string {
  const lines = ['# Generated Finding Index', '', '## Findings', ''];
  for (let index = 0; index < count; index++) lines.push(`- \`src/app.py:${(index % (APP_LINES + 5)) + 1}\` finding ${index}`);
  return `${lines.join('\n')}\n`;
}

/** About `bytes` of machine-written log prose, with one reference at the very end. */
export function hugeDocument(bytes: number): string {
  const paragraph = 'The nightly job rebuilt the search index for every tenant and logged the time each shard took to settle.\n';
  return `# Nightly Job Log\n\n${paragraph.repeat(Math.ceil(bytes / paragraph.length))}\nLast run: \`src/app.py:7\`\n`;
}

/** Builds the hostile workspace in a fresh temporary folder. */
export function buildHostileWorkspace(options: HostileOptions = {}): HostileWorkspace {
  const sandbox = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-hostile-')));
  const root = path.join(sandbox, 'repo');
  const outside = path.join(sandbox, 'outside');
  const canary = path.join(outside, 'canary.md');
  write(outside, 'canary.md', `# ${CANARY_CONTENT}\n\n### LEAK-01: ${CANARY_CONTENT}\n\`src/app.py:1\`\n`);

  write(root, 'HOSTILE.md', hostileDocument());
  write(root, 'src/app.py', sourceLines(APP_LINES));
  write(root, 'src/my file.ts', 'export const spaced = 1;\nexport const second = 2;\n');
  write(root, 'src/ünïcode.ts', 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\n');
  write(root, 'src/日本語/設定.py', 'SETTING = True\n');
  const colonNames = process.platform !== 'win32' && tryWrite(root, 'src/a:b.ts', 'export const colon = true;\n');

  // A binary file named .md: a PNG header, NUL bytes, then text that would be an issue if read.
  write(root, 'docs/binary.md', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, ...Buffer.from('### BIN-01: Not Read `src/app.py:1`\n')]));
  // Latin-1 bytes in a UTF-8 audit.
  write(root, 'docs/invalid-utf8.md', Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from(' Review\n\n### ENC-01: Menu Cache\n**Status:** Open\n**File:** `src/app.py:2`\n')]));
  // A BOM, then CRLF, lone CR and LF mixed.
  write(root, 'docs/line-ends.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Line Ends\r\n\r\n### EOL-01: Windows\r\n**Status:** Open\r**File:** `src/app.py:2`\n\n### EOL-02: Old Mac\r**Status:** ✅ RESOLVED\r\n**File:** `src/app.py:3`\n')]));

  let manyReferenceCount = 0;
  if (options.manyReferences) {
    manyReferenceCount = 100_000;
    write(root, 'docs/many-references.md', manyReferencesDocument(manyReferenceCount));
  }
  let hugeBytes = 0;
  if (options.huge) {
    const huge = hugeDocument(50 * 1024 * 1024);
    write(root, 'docs/huge.md', huge);
    hugeBytes = Buffer.byteLength(huge);
  }

  const symlinks =
    trySymlink('..', path.join(root, 'loop/parent'), 'dir') &&
    trySymlink('self-loop', path.join(root, 'loop/self-loop'), 'file') &&
    trySymlink('ping.md', path.join(root, 'loop/pong.md'), 'file') &&
    trySymlink('pong.md', path.join(root, 'loop/ping.md'), 'file') &&
    trySymlink(canary, path.join(root, 'link-to-canary.md'), 'file') &&
    trySymlink(outside, path.join(root, 'outside-dir'), 'dir') &&
    trySymlink(canary, path.join(root, 'docs/leak.md'), 'file');

  return {
    sandbox,
    root,
    canary,
    symlinks,
    colonNames,
    manyReferenceCount,
    hugeBytes,
    remove: () => fs.rmSync(sandbox, { recursive: true, force: true }),
  };
}

/** node's fs, recording every path it is asked to open or stat, by real path where it can tell. */
export interface SpyFileSystem extends HostFileSystem {
  /** Real paths of every file read. */
  readonly opened: string[];
  /** Real paths of every stat or lstat target. */
  readonly statted: string[];
}

/** node's fs with every read and stat recorded (by real path), so a test can prove what was never touched. */
export function spyFileSystem(): SpyFileSystem {
  const opened: string[] = [];
  const statted: string[] = [];
  const real = async (target: string): Promise<string> => fsPromises.realpath(target).catch(() => target);
  const realNow = (target: string): string => {
    try {
      return fs.realpathSync.native(target);
    } catch {
      return target;
    }
  };
  return {
    opened,
    statted,
    realpath: (target) => fsPromises.realpath(target),
    readdir: (target, options) => fsPromises.readdir(target, options),
    readFile: async (target) => {
      opened.push(await real(target));
      return fsPromises.readFile(target);
    },
    stat: async (target) => {
      statted.push(await real(target));
      return fsPromises.stat(target);
    },
    lstat: async (target) => {
      statted.push(target);
      return fsPromises.lstat(target);
    },
    readdirSync: (target, options) => fs.readdirSync(target, options),
    realpathSync: (target) => fs.realpathSync.native(target),
    readFileSync: (target) => {
      opened.push(realNow(target));
      return fs.readFileSync(target);
    },
    statSync: (target) => {
      statted.push(realNow(target));
      return fs.statSync(target);
    },
    lstatSync: (target) => {
      statted.push(target);
      return fs.lstatSync(target);
    },
  };
}

/** Paths among `touched` that lie outside `root`. */
export function outsideOf(root: string, touched: readonly string[]): string[] {
  return touched.filter((target) => target !== root && !target.startsWith(root + path.sep));
}
