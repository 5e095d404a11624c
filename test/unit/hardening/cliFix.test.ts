// `audit-lens check --fix` on real files in a temporary folder: it applies exactly the editor's
// "Fix all stale references", keeps BOMs, line endings and permissions, writes through a temporary
// file and a rename, and refuses (exit 2, others still fixed) a file that is not valid UTF-8, that
// changed on disk between read and write, or whose write fails half way.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { contentHash, writeFileAtomically, type AtomicWriteFileSystem } from '../../../server/src/cli/atomicWrite';
import { runCli, type CliEnvironment } from '../../../server/src/cli/checkCommand';
import type { FixHooks } from '../../../server/src/cli/fixCommand';
import { createNodeWorkspaceHost } from '../../../server/src/cli/nodeWorkspaceHost';
import { analyzeWorkspace } from '../../../server/src/core/workspaceAnalyzer';

/** An audit whose `utils.py:2` is ambiguous, and confirmed by its sibling reference into backend/bookings. */
function audit(eol: string, status = '🔴 Open'): string {
  return [
    '# Booking Service Review',
    '',
    '### BK-01: Hold Window Computed Twice',
    `**Status:** ${status}`,
    '**File:** `backend/bookings/views.py:3`',
    'The helper in `utils.py:2` repeats the arithmetic.',
    '',
    '### BK-02: Token Helper Signs With the Default Key',
    '**Status:** 🔴 Open',
    'See `utils.py:4` (either app could be meant).',
    '',
  ].join(eol);
}

const FIXED_PATH = 'backend/bookings/utils.py:2';

/** Windows-1252 mojibake of UTF-8 text: what an editor that guessed the wrong code page saves. */
function mojibake(text: string): string {
  return new TextDecoder('windows-1252').decode(Buffer.from(text, 'utf8'));
}

interface Workspace {
  root: string;
  file(relativePath: string): string;
  bytes(relativePath: string): Buffer;
  remove(): void;
}

