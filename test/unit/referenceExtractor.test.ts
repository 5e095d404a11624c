import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractReferences, looksLikeFilePath } from '../../server/src/core/referenceExtractor';
import type { ExtractedReference, Range, ReferenceForm } from '../../server/src/core/model';

// Fixtures are our own text written in the style of real audit trackers.

function joinLines(...lines: string[]): string {
  return lines.join('\n');
}

/** The range of the `occurrence`-th `needle` on 0-based line `line` of `doc`. */
function rangeOf(doc: string, line: number, needle: string, occurrence = 0): Range {
  const text = doc.split(/\r\n|\r|\n/)[line] ?? '';
  let index = -1;
  for (let k = 0; k <= occurrence; k++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `fixture line ${line} has no ${needle}`);
  }
  return { start: { line, character: index }, end: { line, character: index + needle.length } };
}

interface Expected {
  line: number;
  /** The exact text the reference's range covers. */
  text: string;
  occurrence?: number;
  path: string;
  lines?: [number, number];
  form: ReferenceForm;
  inCode?: boolean;
  proposed?: boolean;
  absent?: boolean;
}

function expected(doc: string, e: Expected): ExtractedReference {
  return {
    range: rangeOf(doc, e.line, e.text, e.occurrence ?? 0),
    text: e.text,
    path: e.path,
    startLine: e.lines ? e.lines[0] : null,
    endLine: e.lines ? e.lines[1] : null,
    inCode: e.inCode ?? false,
    proposed: e.proposed ?? false,
    ...(e.absent ? { absent: true as const } : {}),
    form: e.form,
  };
}

function assertRefs(doc: string, wanted: Expected[], options?: Parameters<typeof extractReferences>[1]): void {
  assert.deepEqual(
    extractReferences(doc, options),
    wanted.map((e) => expected(doc, e)),
  );
}

