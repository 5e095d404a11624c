import assert from 'node:assert/strict';
import { extractReferences, type StepCounter } from '../../server/src/core/referenceExtractor';

// The extractor must stay linear on hostile input. Instead of timing it, we count the scanners'
// elementary steps (every loop adds to the counter) at size n and 10n: a linear scanner does about
// ten times the work, a quadratic one a hundred times.

const SMALL = 5_000;
const RATIO_LIMIT = 12;
const STEPS_PER_CHAR_LIMIT = 16;

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.max(1, Math.ceil(length / unit.length)));
}

const inputs: Record<string, (size: number) => string> = {
  'runs of colons': (n) => repeatTo(':', n),
  'runs of digits': (n) => repeatTo('1', n),
  'runs of backticks': (n) => repeatTo('`', n),
  'backtick runs of every length': (n) => {
    let text = '';
    for (let k = 1; text.length < n; k = (k % 60) + 1) text += '`'.repeat(k) + ' x ';
    return text;
  },
  'runs of hyphens': (n) => repeatTo('-', n),
  'hyphens after text': (n) => 'x ' + repeatTo('-', n),
  'runs of commas': (n) => repeatTo(',', n),
  'open brackets then parens': (n) => repeatTo('[', n / 2) + repeatTo('(', n / 2),
  'link openers without a close': (n) => repeatTo('[a](', n),
  'link closers with spaces': (n) => repeatTo('](x ', n),
  'nested brackets': (n) => repeatTo('[', n / 2) + repeatTo('](', n / 2),
  'unclosed titles': (n) => repeatTo('[a](b "', n),
  'a/ repeated': (n) => repeatTo('a/', n),
  'a/ repeated in backticks': (n) => '`' + repeatTo('a/', n) + '`',
  'x.py:1,1,1,...': (n) => 'x.py:' + repeatTo('1,', n),
  'x.py:1-1-1-...': (n) => 'x.py:' + repeatTo('1-', n),
  'Lines repeated': (n) => repeatTo('Lines ', n),
  'Lines with numbers after a file': (n) => '`a/x.py` ' + repeatTo('Lines 1, ', n),
  'labels that never close': (n) => 'x.py:1 ' + repeatTo('(aaaa ', n),
  'many paths on one line': (n) => repeatTo('a.py ', n),
  'dots': (n) => repeatTo('a.', n),
  'backslashes': (n) => repeatTo('\\a', n),
  'scheme separators': (n) => repeatTo('https://', n),
  '(new) markers': (n) => repeatTo('(new) ', n),
  'create before paths': (n) => repeatTo('create `a.py` ', n),
  'pipes': (n) => repeatTo('|', n),
  'table rows': (n) => '| File | Line |\n|---|---|\n' + repeatTo('| a.py | 1, 2 |\n', n),
  'fence lines': (n) => repeatTo('```\n', n),
  'file then line words on many lines': (n) => repeatTo('x.py\nLine 3\n', n),
  'spaced path candidates in backticks': (n) => '`' + repeatTo('a /', n) + 'b.md`',
  'field labels': (n) => repeatTo('**File:** a.py\n**Lines:** 1\n', n),
  'CR line endings': (n) => repeatTo('x.py:1\r', n),
};

function stepsFor(text: string): number {
  const counter: StepCounter = { steps: 0 };
  extractReferences(text, { stepCounter: counter });
  return counter.steps;
}

describe('referenceExtractor linearity', () => {
  for (const [name, build] of Object.entries(inputs)) {
    it(`stays linear on ${name}`, () => {
      const small = build(SMALL);
      const large = build(SMALL * 10);
      const smallSteps = stepsFor(small);
      const largeSteps = stepsFor(large);
      assert.ok(smallSteps >= small.length, `the counter must see every character (${smallSteps} < ${small.length})`);
      const ratio = largeSteps / smallSteps;
      assert.ok(ratio <= RATIO_LIMIT, `10x input took ${ratio.toFixed(1)}x the steps`);
      assert.ok(largeSteps / large.length <= STEPS_PER_CHAR_LIMIT, `${(largeSteps / large.length).toFixed(1)} steps per character`);
    });
  }

  it('reads a 1 MB line of real-looking references', () => {
    const unit = 'See `backend/app/settings.py` lines 442-466 and upstream/models.py:229-237, 299-318 at 22:45. ';
    const line = repeatTo(unit, 1_000_000);
    const counter: StepCounter = { steps: 0 };
    const refs = extractReferences(line, { stepCounter: counter });
    const copies = line.length / unit.length;
    assert.equal(refs.length, copies * 3);
    assert.ok(counter.steps / line.length <= STEPS_PER_CHAR_LIMIT);
  });

  it('reads a 20 MB document', function () {
    // Seconds, not milliseconds, on a loaded machine; the assertion is on steps, not time.
    this.timeout(60_000);
    const block = [
      '### P1-01: Slow query on the dashboard',
      '',
      '**File:** `app/db.py`',
      '**Lines:** 10-20',
      '',
      'The view issues one query per row, which scales badly once tenants have many monitors; batching',
      'the lookups cuts the page time and keeps the database calm under load during peak hours.',
      '',
      '- Line 30: extra scan',
      '',
    ].join('\n');
    const doc = repeatTo(block + '\n', 20_000_000);
    const counter: StepCounter = { steps: 0 };
    const refs = extractReferences(doc, { stepCounter: counter });
    const copies = doc.length / (block.length + 1);
    assert.equal(refs.length, copies * 2);
    assert.deepEqual(
      refs.slice(0, 2).map((r) => [r.form, r.path, r.startLine, r.range.start.line]),
      [
        ['path-lines-words', 'app/db.py', 10, 3],
        ['contextual-line', 'app/db.py', 30, 8],
      ],
    );
    assert.ok(counter.steps / doc.length <= STEPS_PER_CHAR_LIMIT);
  });
});
