import assert from 'node:assert/strict';
import { fencedLineMask, isAtxHeading, splitLines, splitSections } from '../../server/src/core/markdown/sectionSplitter';
import { CachedMarkdownParser } from '../../server/src/core/markdown/markdownParser';
import { joinLines } from '../helpers/memoryWorkspace';

describe('sectionSplitter', () => {
  it('splits lines on \\n, \\r\\n and lone \\r', () => {
    assert.deepEqual(splitLines('a\nb\r\nc\rd'), ['a', 'b', 'c', 'd']);
    assert.deepEqual(splitLines('a\n'), ['a', '']);
    assert.deepEqual(splitLines(''), ['']);
  });

  it('recognizes ATX headings only', () => {
    assert.equal(isAtxHeading('## High Priority'), true);
    assert.equal(isAtxHeading('   ### x'), true);
    assert.equal(isAtxHeading('#'), true);
    assert.equal(isAtxHeading('#hashtag'), false);
    assert.equal(isAtxHeading('    # indented code'), false);
    assert.equal(isAtxHeading('####### seven'), false);
  });

  it('does not split at a # line inside fenced code', () => {
    const lines = splitLines(joinLines('# Title', 'intro', '```bash', '# not a heading', '```', '## Next', 'body'));
    const sections = splitSections(lines);
    assert.deepEqual(sections.map((section) => section.startLine), [0, 5]);
    assert.equal(sections[0]?.lineCount, 5);
    assert.deepEqual(fencedLineMask(lines), [false, false, true, true, true, false, false]);
  });

  it('keeps a fence open until a closing fence of the same kind and length', () => {
    const lines = splitLines(joinLines('````md', '```', '# inside', '````', '# outside'));
    assert.deepEqual(splitSections(lines).map((section) => section.startLine), [0, 4]);
  });

  it('re-parses only the sections whose text changed', () => {
    const parser = new CachedMarkdownParser();
    const original = splitLines(joinLines('# A', 'one', '## B', 'two', '## C', 'three'));
    parser.parse(original);
    assert.equal(parser.cachedSections, 3);
    const edited = [...original];
    edited[3] = 'two, edited';
    const sections = parser.parse(edited);
    assert.equal(parser.cachedSections, 4, 'only the edited section adds a cache entry');
    const paragraph = sections[1]?.nodes[1];
    assert.equal(paragraph?.type, 'paragraph');
    assert.equal(paragraph?.position?.start.line, 2, 'positions stay relative to the section');
  });
});
