// The whole-workspace pass: which files are audit documents, lints across documents, order, one
// failing document among good ones, cancellation, and the promise that nothing outside the
// workspace is ever read or reported.
import assert from 'node:assert/strict';
import type { CancellationSignal, FileStat, Logger } from '../../server/src/core/workspace';
import { analyzeWorkspace } from '../../server/src/core/workspaceAnalyzer';
import { joinLines, MemoryWorkspace } from '../helpers/memoryWorkspace';

function sourceLines(count: number): string {
  let text = '';
  for (let line = 1; line <= count; line++) text += `step_${line}()\n`;
  return text;
}

const TRACKER = joinLines(
  '# Booking Service Tracker',
  '',
  '## 🟠 P1 - HIGH',
  '',
  '### BK-01: Double Booking Under Load',
  '**Severity:** 🟠 High',
  '**Status:** 🔴 Open',
  '**File:** `backend/bookings/views.py:12-18`',
  '**Dependencies:** OPS-02 (row locks), BK-09',
);

const OPS = joinLines(
  '# Operations Review',
  '',
  '### OPS-02: Row Locks Not Enabled',
  '**Severity:** 🟡 Medium',
  '**Status:** 🔴 Open',
  '**Dependencies:** BK-01',
);

/** A workspace that fails to read some paths: hosts should answer undefined, but a bug may throw. */
class FailingWorkspace extends MemoryWorkspace {
  constructor(
    files: Record<string, string | Uint8Array>,
    private readonly throwing: ReadonlySet<string>,
  ) {
    super(files);
  }

  override async readFile(relativePath: string): Promise<Uint8Array | undefined> {
    if (this.throwing.has(relativePath)) {
      this.reads.push(relativePath);
      throw new Error(`EIO: i/o error, read '${relativePath}'`);
    }
    return super.readFile(relativePath);
  }
}

/** Files that sit outside the workspace on the same machine: a host that forgot its root would serve them. */
const CANARY = 'CANARY-7f3a9c-do-not-leak';
const OUTSIDE_FILES: Record<string, string> = {
  '../outside/canary.txt': `${CANARY}\n`,
  '/etc/passwd': `root:x:0:0:${CANARY}:/root:/bin/sh\n`,
  '../../etc/passwd': `root:x:0:0:${CANARY}:/root:/bin/sh\n`,
};

/** A careless host: readFile and stat answer for paths outside the root too, so only the core's discipline keeps them out. */
class LeakyWorkspace extends MemoryWorkspace {
  override async readFile(relativePath: string): Promise<Uint8Array | undefined> {
    const outside = OUTSIDE_FILES[relativePath];
    if (outside !== undefined) {
      this.reads.push(relativePath);
      return new TextEncoder().encode(outside);
    }
    return super.readFile(relativePath);
  }

  override async stat(relativePath: string): Promise<FileStat | undefined> {
    const outside = OUTSIDE_FILES[relativePath];
    return outside !== undefined ? { size: outside.length, mtimeMs: 1 } : super.stat(relativePath);
  }
}

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info() {}, warn() {}, error: (message) => errors.push(message) };
}

