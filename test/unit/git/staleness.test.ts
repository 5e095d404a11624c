// Git-aware staleness on real repositories built in temporary folders: each test commits an audit
// document and code, changes the code the way real projects do, and checks the state and the
// suggestion of every reference.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeWithGit } from '../../../server/src/cli/gitAnalysis';
import { createNodeWorkspaceHost } from '../../../server/src/cli/nodeWorkspaceHost';
import type { ResolvedReference, WorkspaceReport } from '../../../server/src/core/model';
import { sourceFile, useTempRepo } from '../../helpers/gitRepo';

/** An audit document with one open issue per reference. */
function audit(...references: string[]): string {
  const issues = references.map((reference, index) => `### SEC-0${index + 1}: Finding ${index + 1}\n**Status:** Open\n**File:** \`${reference}\`\n`);
  return `# Security Audit\n\n${issues.join('\n')}`;
}

describe('git-aware staleness', function () {
  this.timeout(30_000);
  const fixture = useTempRepo();

  const analyze = async (options: { base?: string } = {}): Promise<WorkspaceReport> => analyzeWithGit(await createNodeWorkspaceHost(fixture.repo.root), options, fixture.storage);

  const references = async (options: { base?: string } = {}): Promise<Map<string, ResolvedReference>> => {
    const report = await analyze(options);
    return new Map(report.documents.flatMap((document) => document.references.map((reference) => [reference.text, reference] as const)));
  };

  const expectState = (found: Map<string, ResolvedReference>, text: string, state: string, suggestion: ResolvedReference['suggestion'] = null): void => {
    const reference = found.get(text);
    assert.ok(reference, `a reference ${text}`);
    assert.equal(reference.state, state, `${text}: ${reference.reason ?? ''}`);
    assert.deepEqual(reference.suggestion, suggestion, `${text} suggestion`);
  };

  it('keeps references to untouched code ok', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('AUDIT.md', audit('src/app.py:10-12'));
    fixture.repo.commit('audit');
    expectState(await references(), 'src/app.py:10-12', 'ok');
  });

  it('moves a reference when lines are inserted above it', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('AUDIT.md', audit('src/app.py:10-12', 'src/app.py:3'));
    fixture.repo.commit('audit');
    fixture.repo.edit('src/app.py', (lines) => [...lines.slice(0, 5), 'import os', 'import sys', '', ...lines.slice(5)]);
    fixture.repo.commit('imports');
    const found = await references();
    expectState(found, 'src/app.py:10-12', 'moved', { path: 'src/app.py', startLine: 13, endLine: 15 });
    expectState(found, 'src/app.py:3', 'ok');
  });

  it('follows uncommitted changes in the working tree too', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('AUDIT.md', audit('src/app.py:10-12'));
    fixture.repo.commit('audit');
    fixture.repo.edit('src/app.py', (lines) => ['# header', ...lines]);
    expectState(await references(), 'src/app.py:10-12', 'moved', { path: 'src/app.py', startLine: 11, endLine: 13 });
  });

  it('says changed when the lines were edited in place', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('AUDIT.md', audit('src/app.py:20', 'src/app.py:30-31'));
    fixture.repo.commit('audit');
    fixture.repo.edit('src/app.py', (lines) => {
      const copy = [...lines];
      copy[19] = '    return compute_safely(10, "app", value)';
      copy.splice(0, 0, '# moved down by one');
      return copy;
    });
    fixture.repo.commit('fix');
    const found = await references();
    expectState(found, 'src/app.py:20', 'changed', { path: 'src/app.py', startLine: 21, endLine: 21 });
    expectState(found, 'src/app.py:30-31', 'moved', { path: 'src/app.py', startLine: 31, endLine: 32 });
    const report = await analyze();
    const codes = report.documents[0]?.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity]);
    assert.deepEqual(codes, [
      ['changed-since-audit', 'information'],
      ['moved', 'warning'],
    ]);
  });

  it('says deleted when the lines are gone and the file remains', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('AUDIT.md', audit('src/app.py:10-12'));
    fixture.repo.commit('audit');
    fixture.repo.edit('src/app.py', (lines) => [...lines.slice(0, 9), ...lines.slice(12)]);
    fixture.repo.commit('remove');
    expectState(await references(), 'src/app.py:10-12', 'deleted');
  });

  it('follows a renamed file', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('AUDIT.md', audit('src/app.py:10-12'));
    fixture.repo.commit('audit');
    fs.mkdirSync(path.join(fixture.repo.root, 'src', 'core'));
    fixture.repo.git('mv', 'src/app.py', 'src/core/application.py');
    fixture.repo.edit('src/core/application.py', (lines) => ['"""Application."""', ...lines]);
    fixture.repo.commit('rename');
    const found = await references();
    expectState(found, 'src/app.py:10-12', 'moved', { path: 'src/core/application.py', startLine: 11, endLine: 13 });
    assert.match(found.get('src/app.py:10-12')?.reason ?? '', /src\/core\/application\.py:11-13/);
  });

  it('says moved when a renamed file is still found by its name, so the written path gets fixed', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('AUDIT.md', audit('src/app.py:10-12'));
    fixture.repo.commit('audit');
    fs.mkdirSync(path.join(fixture.repo.root, 'lib'));
    fixture.repo.git('mv', 'src/app.py', 'lib/app.py');
    fixture.repo.commit('move to lib');
    expectState(await references(), 'src/app.py:10-12', 'moved', { path: 'lib/app.py', startLine: 10, endLine: 12 });
  });

  it('reports a deleted file that no rename explains as missing', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('src/util.py', sourceFile(20, 'util'));
    fixture.repo.write('AUDIT.md', audit('src/util.py:5-6', 'src/util.py'));
    const written = fixture.repo.commit('audit');
    fixture.repo.remove('src/util.py');
    fixture.repo.commit('drop util');
    const found = await references();
    expectState(found, 'src/util.py:5-6', 'missing-file');
    expectState(found, 'src/util.py', 'missing-file');
    assert.match(found.get('src/util.py:5-6')?.reason ?? '', new RegExp(`deleted since ${written.slice(0, 7)}`));
  });

  it('finds code that moved to another file', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('AUDIT.md', audit('src/app.py:11-14'));
    fixture.repo.commit('audit');
    const moving = fixture.repo.read('src/app.py').split('\n').slice(10, 14);
    fixture.repo.edit('src/app.py', (lines) => [...lines.slice(0, 10), 'from helpers import app_6, app_7', ...lines.slice(14)]);
    fixture.repo.write('src/helpers.py', `"""Helpers."""\nimport math\n\n${moving.join('\n')}\n`);
    fixture.repo.commit('extract helpers');
    expectState(await references(), 'src/app.py:11-14', 'moved', { path: 'src/helpers.py', startLine: 4, endLine: 7 });
  });

  it('reads a document committed together with the fix against the parent commit', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('AUDIT.md', audit('src/app.py:3'));
    fixture.repo.commit('audit');
    // One commit fixes line 20 and adds the issue that describes it, ticked.
    fixture.repo.edit('src/app.py', (lines) => lines.map((line, index) => (index === 19 ? '    return compute_checked(10, "app", value)' : line)));
    fixture.repo.write('AUDIT.md', `${audit('src/app.py:3')}\n- [x] Unchecked compute in \`src/app.py:20\`\n`);
    fixture.repo.commit('fix compute and tick the box');
    const found = await references();
    expectState(found, 'src/app.py:20', 'changed');
    expectState(found, 'src/app.py:3', 'ok');
  });

  it('reads the parent when the issue quotes the parent\'s code, even if the fix only added lines above it', async () => {
    const { repo } = fixture;
    repo.write('src/app.py', sourceFile(40, 'app'));
    repo.write('AUDIT.md', audit('src/app.py:3'));
    repo.commit('audit');
    // The fix adds a guard above the code and ticks the box; the issue quotes the code as it was, at its old lines.
    repo.edit('src/app.py', (lines) => [...lines.slice(0, 19), '    if value is None:', '        raise ValueError("value")', ...lines.slice(19)]);
    repo.write('AUDIT.md', `${audit('src/app.py:3')}\n### SEC-09: Unchecked value\n- [x] \`src/app.py:20\`\n**Original Code:**\n\`\`\`python\n    return compute(10, "app", value)\n\`\`\`\n`);
    repo.commit('guard the value and tick the box');
    expectState(await references(), 'src/app.py:20', 'moved', { path: 'src/app.py', startLine: 22, endLine: 22 });
  });

  it('keeps code added in the same commit as its audit line ok', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('AUDIT.md', audit('src/app.py:3'));
    fixture.repo.commit('audit');
    fixture.repo.edit('src/app.py', (lines) => [...lines.slice(0, 20), 'def rate_limit(request):', '    return limiter.check(request.user)', ...lines.slice(20)]);
    fixture.repo.write('AUDIT.md', `${audit('src/app.py:3')}\n- [x] Rate limiting added in \`src/app.py:21-22\`\n`);
    fixture.repo.commit('add rate limiting');
    expectState(await references(), 'src/app.py:21-22', 'ok');
  });

  it('compares from --base for a document copied in from another branch', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('README.md', '# Project\n');
    const written = fixture.repo.commit('code');
    fixture.repo.edit('src/app.py', (lines) => ['import logging', 'import os', ...lines]);
    fixture.repo.commit('imports');
    // The audit was written on a branch against the first commit, then copied in.
    fixture.repo.write('AUDIT.md', audit('src/app.py:10-12'));
    fixture.repo.commit('copy the audit from the review branch');
    expectState(await references(), 'src/app.py:10-12', 'ok');
    expectState(await references({ base: written.slice(0, 8) }), 'src/app.py:10-12', 'moved', { path: 'src/app.py', startLine: 12, endLine: 14 });
  });

  it('refuses a --base that names no commit', async () => {
    fixture.repo.write('AUDIT.md', audit('src/app.py:1'));
    fixture.repo.commit('audit');
    await assert.rejects(analyze({ base: 'no-such-branch' }), /--base: 'no-such-branch' names no commit/);
  });

  it('ignores whitespace-only reformatting', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('AUDIT.md', audit('src/app.py:10-12', 'src/app.py:30-32'));
    fixture.repo.commit('audit');
    fixture.repo.edit('src/app.py', (lines) => lines.map((line, index) => (index >= 9 && index <= 11 ? `\t${line.replaceAll('    ', '\t')}  ` : line)));
    fixture.repo.commit('tabs');
    const found = await references();
    expectState(found, 'src/app.py:10-12', 'ok');
    fixture.repo.edit('src/app.py', (lines) => ['', '', ...lines.map((line) => line.replaceAll(', ', ','))]);
    fixture.repo.commit('reformat');
    expectState(await references(), 'src/app.py:30-32', 'moved', { path: 'src/app.py', startLine: 32, endLine: 34 });
  });

  it('gives an uncommitted document a baseline when first seen, then compares with it', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.commit('code');
    fixture.repo.write('AUDIT.md', audit('src/app.py:10-12', 'src/app.py:20'));
    let found = await references();
    expectState(found, 'src/app.py:10-12', 'ok');
    expectState(found, 'src/app.py:20', 'ok');
    fixture.repo.edit('src/app.py', (lines) => ['# one', '# two', ...lines.map((line, index) => (index === 19 ? '    return compute_safely(10, "app", value)' : line))]);
    found = await references();
    expectState(found, 'src/app.py:10-12', 'moved', { path: 'src/app.py', startLine: 12, endLine: 14 });
    expectState(found, 'src/app.py:20', 'changed', { path: 'src/app.py', startLine: 22, endLine: 22 });
    assert.ok(fs.readdirSync(fixture.storage).some((name) => name.startsWith('fingerprints-')), 'the baseline lives in the fixture.storage folder');
    assert.ok(!fs.readdirSync(fixture.repo.root).some((name) => name.includes('fingerprint')), 'nothing is written into the repository');
  });

  it('works in a workspace folder below the repository root, through renames and greps', async () => {
    const { repo } = fixture;
    repo.write('service/src/app.py', sourceFile(40, 'app'));
    repo.write('service/AUDIT.md', audit('src/app.py:10-12', 'src/app.py:21-22'));
    repo.write('other/AUDIT.md', audit('nothing.py:1'));
    repo.commit('monorepo');
    const moving = repo.read('service/src/app.py').split('\n').slice(20, 22);
    repo.edit('service/src/app.py', (lines) => ['import os', ...lines.slice(0, 20), ...lines.slice(22)]);
    repo.write('service/src/extracted.py', `${moving.join('\n')}\n`);
    fs.mkdirSync(path.join(repo.root, 'service', 'lib'));
    repo.git('mv', 'service/src/app.py', 'service/lib/app.py');
    repo.commit('extract and move');
    const report = await analyzeWithGit(await createNodeWorkspaceHost(path.join(repo.root, 'service')), {}, fixture.storage);
    const found = new Map(report.documents.flatMap((document) => document.references.map((reference) => [reference.text, reference] as const)));
    expectState(found, 'src/app.py:10-12', 'moved', { path: 'lib/app.py', startLine: 11, endLine: 13 });
    expectState(found, 'src/app.py:21-22', 'moved', { path: 'src/extracted.py', startLine: 1, endLine: 2 });
  });

  it('calls line references that look fine unverified outside a repository, and says why', async () => {
    fs.rmSync(path.join(fixture.repo.root, '.git'), { recursive: true });
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('AUDIT.md', audit('src/app.py:10-12', 'src/app.py:90', 'src/app.py'));
    const found = await references();
    expectState(found, 'src/app.py:10-12', 'unverified');
    assert.match(found.get('src/app.py:10-12')?.reason ?? '', /^Not checked against git history: .* is not inside a git working tree\.$/);
    expectState(found, 'src/app.py:90', 'line-out-of-range');
    expectState(found, 'src/app.py', 'ok', null);
    const unchecked = await analyzeWithGit(await createNodeWorkspaceHost(fixture.repo.root), { git: false }, fixture.storage);
    assert.equal(unchecked.documents[0]?.references.find((reference) => reference.text === 'src/app.py:10-12')?.state, 'ok', '--no-git turns the check off instead');
    await assert.rejects(analyze({ base: 'HEAD' }), /--base needs a git repository/);
  });

  it('never changes the repository', async () => {
    fixture.repo.write('src/app.py', sourceFile(40, 'app'));
    fixture.repo.write('AUDIT.md', audit('src/app.py:10-12'));
    fixture.repo.commit('audit');
    fixture.repo.edit('src/app.py', (lines) => ['# header', ...lines]);
    const indexBefore = fs.readFileSync(path.join(fixture.repo.root, '.git', 'index'));
    const statusBefore = fixture.repo.git('status', '--porcelain');
    await references();
    assert.deepEqual(fs.readFileSync(path.join(fixture.repo.root, '.git', 'index')), indexBefore);
    assert.equal(fixture.repo.git('status', '--porcelain'), statusBefore);
  });
});
