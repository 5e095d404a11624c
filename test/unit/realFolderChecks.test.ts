// RealFolderChecks: a walked folder is resolved through symlinks, and the answer is trusted for a
// second at most, or until the tree changes.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { RealFolderChecks } from '../../server/src/cli/realFolderChecks';

const ROOT = path.resolve('/workspace');

function checks(links: Record<string, string>) {
  const calls: string[] = [];
  let clock = 0;
  const realpath = (target: string): string => {
    calls.push(target);
    const relative = path.relative(ROOT, target).split(path.sep).join('/');
    if (relative === 'gone') throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return links[relative] ?? target;
  };
  const folderChecks = new RealFolderChecks(ROOT, realpath, () => clock);
  return { folderChecks, calls, advance: (ms: number) => (clock += ms) };
}

describe('RealFolderChecks', () => {
  it('tells folders that resolve inside from links that lead out, and a gone folder from both', () => {
    const { folderChecks } = checks({ out: path.resolve('/elsewhere'), inner: path.join(ROOT, 'src') });
    assert.equal(folderChecks.resolvesInside(''), true);
    assert.equal(folderChecks.resolvesInside('src'), true);
    assert.equal(folderChecks.resolvesInside('inner'), true, 'a link that stays inside');
    assert.equal(folderChecks.resolvesInside('out'), false);
    assert.equal(folderChecks.resolvesInside('gone'), false, 'unknown: the caller asks the slow way');
  });

  it('trusts an answer for a second, then resolves again', () => {
    const { folderChecks, calls, advance } = checks({});
    folderChecks.resolvesInside('src');
    advance(500);
    folderChecks.resolvesInside('src');
    assert.equal(calls.length, 1);
    advance(600);
    folderChecks.resolvesInside('src');
    assert.equal(calls.length, 2);
  });

  it('forgets every answer when the tree changes', () => {
    const { folderChecks, calls } = checks({});
    folderChecks.resolvesInside('src');
    folderChecks.forget();
    folderChecks.resolvesInside('src');
    assert.equal(calls.length, 2);
  });

  it('answers no for every folder when the file system has no synchronous realpath', () => {
    assert.equal(new RealFolderChecks(ROOT, undefined).resolvesInside('src'), false);
    assert.equal(new RealFolderChecks(ROOT, undefined).resolvesInside(''), true);
  });
});