function buildWorkspace(files: Record<string, string | Uint8Array>): Workspace {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-fix-')));
  const base: Record<string, string> = {
    'backend/accounts/utils.py': 'import hmac\n\ndef make_token(user):\n    return hmac.new(KEY, user.email.encode(), "sha256").hexdigest()\n',
    'backend/bookings/utils.py': 'from datetime import timedelta\n\ndef hold_until(start):\n    return start - timedelta(minutes=15)\n',
    'backend/bookings/views.py': 'from .utils import hold_until\n\nclass HoldView:\n    pass\n',
  };
  for (const [relativePath, content] of Object.entries({ ...base, ...files })) {
    const target = path.join(root, relativePath);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return {
    root,
    file: (relativePath) => fs.readFileSync(path.join(root, relativePath), 'utf8'),
    bytes: (relativePath) => fs.readFileSync(path.join(root, relativePath)),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

function buffer(): { write(text: string): void; text(): string } {
  let text = '';
  return { write: (chunk: string) => void (text += chunk), text: () => text };
}

async function check(root: string, args: string[], fixHooks?: FixHooks, analyze: CliEnvironment['analyze'] = analyzeWorkspace): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = buffer();
  const stderr = buffer();
  const environment: CliEnvironment = {
    stdout,
    stderr,
    env: {},
    cwd: root,
    version: '0.0.0-test',
    createHost: (at) => createNodeWorkspaceHost(at),
    analyze,
    ...(fixHooks ? { fixHooks } : {}),
  };
  const code = await runCli(['check', root, ...args], environment);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Every temporary file a write could have left behind. */
function leftovers(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((name) => name.endsWith('.audit-lens-tmp'));
}

function terminators(text: string): string[] {
  return text.match(/\r\n|\r|\n/g) ?? [];
}

describe('check --fix', function () {
  this.timeout(30_000);

  it('applies the unambiguous fixes only, and reports what is left', async () => {
    const workspace = buildWorkspace({ 'AUDIT.md': audit('\n') });
    try {
      const { code, stdout, stderr } = await check(workspace.root, ['--fix', '--format', 'json']);
      assert.equal(stderr, 'audit-lens: fixed 1 stale reference in AUDIT.md\n');
      assert.equal(workspace.file('AUDIT.md'), audit('\n').replace('`utils.py:2`', `\`${FIXED_PATH}\``));
      const report = JSON.parse(stdout) as { diagnostics: Array<{ code: string; line: number }> };
      // BK-02's `utils.py:4` has no sibling to choose by: it stays ambiguous for a person to decide.
      assert.deepEqual(report.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.line]), [['ambiguous-path', 10]]);
      assert.equal(code, 0, 'a warning is left, no error');
      assert.deepEqual(leftovers(workspace.root), []);
    } finally {
      workspace.remove();
    }
  });

  it('changes nothing without --fix, and nothing twice', async () => {
    const workspace = buildWorkspace({ 'AUDIT.md': audit('\n') });
    try {
      await check(workspace.root, ['--format', 'json']);
      assert.equal(workspace.file('AUDIT.md'), audit('\n'));
      await check(workspace.root, ['--fix']);
      const once = workspace.file('AUDIT.md');
      const again = await check(workspace.root, ['--fix']);
      assert.equal(again.stderr, '', 'nothing left to fix');
      assert.equal(workspace.file('AUDIT.md'), once);
    } finally {
      workspace.remove();
    }
  });

  it('keeps a BOM, CRLF, lone CR and LF line endings, and the file mode', async () => {
    const original = `\ufeff${audit('\r\n').replace('**Status:** 🔴 Open\r\n', '**Status:** 🔴 Open\r')}\n`;
    const workspace = buildWorkspace({ 'docs/WINDOWS.md': original });
    const target = path.join(workspace.root, 'docs/WINDOWS.md');
    if (process.platform !== 'win32') fs.chmodSync(target, 0o640);
    try {
      await check(workspace.root, ['--fix']);
      const after = workspace.bytes('docs/WINDOWS.md');
      assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is still there');
      const text = after.toString('utf8');
      assert.equal(text, original.replace('`utils.py:2`', `\`${FIXED_PATH}\``));
      assert.deepEqual(terminators(text), terminators(original));
      if (process.platform !== 'win32') assert.equal(fs.statSync(target).mode & 0o777, 0o640);
    } finally {
      workspace.remove();
    }
  });

  it('leaves mojibake as it is with --fix, and repairs it only with --fix-encoding', async () => {
    const clean = audit('\n', '✅ RESOLVED');
    const garbled = mojibake(clean);
    assert.notEqual(garbled, clean);
    const workspace = buildWorkspace({ 'GARBLED.md': garbled });
    try {
      const fixOnly = await check(workspace.root, ['--fix']);
      assert.equal(fixOnly.stderr, 'audit-lens: fixed 1 stale reference in GARBLED.md\n');
      assert.equal(workspace.file('GARBLED.md'), garbled.replace('`utils.py:2`', `\`${FIXED_PATH}\``));

      const repair = await check(workspace.root, ['--fix-encoding', '--format', 'json']);
      assert.equal(repair.stderr, 'audit-lens: repaired the encoding in GARBLED.md\n');
      assert.equal(workspace.file('GARBLED.md'), clean.replace('`utils.py:2`', `\`${FIXED_PATH}\``));
      const report = JSON.parse(repair.stdout) as { documents: Array<{ encoding: string }>; issues: Array<{ key: string; status: string }> };
      assert.deepEqual(report.documents.map((document) => document.encoding), ['utf-8']);
      assert.deepEqual(report.issues.map((issue) => [issue.key, issue.status]), [['BK-01', 'resolved'], ['BK-02', 'open']]);
    } finally {
      workspace.remove();
    }
  });

  it('repairs and fixes in one run when asked for both', async () => {
    const clean = audit('\n', '✅ RESOLVED');
    const workspace = buildWorkspace({ 'GARBLED.md': mojibake(clean) });
    try {
      const { stderr } = await check(workspace.root, ['--fix', '--fix-encoding']);
      assert.equal(stderr, 'audit-lens: fixed 1 stale reference and repaired the encoding in GARBLED.md\n');
      assert.equal(workspace.file('GARBLED.md'), clean.replace('`utils.py:2`', `\`${FIXED_PATH}\``));
    } finally {
      workspace.remove();
    }
  });

  it('refuses a file that is not valid UTF-8, exits 2, and still fixes the others', async () => {
    const invalid = Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from(`\n\n${audit('\n')}`)]);
    const workspace = buildWorkspace({ 'A.md': audit('\n'), 'LATIN1.md': invalid });
    try {
      const { code, stderr } = await check(workspace.root, ['--fix', '--fail-on', 'none']);
      assert.equal(code, 2);
      assert.deepEqual(stderr.trimEnd().split('\n'), [
        'audit-lens: fixed 1 stale reference in A.md',
        'audit-lens: not written: LATIN1.md is not valid UTF-8, and rewriting it would replace the bytes that are not; fix it by hand',
      ]);
      assert.ok(workspace.bytes('LATIN1.md').equals(invalid), 'not one byte changed');
      assert.match(workspace.file('A.md'), /`backend\/bookings\/utils\.py:2`/);
    } finally {
      workspace.remove();
    }
  });

  it('refuses a file changed on disk between read and write, and keeps the change', async () => {
    const workspace = buildWorkspace({ 'A.md': audit('\n'), 'RACE.md': audit('\n'), 'Z.md': audit('\n') });
    const usersEdit = `${audit('\n')}\nA line the user typed while the fix ran.\n`;
    try {
      const { code, stderr } = await check(workspace.root, ['--fix'], {
        beforeCommit: (document) => {
          if (document === 'RACE.md') fs.writeFileSync(path.join(workspace.root, 'RACE.md'), usersEdit);
        },
      });
      assert.equal(code, 2);
      assert.deepEqual(stderr.trimEnd().split('\n'), [
        'audit-lens: fixed 1 stale reference in A.md',
        'audit-lens: not written: RACE.md changed on disk while it was being fixed, so it was left as it is; run check --fix again',
        'audit-lens: fixed 1 stale reference in Z.md',
      ]);
      assert.equal(workspace.file('RACE.md'), usersEdit);
      assert.deepEqual(leftovers(workspace.root), []);
    } finally {
      workspace.remove();
    }
  });

  it('refuses a file changed after it was checked, and one changed after it was read', async () => {
    const workspace = buildWorkspace({ 'A.md': audit('\n'), 'B.md': audit('\n') });
    const changed = audit('\n').replace('repeats the arithmetic', 'repeats the arithmetic, twice');
    try {
      let analyses = 0;
      const { code, stderr } = await check(workspace.root, ['--fix'], {
        afterRead: (document) => {
          if (document === 'B.md') fs.writeFileSync(path.join(workspace.root, 'B.md'), changed);
        },
      }, async (host, options) => {
        const report = await analyzeWorkspace(host, options);
        // Between the check and the fix, someone saves A.md.
        if (analyses++ === 0) fs.writeFileSync(path.join(workspace.root, 'A.md'), changed);
        return report;
      });
      assert.equal(code, 2);
      assert.deepEqual(stderr.trimEnd().split('\n'), [
        'audit-lens: not written: A.md changed on disk after it was checked; run check --fix again',
        'audit-lens: not written: B.md changed on disk while it was being fixed, so it was left as it is; run check --fix again',
      ]);
      assert.equal(workspace.file('A.md'), changed);
      assert.equal(workspace.file('B.md'), changed);
      assert.equal(analyses, 1, 'nothing was fixed, so nothing is analyzed again');
    } finally {
      workspace.remove();
    }
  });

  it('fixes a symlinked document at its target and keeps the link', async function () {
    const workspace = buildWorkspace({ 'docs/real/AUDIT.md': audit('\n') });
    try {
      try {
        fs.symlinkSync('real/AUDIT.md', path.join(workspace.root, 'docs/LINKED.md'), 'file');
      } catch {
        this.skip();
      }
      await check(workspace.root, ['--fix', '--exclude', 'docs/real/**']);
      assert.equal(fs.lstatSync(path.join(workspace.root, 'docs/LINKED.md')).isSymbolicLink(), true);
      assert.match(workspace.file('docs/real/AUDIT.md'), /`backend\/bookings\/utils\.py:2`/);
    } finally {
      workspace.remove();
    }
  });

  it('leaves the original whole when the write fails half way', async () => {
    const workspace = buildWorkspace({ 'A.md': audit('\n') });
    const failing: AtomicWriteFileSystem = {
      readFile: (target) => fsPromises.readFile(target),
      stat: (target) => fsPromises.stat(target),
      async writeNewFile(target, data) {
        // Half the bytes reach the temporary file, then the disk is full.
        await fsPromises.writeFile(target, data.subarray(0, data.length >> 1), { flag: 'wx' });
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
      rename: (from, to) => fsPromises.rename(from, to),
      unlink: (target) => fsPromises.unlink(target),
    };
    try {
      const { code, stderr } = await check(workspace.root, ['--fix'], { fs: failing });
      assert.equal(code, 2);
      assert.equal(stderr, 'audit-lens: not written: A.md could not be written: ENOSPC: no space left on device, write\n');
      assert.equal(workspace.file('A.md'), audit('\n'));
    } finally {
      workspace.remove();
    }
  });
});

