// The staleness check inside its two hosts: the CLI (`--base`, JSON `state` and `suggestion`,
// `--fix` updating moved references) and the server's incremental index (lenses and hints follow
// the code to where it moved).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeWithGit } from '../../../server/src/cli/gitAnalysis';
import { runCli, type CliEnvironment } from '../../../server/src/cli/checkCommand';
import { createNodeWorkspaceHost } from '../../../server/src/cli/nodeWorkspaceHost';
import { documentLinks } from '../../../server/src/core/features/documentLinks';
import { hoverAt } from '../../../server/src/core/features/hover';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { neverCancelled } from '../../../server/src/core/workspace';
import { StalenessChecker } from '../../../server/src/core/git/stalenessChecker';
import { MemoryFingerprintStore } from '../../../server/src/core/git/fingerprints';
import { openGitStaleness } from '../../../server/src/node/gitStaleness';
import { NodeGitRepository } from '../../../server/src/node/nodeGitRepository';
import { sourceFile, useTempRepo } from '../../helpers/gitRepo';

const AUDIT = '# Audit\n\n### SEC-01: Unchecked Input\n**Status:** Open\n**File:** `src/app.py:10-12`\n\n### SEC-02: Helper\n**Status:** Open\n**File:** `src/app.py:31-32`\n';

