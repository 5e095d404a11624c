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
  it('knows plain files, and the walked folder under which a missing name stays', () => {
    const tree = walked(false);
    assert.equal(tree.isPlainFile('src/main.py'), true);
    assert.equal(tree.isPlainFile('src'), false);
    assert.equal(tree.walkedFolderOf('src'), 'src');
    assert.equal(tree.walkedFolderOf('src/gone/deeper.py'), 'src');
    assert.equal(tree.walkedFolderOf('docs/new.md'), 'docs');
    assert.equal(tree.walkedFolderOf('elsewhere/x.py'), '');
  });

  it('leaves to the file system what the walk did not see plainly', () => {
    const tree = walked(false);
    assert.equal(tree.walkedFolderOf('src/main.py'), undefined, 'a file: the host lstats it instead');
    assert.equal(tree.walkedFolderOf('README.md/not-a-folder'), undefined, 'through a file');
    assert.equal(tree.walkedFolderOf('link/x.py'), undefined, 'a symlink or a special file');
    assert.equal(tree.walkedFolderOf('node_modules/pkg/index.js'), undefined, 'a folder the walk skipped');
    assert.equal(tree.walkedFolderOf('link'), undefined);
  });

  it('on a case-insensitive disk, never calls a name missing that the disk would match', () => {
    const tree = walked(true);
    assert.equal(tree.walkedFolderOf('LINK/x.py'), undefined, 'LINK is link there');
    assert.equal(tree.walkedFolderOf('SRC/main.py'), undefined, 'only the spelling the walk saw is known');
    assert.equal(tree.walkedFolderOf('src/CAFE\u0301.PY'), undefined, 'composed and decomposed accents are one name');
    assert.equal(tree.walkedFolderOf('docs/other.py'), 'docs');
    assert.equal(walked(false).walkedFolderOf('LINK/x.py'), '', 'a case-sensitive disk has no LINK');
  });

  it('on a case-insensitive disk, leaves names JavaScript may fold unlike the disk to the file system', () => {
    const tree = walked(true);
    assert.equal(tree.walkedFolderOf('docs/ασ/x.py'), undefined, 'final sigma folds apart in JavaScript');
    assert.equal(tree.walkedFolderOf('docs/PROGRA~1/x.py'), undefined, 'a Windows 8.3 short name');
    assert.equal(tree.walkedFolderOf('docs/link./x.py'), undefined, 'Windows drops a trailing dot');
    tree.addFolder('docs', ['ΑΣ']);
    assert.equal(tree.walkedFolderOf('docs/plain.py'), undefined, 'a folder with an odd name in it');
    assert.equal(tree.walkedFolderOf('src/plain.py'), undefined, 'src holds Café.py');
    assert.equal(walked(false).walkedFolderOf('docs/ασ/x.py'), 'docs', 'a case-sensitive disk compares exactly');
  });
});
