// WalkedTree: what the host may answer from the last walk without a system call, and what it must
// still ask the file system (symlinks, ignored folders, names a case-insensitive disk would match).
import assert from 'node:assert/strict';
import { WalkedTree } from '../../server/src/cli/walkedTree';

function walked(foldNames: boolean): WalkedTree {
  const tree = new WalkedTree(foldNames);
  tree.addFolder('', ['src', 'docs', 'node_modules', 'link', 'README.md']);
  tree.addFolder('src', ['main.py', 'Café.py']);
  tree.addFolder('docs', []);
  tree.addPlainFile('README.md');
  tree.addPlainFile('src/main.py');
  tree.addPlainFile('src/Café.py');
  return tree;
}

describe('WalkedTree', () => {
  it('knows plain files, and that missing names under walked folders stay inside', () => {
    const tree = walked(false);
    assert.equal(tree.isPlainFile('src/main.py'), true);
    assert.equal(tree.isPlainFile('src'), false);
    assert.equal(tree.existingPrefixIsInside(''), true);
    assert.equal(tree.existingPrefixIsInside('src/main.py'), true);
    assert.equal(tree.existingPrefixIsInside('src/gone/deeper.py'), true);
    assert.equal(tree.existingPrefixIsInside('docs/new.md'), true);
    assert.equal(tree.existingPrefixIsInside('README.md/not-a-folder'), true);
    assert.equal(tree.existingPrefixIsInside('elsewhere/x.py'), true);
  });

  it('leaves to the file system what the walk did not see plainly', () => {
    const tree = walked(false);
    assert.equal(tree.existingPrefixIsInside('link/x.py'), undefined, 'a symlink or a special file');
    assert.equal(tree.existingPrefixIsInside('node_modules/pkg/index.js'), undefined, 'a folder the walk skipped');
    assert.equal(tree.existingPrefixIsInside('link'), undefined);
  });

  it('on a case-insensitive disk, never calls a name missing that the disk would match', () => {
    const tree = walked(true);
    assert.equal(tree.existingPrefixIsInside('LINK/x.py'), undefined, 'LINK is link there');
    assert.equal(tree.existingPrefixIsInside('SRC/main.py'), undefined, 'only the spelling the walk saw is known');
    assert.equal(tree.existingPrefixIsInside('src/CAFE\u0301.PY'), undefined, 'composed and decomposed accents are one name');
    assert.equal(tree.existingPrefixIsInside('src/other.py'), true);
    assert.equal(walked(false).existingPrefixIsInside('LINK/x.py'), true, 'a case-sensitive disk has no LINK');
  });
});
