// The hostile workspace (hostileWorkspace.ts) through the three ways Audit Lens reads a workspace:
// the analyzer over the real node host, the CLI in every output format, and the server's own
// incremental index with its hover, link and completion features. Every one runs over a spying
// file system: nothing outside the root may be opened or even stat'ed, and no output may hold the
// canary's content or its real path. The 50 MB and 100,000-reference documents run through the
// analyzer once; the other runs exclude them to stay fast.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli, type CliEnvironment } from '../../../server/src/cli/checkCommand';
import { createNodeWorkspaceHost } from '../../../server/src/cli/nodeWorkspaceHost';
import { completionsAt } from '../../../server/src/core/features/completion';
import { documentLinks } from '../../../server/src/core/features/documentLinks';
import { hoverAt } from '../../../server/src/core/features/hover';
import { queryIssues } from '../../../server/src/core/features/issueQueries';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import type { DocumentAnalysis, WorkspaceReport } from '../../../server/src/core/model';
import { neverCancelled } from '../../../server/src/core/workspace';
import { analyzeWorkspace } from '../../../server/src/core/workspaceAnalyzer';
import { APP_LINES, buildHostileWorkspace, CANARY_CONTENT, HOSTILE_REFERENCES, outsideOf, spyFileSystem, type HostileWorkspace, type SpyFileSystem } from './hostileWorkspace';

const EXPENSIVE = ['docs/huge.md', 'docs/many-references.md'];

function documentOf(report: WorkspaceReport, documentPath: string): DocumentAnalysis {
  const found = report.documents.find((candidate) => candidate.path === documentPath);
  assert.ok(found, `${documentPath} was analyzed`);
  return found;
}

function codes(analysis: DocumentAnalysis): string[] {
  return analysis.diagnostics.map((diagnostic) => diagnostic.code);
}

