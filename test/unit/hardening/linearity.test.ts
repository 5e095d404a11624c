// Ten times the input must cost at most about fifteen times the work, on the shapes that make
// markdown and reference handling go quadratic: deep lists, runs of list markers, `:`, digits,
// backticks, `-`, nested brackets, emphasis, tables, and thousands of references in one issue or to
// one file. referenceLinearity.test.ts counts the reference scanner's steps; the rest of the
// pipeline (remark, issue extraction, resolution, the index, the quick fixes) has no step counter,
// so this file measures CPU time (process.cpuUsage, not wall time, so other processes on the
// machine weigh less), takes the fastest of a few runs, and allows 15x where quadratic code shows
// 100x. Every run gets fresh input text (a salt in every line) so no cache makes a run cheaper.
// Runs only with AUDIT_LENS_TIMING=1: timings never go into the default npm test.
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { extractDocument } from '../../../server/src/core/documentExtractor';
import { fixAllStaleReferences } from '../../../server/src/core/features/codeActions';
import { markIssueStatus } from '../../../server/src/core/features/issueStatusEdits';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { CachedMarkdownParser } from '../../../server/src/core/markdown/markdownParser';
import type { DocumentAnalysis } from '../../../server/src/core/model';
import { FileIndex } from '../../../server/src/core/pathResolver';
import { LineCountCache, resolveDocument, type ResolutionWorkspace } from '../../../server/src/core/referenceResolver';
import { MemoryWorkspace } from '../../helpers/memoryWorkspace';
import { sourceLines } from './auditArbitraries';

const RATIO_LIMIT = 15;
const RUNS = 2;
/** A noisy machine may push one measurement over; a quadratic never comes near on a second look. */
const ATTEMPTS = 3;

// A full collection before each run keeps the garbage of earlier tests in this process off the clock.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let saltCounter = 0;
/** A word no earlier run used, so memoized readers and parse caches see new text. */
function salt(): string {
  return `s${(saltCounter++).toString(36)}`;
}

/** CPU milliseconds of the fastest of `RUNS` runs, each on the input `build` gives it. */
async function fastestCpuMs<T>(build: () => T, run: (input: T) => unknown): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  collectGarbage();
  for (let attempt = 0; attempt < RUNS; attempt++) {
    const input = build();
    const started = process.cpuUsage();
    await run(input);
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** Asserts that the 10x input costs at most RATIO_LIMIT times the small one. */
async function assertLinear<T>(build: (size: number) => T, run: (input: T) => unknown, small: number): Promise<void> {
  await run(build(small)); // warm the JIT on a run that is not measured
  const seen: string[] = [];
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const smallMs = await fastestCpuMs(() => build(small), run);
    const largeMs = await fastestCpuMs(() => build(small * 10), run);
    // Below a few milliseconds the clock's grain is the measurement; such a small size proves nothing.
    assert.ok(smallMs >= 3, `the small input took only ${smallMs.toFixed(1)} ms; make it larger`);
    if (largeMs / smallMs <= RATIO_LIMIT) return;
    seen.push(`${(largeMs / smallMs).toFixed(1)}x (${smallMs.toFixed(0)} ms → ${largeMs.toFixed(0)} ms)`);
  }
  assert.fail(`10x input took more than ${RATIO_LIMIT}x the CPU time, ${ATTEMPTS} times: ${seen.join(', ')}`);
}

/** Builds each size once: for pure functions whose input is costly to make. */
function once<T>(build: (size: number) => T): (size: number) => T {
  const built = new Map<number, T>();
  return (size) => {
    if (!built.has(size)) built.set(size, build(size));
    return built.get(size) as T;
  };
}

function lines(count: number, line: (index: number, word: string) => string): string {
  const word = salt();
  return Array.from({ length: count }, (_, index) => line(index, word)).join('\n');
}

