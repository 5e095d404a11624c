// Quoted code as evidence: an issue that quotes the code it is about ("Original Code:", "Bug:")
// confirms or corrects its references, with or without git.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeWithGit } from '../../../server/src/cli/gitAnalysis';
import { createNodeWorkspaceHost } from '../../../server/src/cli/nodeWorkspaceHost';
import type { ResolvedReference } from '../../../server/src/core/model';
import { sourceFile, useTempRepo } from '../../helpers/gitRepo';

describe('quoted code', function () {
  this.timeout(30_000);
  const fixture = useTempRepo();

  const states = async (): Promise<Map<string, ResolvedReference>> => {
    const report = await analyzeWithGit(await createNodeWorkspaceHost(fixture.repo.root), {}, fixture.storage);
    return new Map(report.documents.flatMap((document) => document.references.map((reference) => [reference.text, reference] as const)));
  };

  const withoutGit = (): void => fs.rmSync(path.join(fixture.repo.root, '.git'), { recursive: true });

  /** Lines 30-31 of sourceFile(60, 'app'), the code the issues quote. */
  const QUOTED = 'def app_16(value):\n    return compute(16, "app", value)';

  it('moves a reference to the one place the quoted original code stands, outside git', async () => {
    withoutGit();
    const { repo } = fixture;
    repo.write('src/app.py', sourceFile(60, 'app'));
    repo.write('AUDIT.md', `# Audit\n\n### BUG-1: Unchecked compute\n**Location:** \`src/app.py:10-11\`\n**Original Code:**\n\`\`\`python\n${QUOTED}  # no check!\n\`\`\`\n**Fix Applied:**\n\`\`\`python\ndef app_1(value):\n    return compute(1, "app", value)\n\`\`\`\n`);
    const found = (await states()).get('src/app.py:10-11');
    assert.equal(found?.state, 'moved', found?.reason ?? '');
    assert.deepEqual(found?.suggestion, { path: 'src/app.py', startLine: 31, endLine: 32 });
  });

  it('confirms a reference whose lines hold the quote, and ignores code under a fix label', async () => {
    withoutGit();
    const { repo } = fixture;
    repo.write('src/app.py', sourceFile(60, 'app'));
    repo.write('AUDIT.md', `# Audit\n\n### BUG-1: Unchecked compute\n**Location:** \`src/app.py:31-32\`\n**Original Code:**\n\`\`\`python\n${QUOTED}\n\`\`\`\n\n### BUG-2: Other\n**Location:** \`src/app.py:5\`\n**Fix Applied:**\n\`\`\`python\n${QUOTED}\n\`\`\`\n`);
    const found = await states();
    assert.equal(found.get('src/app.py:31-32')?.state, 'ok', 'the quote confirms it, git or not');
    assert.equal(found.get('src/app.py:31-32')?.reason, 'The code the issue quotes stands at lines 31-32.');
    assert.equal(found.get('src/app.py:5')?.state, 'unverified', 'a fix quotes the new code, which confirms nothing');
  });

  it('places a line past the end of the file by an inline quote under "Bug:"', async () => {
    withoutGit();
    const { repo } = fixture;
    repo.write('src/app.py', sourceFile(60, 'app'));
    repo.write('AUDIT.md', '# Audit\n\n### BUG-3: Wrong argument\n- **Location:** `src/app.py:144`\n- **Bug:** `compute(16, "app", value)` passes the raw value\n');
    const found = (await states()).get('src/app.py:144');
    assert.equal(found?.state, 'moved', found?.reason ?? '');
    assert.deepEqual(found?.suggestion, { path: 'src/app.py', startLine: 32, endLine: 32 });
  });

  it('says nothing when the quote stands in more than one place', async () => {
    withoutGit();
    const { repo } = fixture;
    repo.write('src/app.py', `${sourceFile(60, 'app')}${QUOTED}\n`);
    repo.write('AUDIT.md', `# Audit\n\n### BUG-1: Unchecked compute\n**Location:** \`src/app.py:10-11\`\n**Original Code:**\n\`\`\`python\n${QUOTED}\n\`\`\`\n`);
    assert.equal((await states()).get('src/app.py:10-11')?.state, 'unverified', 'outside git, and the quote cannot tell');
  });

  it('helps git where it cannot place a reference: lines past the end at the base commit too', async () => {
    const { repo } = fixture;
    repo.write('src/app.py', sourceFile(60, 'app'));
    repo.write('AUDIT.md', `# Audit\n\n### BUG-1: Unchecked compute\n**Location:** \`src/app.py:131-132\`\n**Original Code:**\n\`\`\`python\n${QUOTED}\n\`\`\`\n`);
    repo.commit('audit with a wrong line number');
    const found = (await states()).get('src/app.py:131-132');
    assert.equal(found?.state, 'moved', found?.reason ?? '');
    assert.deepEqual(found?.suggestion, { path: 'src/app.py', startLine: 31, endLine: 32 });
  });
});
