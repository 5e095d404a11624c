// How git is run: argument arrays and no shell, with locks, pagers, prompts and fsmonitor off.
import assert from 'node:assert/strict';
import { gitEnvironment, spawnGit } from '../../../server/src/node/gitProcess';

describe('git process', () => {
  it('runs git with optional locks, pagers and prompts off', () => {
    const env = gitEnvironment();
    assert.equal(env['GIT_OPTIONAL_LOCKS'], '0');
    assert.equal(env['GIT_PAGER'], 'cat');
    assert.equal(env['GIT_TERMINAL_PROMPT'], '0');
  });

  it('passes arguments as an array, fsmonitor off, never through a shell', async () => {
    const child = spawnGit(process.cwd(), ['--version', '; echo injected']);
    assert.deepEqual(child.spawnargs.slice(0, 6), ['git', '-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', '--no-pager']);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.resume();
    child.stdin.end();
    await new Promise((resolve) => child.on('close', resolve));
    assert.doesNotMatch(output, /injected/);
  });
});
