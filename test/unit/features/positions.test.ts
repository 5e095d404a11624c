// What is under the cursor: references, issue IDs and lines, at token edges, line ends and past
// the end of the text, and whole-token search for an ID across a document.
import assert from 'node:assert/strict';
import { findIdOccurrences, issueIdAt, lineTextAt, rangeContains, referenceAt, wholeLinesRange } from '../../../server/src/core/features/positions';
import { neverCancelled } from '../../../server/src/core/workspace';
import { joinLines } from '../../helpers/memoryWorkspace';
import { buildFixtureIndex } from '../../helpers/indexFixture';

describe('features/positions', () => {
  it('treats a range end as inside only when asked to', () => {
    const range = { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } };
    assert.equal(rangeContains(range, { line: 2, character: 4 }), true);
    assert.equal(rangeContains(range, { line: 2, character: 9 }), true);
    assert.equal(rangeContains(range, { line: 2, character: 9 }, false), false);
    assert.equal(rangeContains(range, { line: 2, character: 3 }), false);
    assert.equal(rangeContains(range, { line: 3, character: 0 }), false);
  });

  it('finds the reference under the cursor, preferring the one that holds it over one that ends there', async () => {
    const index = await buildFixtureIndex();
    const references = index.document('docs/SECURITY_AUDIT.md')?.references ?? [];
    // `utils.py:3` spans characters 56-66 of line 30.
    assert.equal(referenceAt(references, { line: 30, character: 56 })?.text, 'utils.py:3');
    assert.equal(referenceAt(references, { line: 30, character: 66 })?.text, 'utils.py:3');
    assert.equal(referenceAt(references, { line: 30, character: 67 }), undefined);
    assert.equal(referenceAt(references, { line: 999, character: 0 }), undefined);
    const abutting = [
      { ...references[0]!, text: 'first', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } } },
      { ...references[0]!, text: 'second', range: { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } } },
    ];
    assert.equal(referenceAt(abutting, { line: 0, character: 5 })?.text, 'second');
  });

  it('covers whole lines, 0-based and end-exclusive', () => {
    assert.deepEqual(wholeLinesRange(20, 24), { start: { line: 19, character: 0 }, end: { line: 24, character: 0 } });
    assert.deepEqual(wholeLinesRange(12, null), { start: { line: 11, character: 0 }, end: { line: 12, character: 0 } });
  });

  it('reads one line whatever the line endings, and nothing past the end', () => {
    const text = 'one\r\ntwo\rthree\nfour';
    assert.equal(lineTextAt(text, 0), 'one');
    assert.equal(lineTextAt(text, 1), 'two');
    assert.equal(lineTextAt(text, 2), 'three');
    assert.equal(lineTextAt(text, 3), 'four');
    assert.equal(lineTextAt(text, 4), undefined);
    assert.equal(lineTextAt(text, -1), undefined);
    assert.equal(lineTextAt('a\n', 1), '');
  });

  it('recognises a hyphenated ID under the cursor, at either edge, but not a standard or a longer token', () => {
    const text = joinLines('**Dependencies:** P0-01, CRIT-001', 'Encoding is UTF-8; see P0-011 and XP0-01 and P0-01-b.');
    assert.deepEqual(issueIdAt(text, { line: 0, character: 18 }), { id: 'P0-01', range: { start: { line: 0, character: 18 }, end: { line: 0, character: 23 } } });
    assert.equal(issueIdAt(text, { line: 0, character: 23 })?.id, 'P0-01');
    assert.equal(issueIdAt(text, { line: 0, character: 33 })?.id, 'CRIT-001');
    assert.equal(issueIdAt(text, { line: 0, character: 5 }), undefined);
    assert.equal(issueIdAt(text, { line: 1, character: 14 }), undefined, 'UTF-8 is a standard');
    assert.equal(issueIdAt(text, { line: 1, character: 25 })?.id, 'P0-011');
    assert.equal(issueIdAt(text, { line: 1, character: 500 }), undefined);
    assert.equal(issueIdAt(text, { line: 7, character: 0 }), undefined);
  });

  it('finds IDs with spaces only when the workspace knows them, in any case', () => {
    const text = 'Blocked until bug #1 is verified';
    assert.equal(issueIdAt(text, { line: 0, character: 16 }), undefined);
    assert.deepEqual(issueIdAt(text, { line: 0, character: 16 }, ['BUG #1']), { id: 'BUG #1', range: { start: { line: 0, character: 14 }, end: { line: 0, character: 20 } } });
  });

  it('answers undefined for odd positions instead of throwing', () => {
    const text = 'P0-01 here';
    for (const position of [{ line: -1, character: 0 }, { line: 0, character: -3 }, { line: Number.NaN, character: 0 }, { line: 0, character: Number.NaN }, { line: 0.5, character: 1 }]) {
      assert.equal(issueIdAt(text, position), undefined, JSON.stringify(position));
    }
    assert.equal(referenceAt([], { line: 0, character: 0 }), undefined);
  });

  it('does not hang or match on a megabyte-long token', () => {
    const text = `${'A'.repeat(1_000_000)}-1`;
    const started = Date.now();
    assert.equal(issueIdAt(text, { line: 0, character: 500_000 }), undefined);
    assert.ok(Date.now() - started < 1000);
  });

  it('finds every whole-token occurrence of an ID, with positions across CRLF and CR line endings', () => {
    const text = 'P0-01 first\r\nnot P0-011 nor XP0-01\rthen (P0-01). And P0-01-b\nend P0-01';
    const ranges = findIdOccurrences(text, 'P0-01', neverCancelled);
    assert.deepEqual(ranges.map((range) => [range.start.line, range.start.character, range.end.character]), [
      [0, 0, 5],
      [2, 6, 11],
      [3, 4, 9],
    ]);
    assert.deepEqual(findIdOccurrences('Task 2.5 and task 2.5 but not task 2.55', 'Task 2.5', neverCancelled).map((range) => range.start.character), [0, 13]);
  });

  it('stops searching when cancelled', () => {
    const text = 'P0-01 '.repeat(10_000);
    assert.ok(findIdOccurrences(text, 'P0-01', { isCancellationRequested: true }).length < 10_000);
  });
});
