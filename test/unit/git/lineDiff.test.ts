// The pieces of the staleness check that need no git: the line diff, the block locator and the
// blame parser.
import assert from 'node:assert/strict';
import { parseBlamePorcelain } from '../../../server/src/core/git/blamePorcelain';
import { closestLine, locateBlock } from '../../../server/src/core/git/codeLocator';
import { LineMap, normalizeLine } from '../../../server/src/core/git/lineDiff';
import { parseRenames } from '../../../server/src/node/nodeGitRepository';

describe('line diff and locator', () => {
  it('maps ranges through insertions, edits and deletions', () => {
    const map = LineMap.between(['a', 'b', 'c', 'd', 'e'], ['x', 'y', 'a', 'b', 'C', 'd', 'e']);
    assert.ok(map);
    assert.deepEqual(map.mapRange(0, 1), { start: 2, end: 3, unchanged: true, kept: 2 });
    assert.deepEqual(map.mapRange(2, 2), { start: 4, end: 4, unchanged: false, kept: 0 });
    const deletion = LineMap.between(['a', 'b', 'c', 'd'], ['a', 'd']);
    assert.deepEqual(deletion?.mapRange(1, 2), { start: 1, end: 0, unchanged: false, kept: 0 });
  });

  it('agrees with a brute-force longest common subsequence on random files', () => {
    let seed = 7;
    const random = (limit: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: random(30) }, () => String(random(6)));
      const b = Array.from({ length: random(30) }, () => String(random(6)));
      const map = LineMap.between(a, b);
      assert.ok(map);
      const matched: Array<[number, number]> = [];
      for (let line = 0; line < a.length; line++) {
        const mapped = map.mapRange(line, line);
        if (mapped.kept === 1) matched.push([line, mapped.start]);
      }
      // Matches are increasing, pair equal lines, and are as many as the LCS length.
      for (const [index, [from, to]] of matched.entries()) {
        assert.equal(a[from], b[to]);
        if (index > 0) assert.ok(to > (matched[index - 1] as [number, number])[1]);
      }
      assert.equal(matched.length, lcsLength(a, b));
    }
  });

  it('compares lines without whitespace', () => {
    assert.equal(normalizeLine('\t return  x ( 1 ) '), 'returnx(1)');
    const current = ['def f():', '    return 1', '', 'def g():', '  return  2'];
    assert.deepEqual(locateBlock({ lines: ['defg():', 'return2'], startLine: 1 }, current.map(normalizeLine), undefined), { kind: 'moved', startLine: 4, endLine: 5 });
  });

  it('points an edited line inside a larger hunk at the line it became', () => {
    const before = ['const a = 1;', '', '/* istanbul ignore else */', "if (!process.env.NO_NATIVE) {", "  load('native');", '}'];
    const after = [
      'const a = 1;',
      '',
      'if (fastPath) {',
      '  useFast();',
      "} /* istanbul ignore else */ else if (!process.env.NO_NATIVE) {",
      "  load('native');",
      '}',
    ];
    const old = before.map(normalizeLine);
    const now = after.map(normalizeLine);
    const map = LineMap.between(old, now);
    assert.deepEqual(locateBlock({ lines: [old[3] as string], startLine: 4 }, now, map), { kind: 'changed', startLine: 5, endLine: 5, kept: 0 });
    // Several lines keep the hunk's whole span: the code may have grown around them.
    const span = locateBlock({ lines: old.slice(2, 4), startLine: 3 }, now, map);
    assert.deepEqual(span, { kind: 'changed', startLine: 3, endLine: 5, kept: 0 });
  });

  it('finds no closest line when nothing in the hunk is alike', () => {
    const lines = ['returnx;', 'foo(bar);', 'constq=2;'].map(normalizeLine);
    assert.equal(closestLine('if(!process.env.NO_NATIVE){', lines, 0, 2), -1);
    assert.equal(closestLine('foo(baz);', lines, 0, 2), 1);
  });

  it('does not compare minified lines, so a hunk of them stays cheap', () => {
    const long = `var a=${'x+'.repeat(600)}1;`;
    const edited = long.replace('var a', 'var b');
    assert.equal(closestLine(long, [edited], 0, 0), -1);
    assert.equal(closestLine('var a=x+1;', ['var b=x+1;', edited], 0, 1), 0);
  });

  it('reads the commit of every line from porcelain blame', () => {
    const a = 'a'.repeat(40);
    const output = [`${a} 1 1 2`, 'author x', 'filename AUDIT.md', '\t# Title', `${a} 2 2`, '\tline two', `${'0'.repeat(40)} 3 3 1`, 'author Not Committed Yet', '\tnew line', ''].join('\n');
    assert.deepEqual(parseBlamePorcelain(output), [a, a, null]);
  });

  it('reads renames from name-status output', () => {
    assert.deepEqual([...parseRenames('M\0a.py\0R087\0old/x.py\0new/x.py\0C100\0c.py\0d.py\0D\0gone.py\0')], [['old/x.py', 'new/x.py']]);
  });
});

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = table[i] as number[];
      row[j] = a[i - 1] === b[j - 1] ? ((table[i - 1] as number[])[j - 1] as number) + 1 : Math.max((table[i - 1] as number[])[j] as number, row[j - 1] as number);
    }
  }
  return (table[a.length] as number[])[b.length] as number;
}
