import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createNodeWorkspaceHost,
  type HostFileSystem,
  type NodeWorkspaceHost,
} from '../../server/src/cli/nodeWorkspaceHost';

/** node's fs with every read and stat recorded, so a test can prove what was (never) opened or stat-ed. */
function recordingFileSystem(overrides: Partial<HostFileSystem> = {}): HostFileSystem & { readPaths: string[]; statPaths: string[] } {
  const readPaths: string[] = [];
  const statPaths: string[] = [];
  const stated = (target: string): string => {
    statPaths.push(target);
    return target;
  };
  return {
    readPaths,
    statPaths,
    realpath: (target) => fsPromises.realpath(target),
    readdir: (target, options) => fsPromises.readdir(target, options),
    readFile: (target) => {
      readPaths.push(target);
      return fsPromises.readFile(target);
    },
    stat: (target) => fsPromises.stat(stated(target)),
    lstat: (target) => fsPromises.lstat(stated(target)),
    readdirSync: (target, options) => fs.readdirSync(target, options),
    lstatSync: (target) => fs.lstatSync(stated(target)),
    statSync: (target) => fs.statSync(stated(target)),
    realpathSync: (target) => fs.realpathSync.native(target),
    readFileSync: (target) => {
      readPaths.push(target);
      return fs.readFileSync(target);
    },
    ...overrides,
  };
}

function write(root: string, relativePath: string, content: string): void {
  const target = path.join(root, relativePath);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
}

function trySymlink(target: string, linkPath: string, type: 'file' | 'dir'): boolean {
  try {
    fs.symlinkSync(target, linkPath, type);
    return true;
  } catch {
    return false; // Windows without developer mode: the symlink cases are skipped
  }
}