describe('git-aware staleness in the CLI and the index', function () {
  this.timeout(30_000);
  const fixture = useTempRepo();

  beforeEach(() => {
    const { repo } = fixture;
    repo.write('src/app.py', sourceFile(40, 'app'));
    repo.write('AUDIT.md', AUDIT);
    repo.commit('audit');
    const helper = repo.read('src/app.py').split('\n').slice(30, 32);
    repo.edit('src/app.py', (lines) => ['import os', 'import sys', '', ...lines.slice(0, 30), ...lines.slice(32)]);
    repo.write('src/helpers.py', `import math\n${helper.join('\n')}\n`);
    repo.commit('imports; move a helper out');
  });

  const cli = async (argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    let stdout = '';
    let stderr = '';
    const environment: CliEnvironment = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
      cwd: fixture.repo.root,
      version: '0.0.0-test',
      createHost: (root) => createNodeWorkspaceHost(root),
      analyze: (host, options) => analyzeWithGit(host, options, fixture.storage),
    };
    const code = await runCli(argv, environment);
    return { code, stdout, stderr };
  };

  it('prints state and suggestion in JSON, and compares from --base', async () => {
    const run = await cli(['check', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const references = (JSON.parse(run.stdout) as { references: Array<{ text: string; state: string; suggestion: unknown }> }).references;
    assert.deepEqual(
      references.map(({ text, state, suggestion }) => ({ text, state, suggestion })),
      [
        { text: 'src/app.py:10-12', state: 'moved', suggestion: { path: 'src/app.py', startLine: 13, endLine: 15 } },
        { text: 'src/app.py:31-32', state: 'moved', suggestion: { path: 'src/helpers.py', startLine: 2, endLine: 3 } },
      ],
    );
    const fromHead = JSON.parse((await cli(['check', '--format', 'json', '--base', 'HEAD'])).stdout) as { references: Array<{ state: string }> };
    // Against HEAD itself nothing has moved: --base says what the numbers were written against.
    assert.deepEqual(fromHead.references.map((reference) => reference.state), ['ok', 'ok']);
    const noGit = JSON.parse((await cli(['check', '--format', 'json', '--no-git'])).stdout) as { references: Array<{ state: string }> };
    assert.deepEqual(noGit.references.map((reference) => reference.state), ['ok', 'ok']);
    const bad = await cli(['check', '--base', 'nope']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^audit-lens: --base: 'nope' names no commit/);
  });

  it('fixes moved references with --fix, after which they are ok', async () => {
    const run = await cli(['check', '--fix', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(fixture.repo.read('AUDIT.md'), /`src\/app\.py:13-15`/);
    assert.match(fixture.repo.read('AUDIT.md'), /`src\/helpers\.py:2-3`/);
    const states = (JSON.parse(run.stdout) as { references: Array<{ state: string }> }).references.map((reference) => reference.state);
    assert.deepEqual(states, ['ok', 'ok']);
  });

  it('leaves changed references to their own quick fix: --fix does not renumber code that may be fixed', async () => {
    const { repo } = fixture;
    repo.write('FIXED.md', '# Later\n\n### SEC-09: Unchecked value\n**Status:** Open\n**File:** `src/app.py:30`\n');
    repo.commit('later audit');
    repo.edit('src/app.py', (lines) => ['# header', ...lines.map((line, index) => (index === 29 ? '    return compute_checked(14, "app", value)' : line))]);
    const run = await cli(['check', '--fix', '--format', 'json', '--include', 'FIXED.md']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(repo.read('FIXED.md'), /`src\/app\.py:30`/);
    const [reference] = (JSON.parse(run.stdout) as { references: Array<{ state: string; suggestion: unknown }> }).references;
    assert.deepEqual(reference, { ...reference, state: 'changed', suggestion: { path: 'src/app.py', startLine: 31, endLine: 31 } });
  });

  it('shows moved code where it stands now in the server index', async () => {
    const index = new WorkspaceIndex(await createNodeWorkspaceHost(fixture.repo.root));
    const setup = await openGitStaleness(fixture.repo.root, { storageFolder: fixture.storage, readCurrent: (file) => index.readSavedText(file), exists: (file) => index.files.has(file) });
    assert.equal(setup.kind, 'ready');
    if (setup.kind !== 'ready') return;
    try {
      index.configure({ staleness: setup.staleness.checker });
      await index.indexAll();
      const inApp = index.referencesTo('src/app.py').map((entry) => [entry.reference.text, entry.currentStartLine, entry.currentEndLine]);
      assert.deepEqual(inApp, [['src/app.py:10-12', 13, 15]]);
      const inHelpers = index.referencesTo('src/helpers.py').map((entry) => [entry.reference.text, entry.currentStartLine, entry.currentEndLine]);
      assert.deepEqual(inHelpers, [['src/app.py:31-32', 2, 3]]);
      // An unsaved edit above the moved code moves the lens again.
      index.updateSourceText('src/app.py', `# one more\n${fixture.repo.read('src/app.py')}`, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# one more\n' }]);
      assert.deepEqual(index.referencesTo('src/app.py').map((entry) => entry.currentStartLine), [14]);
      // A later check of the document answers for the saved file; the unsaved edit still moves the lens once.
      await index.updateDocumentText('AUDIT.md', fixture.repo.read('AUDIT.md'));
      assert.deepEqual(index.document('AUDIT.md')?.references[0]?.suggestion, { path: 'src/app.py', startLine: 13, endLine: 15 });
      assert.deepEqual(index.referencesTo('src/app.py').map((entry) => entry.currentStartLine), [14]);
      // Deleted code carries no lens: delete the moved helper and re-check.
      fs.writeFileSync(path.join(fixture.repo.root, 'src/helpers.py'), 'import math\n');
      await index.filesChanged([{ path: 'src/helpers.py', type: 'changed' }]);
      assert.equal(index.document('AUDIT.md')?.references[1]?.state, 'deleted');
      assert.deepEqual(index.referencesTo('src/app.py').map((entry) => entry.reference.text), ['src/app.py:10-12']);
      index.configure({ staleness: null });
      await index.indexAll();
      assert.deepEqual(index.document('AUDIT.md')?.references.map((reference) => reference.state), ['ok', 'ok']);
    } finally {
      await setup.staleness.close();
    }
  });

  it('blames an edited buffer from its last blame instead of running git on every keystroke', async () => {
    const opened = await NodeGitRepository.open(fixture.repo.root);
    assert.ok('repository' in opened);
    const git = opened.repository;
    let blames = 0;
    const counting = Object.assign(Object.create(git) as NodeGitRepository, {
      blame: (path: string, text?: string) => {
        blames++;
        return git.blame(path, text);
      },
    });
    const index = new WorkspaceIndex(await createNodeWorkspaceHost(fixture.repo.root));
    const checker = new StalenessChecker({ git: counting, readCurrent: (file) => index.readText(file), exists: (file) => index.files.has(file), fingerprints: new MemoryFingerprintStore() });
    try {
      index.configure({ staleness: checker });
      await index.indexAll();
      assert.equal(blames, 1);
      const text = fixture.repo.read('AUDIT.md');
      const edited = `${text}\n### SEC-03: New finding\n**Status:** Open\n**File:** \`src/app.py:20\`\n`;
      await index.updateDocumentText('AUDIT.md', edited);
      await index.updateDocumentText('AUDIT.md', `${edited}\nMore notes.\n`);
      assert.equal(blames, 1, 'edits reuse the first blame');
      const states = index.document('AUDIT.md')?.references.map((reference) => [reference.text, reference.state]);
      // The committed lines keep their commit (moved); the new line is uncommitted and gets a baseline (ok).
      assert.deepEqual(states, [
        ['src/app.py:10-12', 'moved'],
        ['src/app.py:31-32', 'moved'],
        ['src/app.py:20', 'ok'],
      ]);
    } finally {
      git.close();
    }
  });

  it('hovers a changed reference with the code then and now, and links moved code where it stands', async () => {
    const { repo } = fixture;
    repo.write('FIXED.md', '# Later\n\n### SEC-09: Unchecked value\n**Status:** Open\n**File:** `src/app.py:30`\n');
    repo.commit('later audit');
    repo.edit('src/app.py', (lines) => lines.map((line, index) => (index === 29 ? '    return compute_checked(14, "app", value)' : line)));
    const index = new WorkspaceIndex(await createNodeWorkspaceHost(repo.root));
    const setup = await openGitStaleness(repo.root, { storageFolder: fixture.storage, readCurrent: (file) => index.readText(file), exists: (file) => index.files.has(file) });
    assert.equal(setup.kind, 'ready');
    if (setup.kind !== 'ready') return;
    try {
      index.configure({ staleness: setup.staleness.checker });
      await index.indexAll();
      const changed = index.document('FIXED.md')?.references[0];
      assert.equal(changed?.state, 'changed');
      const hover = await hoverAt(index, 'FIXED.md', changed?.range.start ?? { line: 0, character: 0 }, neverCancelled);
      assert.match(hover?.markdown ?? '', /compute_checked\(14/, 'the code now');
      assert.match(hover?.markdown ?? '', /Then \([0-9a-f]{7}\):\n\n```python\ndef app_14\(value\):\n```/, 'the code then');
      const links = documentLinks(index, 'AUDIT.md', neverCancelled).map((link) => [link.targetPath, link.targetRange?.start.line]);
      assert.deepEqual(links, [
        ['src/app.py', 12],
        ['src/helpers.py', 1],
      ]);
    } finally {
      await setup.staleness.close();
    }
  });
});
