// The resolution phase: extracted references against an in-memory workspace, one state at a time,
// the diagnostics each state yields, and the line-count cache that keeps re-resolution cheap.
import assert from 'node:assert/strict';
import { extractDocument, type ExtractedDocument } from '../../server/src/core/documentExtractor';
import { CachedMarkdownParser } from '../../server/src/core/markdown/markdownParser';
import type { DocumentAnalysis, ExtractedReference, ResolvedReference } from '../../server/src/core/model';
import { FileIndex } from '../../server/src/core/pathResolver';
import { LineCountCache, resolveDocument, type ResolutionWorkspace } from '../../server/src/core/referenceResolver';
import { joinLines, MemoryWorkspace } from '../helpers/memoryWorkspace';

const DOC = 'docs/TECH_DEBT.md';

/** A source file of `count` numbered lines, ending with a newline. */
function sourceLines(count: number): string {
  let text = '';
  for (let line = 1; line <= count; line++) text += `value_${line} = ${line}\n`;
  return text;
}

/** A reference as the extractor would hand it over; the range is its place on `line`. */
function reference(text: string, path: string, lines: [number, number] | null, options: Partial<ExtractedReference> & { line?: number } = {}): ExtractedReference {
  const line = options.line ?? 0;
  return {
    range: { start: { line, character: 2 }, end: { line, character: 2 + text.length } },
    text,
    path,
    startLine: lines ? lines[0] : null,
    endLine: lines ? lines[1] : null,
    inCode: options.inCode ?? false,
    proposed: options.proposed ?? false,
    ...(options.absent ? { absent: true as const } : {}),
    form: options.form ?? (lines ? 'path-line' : 'path-only'),
  };
}

/** An extracted document holding just these references, each owned by the given issue key. */
function documentWith(references: ExtractedReference[], keys: Array<string | null> = references.map(() => null), path = DOC): ExtractedDocument {
  return {
    path,
    encoding: 'utf-8',
    text: '',
    issues: [],
    mentions: [],
    references,
    referenceIssueKeys: keys,
    subprojectRoots: [],
    diagnostics: [],
  };
}

async function workspaceOf(host: MemoryWorkspace): Promise<ResolutionWorkspace> {
  return { files: new FileIndex(await host.listFiles(), host.root), lines: new LineCountCache(host), host };
}

async function resolveIn(host: MemoryWorkspace, document: ExtractedDocument): Promise<DocumentAnalysis> {
  return resolveDocument(document, await workspaceOf(host));
}

async function resolveOne(host: MemoryWorkspace, ref: ExtractedReference, documentPath = DOC): Promise<ResolvedReference> {
  const analysis = await resolveIn(host, documentWith([ref], [null], documentPath));
  assert.equal(analysis.references.length, 1);
  return analysis.references[0] as ResolvedReference;
}

/** A workspace whose `links` folders are symbolic links that leave the root: the host knows, the file list does not show them. */
class LinkedWorkspace extends MemoryWorkspace {
  constructor(
    files: Record<string, string>,
    private readonly links: readonly string[] = ['link'],
  ) {
    super(files);
  }

  override async isOutsideRoot(relativePath: string): Promise<boolean> {
    const throughLink = this.links.some((link) => relativePath === link || relativePath.startsWith(`${link}/`));
    return throughLink || (await super.isOutsideRoot(relativePath));
  }
}