describe('writeFileAtomically', () => {
  let folder: string;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-atomic-'));
  });

  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('replaces the content through a temporary file in the same folder and a rename', async () => {
    const target = path.join(folder, 'notes.md');
    fs.writeFileSync(target, 'before\n');
    const calls: string[] = [];
    const recording: AtomicWriteFileSystem = {
      readFile: (at) => fsPromises.readFile(at),
      stat: (at) => fsPromises.stat(at),
      writeNewFile: async (at, data, mode) => {
        calls.push(`create ${path.dirname(at) === folder ? 'beside' : 'elsewhere'} ${path.basename(at).endsWith('.audit-lens-tmp')}`);
        await fsPromises.writeFile(at, data, { flag: 'wx', mode });
      },
      rename: async (from, to) => {
        calls.push(`rename onto ${path.basename(to)}`);
        await fsPromises.rename(from, to);
      },
      unlink: (at) => fsPromises.unlink(at),
    };
    const result = await writeFileAtomically(target, Buffer.from('after\n'), { expectedHash: contentHash(Buffer.from('before\n')), fs: recording });
    assert.deepEqual(result, { kind: 'written' });
    assert.deepEqual(calls, ['create beside true', 'rename onto notes.md']);
    assert.equal(fs.readFileSync(target, 'utf8'), 'after\n');
    assert.deepEqual(fs.readdirSync(folder), ['notes.md']);
  });

  it('writes nothing when the hash does not match, and when the file is gone', async () => {
    const target = path.join(folder, 'notes.md');
    fs.writeFileSync(target, 'someone else wrote this\n');
    assert.deepEqual(await writeFileAtomically(target, Buffer.from('ours\n'), { expectedHash: contentHash(Buffer.from('what we read\n')) }), { kind: 'changed-on-disk' });
    assert.equal(fs.readFileSync(target, 'utf8'), 'someone else wrote this\n');
    const missing = await writeFileAtomically(path.join(folder, 'gone.md'), Buffer.from('x'), { expectedHash: contentHash(Buffer.from('')) });
    assert.equal(missing.kind, 'failed');
    assert.deepEqual(fs.readdirSync(folder), ['notes.md']);
  });
});
