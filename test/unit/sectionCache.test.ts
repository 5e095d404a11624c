// The sectioned reference scan used while a document is edited must find exactly what a whole scan
// finds: on generated documents (fences, headings in and out of lists and code, tables, CRLF and
// CR), on the sample workspace's documents and on the real seeds; and cache across edits.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { decodeDocument } from '../../server/src/core/encoding';
import { extractReferences } from '../../server/src/core/referenceExtractor';
import { SectionedReferenceCache } from '../../server/src/core/references/sectionCache';
import { auditDocument } from './hardening/auditArbitraries';

const SAMPLE = path.resolve(__dirname, '../fixtures/sample-workspace');
const SEEDS = path.resolve(__dirname, '../../../shared/seeds');

/** Issue-start lines as the extractor passes them: here, every line that starts with "- [". */
function scopesOf(text: string): Set<number> {
  const scopes = new Set<number>();
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line.startsWith('- [')) scopes.add(index);
  });
  return scopes;
}

function assertSameAsWhole(text: string, cache = new SectionedReferenceCache(), owner = 'doc.md'): void {
  const scopes = scopesOf(text);
  assert.deepEqual(cache.extract(text, scopes, owner), extractReferences(text, { scopeStartLines: scopes }));
}

function filesEndingWith(root: string, extension: string): string[] {
  return fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith(extension)).map((file) => path.join(root, file));
}

describe('sectioned reference scan', () => {
  it('finds what a whole scan finds on generated documents, with fences and headings that do not cut', () => {
    const tricky = fc.constantFrom('```', '~~~', '    ```', '- # listed heading', '  # indented heading', '# heading', '#no heading', '| a | b |', '|---|---|', '- item', '', '    `deep.py:3` under an item');
    const document = fc.tuple(auditDocument, fc.array(fc.tuple(fc.nat(40), tricky), { maxLength: 12 })).map(([text, inserts]) => {
      const lines = text.split('\n');
      for (const [at, line] of inserts) lines.splice(at % (lines.length + 1), 0, line);
      return lines.join('\n');
    });
    fc.assert(fc.property(document, (text) => assertSameAsWhole(text)), { numRuns: 400 });
  });

  it('does not cut at a heading inside a fence or a list item, where the scan carries state', () => {
    // Inside the list, the indented heading leaves the list open, so the deep line is list text,
    // not indented code; cut there, it would read as code. In the fence, `#` is not a heading.
    assertSameAsWhole(['# Audit', '- item', '  # indented heading', '', '    `deep.py:3` under the item', '## Next', 'See `b.py:2`.'].join('\n'));
    assertSameAsWhole(['# Audit', '```bash', '# not a heading', 'cat `a.py:3`', '```', 'Line 4 of it.'].join('\n'));
  });

  it('finds what a whole scan finds on the sample workspace and the real seeds', function () {
    const files = filesEndingWith(SAMPLE, '.md');
    assert.equal(files.length, 5);
    // The seeds are stored as .txt.
    if (fs.existsSync(SEEDS)) files.push(...filesEndingWith(SEEDS, '.txt'));
    else if (process.env['CI'] === 'true') assert.fail(`the seeds are missing from ${SEEDS}`);
    if (fs.existsSync(SEEDS)) assert.equal(files.length, 10);
    for (const file of files) assertSameAsWhole(decodeDocument(fs.readFileSync(file)).text, new SectionedReferenceCache(), file);
  });

  it('re-scans only the edited section, and stays right after the edit', () => {
    const cache = new SectionedReferenceCache();
    const before = ['# Audit', '', '## A-1: One', 'See `a.py:1`.', '', '## A-2: Two', 'See `b.py:2` and Line 7.'].join('\n');
    assertSameAsWhole(before, cache);
    const edited = before.replace('See `a.py:1`.', 'See `a.py:1` and `c.py:3`.');
    // An edit above moves the next section's references down; a cached section is shifted, not re-read.
    const grown = edited.replace('## A-1: One', '## A-1: One\n\nMore words.');
    assertSameAsWhole(edited, cache);
    assertSameAsWhole(grown, cache);
    const found = cache.extract(grown, new Set(), 'doc.md');
    assert.deepEqual(found.map((reference) => [reference.path, reference.range.start.line]), [['a.py', 5], ['c.py', 5], ['b.py', 8], ['b.py', 8]]);
  });
});