describe('referenceResolver', () => {
  describe('states', () => {
    const files = {
      'backend/app/settings.py': sourceLines(30),
      'backend/accounts/views.py': sourceLines(200),
      'backend/bookings/views.py': sourceLines(200),
      'backend/bookings/serializers.py': sourceLines(80),
      'frontend/src/lib/logger.ts': sourceLines(12),
      'one-liner.py': 'print("hi")',
      [DOC]: '# Tech debt\n',
    };

    it('ok: the file exists and holds the lines', async () => {
      const resolved = await resolveOne(new MemoryWorkspace(files), reference('backend/app/settings.py:12-30', 'backend/app/settings.py', [12, 30]));
      assert.equal(resolved.state, 'ok');
      assert.equal(resolved.resolvedPath, 'backend/app/settings.py');
      assert.deepEqual(resolved.candidates, ['backend/app/settings.py']);
      assert.equal(resolved.reason, null);
      assert.equal(resolved.suggestion, null);
      assert.equal(resolved.issueKey, null);
    });

    it('ok: a file-level reference is checked without reading the file', async () => {
      const host = new MemoryWorkspace(files);
      const resolved = await resolveOne(host, reference('frontend/src/lib/logger.ts', 'frontend/src/lib/logger.ts', null));
      assert.equal(resolved.state, 'ok');
      assert.deepEqual(host.reads, []);
    });

    it('missing-file: nothing in the workspace matches', async () => {
      const resolved = await resolveOne(new MemoryWorkspace(files), reference('backend/app/settings_production.py:24-31', 'backend/app/settings_production.py', [24, 31]));
      assert.equal(resolved.state, 'missing-file');
      assert.equal(resolved.resolvedPath, null);
      assert.deepEqual(resolved.candidates, []);
      assert.equal(resolved.reason, 'No file backend/app/settings_production.py exists in the workspace.');
    });

    it('line-out-of-range: the message says how many lines the file has', async () => {
      const host = new MemoryWorkspace(files);
      const range = await resolveOne(host, reference('`backend/app/settings.py` lines 442-466', 'backend/app/settings.py', [442, 466], { form: 'path-lines-words' }));
      assert.equal(range.state, 'line-out-of-range');
      assert.equal(range.resolvedPath, 'backend/app/settings.py');
      assert.equal(range.reason, 'backend/app/settings.py has 30 lines; the reference points at lines 442-466.');

      const endOnly = await resolveOne(host, reference('backend/app/settings.py:25-31', 'backend/app/settings.py', [25, 31]));
      assert.equal(endOnly.state, 'line-out-of-range', 'a range that runs past the end is stale too');

      const single = await resolveOne(host, reference('one-liner.py:2', 'one-liner.py', [2, 2]));
      assert.equal(single.reason, 'one-liner.py has 1 line; the reference points at line 2.');

      const lastLine = await resolveOne(host, reference('backend/app/settings.py:30', 'backend/app/settings.py', [30, 30]));
      assert.equal(lastLine.state, 'ok', 'the last line is in range');
    });

    it('ambiguous: a bare name matching several files lists them, best first', async () => {
      const resolved = await resolveOne(new MemoryWorkspace(files), reference('views.py:149', 'views.py', [149, 149]));
      assert.equal(resolved.state, 'ambiguous');
      // Equally near the document and equally long: the alphabet decides, so runs are stable.
      assert.deepEqual(resolved.candidates, ['backend/accounts/views.py', 'backend/bookings/views.py']);
      assert.equal(resolved.resolvedPath, 'backend/accounts/views.py');
      assert.equal(resolved.reason, 'views.py matches 2 files: backend/accounts/views.py, backend/bookings/views.py.');
    });

    it('ambiguous: the candidate nearest the document ranks first', async () => {
      const host = new MemoryWorkspace(files);
      const resolved = await resolveOne(host, reference('views.py', 'views.py', null), 'backend/bookings/docs/REVIEW.md');
      assert.equal(resolved.state, 'ambiguous');
      assert.deepEqual(resolved.candidates, ['backend/bookings/views.py', 'backend/accounts/views.py']);
      const besideTheDocument = await resolveOne(host, reference('views.py', 'views.py', null), 'backend/bookings/REVIEW.md');
      assert.equal(besideTheDocument.state, 'ok', 'a file next to the document is what the document means');
      assert.equal(besideTheDocument.resolvedPath, 'backend/bookings/views.py');
    });

    it('ambiguous: re-ranked by what the rest of its issue points at', async () => {
      const host = new MemoryWorkspace(files);
      const document = documentWith(
        [
          reference('backend/bookings/serializers.py:10', 'backend/bookings/serializers.py', [10, 10], { line: 3 }),
          reference('views.py:149', 'views.py', [149, 149], { line: 4 }),
          reference('views.py:150', 'views.py', [150, 150], { line: 9 }),
        ],
        ['BK-01', 'BK-01', 'BK-02'],
      );
      const analysis = await resolveIn(host, document);
      const [serializers, sameIssue, otherIssue] = analysis.references;
      assert.equal(serializers?.state, 'ok');
      assert.equal(sameIssue?.state, 'ambiguous', 're-ranking orders the candidates, it does not pick one');
      assert.deepEqual(sameIssue?.candidates, ['backend/bookings/views.py', 'backend/accounts/views.py']);
      assert.equal(sameIssue?.resolvedPath, 'backend/bookings/views.py');
      assert.deepEqual(otherIssue?.candidates, ['backend/accounts/views.py', 'backend/bookings/views.py'], 'another issue has no such hint');
      assert.deepEqual(
        analysis.references.map((resolved) => resolved.issueKey),
        ['BK-01', 'BK-01', 'BK-02'],
      );
    });

    it('ambiguous: long candidate lists are cut in the message', async () => {
      const many: Record<string, string> = {};
      for (const app of ['alerts', 'billing', 'core', 'metrics', 'reports', 'tenants', 'users']) many[`apps/${app}/models.py`] = sourceLines(5);
      const resolved = await resolveOne(new MemoryWorkspace(many), reference('models.py', 'models.py', null));
      assert.equal(resolved.state, 'ambiguous');
      assert.equal(resolved.candidates.length, 7);
      assert.equal(
        resolved.reason,
        'models.py matches 7 files: apps/core/models.py, apps/users/models.py, apps/alerts/models.py, apps/billing/models.py, apps/metrics/models.py and 2 more.',
      );
    });

    it('outside-workspace: a path that climbs out of the root is never read', async () => {
      const host = new MemoryWorkspace(files);
      const climbing = await resolveOne(host, reference('../../etc/passwd:1', '../../etc/passwd', [1, 1]));
      assert.equal(climbing.state, 'outside-workspace');
      assert.equal(climbing.resolvedPath, null);
      assert.equal(climbing.reason, '../../etc/passwd lies outside the workspace; Audit Lens never reads it.');
      const absolute = await resolveOne(host, reference('/etc/passwd:1', '/etc/passwd', [1, 1]));
      assert.equal(absolute.state, 'outside-workspace');
      assert.deepEqual(host.reads, []);
    });

    it('outside-workspace: a path through a symbolic link that leaves the root is never read', async () => {
      const host = new LinkedWorkspace(files);
      const resolved = await resolveOne(host, reference('link/secrets.py:3', 'link/secrets.py', [3, 3]));
      assert.equal(resolved.state, 'outside-workspace');
      assert.equal(resolved.reason, 'link/secrets.py leads outside the workspace through a symbolic link; Audit Lens never reads it.');
      assert.deepEqual(host.reads, []);
    });

    it('outside-workspace: a link reached from the document’s own folder', async () => {
      const host = new LinkedWorkspace(files, ['docs/shared']);
      // Written relative to docs/TECH_DEBT.md, `shared/keys.py` is docs/shared/keys.py, behind the link.
      const resolved = await resolveOne(host, reference('shared/keys.py:3', 'shared/keys.py', [3, 3]));
      assert.equal(resolved.state, 'outside-workspace');
      assert.deepEqual(host.reads, []);
      const elsewhere = await resolveOne(host, reference('shared/keys.py:3', 'shared/keys.py', [3, 3]), 'notes/TECH_DEBT.md');
      assert.equal(elsewhere.state, 'missing-file', 'from another folder the same words name no link');
    });

    it('proposed: a file the document proposes to create is not missing', async () => {
      const host = new MemoryWorkspace(files);
      const missing = await resolveOne(host, reference('apps/core/auth/mfa.py', 'apps/core/auth/mfa.py', null, { proposed: true }));
      assert.equal(missing.state, 'proposed');
      assert.equal(missing.reason, 'The document proposes to create this file.');
      const created = await resolveOne(host, reference('frontend/src/lib/logger.ts', 'frontend/src/lib/logger.ts', null, { proposed: true }));
      assert.equal(created.state, 'ok', 'once the file exists the proposal is done');
      assert.equal(created.resolvedPath, 'frontend/src/lib/logger.ts');
    });

    it('proposed: a file the document says is absent is not missing, and says why', async () => {
      const host = new MemoryWorkspace(files);
      const absent = await resolveOne(host, reference('CONTRIBUTING.md', 'CONTRIBUTING.md', null, { proposed: true, absent: true }));
      assert.equal(absent.state, 'proposed');
      assert.equal(absent.reason, 'The document says this file does not exist.');
      const present = await resolveOne(host, reference('frontend/src/lib/logger.ts', 'frontend/src/lib/logger.ts', null, { proposed: true, absent: true }));
      assert.equal(present.state, 'ok', 'a file that exists after all is checked like any other');
    });
  });

  describe('diagnostics', () => {
    const host = () =>
      new MemoryWorkspace({
        'backend/app/settings.py': sourceLines(30),
        'backend/accounts/views.py': sourceLines(10),
        'backend/bookings/views.py': sourceLines(10),
      });
    const references = [
      reference('backend/app/settings.py:3', 'backend/app/settings.py', [3, 3], { line: 1 }),
      reference('backend/app/missing.py:3', 'backend/app/missing.py', [3, 3], { line: 2 }),
      reference('backend/app/settings.py:31', 'backend/app/settings.py', [31, 31], { line: 3 }),
      reference('views.py', 'views.py', null, { line: 4 }),
      reference('../../etc/passwd:1', '../../etc/passwd', [1, 1], { line: 5 }),
      reference('apps/new_module.py', 'apps/new_module.py', null, { line: 6, proposed: true }),
    ];

    it('gives each stale state its code and default severity, in document order', async () => {
      const analysis = await resolveIn(host(), documentWith(references));
      assert.deepEqual(
        analysis.diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.code, diagnostic.severity]),
        [
          [2, 'missing-file', 'error'],
          [3, 'line-out-of-range', 'error'],
          [4, 'ambiguous-path', 'warning'],
          [5, 'outside-workspace', 'warning'],
        ],
      );
      const ambiguous = analysis.diagnostics.find((diagnostic) => diagnostic.code === 'ambiguous-path');
      assert.deepEqual(ambiguous?.data, {
        path: 'views.py',
        resolvedPath: 'backend/accounts/views.py',
        candidates: ['backend/accounts/views.py', 'backend/bookings/views.py'],
        inCode: false,
      });
      assert.deepEqual(ambiguous?.range, references[3]?.range);
    });

    it('downgrades every reference diagnostic inside code to a hint', async () => {
      const inCode = references.map((ref) => ({ ...ref, inCode: true }));
      const analysis = await resolveIn(host(), documentWith(inCode));
      assert.deepEqual(
        analysis.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity]),
        [
          ['missing-file', 'hint'],
          ['line-out-of-range', 'hint'],
          ['ambiguous-path', 'hint'],
          ['outside-workspace', 'hint'],
        ],
      );
    });

    it('keeps the document’s own lints and sorts them in with the reference ones', async () => {
      const document = documentWith([references[1] as ExtractedReference]);
      document.diagnostics.push({
        code: 'duplicate-issue-id',
        severity: 'warning',
        message: 'Issue ID BK-01 is already defined on line 1.',
        range: { start: { line: 7, character: 0 }, end: { line: 7, character: 10 } },
      });
      const analysis = await resolveIn(host(), document);
      assert.deepEqual(
        analysis.diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.code]),
        [
          [2, 'missing-file'],
          [7, 'duplicate-issue-id'],
        ],
      );
    });
  });

  describe('end to end from markdown', () => {
    it('resolves what the extractor found, with sub-project roots and issue keys', async () => {
      const text = joinLines(
        '# Settings Audit',
        '',
        '```bash',
        'cd backend',
        '```',
        '',
        '### CFG-01: Debug Enabled in Production',
        '**Status:** 🔴 Open',
        '**File:** `app/settings.py:12-14`',
        '',
        '### CFG-02: HSTS Not Configured',
        '**Status:** 🔴 Open',
        '- `backend/app/settings.py` lines 442-466',
      );
      const host = new MemoryWorkspace({ 'backend/app/settings.py': sourceLines(30), 'docs/SETTINGS_AUDIT.md': text });
      const extracted = extractDocument('docs/SETTINGS_AUDIT.md', { text }, new CachedMarkdownParser());
      const analysis = await resolveIn(host, extracted);
      assert.deepEqual(
        analysis.references.map((resolved) => [resolved.text, resolved.resolvedPath, resolved.state, resolved.issueKey]),
        [
          ['app/settings.py:12-14', 'backend/app/settings.py', 'ok', 'CFG-01'],
          ['`backend/app/settings.py` lines 442-466', 'backend/app/settings.py', 'line-out-of-range', 'CFG-02'],
        ],
      );
      assert.deepEqual(analysis.issues, extracted.issues);
      assert.equal(analysis.text, text);
    });
  });

  describe('with a host that answers synchronously', () => {
    it('lets the event loop turn while a document names many files', async () => {
      const files: Record<string, string> = {};
      const references: ExtractedReference[] = [];
      for (let file = 0; file < 60; file++) {
        files[`src/file${file}.py`] = sourceLines(5);
        references.push(reference(`src/file${file}.py:2`, `src/file${file}.py`, [2, 2], { line: file }));
      }
      const host = new MemoryWorkspace(files);
      const answer = host.stat.bind(host);
      // A stat that holds the thread for a millisecond and resolves at once, as a synchronous call does.
      host.stat = (path) => {
        const until = performance.now() + 1;
        while (performance.now() < until) {
          // busy: a slow disk answering synchronously
        }
        return answer(path);
      };
      let turned = false;
      setImmediate(() => (turned = true));
      const analysis = await resolveIn(host, documentWith(references));
      const turnedDuringResolution = turned;
      assert.equal(analysis.references.filter((resolved) => resolved.state === 'ok').length, 60);
      assert.ok(turnedDuringResolution, 'a request could have been served between slices');
    });
  });

  describe('LineCountCache', () => {
    it('reads a file once and again only when its size or mtime changes', async () => {
      const host = new MemoryWorkspace({ 'src/a.py': sourceLines(10), 'src/b.py': sourceLines(3) });
      const cache = new LineCountCache(host);
      assert.equal(await cache.lineCount('src/a.py'), 10);
      assert.equal(await cache.lineCount('src/a.py'), 10);
      assert.deepEqual(host.reads, ['src/a.py']);

      host.write('src/a.py', sourceLines(10)); // same size, new mtime
      assert.equal(await cache.lineCount('src/a.py'), 10);
      assert.deepEqual(host.reads, ['src/a.py', 'src/a.py']);

      host.write('src/a.py', sourceLines(12));
      assert.equal(await cache.lineCount('src/a.py'), 12);
      assert.equal(await cache.lineCount('src/a.py'), 12);
      assert.equal(await cache.lineCount('src/b.py'), 3);
      assert.deepEqual(host.reads, ['src/a.py', 'src/a.py', 'src/a.py', 'src/b.py']);
    });

    it('re-reads one invalidated file; invalidating all re-checks each by size and mtime', async () => {
      const host = new MemoryWorkspace({ 'src/a.py': sourceLines(4), 'src/b.py': sourceLines(5) });
      const cache = new LineCountCache(host, { trustForMs: Number.POSITIVE_INFINITY });
      await cache.lineCount('src/a.py');
      await cache.lineCount('src/b.py');
      cache.invalidate('src/a.py');
      await cache.lineCount('src/a.py');
      await cache.lineCount('src/b.py');
      assert.deepEqual(host.reads, ['src/a.py', 'src/b.py', 'src/a.py']);
      // A whole re-index distrusts every count: unchanged files are only stat'ed, changed ones read.
      host.write('src/b.py', sourceLines(7));
      cache.invalidate();
      assert.equal(await cache.lineCount('src/a.py'), 4);
      assert.equal(await cache.lineCount('src/b.py'), 7);
      assert.deepEqual(host.reads, ['src/a.py', 'src/b.py', 'src/a.py', 'src/b.py']);
    });

    it('uses counts saved by an earlier session only while size and mtime match, and saves only what it checked', async () => {
      const host = new MemoryWorkspace({ 'src/a.py': sourceLines(4), 'src/b.py': sourceLines(5), 'src/c.py': sourceLines(6) });
      const earlier = new LineCountCache(host);
      for (const file of ['src/a.py', 'src/b.py', 'src/c.py']) await earlier.lineCount(file);
      const saved = earlier.saved();
      assert.deepEqual(saved.map(([file, count]) => [file, count.lines]), [['src/a.py', 4], ['src/b.py', 5], ['src/c.py', 6]]);

      host.reads.length = 0;
      host.write('src/b.py', sourceLines(9));
      const next = new LineCountCache(host);
      next.seed(saved);
      assert.equal(await next.lineCount('src/a.py'), 4);
      assert.equal(await next.lineCount('src/b.py'), 9);
      assert.deepEqual(host.reads, ['src/b.py'], 'the unchanged file is not read again');
      assert.deepEqual(next.saved().map(([file, count]) => [file, count.lines]), [['src/a.py', 4], ['src/b.py', 9]], 'c.py was not asked about, so it is not saved');
    });

    it('answers undefined for a missing file without reading it', async () => {
      const host = new MemoryWorkspace({ 'src/a.py': sourceLines(4) });
      const cache = new LineCountCache(host);
      assert.equal(await cache.lineCount('src/gone.py'), undefined);
      await cache.lineCount('src/a.py');
      host.delete('src/a.py');
      assert.equal(await cache.lineCount('src/a.py'), undefined);
      assert.deepEqual(host.reads, ['src/a.py']);
    });

    it('is what keeps a second resolution from reading again', async () => {
      const host = new MemoryWorkspace({ 'backend/app/settings.py': sourceLines(30) });
      const workspace = await workspaceOf(host);
      const document = documentWith([
        reference('backend/app/settings.py:3', 'backend/app/settings.py', [3, 3]),
        reference('backend/app/settings.py:40', 'backend/app/settings.py', [40, 40]),
      ]);
      await resolveDocument(document, workspace);
      const again = await resolveDocument(document, workspace);
      assert.deepEqual(again.references.map((resolved) => resolved.state), ['ok', 'line-out-of-range']);
      assert.deepEqual(host.reads, ['backend/app/settings.py']);
    });
  });
});