describe('workspaceAnalyzer', () => {
  describe('selecting documents', () => {
    const files = {
      'README.md': '# Project\n',
      'docs/TECH_DEBT.md': TRACKER,
      'docs/archive/OLD_AUDIT.md': OPS,
      'docs/review.markdown': OPS,
      'docs/notes.txt': 'P1-01 is open\n',
      'node_modules/some-lib/README.md': '# Library\n',
      'vendor/tool/CHANGELOG.md': '# Changes\n',
      'third_party/x/SECURITY.md': '# Security\n',
      '.git/COMMIT_EDITMSG.md': 'wip\n',
      'backend/bookings/views.py': sourceLines(20),
    };

    it('takes every markdown file outside dependency folders by default', async () => {
      const report = await analyzeWorkspace(new MemoryWorkspace(files));
      assert.deepEqual(
        report.documents.map((document) => document.path),
        ['README.md', 'docs/TECH_DEBT.md', 'docs/archive/OLD_AUDIT.md', 'docs/review.markdown'],
      );
      assert.equal(report.root, '/workspace');
    });

    it('honours include globs instead of the default', async () => {
      const report = await analyzeWorkspace(new MemoryWorkspace(files), { include: ['docs/**/*.md'] });
      assert.deepEqual(
        report.documents.map((document) => document.path),
        ['docs/TECH_DEBT.md', 'docs/archive/OLD_AUDIT.md'],
      );
    });

    it('adds exclude globs to the built-in exclusions', async () => {
      const report = await analyzeWorkspace(new MemoryWorkspace(files), { exclude: ['docs/archive/**', 'README.md'] });
      assert.deepEqual(
        report.documents.map((document) => document.path),
        ['docs/TECH_DEBT.md', 'docs/review.markdown'],
      );
    });

    it('never reads files that are not documents, except to count referenced lines', async () => {
      const host = new MemoryWorkspace(files);
      await analyzeWorkspace(host);
      assert.deepEqual(
        [...host.reads].sort(),
        ['README.md', 'backend/bookings/views.py', 'docs/TECH_DEBT.md', 'docs/archive/OLD_AUDIT.md', 'docs/review.markdown'],
      );
    });
  });

  it('sorts documents by path whatever order the host lists them in', async () => {
    class ShuffledWorkspace extends MemoryWorkspace {
      override async listFiles(): Promise<string[]> {
        return (await super.listFiles()).reverse();
      }
    }
    const host = new ShuffledWorkspace({ 'b/AUDIT.md': OPS, 'a/z.md': OPS, 'a/B.md': OPS, 'A.md': OPS });
    const report = await analyzeWorkspace(host);
    assert.deepEqual(
      report.documents.map((document) => document.path),
      ['A.md', 'a/B.md', 'a/z.md', 'b/AUDIT.md'],
    );
  });

  describe('unknown-issue-id', () => {
    it('knows IDs defined in any document and flags only the ones nobody defines', async () => {
      const report = await analyzeWorkspace(new MemoryWorkspace({ 'docs/TRACKER.md': TRACKER, 'ops/REVIEW.md': OPS, 'backend/bookings/views.py': sourceLines(20) }));
      const [tracker, ops] = report.documents;
      assert.equal(tracker?.path, 'docs/TRACKER.md');
      assert.deepEqual(tracker?.issues[0]?.dependencies, ['OPS-02', 'BK-09']);
      const unknown = tracker?.diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-issue-id') ?? [];
      assert.equal(unknown.length, 1);
      assert.equal(unknown[0]?.severity, 'warning');
      assert.equal(unknown[0]?.message, 'BK-01 depends on BK-09, which no audit document in the workspace defines.');
      assert.deepEqual(unknown[0]?.range, tracker?.issues[0]?.range);
      assert.deepEqual(unknown[0]?.data, { id: 'BK-09' });
      assert.equal(ops?.path, 'ops/REVIEW.md');
      assert.deepEqual(ops?.diagnostics, [], 'BK-01 is defined in the other document');
    });

    it('flags a dependency whose only definition lies in a document that is not selected', async () => {
      const report = await analyzeWorkspace(new MemoryWorkspace({ 'docs/TRACKER.md': TRACKER, 'ops/REVIEW.md': OPS }), { include: ['docs/**'] });
      const unknown = report.documents[0]?.diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-issue-id').map((diagnostic) => diagnostic.data?.['id']);
      assert.deepEqual(unknown, ['OPS-02', 'BK-09']);
    });
  });

  describe('failures', () => {
    it('turns a read that throws into a read-error and analyzes the other documents', async () => {
      const logger = recordingLogger();
      const host = new FailingWorkspace({ 'docs/A.md': OPS, 'docs/B.md': TRACKER, 'docs/C.md': OPS }, new Set(['docs/B.md']));
      const report = await analyzeWorkspace(host, { logger });
      assert.deepEqual(
        report.documents.map((document) => [document.path, document.issues.length]),
        [
          ['docs/A.md', 1],
          ['docs/B.md', 0],
          ['docs/C.md', 1],
        ],
      );
      const failed = report.documents[1];
      assert.deepEqual(failed?.references, []);
      assert.equal(failed?.diagnostics.length, 1);
      assert.equal(failed?.diagnostics[0]?.code, 'read-error');
      assert.equal(failed?.diagnostics[0]?.severity, 'error');
      assert.match(failed?.diagnostics[0]?.message ?? '', /EIO: i\/o error/);
      assert.deepEqual(logger.errors, ['Audit Lens failed on docs/B.md']);
    });

    it('turns a document that vanished between listing and reading into a read-error', async () => {
      class VanishingWorkspace extends MemoryWorkspace {
        override async listFiles(): Promise<string[]> {
          return [...(await super.listFiles()), 'docs/GONE.md'];
        }
      }
      const report = await analyzeWorkspace(new VanishingWorkspace({ 'docs/A.md': OPS }));
      const gone = report.documents.find((document) => document.path === 'docs/GONE.md');
      assert.deepEqual(
        gone?.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message]),
        [['read-error', 'The document could not be read.']],
      );
      assert.equal(report.documents.find((document) => document.path === 'docs/A.md')?.issues.length, 1);
    });
  });

  it('starts no document once cancelled', async () => {
    const host = new MemoryWorkspace({ 'docs/A.md': OPS, 'docs/B.md': OPS, 'docs/C.md': OPS });
    let checks = 0;
    const signal: CancellationSignal = {
      get isCancellationRequested() {
        checks++;
        return host.reads.length >= 1;
      },
    };
    const report = await analyzeWorkspace(host, { signal });
    assert.deepEqual(report.documents.map((document) => document.path), ['docs/A.md']);
    assert.deepEqual(host.reads, ['docs/A.md']);
    assert.equal(checks, 3, 'each document asks once, before it starts');
  });

  it('returns no documents when cancelled before it starts', async () => {
    const host = new MemoryWorkspace({ 'docs/A.md': OPS });
    const report = await analyzeWorkspace(host, { signal: { isCancellationRequested: true } });
    assert.deepEqual(report.documents, []);
    assert.deepEqual(host.reads, []);
  });

  describe('the canary: nothing outside the workspace is read or reported', () => {
    const audit = joinLines(
      '# Hardening Review',
      '',
      '### SEC-01: Secrets Readable by Other Users',
      '**Status:** 🔴 Open',
      '**Files:** `../outside/canary.txt:1`, `/etc/passwd:1`, `../../etc/passwd:1`',
      '- See [the canary](../outside/canary.txt#L1) and /etc/passwd line 1',
      '',
      '```bash',
      'cat ../outside/canary.txt /etc/passwd',
      '```',
      '',
      '### SEC-02: Settings Reviewed',
      '**Status:** ✅ RESOLVED',
      '**File:** `backend/app/settings.py:3`',
    );
    // At the root `../outside/canary.txt` climbs out; from docs/ it names `outside/canary.txt`, which is not there.
    const files = { 'HARDENING.md': audit, 'docs/HARDENING.md': audit, 'backend/app/settings.py': sourceLines(10) };

    it('reads only the listed files', async () => {
      const host = new LeakyWorkspace(files);
      const report = await analyzeWorkspace(host);
      const listed = new Set(await host.listFiles());
      assert.ok(host.reads.length > 0);
      for (const path of host.reads) assert.ok(listed.has(path), `read ${path}, which the workspace does not list`);
      assert.deepEqual([...new Set(host.reads)].sort(), ['HARDENING.md', 'backend/app/settings.py', 'docs/HARDENING.md']);
      const [atRoot, inDocs] = report.documents.map((document) => new Map(document.references.map((reference) => [reference.text, reference.state])));
      assert.equal(atRoot?.get('../outside/canary.txt:1'), 'outside-workspace');
      assert.equal(atRoot?.get('/etc/passwd:1'), 'outside-workspace');
      assert.equal(atRoot?.get('../../etc/passwd:1'), 'outside-workspace');
      assert.equal(inDocs?.get('../outside/canary.txt:1'), 'missing-file');
      assert.equal(inDocs?.get('/etc/passwd:1'), 'outside-workspace');
      assert.equal(inDocs?.get('backend/app/settings.py:3'), 'ok');
      for (const document of report.documents) {
        for (const reference of document.references) {
          assert.ok(reference.resolvedPath === null || listed.has(reference.resolvedPath), `${reference.text} resolved to ${reference.resolvedPath}`);
        }
      }
    });

    it('puts no canary content in the report', async () => {
      const report = await analyzeWorkspace(new LeakyWorkspace(files));
      const json = JSON.stringify(report);
      assert.ok(json.includes('canary.txt'), 'the references themselves are reported');
      assert.ok(!json.includes(CANARY), 'the content behind them is not');
      assert.ok(!json.includes('root:x:0:0'));
    });
  });
});