describe('nodeWorkspaceHost', () => {
  let sandbox: string;
  let root: string;
  let outside: string;
  let canary: string;
  let symlinksWork: boolean;

  before(() => {
    sandbox = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-host-')));
    root = path.join(sandbox, 'repo');
    outside = path.join(sandbox, 'outside');
    canary = path.join(outside, 'canary.txt');
    write(outside, 'canary.txt', 'CANARY: must never be read\n');
    write(outside, 'ignore-everything', '*\n');

    write(root, '.gitignore', '*.log\nbuild/\n/dist\n!keep.log\n');
    write(root, '.git/HEAD', 'ref: refs/heads/main\n');
    write(root, '.git/info/exclude', 'local-notes.md\n');
    write(root, 'local-notes.md', 'my scratch notes\n');
    write(root, 'README.md', '# Uptime monitor\n\nSee docs/AUDIT.md.\n');
    write(root, 'docs/AUDIT.md', '## CRIT-1: token refresh race\n**File:** `src/main.py:12`\n');
    write(root, 'docs/drafts/wip.md', 'draft\n');
    write(root, 'app.log', 'log line\n');
    write(root, 'keep.log', 'kept on purpose\n');
    write(root, 'build/out.js', 'built\n');
    write(root, 'dist/bundle.js', 'bundled\n');
    write(root, 'src/dist/index.ts', 'export {};\n');
    write(root, 'src/main.py', 'def main():\n    return 0\n');
    write(root, 'src/.gitignore', 'generated/\n*.tmp\n!important.log\n');
    write(root, 'src/generated/schema.py', 'SCHEMA = {}\n');
    write(root, 'src/cache.tmp', 'tmp\n');
    write(root, 'src/important.log', 'important\n');
    write(root, 'src/nested/deeper.tmp', 'tmp\n');
    write(root, 'src/nested/handler.py', 'def handler(): ...\n');
    write(root, 'other/cache.tmp', 'not ignored here\n');
    write(root, 'node_modules/left-pad/index.js', 'module.exports = 1;\n');
    write(root, 'packages/web/node_modules/react/index.js', 'x\n');
    write(root, 'packages/web/.git', 'gitdir: ../../.git/worktrees/web\n');
    write(root, 'packages/web/src/app.ts', 'export const app = 1;\n');
    write(root, 'loop/inside.txt', 'inside the loop folder\n');
    write(root, 'weird/file.py', 'print("listed")\n');

    symlinksWork =
      trySymlink('..', path.join(root, 'loop/parent'), 'dir') &&
      trySymlink(canary, path.join(root, 'link-to-canary.txt'), 'file') &&
      trySymlink(path.join(root, 'README.md'), path.join(root, 'link-to-readme.md'), 'file') &&
      trySymlink(outside, path.join(root, 'outside-dir'), 'dir') &&
      trySymlink(path.join(root, 'nowhere.txt'), path.join(root, 'dangling.txt'), 'file') &&
      trySymlink(path.join(outside, 'ignore-everything'), path.join(root, 'weird/.gitignore'), 'file');
  });

  after(() => {
    fs.rmSync(sandbox, { recursive: true, force: true });
  });

  describe('listFiles', () => {
    it('lists what git would track, honouring root and nested .gitignore files and info/exclude', async () => {
      const host = await createNodeWorkspaceHost(root);
      const files = await host.listFiles();
      const expected = [
        '.gitignore',
        'README.md',
        'docs/AUDIT.md',
        'docs/drafts/wip.md',
        'keep.log',
        'loop/inside.txt',
        'other/cache.tmp',
        'packages/web/src/app.ts',
        'src/.gitignore',
        'src/dist/index.ts',
        'src/important.log',
        'src/main.py',
        'src/nested/handler.py',
        'weird/file.py',
      ];
      if (symlinksWork) expected.push('link-to-readme.md');
      assert.deepEqual(files, expected.sort());
    });

    it('applies extra ignores on top of the .gitignore rules', async () => {
      const host = await createNodeWorkspaceHost(root, { extraIgnores: ['docs/drafts/', '!*.log', 'keep.log'] });
      const files = await host.listFiles();
      assert.equal(files.includes('docs/drafts/wip.md'), false);
      assert.equal(files.includes('keep.log'), false);
      assert.equal(files.includes('app.log'), false);
      assert.equal(files.includes('docs/AUDIT.md'), true);
    });

    it('resolves the root through symlinks', async function () {
      const rootLink = path.join(sandbox, 'repo-link');
      if (!trySymlink(root, rootLink, 'dir')) this.skip();
      const host = await createNodeWorkspaceHost(rootLink);
      assert.equal(host.root, root);
      assert.equal((await host.listFiles()).includes('src/main.py'), true);
    });

    it('lists the same with only the promise-based calls', async () => {
      const synchronous = await (await createNodeWorkspaceHost(root, { fs: recordingFileSystem() })).listFiles();
      const promiseOnly = { readdirSync: undefined, lstatSync: undefined, statSync: undefined, realpathSync: undefined, readFileSync: undefined };
      const promised = await (await createNodeWorkspaceHost(root, { fs: recordingFileSystem(promiseOnly) })).listFiles();
      assert.deepEqual(promised, synchronous);
      assert.ok(synchronous.includes('src/main.py'));
    });

    it('caches the list until invalidated', async () => {
      const host = await createNodeWorkspaceHost(root);
      const before = await host.listFiles();
      write(root, 'src/added_later.py', 'x = 1\n');
      try {
        assert.deepEqual(await host.listFiles(), before);
        host.invalidate();
        assert.equal((await host.listFiles()).includes('src/added_later.py'), true);
      } finally {
        fs.rmSync(path.join(root, 'src/added_later.py'));
      }
    });

    it('returns copies, so a caller cannot change the cache', async () => {
      const host = await createNodeWorkspaceHost(root);
      (await host.listFiles()).push('invented.py');
      assert.equal((await host.listFiles()).includes('invented.py'), false);
    });

    it('skips a folder it cannot read and lists the rest', async () => {
      const denied = path.join(root, 'src');
      const fileSystem = recordingFileSystem({
        readdir: (target, options) => {
          if (target === denied) return Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
          return fsPromises.readdir(target, options);
        },
        readdirSync: (target, options) => {
          if (target === denied) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
          return fs.readdirSync(target, options);
        },
      });
      const host = await createNodeWorkspaceHost(root, { fs: fileSystem });
      const files = await host.listFiles();
      assert.equal(files.some((file) => file.startsWith('src/')), false);
      const promised = await (await createNodeWorkspaceHost(root, { fs: { ...fileSystem, readdirSync: undefined } })).listFiles();
      assert.deepEqual(promised, files);
      assert.equal(files.includes('docs/AUDIT.md'), true);
    });

    it('does not read info/exclude through a symlinked .git folder', async function () {
      const linkedRepo = path.join(sandbox, 'linked-git-repo');
      write(linkedRepo, 'app.py', 'print(1)\n');
      write(outside, 'gitdir/info/exclude', '*\n');
      if (!trySymlink(path.join(outside, 'gitdir'), path.join(linkedRepo, '.git'), 'dir')) this.skip();
      const fileSystem = recordingFileSystem();
      const host = await createNodeWorkspaceHost(linkedRepo, { fs: fileSystem });
      assert.deepEqual(await host.listFiles(), ['app.py']);
      assert.deepEqual(fileSystem.readPaths, []);
    });

    it('yields an empty workspace for a root that does not exist', async () => {
      const host = await createNodeWorkspaceHost(path.join(sandbox, 'no-such-folder'));
      assert.deepEqual(await host.listFiles(), []);
      assert.equal(await host.readFile('README.md'), undefined);
    });

    it('never enters a symlinked folder, never reads a symlinked ignore file, never opens an outside file', async function () {
      if (!symlinksWork) this.skip();
      const fileSystem = recordingFileSystem();
      const host = await createNodeWorkspaceHost(root, { fs: fileSystem });
      const files = await host.listFiles();
      assert.equal(files.some((file) => file.startsWith('loop/parent')), false);
      assert.equal(files.some((file) => file.startsWith('outside-dir')), false);
      assert.equal(files.includes('link-to-canary.txt'), false);
      assert.equal(files.includes('dangling.txt'), false);
      assert.deepEqual(
        fileSystem.readPaths.map((target) => path.relative(root, target).split(path.sep).join('/')).sort(),
        ['.git/info/exclude', '.gitignore', 'src/.gitignore'],
      );
    });
  });

  describe('reads', () => {
    let host: NodeWorkspaceHost;
    let fileSystem: ReturnType<typeof recordingFileSystem>;

    beforeEach(async () => {
      fileSystem = recordingFileSystem();
      host = await createNodeWorkspaceHost(root, { fs: fileSystem });
    });

    afterEach(() => {
      const touchedOutside = fileSystem.readPaths.filter((target) => !target.startsWith(root + path.sep));
      assert.deepEqual(touchedOutside, [], 'a read left the root');
      assert.equal(fileSystem.readPaths.includes(canary), false);
    });

    it('reads and stats files inside the root', async () => {
      const bytes = await host.readFile('src/main.py');
      assert.equal(new TextDecoder().decode(bytes), 'def main():\n    return 0\n');
      assert.deepEqual(await host.readFile('src\\main.py'), bytes);
      assert.deepEqual(await host.readFile('./src/../src/main.py'), bytes);
      const stat = await host.stat('src/main.py');
      assert.equal(stat?.size, 25);
      assert.equal(typeof stat?.mtimeMs, 'number');
    });

    it('answers undefined for missing files and folders', async () => {
      assert.equal(await host.readFile('src/removed.py'), undefined);
      assert.equal(await host.stat('src/removed.py'), undefined);
      assert.equal(await host.readFile('src'), undefined);
      assert.equal(await host.stat('src'), undefined);
      assert.equal(await host.readFile(''), undefined);
    });

    it('refuses lexical escapes and absolute paths without touching the file', async () => {
      const fromRoot = path.relative(root, canary).split(path.sep).join('/');
      for (const escape of [fromRoot, `src/../${fromRoot}`, canary, '/etc/passwd', 'C:\\Windows\\win.ini', '..', `src/${'../'.repeat(20)}etc/passwd`]) {
        assert.equal(await host.readFile(escape), undefined, escape);
        assert.equal(await host.stat(escape), undefined, escape);
        assert.equal(await host.isOutsideRoot(escape), true, escape);
      }
    });

    it('refuses symlinks that lead outside, without opening their targets', async function () {
      if (!symlinksWork) this.skip();
      for (const escape of ['link-to-canary.txt', 'outside-dir/canary.txt', 'outside-dir/ignore-everything', 'weird/.gitignore']) {
        assert.equal(await host.readFile(escape), undefined, escape);
        assert.equal(await host.stat(escape), undefined, escape);
        assert.equal(await host.isOutsideRoot(escape), true, escape);
      }
      // The folder link leads outside even where the file under it does not exist (yet).
      assert.equal(await host.isOutsideRoot('outside-dir/not-there/x.py'), true);
    });

    it('follows symlinks that stay inside', async function () {
      if (!symlinksWork) this.skip();
      assert.equal(new TextDecoder().decode(await host.readFile('link-to-readme.md')).startsWith('# Uptime monitor'), true);
      assert.equal(await host.isOutsideRoot('link-to-readme.md'), false);
      assert.equal(await host.isOutsideRoot('loop/parent/README.md'), false);
    });

    it('tells paths inside the root, existing or not', async () => {
      assert.equal(await host.isOutsideRoot('README.md'), false);
      assert.equal(await host.isOutsideRoot('src/not-yet/created.py'), false);
      assert.equal(await host.isOutsideRoot('src/../README.md'), false);
      assert.equal(await host.isOutsideRoot('../x'), true);
    });
  });

  describe('after a walk', () => {
    let realpathCalls: string[];
    let host: NodeWorkspaceHost;
    let fileSystem: ReturnType<typeof recordingFileSystem>;

    beforeEach(async () => {
      realpathCalls = [];
      fileSystem = recordingFileSystem({
        realpath: (target) => {
          realpathCalls.push(target);
          return fsPromises.realpath(target);
        },
        realpathSync: (target) => {
          realpathCalls.push(target);
          return fs.realpathSync.native(target);
        },
      });
      host = await createNodeWorkspaceHost(root, { fs: fileSystem });
      await host.listFiles();
      realpathCalls.length = 0;
    });

    afterEach(() => {
      assert.equal(fileSystem.readPaths.includes(canary), false);
    });

    it('answers for plain files and missing paths in walked folders with one realpath per folder', async () => {
      assert.equal((await host.stat('src/main.py'))?.size, 25);
      assert.equal(await host.isOutsideRoot('src/main.py'), false);
      assert.equal(await host.isOutsideRoot('src/not-yet/created.py'), false);
      assert.equal(await host.isOutsideRoot('docs/../src/nested/gone.py'), false);
      assert.equal(await host.isOutsideRoot('README.md'), false);
      assert.equal(await host.isOutsideRoot('not-there.md'), false);
      const realRoot = fs.realpathSync(root);
      assert.deepEqual(realpathCalls, [path.join(realRoot, 'src'), path.join(realRoot, 'src', 'nested')], 'the root is known; each folder is resolved once');
    });

    it('resolves a walked folder again after the walk is invalidated', async () => {
      assert.equal(await host.isOutsideRoot('src/a.py'), false);
      assert.equal(await host.isOutsideRoot('src/b.py'), false);
      host.invalidate();
      await host.listFiles();
      assert.equal(await host.isOutsideRoot('src/c.py'), false);
      assert.deepEqual(realpathCalls.filter((called) => called.endsWith(`${path.sep}src`)).length, 2);
    });

    it('judges files under a folder replaced by a symlink since the walk by where the link leads', async function () {
      if (!symlinksWork) this.skip();
      const src = path.join(root, 'src');
      const moved = path.join(path.dirname(canary), 'moved-src');
      fs.renameSync(src, moved);
      try {
        assert.ok(trySymlink(moved, src, 'dir'));
        assert.equal(await host.stat('src/main.py'), undefined, 'no metadata from outside');
        assert.equal(await host.readFile('src/main.py'), undefined);
        assert.equal(await host.isOutsideRoot('src/main.py'), true);
        assert.equal(await host.isOutsideRoot('src/not-yet/created.py'), true);
        assert.equal(fileSystem.statPaths.some((stated) => stated.startsWith(moved)), false, 'the outside folder was never stat-ed');
      } finally {
        fs.rmSync(src, { force: true });
        fs.renameSync(moved, src);
      }
    });

    it('still asks the file system about symlinks and folders it did not walk', async function () {
      assert.equal(await host.isOutsideRoot('build/out.js'), false, 'an ignored folder inside');
      assert.ok(realpathCalls.length > 0, 'the ignored folder went to the file system');
      if (!symlinksWork) this.skip();
      for (const escape of ['link-to-canary.txt', 'outside-dir/canary.txt', 'outside-dir/not-there/x.py', 'weird/.gitignore']) {
        assert.equal(await host.stat(escape), undefined, escape);
        assert.equal(await host.isOutsideRoot(escape), true, escape);
      }
      assert.equal(await host.isOutsideRoot('loop/parent/README.md'), false);
    });

    it('judges a file replaced by a symlink since the walk by where the link leads', async function () {
      if (!symlinksWork) this.skip();
      write(root, 'src/swapped.py', 'x = 1\n');
      host.invalidate();
      await host.listFiles();
      fs.rmSync(path.join(root, 'src/swapped.py'));
      assert.ok(trySymlink(canary, path.join(root, 'src/swapped.py'), 'file'));
      try {
        assert.equal(await host.stat('src/swapped.py'), undefined);
        assert.equal(await host.readFile('src/swapped.py'), undefined);
        assert.equal(await host.isOutsideRoot('src/swapped.py'), true);
      } finally {
        fs.rmSync(path.join(root, 'src/swapped.py'));
      }
    });

    it('forgets the walk when invalidated', async () => {
      host.invalidate();
      assert.equal(await host.isOutsideRoot('src/not-yet/created.py'), false);
      assert.ok(realpathCalls.length > 0, 'without a walk the answer comes from the file system');
    });
  });
});