describe('hostile workspace', function () {
  // One pass over 50 MB and 100,000 references; seconds, generous for a loaded machine.
  this.timeout(180_000);
  let workspace: HostileWorkspace;

  /** Fails when anything outside the root was touched, or any text holds the canary. */
  const assertSealed = (spy: SpyFileSystem, ...outputs: string[]): void => {
    assert.deepEqual(outsideOf(workspace.root, spy.opened), [], 'a file outside the root was opened');
    assert.deepEqual(outsideOf(workspace.root, spy.statted), [], 'a file outside the root was stat’ed');
    for (const output of outputs) {
      assert.equal(output.includes(CANARY_CONTENT), false, 'an output holds the canary’s content');
      assert.equal(output.includes('CANARY-5e1d'), false, 'an output holds part of the canary');
      assert.equal(output.includes(workspace.canary), false, 'an output holds the canary’s real path');
      assert.equal(output.includes(path.dirname(workspace.canary)), false, 'an output holds the outside folder’s real path');
    }
  };

  /** What a reference's state must be; link-based escapes are missing files where symlinks are refused. */
  const expectedState = (text: string, state: string): string =>
    !workspace.symlinks && (text.startsWith('link-to-canary') || text.startsWith('outside-dir/')) ? 'missing-file' : state;

  before(() => {
    workspace = buildHostileWorkspace({ huge: true, manyReferences: true });
  });

  after(() => {
    workspace?.remove();
  });

  describe('the analyzer over the node host', () => {
    let report: WorkspaceReport;
    let spy: SpyFileSystem;
    let elapsedMs: number;

    before(async () => {
      spy = spyFileSystem();
      const host = await createNodeWorkspaceHost(workspace.root, { fs: spy });
      const started = Date.now();
      report = await analyzeWorkspace(host);
      elapsedMs = Date.now() - started;
    });

    it('lists the odd names, and nothing through a loop or a link out', () => {
      const expected = ['HOSTILE.md', 'docs/binary.md', 'docs/huge.md', 'docs/invalid-utf8.md', 'docs/line-ends.md', 'docs/many-references.md', 'src/app.py', 'src/my file.ts', 'src/ünïcode.ts', 'src/日本語/設定.py'];
      if (workspace.colonNames) expected.push('src/a:b.ts');
      assert.deepEqual(report.documents.map((document) => document.path), expected.filter((file) => file.endsWith('.md')).sort());
      assert.equal(report.documents.some((document) => document.path.startsWith('loop/') || document.path === 'docs/leak.md'), false);
    });

    it('answers every hostile reference as outside the workspace, and the odd names as files', () => {
      const hostile = documentOf(report, 'HOSTILE.md');
      const states = hostile.references.map((reference) => [reference.text, reference.state, reference.resolvedPath]);
      assert.deepEqual(states, [
        ...HOSTILE_REFERENCES.map(([text, state]) => [text, expectedState(text, state), null]),
        ['src/app.py:3-9', 'ok', 'src/app.py'],
        ['src/my file.ts:2', 'ok', 'src/my file.ts'],
        ['src/ünïcode.ts:3', 'ok', 'src/ünïcode.ts'],
        ['src/日本語/設定.py:1', 'ok', 'src/日本語/設定.py'],
        ['src/my%20file.ts#L2', 'ok', 'src/my file.ts'],
        // The loop is never entered, so the path through it names no listed file.
        ['loop/parent/src/app.py:4', 'missing-file', null],
        // A code span that holds a whole path keeps the colon in the file name (Unix allows it).
        ['src/a:b.ts:1', workspace.colonNames ? 'ok' : 'missing-file', workspace.colonNames ? 'src/a:b.ts' : null],
      ]);
      const outside = hostile.diagnostics.filter((diagnostic) => diagnostic.code === 'outside-workspace');
      assert.equal(outside.length, HOSTILE_REFERENCES.filter(([text, state]) => expectedState(text, state) === 'outside-workspace').length);
      assert.ok(outside.every((diagnostic) => diagnostic.severity === 'warning' && /never reads it/.test(diagnostic.message)));
      assert.deepEqual(hostile.issues.map((issue) => [issue.key, issue.status]), [['SEC-01', 'open'], ['SEC-02', 'in-progress'], ['SEC-03', 'open']]);
    });

    it('gives the binary, the invalid UTF-8 and the mixed line ends each their diagnostic', () => {
      assert.deepEqual(codes(documentOf(report, 'docs/binary.md')), ['binary-file']);
      assert.deepEqual(documentOf(report, 'docs/binary.md').references, []);
      const invalid = documentOf(report, 'docs/invalid-utf8.md');
      assert.deepEqual([invalid.encoding, codes(invalid), invalid.references.map((reference) => reference.state)], ['invalid-utf-8', ['invalid-utf-8'], ['ok']]);
      const ends = documentOf(report, 'docs/line-ends.md');
      assert.deepEqual(codes(ends), []);
      assert.deepEqual(ends.issues.map((issue) => [issue.key, issue.status, issue.range.start.line]), [['EOL-01', 'open', 2], ['EOL-02', 'resolved', 6]]);
      assert.deepEqual(ends.references.map((reference) => [reference.text, reference.range.start.line, reference.state]), [['src/app.py:2', 4, 'ok'], ['src/app.py:3', 8, 'ok']]);
    });

    it('reads a 50 MB document for references only, and says so', () => {
      const huge = documentOf(report, 'docs/huge.md');
      assert.ok(workspace.hugeBytes >= 50 * 1024 * 1024);
      assert.deepEqual(codes(huge), ['document-too-large']);
      assert.match(huge.diagnostics[0]?.message ?? '', /^This document has 50\.0 MB of text/);
      assert.deepEqual(huge.issues, []);
      assert.deepEqual(huge.references.map((reference) => [reference.text, reference.state]), [['src/app.py:7', 'ok']]);
    });

    it('checks all 100,000 references of one document', () => {
      const many = documentOf(report, 'docs/many-references.md');
      assert.equal(many.references.length, workspace.manyReferenceCount);
      // Lines 61-65 of a 60-line file: five of every 65 references.
      const outOfRange = Math.floor(workspace.manyReferenceCount / 65) * 5;
      assert.equal(many.references.filter((reference) => reference.state === 'line-out-of-range').length, outOfRange);
      assert.equal(many.references.filter((reference) => reference.state === 'ok').length, workspace.manyReferenceCount - outOfRange);
      assert.equal(many.diagnostics.filter((diagnostic) => diagnostic.code === 'line-out-of-range').length, outOfRange);
      assert.equal(many.references.at(-1)?.text, `src/app.py:${((workspace.manyReferenceCount - 1) % 65) + 1}`);
      assert.ok(APP_LINES < 65);
    });

    it('answers in bounded time and never touches the outside', () => {
      // A bound only against hangs (seconds on a quiet machine); the linearity tests measure growth.
      assert.ok(elapsedMs < 120_000, `took ${elapsedMs} ms`);
      assertSealed(spy, JSON.stringify(report));
      assert.equal(spy.opened.includes(workspace.canary), false);
    });
  });

  describe('the CLI', () => {
    for (const format of ['json', 'text', 'sarif']) {
      it(`prints no canary in ${format}, and opens nothing outside`, async () => {
        const spy = spyFileSystem();
        let stdout = '';
        let stderr = '';
        const environment: CliEnvironment = {
          stdout: { write: (text: string) => void (stdout += text) },
          stderr: { write: (text: string) => void (stderr += text) },
          env: {},
          cwd: workspace.root,
          version: '0.0.0-test',
          createHost: (root) => createNodeWorkspaceHost(root, { fs: spy }),
          analyze: (host, options) => analyzeWorkspace(host, options),
        };
        const args = ['check', '.', '--format', format, ...EXPENSIVE.flatMap((file) => ['--exclude', file])];
        assert.equal(await runCli(args, environment), 1, 'missing files are errors');
        assert.equal(stderr, '');
        assert.ok(stdout.includes('..%2F..%2Fetc%2Fpasswd'), 'the hostile references are reported');
        assertSealed(spy, stdout);
      });
    }
  });

  describe('the server’s index and features', () => {
    let index: WorkspaceIndex;
    let spy: SpyFileSystem;
    let text: string;

    before(async () => {
      spy = spyFileSystem();
      index = new WorkspaceIndex(await createNodeWorkspaceHost(workspace.root, { fs: spy }), { exclude: EXPENSIVE });
      await index.indexAll();
      text = index.document('HOSTILE.md')?.text ?? '';
      assert.ok(text.length > 0);
    });

    it('hovers every reference without reading outside', async () => {
      const outputs: string[] = [];
      for (const reference of index.document('HOSTILE.md')?.references ?? []) {
        const hover = await hoverAt(index, 'HOSTILE.md', reference.range.start, neverCancelled);
        assert.ok(hover, `a hover for ${reference.text}`);
        outputs.push(hover.markdown);
      }
      const spaced = outputs[HOSTILE_REFERENCES.length + 1] ?? '';
      assert.match(spaced, /export const second = 2;/, 'the spaced file’s line 2 is shown');
      assertSealed(spy, ...outputs);
    });

    it('links only to listed workspace files', () => {
      const links = documentLinks(index, 'HOSTILE.md', neverCancelled);
      assert.deepEqual(
        links.map((link) => link.targetPath),
        ['src/app.py', 'src/my file.ts', 'src/ünïcode.ts', 'src/日本語/設定.py', 'src/my file.ts', ...(workspace.colonNames ? ['src/a:b.ts'] : [])],
      );
      assert.ok(links.every((link) => index.files.has(link.targetPath)));
      assertSealed(spy, JSON.stringify(links));
    });

    it('completes no path or line number from outside', async () => {
      const probes = ['`../outside/', '`../outside/canary.md:', '`outside-dir/', '`outside-dir/canary.md:', '`link-to-', '`link-to-canary.md:', '`~/.ssh/', '`/etc/'];
      const outputs: string[] = [];
      for (const probe of probes) {
        const edited = `${text}\n${probe}`;
        const position = { line: edited.split('\n').length - 1, character: probe.length };
        const proposals = await completionsAt(index, 'HOSTILE.md', edited, position, neverCancelled, { filePaths: index.files.paths() });
        outputs.push(JSON.stringify(proposals));
        assert.ok(proposals.every((proposal) => proposal.kind !== 'line'), `no line numbers after ${probe}`);
      }
      const spaced = await completionsAt(index, 'HOSTILE.md', `${text}\n\`src/my`, { line: text.split('\n').length, character: 7 }, neverCancelled, { filePaths: index.files.paths() });
      assert.ok(spaced.some((proposal) => proposal.label === 'src/my file.ts'), JSON.stringify(spaced.map((proposal) => proposal.label)));
      assertSealed(spy, ...outputs);
    });

    it('reads no text through an escape, and the issue tree holds no canary', async () => {
      for (const escape of ['../outside/canary.md', 'link-to-canary.md', 'outside-dir/canary.md', 'docs/leak.md', workspace.canary, 'loop/self-loop', 'loop/ping.md']) {
        assert.equal(await index.readText(escape), undefined, escape);
      }
      const tree = queryIssues(index, {}, neverCancelled);
      assert.equal(tree.counts.issues, 6);
      assertSealed(spy, JSON.stringify(tree), JSON.stringify(index.documents()));
    });
  });
});
