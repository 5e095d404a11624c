import assert from 'node:assert/strict';
import { countLines, lineStartOffsets, sliceLines } from '../../server/src/core/lineIndex';

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('lineIndex', () => {
  describe('countLines', () => {
    const cases: [string, number][] = [
      ['', 0],
      ['a', 1],
      ['a\nb', 2],
      ['a\nb\n', 2],
      ['\n', 1],
      ['\n\n', 2],
      ['a\n\n', 2],
      ['a\r\nb\r\n', 2],
      ['a\r\nb', 2],
      ['a\rb\r', 2],
      ['a\rb', 2],
      ['\r', 1],
      ['\r\n', 1],
      ['\r\r\n', 2],
      ['a\n\rb', 3],
      ['def main():\n    pass\n\n# end', 4],
      ['é😀\nß', 2],
    ];
    for (const [text, expected] of cases) {
      it(`counts ${JSON.stringify(text)} as ${expected} in text and in bytes`, () => {
        assert.equal(countLines(text), expected);
        assert.equal(countLines(bytesOf(text)), expected);
      });
    }

    it('counts a large buffer without decoding it', () => {
      const line = 'x = compute_total(order)  # TODO: cache\r\n';
      const bytes = bytesOf(line.repeat(100_000) + 'tail');
      assert.equal(countLines(bytes), 100_001);
    });

    it('counts bytes that are not valid UTF-8', () => {
      assert.equal(countLines(new Uint8Array([0xff, 0x0a, 0xfe, 0xc3])), 2);
    });
  });

  describe('lineStartOffsets', () => {
    it('has one offset per counted line', () => {
      assert.deepEqual(lineStartOffsets(''), []);
      assert.deepEqual(lineStartOffsets('a'), [0]);
      assert.deepEqual(lineStartOffsets('ab\ncd\n'), [0, 3]);
      assert.deepEqual(lineStartOffsets('ab\r\ncd\ref'), [0, 4, 7]);
      assert.deepEqual(lineStartOffsets('\n\n'), [0, 1]);
      for (const text of ['a\r\n\r\nb', 'x\ry\n', '\r', 'é\n😀\n']) {
        assert.equal(lineStartOffsets(text).length, countLines(text));
      }
    });
  });

  describe('sliceLines', () => {
    const source = 'import os\r\nimport sys\n\ndef handler(event):\r    return event\nprint("done")';

    it('returns the inclusive 1-based range without line endings', () => {
      assert.deepEqual(sliceLines(source, 1, 1), ['import os']);
      assert.deepEqual(sliceLines(source, 2, 4), ['import sys', '', 'def handler(event):']);
      assert.deepEqual(sliceLines(source, 5, 6), ['    return event', 'print("done")']);
    });

    it('clamps to the lines the text has', () => {
      assert.deepEqual(sliceLines(source, 6, 99), ['print("done")']);
      assert.deepEqual(sliceLines(source, 0, 1), ['import os']);
      assert.deepEqual(sliceLines(source, -5, 2), ['import os', 'import sys']);
      assert.deepEqual(sliceLines(source, 7, 9), []);
      assert.deepEqual(sliceLines('a\nb\n', 3, 3), []);
      assert.deepEqual(sliceLines('a\nb\n', 2, 5), ['b']);
    });

    it('reads to the end when the range ends at Infinity', () => {
      assert.deepEqual(sliceLines(source, 5, Number.POSITIVE_INFINITY), ['    return event', 'print("done")']);
    });

    it('returns nothing for empty, inverted or NaN ranges', () => {
      assert.deepEqual(sliceLines('', 1, 1), []);
      assert.deepEqual(sliceLines(source, 4, 3), []);
      assert.deepEqual(sliceLines(source, Number.NaN, 3), []);
      assert.deepEqual(sliceLines(source, 1, Number.NaN), []);
      assert.deepEqual(sliceLines(source, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY), []);
    });

    it('reads only up to the last wanted line of a long text', () => {
      const long = 'line\n'.repeat(500_000);
      assert.deepEqual(sliceLines(long, 2, 3), ['line', 'line']);
      assert.deepEqual(sliceLines(long, 500_000, 500_000), ['line']);
    });
  });
});