describe('referenceExtractor', () => {
  describe('form 1: path:line', () => {
    it('splits a range list into one reference per range', () => {
      const doc = joinLines('**File**: upstream/models.py:229-237, 299-318');
      assertRefs(doc, [
        { line: 0, text: 'upstream/models.py:229-237', path: 'upstream/models.py', lines: [229, 237], form: 'path-line' },
        { line: 0, text: '299-318', path: 'upstream/models.py', lines: [299, 318], form: 'path-line' },
      ]);
    });

    it('reads backticked and bare forms, lists without spaces, and stops at the first non-number item', () => {
      const doc = joinLines(
        '- **Location:** `app_v2/main.py:144`',
        '- See views.py:149, 193 and api_common.go:42-43,188',
        '- Also views.py:150, and more',
      );
      assertRefs(doc, [
        { line: 0, text: 'app_v2/main.py:144', path: 'app_v2/main.py', lines: [144, 144], form: 'path-line' },
        { line: 1, text: 'views.py:149', path: 'views.py', lines: [149, 149], form: 'path-line' },
        { line: 1, text: '193', path: 'views.py', lines: [193, 193], form: 'path-line' },
        { line: 1, text: 'api_common.go:42-43', path: 'api_common.go', lines: [42, 43], form: 'path-line' },
        { line: 1, text: '188', path: 'api_common.go', lines: [188, 188], form: 'path-line' },
        { line: 2, text: 'views.py:150', path: 'views.py', lines: [150, 150], form: 'path-line' },
      ]);
    });

    it('reads line:column, L-prefixed lines and GitHub fragments', () => {
      const doc = joinLines('Crash at file.py:144:12, see also file.py:L77 and file.py#L10-L20.');
      assertRefs(doc, [
        { line: 0, text: 'file.py:144:12', path: 'file.py', lines: [144, 144], form: 'path-line' },
        { line: 0, text: 'file.py:L77', path: 'file.py', lines: [77, 77], form: 'path-line' },
        { line: 0, text: 'file.py#L10-L20', path: 'file.py', lines: [10, 20], form: 'path-line' },
      ]);
    });

    it('skips a short label between ranges and stops at the next path', () => {
      const doc = joinLines(
        '**File**: upstream/models.py:106-120 (Upload), 379-393 (ClaimRecord)',
        '**File**: api/views.py:149, 193, api/helpers.py:178',
      );
      assertRefs(doc, [
        { line: 0, text: 'upstream/models.py:106-120', path: 'upstream/models.py', lines: [106, 120], form: 'path-line' },
        { line: 0, text: '379-393', path: 'upstream/models.py', lines: [379, 393], form: 'path-line' },
        { line: 1, text: 'api/views.py:149', path: 'api/views.py', lines: [149, 149], form: 'path-line' },
        { line: 1, text: '193', path: 'api/views.py', lines: [193, 193], form: 'path-line' },
        { line: 1, text: 'api/helpers.py:178', path: 'api/helpers.py', lines: [178, 178], form: 'path-line' },
      ]);
    });

    it('keeps absolute, relative and dot paths as written, with backslashes normalized', () => {
      const doc = joinLines(
        'Trace: /var/www/repo/src/x.ts:10 and G:\\proj\\backend\\X.java:12',
        'Moved ../shared/util.py and ./local.py; see .github/workflows/deploy.yml:32-35 and .env.example',
      );
      assertRefs(doc, [
        { line: 0, text: '/var/www/repo/src/x.ts:10', path: '/var/www/repo/src/x.ts', lines: [10, 10], form: 'path-line' },
        { line: 0, text: 'G:\\proj\\backend\\X.java:12', path: 'G:/proj/backend/X.java', lines: [12, 12], form: 'path-line' },
        { line: 1, text: '../shared/util.py', path: '../shared/util.py', form: 'path-only' },
        { line: 1, text: './local.py', path: './local.py', form: 'path-only' },
        { line: 1, text: '.github/workflows/deploy.yml:32-35', path: '.github/workflows/deploy.yml', lines: [32, 35], form: 'path-line' },
        { line: 1, text: '.env.example', path: '.env.example', form: 'path-only' },
      ]);
    });

    it('reads a line suffix written after the closing backtick', () => {
      const doc = 'Fix `core/x.py`:10, 12 and `C:\\Program Files\\App\\Main.cs:3`';
      assertRefs(doc, [
        { line: 0, text: '`core/x.py`:10', path: 'core/x.py', lines: [10, 10], form: 'path-line' },
        { line: 0, text: '12', path: 'core/x.py', lines: [12, 12], form: 'path-line' },
        { line: 0, text: 'C:\\Program Files\\App\\Main.cs:3', path: 'C:/Program Files/App/Main.cs', lines: [3, 3], form: 'path-line' },
      ]);
    });

    it('keeps a colon inside a backticked file name, and leaves symbols and column suffixes alone', () => {
      const doc = 'See `a:b.ts`, `src/a:b.ts:2-4`, `views.py:login`, `pkg/mod.py:Class.method` and `a.py:12:5`';
      assertRefs(doc, [
        { line: 0, text: 'a:b.ts', path: 'a:b.ts', form: 'path-only' },
        { line: 0, text: 'src/a:b.ts:2-4', path: 'src/a:b.ts', lines: [2, 4], form: 'path-line' },
        { line: 0, text: 'views.py', path: 'views.py', form: 'path-only' },
        { line: 0, text: 'pkg/mod.py', path: 'pkg/mod.py', form: 'path-only' },
        { line: 0, text: 'a.py:12:5', path: 'a.py', lines: [12, 12], form: 'path-line' },
      ]);
    });

    it('writes a reversed range in order and treats line 0 as no line', () => {
      const doc = 'See x.py:300-200 and y.py:0 today';
      assertRefs(doc, [
        { line: 0, text: 'x.py:300-200', path: 'x.py', lines: [200, 300], form: 'path-line' },
        { line: 0, text: 'y.py', path: 'y.py', form: 'path-only' },
      ]);
    });
  });

  describe('form 2: path followed by line words', () => {
    it('covers the backticked path and the words when they are adjacent, and reports no file-level reference', () => {
      const doc = joinLines(
        '**Location:**',
        '',
        '- `backend/app/settings.py` lines 442-466',
        '- `backend/app/flags.py` line 63',
        '- backend/app/routes.py (lines 36-37)',
      );
      assertRefs(doc, [
        { line: 2, text: '`backend/app/settings.py` lines 442-466', path: 'backend/app/settings.py', lines: [442, 466], form: 'path-lines-words' },
        { line: 3, text: '`backend/app/flags.py` line 63', path: 'backend/app/flags.py', lines: [63, 63], form: 'path-lines-words' },
        { line: 4, text: 'backend/app/routes.py (lines 36-37', path: 'backend/app/routes.py', lines: [36, 37], form: 'path-lines-words' },
      ]);
    });

    it('binds later line words in the same item to its path', () => {
      const doc = joinLines(
        '- `backend/api/token_refresh.py` (2 errors, lines 36-37)',
        '- `backend/api/auth_service.py` (2 errors, lines 241, 330)',
      );
      assertRefs(doc, [
        { line: 0, text: 'lines 36-37', path: 'backend/api/token_refresh.py', lines: [36, 37], form: 'path-lines-words' },
        { line: 1, text: 'lines 241', path: 'backend/api/auth_service.py', lines: [241, 241], form: 'path-lines-words' },
        { line: 1, text: '330', path: 'backend/api/auth_service.py', lines: [330, 330], form: 'path-lines-words' },
      ]);
    });

    it('binds across the lines of one paragraph to the nearest path', () => {
      const doc = joinLines('Both `core/a.py` and `core/b.py` changed.', 'The regression sits at line 12.');
      assertRefs(doc, [
        { line: 0, text: 'core/a.py', path: 'core/a.py', form: 'path-only' },
        { line: 1, text: 'line 12', path: 'core/b.py', lines: [12, 12], form: 'path-lines-words' },
      ]);
    });
  });

  describe('form 3: fields', () => {
    it('reads File, Files and Location fields', () => {
      const doc = joinLines(
        '**File**: cloudbuild.yaml:65-73',
        '',
        '**Files:** `app_v2/db/models.py`, app_v2/db/engine.py',
        '',
        '**Location:**',
        '',
        '- `backend/monitors/tasks.py` (58% covered)',
        '- `backend/tests/test_ping_tasks.py` (11 tests)',
      );
      assertRefs(doc, [
        { line: 0, text: 'cloudbuild.yaml:65-73', path: 'cloudbuild.yaml', lines: [65, 73], form: 'path-line' },
        { line: 2, text: 'app_v2/db/models.py', path: 'app_v2/db/models.py', form: 'path-only' },
        { line: 2, text: 'app_v2/db/engine.py', path: 'app_v2/db/engine.py', form: 'path-only' },
        { line: 6, text: 'backend/monitors/tasks.py', path: 'backend/monitors/tasks.py', form: 'path-only' },
        { line: 7, text: 'backend/tests/test_ping_tasks.py', path: 'backend/tests/test_ping_tasks.py', form: 'path-only' },
      ]);
    });

    for (const [name, separator, prefix] of [
      ['on the next line', [], ''],
      ['after a blank line', [''], ''],
      ['as list items', [], '- '],
    ] as const) {
      it(`binds a Lines field to the File field before it (${name}) and replaces the file-level reference`, () => {
        const doc = joinLines(`${prefix}**File:** \`backend/x.py\``, ...separator, `${prefix}**Lines:** 42-62, 77-97`);
        const linesRow = separator.length + 1;
        assertRefs(doc, [
          { line: linesRow, text: 'Lines:** 42-62', path: 'backend/x.py', lines: [42, 62], form: 'path-lines-words' },
          { line: linesRow, text: '77-97', path: 'backend/x.py', lines: [77, 97], form: 'path-lines-words' },
        ]);
      });
    }
  });

  describe('form 4: markdown links', () => {
    it('reads fragments and path-only targets, and skips URLs with a scheme', () => {
      const doc = joinLines(
        'See [the guard](src/a.ts#L10-L20), [line](src/a.ts#L10) and [a.ts](src/a.ts).',
        'Upstream: [models.py](https://github.com/org/repo/blob/main/models.py#L3), [mail](mailto:x@y.io)',
      );
      assertRefs(doc, [
        { line: 0, text: 'src/a.ts#L10-L20', path: 'src/a.ts', lines: [10, 20], form: 'markdown-link' },
        { line: 0, text: 'src/a.ts#L10', occurrence: 1, path: 'src/a.ts', lines: [10, 10], form: 'markdown-link' },
        { line: 0, text: 'src/a.ts', occurrence: 2, path: 'src/a.ts', form: 'markdown-link' },
      ]);
    });

    it('reads the text of a link to something that is not a file', () => {
      const doc = '[`core/x.py:3`](#anchor) and [docs](docs/guide)';
      assertRefs(doc, [{ line: 0, text: 'core/x.py:3', path: 'core/x.py', lines: [3, 3], form: 'path-line' }]);
    });

    it('decodes percent-escapes in a link target', () => {
      const doc = '[notes](docs/My%20Notes.md#L4)';
      assertRefs(doc, [{ line: 0, text: 'docs/My%20Notes.md#L4', path: 'docs/My Notes.md', lines: [4, 4], form: 'markdown-link' }]);
    });
  });

  describe('form 5: contextual line numbers', () => {
    it('binds line words in a later list to the lead file of the last group in scope', () => {
      const doc = joinLines(
        '### P2-02: Scheduler Coverage',
        '',
        '**Location:**',
        '',
        '- `backend/monitors/tasks.py` (58% covered)',
        '- `backend/tests/test_ping_tasks.py` (11 tests)',
        '',
        '**Missing Coverage:**',
        '',
        '- Lines 137-157: retry notification path',
        '- Line 230: edge case in `_is_due`',
        '- Lines 290-299, 372-385, 443: other helpers',
      );
      const tasks = 'backend/monitors/tasks.py';
      assertRefs(doc, [
        { line: 4, text: tasks, path: tasks, form: 'path-only' },
        { line: 5, text: 'backend/tests/test_ping_tasks.py', path: 'backend/tests/test_ping_tasks.py', form: 'path-only' },
        { line: 9, text: 'Lines 137-157', path: tasks, lines: [137, 157], form: 'contextual-line' },
        { line: 10, text: 'Line 230', path: tasks, lines: [230, 230], form: 'contextual-line' },
        { line: 11, text: 'Lines 290-299', path: tasks, lines: [290, 299], form: 'contextual-line' },
        { line: 11, text: '372-385', path: tasks, lines: [372, 385], form: 'contextual-line' },
        { line: 11, text: '443', path: tasks, lines: [443, 443], form: 'contextual-line' },
      ]);
    });

    it('reads bold, emoji-prefixed and parenthesised forms', () => {
      const doc = joinLines(
        '**Files:** `app_v2/core/rate_limiter.py`, `app_v2/core/redis_client.py`',
        '',
        '- 🔴 **Lines 292-294, 313-315:** `incr()` and `expire()` are not atomic',
        '- **Line 144:** wrong call',
        '- Index on `Contact.status` (lines 44)',
      );
      const limiter = 'app_v2/core/rate_limiter.py';
      assertRefs(doc, [
        { line: 0, text: limiter, path: limiter, form: 'path-only' },
        { line: 0, text: 'app_v2/core/redis_client.py', path: 'app_v2/core/redis_client.py', form: 'path-only' },
        { line: 2, text: 'Lines 292-294', path: limiter, lines: [292, 294], form: 'contextual-line' },
        { line: 2, text: '313-315', path: limiter, lines: [313, 315], form: 'contextual-line' },
        { line: 3, text: 'Line 144', path: limiter, lines: [144, 144], form: 'contextual-line' },
        { line: 4, text: 'lines 44', path: limiter, lines: [44, 44], form: 'contextual-line' },
      ]);
    });

    it('binds to the most recent group, not an older one', () => {
      const doc = joinLines('First `a/one.py`.', '', 'Then `a/two.py`.', '', '- Line 5: detail');
      assertRefs(doc, [
        { line: 0, text: 'a/one.py', path: 'a/one.py', form: 'path-only' },
        { line: 2, text: 'a/two.py', path: 'a/two.py', form: 'path-only' },
        { line: 4, text: 'Line 5', path: 'a/two.py', lines: [5, 5], form: 'contextual-line' },
      ]);
    });

    it('reports nothing without a file in scope: headings, rules and issue starts reset it', () => {
      assert.deepEqual(extractReferences('- Line 230: no file anywhere'), []);
      assert.deepEqual(extractReferences(joinLines('**File:** `a/x.py`', '', '## Next', '', '- Line 3')).length, 1);
      assert.deepEqual(extractReferences(joinLines('**File:** `a/x.py`', '', '---', '', '- Line 3')).length, 1);
      const doc = joinLines('- HP-1: fix `a/x.py`', '- HP-2: unrelated', '  - Line 3 is odd');
      assert.equal(extractReferences(doc).length, 2);
      assert.equal(extractReferences(doc, { scopeStartLines: new Set([0, 1]) }).length, 1);
    });

    it('does not read counts or words as line references', () => {
      const doc = joinLines('**File:** `a/x.py`', '', 'Added 563 lines; a 161-Line Method; the pipeline 4 and deadline 5.');
      assertRefs(doc, [{ line: 0, text: 'a/x.py', path: 'a/x.py', form: 'path-only' }]);
    });
  });

  describe('form 6: tables', () => {
    it('combines a file column and a line column, one reference per range', () => {
      const doc = joinLines(
        '| ID | File | Line(s) | Note |',
        '|----|------|---------|------|',
        '| S-1 | `src/auth.ts` | 42-50 | token kept |',
        '| S-2 | src/db.py | 7, 9 | raw SQL |',
        '| S-3 | src/cache.py:3 | 4 | form 1 wins |',
        '| S-4 | src/empty.py | n/a | no line |',
      );
      assertRefs(doc, [
        { line: 2, text: '`src/auth.ts` | 42-50', path: 'src/auth.ts', lines: [42, 50], form: 'table' },
        { line: 3, text: 'src/db.py | 7', path: 'src/db.py', lines: [7, 7], form: 'table' },
        { line: 3, text: '9', path: 'src/db.py', lines: [9, 9], form: 'table' },
        { line: 4, text: 'src/cache.py:3', path: 'src/cache.py', lines: [3, 3], form: 'path-line' },
        { line: 5, text: 'src/empty.py', path: 'src/empty.py', form: 'path-only' },
      ]);
    });

    it('leaves tables without a line column to the other forms', () => {
      const doc = joinLines('| Task | Files Modified |', '|---|---|', '| 1.1 | models.py, engine.py |');
      assertRefs(doc, [
        { line: 2, text: 'models.py', path: 'models.py', form: 'path-only' },
        { line: 2, text: 'engine.py', path: 'engine.py', form: 'path-only' },
      ]);
    });
  });

  describe('form 7: path-only', () => {
    it('accepts workspace paths and well-known file names', () => {
      const doc = joinLines(
        '- Logger: `frontend/src/lib/logger.ts` and backend/monitors/models.py',
        '- CI: .github/workflows/deploy.yml, cloudbuild.yaml, Dockerfile and Makefile',
        '- Spaces only in backticks: `docs/Phase 1/summary notes.md:12`',
      );
      assertRefs(doc, [
        { line: 0, text: 'frontend/src/lib/logger.ts', path: 'frontend/src/lib/logger.ts', form: 'path-only' },
        { line: 0, text: 'backend/monitors/models.py', path: 'backend/monitors/models.py', form: 'path-only' },
        { line: 1, text: '.github/workflows/deploy.yml', path: '.github/workflows/deploy.yml', form: 'path-only' },
        { line: 1, text: 'cloudbuild.yaml', path: 'cloudbuild.yaml', form: 'path-only' },
        { line: 1, text: 'Dockerfile', path: 'Dockerfile', form: 'path-only' },
        { line: 1, text: 'Makefile', path: 'Makefile', form: 'path-only' },
        { line: 2, text: 'docs/Phase 1/summary notes.md:12', path: 'docs/Phase 1/summary notes.md', lines: [12, 12], form: 'path-line' },
      ]);
    });

    it('is lenient in backticks only for paths with a slash', () => {
      const doc = 'Inside `docs/notes.adoc2` yes, bare docs/notes.adoc2 no, `notes.adoc2` no';
      assertRefs(doc, [{ line: 0, text: 'docs/notes.adoc2', path: 'docs/notes.adoc2', form: 'path-only' }]);
    });
  });

  describe('form 8: code blocks', () => {
    it('marks references in fenced blocks as inCode, at any indentation and with ~~~', () => {
      const doc = joinLines(
        'Run `pytest tests/test_api.py` first.',
        '```',
        'api/token_refresh.py:36: error: Need type annotation',
        '```',
        '- Example:',
        '  ~~~python',
        '  # test_control_endpoints.py:20',
        '  ~~~',
      );
      assertRefs(doc, [
        { line: 0, text: 'tests/test_api.py', path: 'tests/test_api.py', form: 'path-only' },
        { line: 2, text: 'api/token_refresh.py:36', path: 'api/token_refresh.py', lines: [36, 36], form: 'path-line', inCode: true },
        { line: 6, text: 'test_control_endpoints.py:20', path: 'test_control_endpoints.py', lines: [20, 20], form: 'path-line', inCode: true },
      ]);
    });

    it('binds a line comment in code to the file named before the block', () => {
      const doc = joinLines('#### ISSUE 3', '**Affected Files:** `test_control_endpoints.py`', '', '```python', '# Line 27: mocks a missing method', '```');
      assertRefs(doc, [
        { line: 1, text: 'test_control_endpoints.py', path: 'test_control_endpoints.py', form: 'path-only' },
        { line: 4, text: 'Line 27', path: 'test_control_endpoints.py', lines: [27, 27], form: 'contextual-line', inCode: true },
      ]);
    });

    it('treats an indented block after a paragraph as code, but not a list continuation', () => {
      const doc = joinLines('Output:', '', '    src/app.py:3 failed', '', '- item', '', '    src/other.py:4 continues the item');
      assertRefs(doc, [
        { line: 2, text: 'src/app.py:3', path: 'src/app.py', lines: [3, 3], form: 'path-line', inCode: true },
        { line: 6, text: 'src/other.py:4', path: 'src/other.py', lines: [4, 4], form: 'path-line' },
      ]);
    });

    it('does not treat # comments inside a fence as headings', () => {
      const doc = joinLines('**File:** `a/x.py`', '', '```', '# not a heading', '```', '', '- Line 9');
      assertRefs(doc, [
        { line: 0, text: 'a/x.py', path: 'a/x.py', form: 'path-only' },
        { line: 6, text: 'Line 9', path: 'a/x.py', lines: [9, 9], form: 'contextual-line' },
      ]);
    });
  });

  describe('form 9: proposed files', () => {
    it('marks only what follows "create" in the sentence', () => {
      const doc = joinLines(
        '  - File: `requirements/base.txt`, create `apps/core/auth/mfa.py`',
        '  - **File:** Create `apps/core/views/csp_views.py`',
        '- Add new file `apps/a.py` and `apps/b.py`. Keep `apps/c.py`.',
        '- `apps/d.py` (new), new module: apps/e.py',
        '- Created `apps/f.py`; Create migration: `python manage.py makemigrations`',
      );
      assertRefs(doc, [
        { line: 0, text: 'requirements/base.txt', path: 'requirements/base.txt', form: 'path-only' },
        { line: 0, text: 'apps/core/auth/mfa.py', path: 'apps/core/auth/mfa.py', form: 'path-only', proposed: true },
        { line: 1, text: 'apps/core/views/csp_views.py', path: 'apps/core/views/csp_views.py', form: 'path-only', proposed: true },
        { line: 2, text: 'apps/a.py', path: 'apps/a.py', form: 'path-only', proposed: true },
        { line: 2, text: 'apps/b.py', path: 'apps/b.py', form: 'path-only', proposed: true },
        { line: 2, text: 'apps/c.py', path: 'apps/c.py', form: 'path-only' },
        { line: 3, text: 'apps/d.py', path: 'apps/d.py', form: 'path-only', proposed: true },
        { line: 3, text: 'apps/e.py', path: 'apps/e.py', form: 'path-only', proposed: true },
        { line: 4, text: 'apps/f.py', path: 'apps/f.py', form: 'path-only' },
        { line: 4, text: 'manage.py', path: 'manage.py', form: 'path-only' },
      ]);
    });

    it('marks what the document says is absent: "no X", not "no changes to X"', () => {
      const doc = joinLines(
        'There is no `CONTRIBUTING.md` in the tree, and no issue template.',
        '**Agent context:** No AGENTS.md or CLAUDE.md yet; see `docs/setup.md`.',
        'No changes to `src/app.py` were needed.',
        'Create `src/a.py`; there is no `src/b.py` today.',
        'Verified: no. `src/c.py:3` still fails.',
        '- **No** new file `src/d.py` is needed',
        'Fixed: no, `src/e.py:8` still calls eval; tests: no `src/g.py:9` test covers it.',
        '**No**, in `src/f.py` the check is missing. No `A.md`, `B.md`.',
      );
      assertRefs(doc, [
        { line: 0, text: 'CONTRIBUTING.md', path: 'CONTRIBUTING.md', form: 'path-only', proposed: true, absent: true },
        { line: 1, text: 'AGENTS.md', path: 'AGENTS.md', form: 'path-only', proposed: true, absent: true },
        { line: 1, text: 'CLAUDE.md', path: 'CLAUDE.md', form: 'path-only', proposed: true, absent: true },
        { line: 1, text: 'docs/setup.md', path: 'docs/setup.md', form: 'path-only' },
        { line: 2, text: 'src/app.py', path: 'src/app.py', form: 'path-only' },
        { line: 3, text: 'src/a.py', path: 'src/a.py', form: 'path-only', proposed: true },
        { line: 3, text: 'src/b.py', path: 'src/b.py', form: 'path-only', proposed: true, absent: true },
        { line: 4, text: 'src/c.py:3', path: 'src/c.py', lines: [3, 3], form: 'path-line' },
        { line: 5, text: 'src/d.py', path: 'src/d.py', form: 'path-only', proposed: true },
        { line: 6, text: 'src/e.py:8', path: 'src/e.py', lines: [8, 8], form: 'path-line' },
        { line: 6, text: 'src/g.py:9', path: 'src/g.py', lines: [9, 9], form: 'path-line' },
        { line: 7, text: 'src/f.py', path: 'src/f.py', form: 'path-only' },
        { line: 7, text: 'A.md', path: 'A.md', form: 'path-only', proposed: true, absent: true },
        { line: 7, text: 'B.md', path: 'B.md', form: 'path-only', proposed: true, absent: true },
      ]);
    });

    it('keeps a table cell that says "No" apart from the file in the next cell', () => {
      const doc = joinLines('| Tested | File |', '|---|---|', '| No | `src/x.py:4` |');
      const references = extractReferences(doc);
      assert.equal(references.length, 1);
      assert.equal(references[0]?.proposed, false);
      assert.equal(references[0]?.absent, undefined);
    });
  });

  describe('negatives', () => {
    const negatives = [
      'See https://x.com/a.py:10 and <https://example.org/src/b.ts#L3>',
      'Cache at redis://x:6379, db at localhost:5432, proxy on host:8080',
      'Pinned django-otp==1.3.0; bumped to v2.1 and 1.3.0',
      'Generated October 31, 2025, 22:45 CET; updated 2025-11-04 at 21:30 CET',
      'Tests: 246/246 passing, fixed 1/N, contrast 12:1',
      'Schedule collision at :27 → offset to :02,:29,:56; migrations 0027-0029',
      'Servers 192.168.1.10 and 10.0.0.1:8080; tickets P0-01 and HIGH-13',
      'Mail ops@example.com or dev.team@corp.io',
      'Use models.Index, settings.SECURE_SSL_REDIRECT, request.GET and self.request.retries, e.g. here',
      'Runs on Node.js and Next.js with `models.Index` and `node.js`',
      'Routes api/endpoints/ and /api/endpoints/ and /health/ and `/api/csp-report/`',
      'In code: `console.log(x)` and `logger.log(msg)`',
      'www.github.com/org/repo/a.py and github.com/org/repo/b.py',
    ];
    for (const sample of negatives) {
      it(`finds nothing in: ${sample}`, () => {
        assert.deepEqual(extractReferences(sample), []);
      });
    }
  });

  describe('line endings and robustness', () => {
    const lines = ['**File:** `a/x.py`', '**Lines:** 3-4', '', '- `b/y.py:7`'];
    const lf = extractReferences(lines.join('\n'));

    it('gives the same ranges for \\n, \\r\\n and lone \\r', () => {
      assert.equal(lf.length, 2);
      assert.deepEqual(extractReferences(lines.join('\r\n')), lf);
      assert.deepEqual(extractReferences(lines.join('\r')), lf);
      assert.deepEqual(lf[1]?.range, { start: { line: 3, character: 3 }, end: { line: 3, character: 11 } });
    });

    it('never throws on odd input', () => {
      assert.deepEqual(extractReferences(''), []);
      assert.deepEqual(extractReferences(undefined as unknown as string), []);
      assert.deepEqual(extractReferences('```\nsrc/a.py:1'), [
        expected('```\nsrc/a.py:1', { line: 1, text: 'src/a.py:1', path: 'src/a.py', lines: [1, 1], form: 'path-line', inCode: true }),
      ]);
      assert.deepEqual(extractReferences('[[[`a.py`]]]((( ` `` ``` x.py:'), [
        expected('[[[`a.py`]]]((( ` `` ``` x.py:', { line: 0, text: 'a.py', path: 'a.py', form: 'path-only' }),
        expected('[[[`a.py`]]]((( ` `` ``` x.py:', { line: 0, text: 'x.py', path: 'x.py', form: 'path-only' }),
      ]);
    });

    it('sorts the output by position', () => {
      const refs = extractReferences(joinLines('- `a/x.py` (see notes, lines 9-10) and b/y.py:2', '- c/z.py'));
      const starts = refs.map((r) => [r.range.start.line, r.range.start.character]);
      assert.deepEqual(starts, [...starts].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0)));
      assert.deepEqual(refs.map((r) => r.path), ['a/x.py', 'b/y.py', 'c/z.py']);
    });
  });

  describe('looksLikeFilePath', () => {
    const yes = ['frontend/src/lib/logger.ts', 'cloudbuild.yaml', 'Dockerfile', '.github/workflows/deploy.yml', '.env.example', 'docs/notes.adoc2', '../x.py', 'G:\\proj\\X.java', 'node_modules/@types/node/index.d.ts'];
    const no = ['models.Index', 'settings.SECURE_SSL_REDIRECT', 'request.GET', 'e.g.', 'v1.2.3', 'api/endpoints/', '/health/', 'node.js', 'django-otp==1.3.0', 'ops@example.com', 'github.com/a/b.py', '', '1.3.0', '246/246'];
    for (const candidate of yes) it(`accepts ${candidate}`, () => assert.equal(looksLikeFilePath(candidate), true));
    for (const candidate of no) it(`rejects ${JSON.stringify(candidate)}`, () => assert.equal(looksLikeFilePath(candidate), false));
  });

  describe('seeds (real audit documents, read at test time)', () => {
    const seedsDir = path.resolve(__dirname, '../../../shared/seeds');
    const available = fs.existsSync(seedsDir);
    const seed = (prefix: string): ExtractedReference[] => {
      const name = fs.readdirSync(seedsDir).find((file) => file.startsWith(prefix));
      assert.ok(name, `seed ${prefix} is missing`);
      return extractReferences(fs.readFileSync(path.join(seedsDir, name), 'utf8'));
    };
    const has = (refs: ExtractedReference[], want: Partial<ExtractedReference>): boolean =>
      refs.some((r) => Object.entries(want).every(([key, value]) => r[key as keyof ExtractedReference] === value));

    before(function () {
      if (!available) {
        if (process.env.CI === 'true') throw new Error(`seeds missing at ${seedsDir}`);
        this.skip();
      }
    });

    it('seed 003: field references with range lists', () => {
      const refs = seed('003');
      assert.ok(has(refs, { path: 'upstream/models.py', startLine: 229, endLine: 237, form: 'path-line', text: 'upstream/models.py:229-237' }));
      assert.ok(has(refs, { path: 'upstream/models.py', startLine: 299, endLine: 318, form: 'path-line', text: '299-318' }));
      assert.ok(has(refs, { path: 'cloudbuild.yaml', startLine: 65, endLine: 73, form: 'path-line' }));
      assert.ok(has(refs, { path: '.github/workflows/security.yml', startLine: 32, form: 'contextual-line', text: 'line 32' }));
    });

    it('seed 004: locations and bold line labels bound to the Files field', () => {
      const refs = seed('004');
      assert.ok(has(refs, { path: 'app_v2/main.py', startLine: 144, endLine: 144, form: 'path-line' }));
      assert.ok(has(refs, { path: 'app_v2/core/rate_limiter.py', startLine: 292, endLine: 294, form: 'path-line' }));
      assert.ok(has(refs, { path: 'app_v2/core/rate_limiter.py', startLine: 313, endLine: 315, form: 'path-line' }));
      assert.ok(has(refs, { path: 'app_v2/core/rate_limiter.py', startLine: 292, endLine: 294, form: 'contextual-line', text: 'Lines 292-294' }));
      assert.ok(has(refs, { path: 'test_control_endpoints.py', startLine: 27, form: 'contextual-line', inCode: true }));
    });

    it('seed 000: path with line words, and missing-coverage lines bound to the module under test', () => {
      const refs = seed('000');
      assert.ok(has(refs, { path: 'backend/app/settings.py', startLine: 442, endLine: 466, form: 'path-lines-words' }));
      // "Lines 137-157" follows a Location list naming backend/monitors/tasks.py and then its test
      // file; the list's lead is the module whose coverage the section reports.
      const missing = refs.find((r) => r.text === 'Lines 137-157');
      assert.ok(missing);
      assert.equal(missing.range.start.line, 728);
      assert.equal(missing.path, 'backend/monitors/tasks.py');
      assert.equal(missing.form, 'contextual-line');
      assert.deepEqual([missing.startLine, missing.endLine], [137, 157]);
      // The header's dates, times and ratios are not references.
      assert.deepEqual(refs.filter((r) => r.range.start.line < 10), []);
    });

    it('seeds 001 and 002: proposals, and URL routes that are not files', () => {
      const refs001 = seed('001');
      assert.ok(has(refs001, { path: 'apps/core/auth/mfa.py', proposed: true }));
      assert.ok(has(refs001, { path: 'requirements/base.txt', proposed: false }));
      assert.ok(has(refs001, { path: 'client_onboarding/views.py', startLine: 327 }));
      const refs002 = seed('002');
      assert.ok(has(refs002, { path: 'backend/monitors/models.py', form: 'path-only' }));
      assert.ok(!refs002.some((r) => r.path.includes('api/endpoints') || r.path.startsWith('/health')));
    });
  });
});