/** Document shapes for the whole extraction (remark with its nesting guards, then issue extraction). */
const DOCUMENT_SHAPES: Record<string, (size: number) => string> = {
  'deep lists': (n) => lines(n, (index, word) => `${'  '.repeat(index % 120)}- [ ] Step ${index} ${word} \`app/x.py:${index}\``),
  'runs of colons, digits, backticks and hyphens': (n) => lines(n, (index, word) => `${word} a.py${':'.repeat(50)} ${'1'.repeat(50)} ${'`'.repeat(index % 40)} ${'-'.repeat(50)}`),
  'nested brackets': (n) => lines(n, (_, word) => `${'['.repeat(40)}${word}](${'('.repeat(20)}a.py#L1${')'.repeat(20)}`),
  'emphasis runs': (n) => lines(n, (_, word) => `${'*a _b '.repeat(20)}${word}`),
  'headings with fields': (n) => lines(n, (index, word) => (index % 4 === 0 ? `### SEC-${index}: Title ${word}` : index % 4 === 1 ? '**Status:** 🔴 Open' : index % 4 === 2 ? `**File:** \`app/${word}.py:${index}\`` : '')),
  'table rows': (n) => `| ID | Title | Status | File |\n|---|---|---|---|\n${lines(n, (index, word) => `| P1-${index} | ${word} | Open | app/x.py:${index} |`)}`,
  // Quadratic while remark-gfm's autolink-literal pass ran over the paragraph; linear since it is off.
  'one paragraph of code spans': (n) => lines(n, (index, word) => `\`src/app.py:${(index % 60) + 1}\` ${word}`),
};

/**
 * A shape on which remark-parse itself (micromark) grows faster than linearly: a long list whose
 * items open lists on their own line (`- - x`, `1. - x`, `- > x`); ten times the input takes about
 * fifteen times as long, at the edge of the bound. Only the section (2 MB) and document (4 MB) caps
 * bound it; it runs when AUDIT_LENS_KNOWN_SLOW=1, to measure a fix.
 */
const KNOWN_SLOW_SHAPES: Record<string, (size: number) => string> = {
  'runs of list markers': (n) => lines(n, (index, word) => `${'- '.repeat(40)}[ ] DEEP-${index}: ${word}`),
};

describe('linearity of the whole pipeline', function () {
  this.timeout(120_000);

  // Timings never go into npm test (a loaded CI machine must not turn it red): these CPU-time
  // ratios run only when asked, with AUDIT_LENS_TIMING=1. The reference scanner's linearity is
  // proven without a clock in referenceLinearity.test.ts, and always runs.
  before(function () {
    if (process.env['AUDIT_LENS_TIMING'] !== '1') this.skip();
  });

  for (const [name, build] of Object.entries(DOCUMENT_SHAPES)) {
    it(`extracts a document of ${name} in linear time`, async () => {
      await assertLinear(build, (text) => extractDocument('docs/AUDIT.md', { text }, new CachedMarkdownParser()), 60);
    });
  }

  for (const [name, build] of Object.entries(KNOWN_SLOW_SHAPES)) {
    it(`extracts a document of ${name} in linear time (known to fail in remark-parse)`, async function () {
      if (process.env['AUDIT_LENS_KNOWN_SLOW'] !== '1') this.skip();
      await assertLinear(build, (text) => extractDocument('docs/AUDIT.md', { text }, new CachedMarkdownParser()), 100);
    });
  }

  describe('with a workspace', () => {
    let workspace: ResolutionWorkspace;
    let host: MemoryWorkspace;

    before(async () => {
      host = new MemoryWorkspace({ 'src/app.py': sourceLines(60), 'backend/accounts/utils.py': sourceLines(30), 'backend/bookings/utils.py': sourceLines(30), 'backend/bookings/views.py': sourceLines(30), 'docs/AUDIT.md': '' });
      workspace = { files: new FileIndex(await host.listFiles(), host.root), lines: new LineCountCache(host), host };
    });

    /** One issue holding `n` references, a third of them ambiguous but confirmed by their siblings. */
    const oneBigIssue = (n: number): string => {
      const word = salt();
      const body = Array.from({ length: n }, (_, index) => (index % 3 === 0 ? `- \`utils.py:${(index % 30) + 1}\` ${word}` : `- \`backend/bookings/views.py:${(index % 30) + 1}\` ${word}`));
      return ['### BIG-01: Everything in One Issue', '**Status:** 🔴 Open', '', ...body].join('\n');
    };

    it('resolves thousands of references of one issue in linear time', async () => {
      const extracted = once((n) => extractDocument('docs/AUDIT.md', { text: oneBigIssue(n) }, new CachedMarkdownParser()));
      await assertLinear(extracted, (document) => resolveDocument(document, workspace), 400);
    });

    it('fixes all of thousands of references in linear time', async () => {
      const analyzed = once((n) => resolveDocument(extractDocument('docs/AUDIT.md', { text: oneBigIssue(n) }, new CachedMarkdownParser()), workspace));
      const fixable = fixAllStaleReferences(await analyzed(500), workspace)?.edit.edits.length ?? 0;
      assert.ok(fixable > 150, `the ambiguous references are fixable (${fixable})`);
      await assertLinear(analyzed, async (analysis) => {
        const document = await analysis;
        for (let repeat = 0; repeat < 4; repeat++) fixAllStaleReferences(document, workspace);
      }, 500);
    });

    it('marks the last of thousands of issues in linear time', async () => {
      const analyzed = once((n) => resolveDocument(extractDocument('docs/AUDIT.md', { text: lines(n, (index, word) => `### SEC-${index}: Title ${word}\n**Status:** 🔴 Open\n`) }, new CachedMarkdownParser()), workspace));
      await assertLinear(analyzed, async (analysis) => {
        const document = await analysis;
        for (let repeat = 0; repeat < 6; repeat++) assert.ok(markIssueStatus(document, document.issues.at(-1)?.key ?? '', 'resolved')?.edits.length);
      }, 200);
    });

    it('indexes thousands of references to one file in linear time', async () => {
      // Lines of 100 plain references each, paragraphs apart, keep remark's share small.
      const text = (n: number): string => lines(n / 100, (_, word) => `${word} ${Array.from({ length: 100 }, (__, at) => `src/app.py:${(at % 60) + 1}`).join(' ')}\n`);
      await assertLinear(text, async (document) => {
        const index = new WorkspaceIndex(host);
        await index.indexAll();
        await index.updateDocumentText('docs/AUDIT.md', document);
        assert.ok(index.referencesTo('src/app.py').length >= 2000);
      }, 2000);
    });
  });
});
