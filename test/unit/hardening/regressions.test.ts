// One test per bug the hardening work found and fixed, each as small as the bug: so the fix cannot
// quietly come undone. The larger proofs (property, linearity, hostile workspace, stress) live
// beside this file and in test/protocol/stress.test.ts.
import assert from 'node:assert/strict';
import { extractDocument } from '../../../server/src/core/documentExtractor';
import { markIssueStatus } from '../../../server/src/core/features/issueStatusEdits';
import { applyTextEdits } from '../../../server/src/core/features/textEdits';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { CachedMarkdownParser } from '../../../server/src/core/markdown/markdownParser';
import type { DocumentAnalysis } from '../../../server/src/core/model';
import { FileIndex } from '../../../server/src/core/pathResolver';
import { extractReferences } from '../../../server/src/core/referenceExtractor';
import { LineCountCache, resolveDocument } from '../../../server/src/core/referenceResolver';
import type { FileStat } from '../../../server/src/core/workspace';
import { SettingsCache } from '../../../server/src/lsp/settings';
import { readWorkspaceTrust, UNTRUSTED_RESTRICTION } from '../../../server/src/lsp/workspaceTrust';
import { joinLines, MemoryWorkspace } from '../../helpers/memoryWorkspace';
import { sourceLines } from './auditArbitraries';

const parser = new CachedMarkdownParser();

function statuses(text: string): string[] {
  return extractDocument('AUDIT.md', { text }, new CachedMarkdownParser()).issues.map((issue) => `${issue.key}:${issue.status}`);
}

function asAnalysis(text: string): DocumentAnalysis {
  const extracted = extractDocument('AUDIT.md', { text }, parser);
  return { path: 'AUDIT.md', encoding: extracted.encoding, text, issues: extracted.issues, references: [], diagnostics: extracted.diagnostics };
}

/** A MemoryWorkspace that counts its stat and listFiles calls. */
class CountingWorkspace extends MemoryWorkspace {
  stats = 0;
  lists = 0;

  override async stat(relativePath: string): Promise<FileStat | undefined> {
    this.stats++;
    return super.stat(relativePath);
  }

  override async listFiles(): Promise<string[]> {
    this.lists++;
    return super.listFiles();
  }
}

describe('hardening regressions', () => {
  describe('URL-encoded traversal inside backticks', () => {
    it('is a reference, and it lies outside the workspace', () => {
      for (const written of ['..%2F..%2Fetc%2Fpasswd', '..%2f..%2F..%2Fetc%2Fshadow', '..%5C..%5Cwindows%5Cwin.ini']) {
        const [reference] = extractReferences(`- \`${written}:1\``);
        assert.equal(reference?.text, `${written}:1`, written);
        assert.equal(new FileIndex(['etc/passwd'], '/work').resolve(reference?.path ?? '', { documentPath: 'AUDIT.md' }).kind, 'outside-workspace');
      }
      // Fully encoded dots (`%2e%2e%2f`) are not read as a path at all: nothing is reported, nothing is read.
      assert.deepEqual(extractReferences('- `%2e%2e%2f%2e%2e%2fetc%2fshadow:1`'), []);
    });
  });

  describe('Mark Open on the last heading that carries its status in its title', () => {
    it('keeps the headings that the title convention reads as open', () => {
      const text = joinLines('### ~~SEC-01: Login~~ ✅ RESOLVED', '**Status:** ✅ Resolved', '', '### SEC-02: Tokens', '');
      assert.deepEqual(statuses(text), ['SEC-01:resolved', 'SEC-02:open']);
      const edit = markIssueStatus(asAnalysis(text), 'SEC-01', 'open');
      assert.ok(edit);
      const after = applyTextEdits(text, edit.edits);
      assert.deepEqual(statuses(after), ['SEC-01:open', 'SEC-02:open'], after);
    });

    it('keeps an ID-less heading an issue when its title mark was what made it one', () => {
      const text = joinLines('## ✅ Completed', '**Status:** 🔄 In Progress', '');
      assert.deepEqual(statuses(text), ['AUDIT.md#1:in-progress']);
      const edit = markIssueStatus(asAnalysis(text), 'AUDIT.md#1', 'open');
      assert.ok(edit);
      assert.deepEqual(statuses(applyTextEdits(text, edit.edits)), ['AUDIT.md#1:open']);
    });
  });

  describe('resolving a document', () => {
    it('asks the host about each referenced file once per pass, however often it is named', async () => {
      const host = new CountingWorkspace({ 'src/app.py': sourceLines(60), 'src/other.py': sourceLines(5) });
      const workspace = { files: new FileIndex(await host.listFiles(), host.root), lines: new LineCountCache(host), host };
      const text = Array.from({ length: 3000 }, (_, index) => `- \`src/${index % 2 ? 'app' : 'other'}.py:${(index % 9) + 1}\``).join('\n');
      const analysis = await resolveDocument(extractDocument('AUDIT.md', { text }, parser), workspace);
      assert.equal(analysis.references.length, 3000);
      assert.equal(host.stats, 2);
    });
  });

  describe('the index', () => {
    it('re-lists the files once for 10,000 changes in one batch', async () => {
      const host = new CountingWorkspace({ 'src/app.py': sourceLines(60), 'AUDIT.md': '`generated/f0042.py:1`\n' });
      const index = new WorkspaceIndex(host);
      await index.indexAll();
      assert.equal(index.document('AUDIT.md')?.references[0]?.state, 'missing-file');
      const before = host.lists;
      const changes = Array.from({ length: 10_000 }, (_, at) => {
        const path = `generated/f${String(at).padStart(4, '0')}.py`;
        host.write(path, 'x = 1\n');
        return { path, type: 'created' as const };
      });
      await index.filesChanged(changes);
      assert.equal(host.lists - before, 1);
      assert.equal(index.document('AUDIT.md')?.references[0]?.state, 'ok');
    });
  });

  describe('the section parse cache', () => {
    it('drops the superseded sections of a document as it is edited, and keeps the rest', () => {
      const cache = new CachedMarkdownParser();
      const lines = ['# A', 'one', '## B', 'two', '## C', 'three'];
      cache.parse(lines, 'AUDIT.md');
      cache.parse(['# Other', 'text'], 'OTHER.md');
      assert.equal(cache.cachedSections, 4);
      for (let keystroke = 0; keystroke < 50; keystroke++) {
        const typed = [...lines];
        typed[3] = `two ${'x'.repeat(keystroke)}`;
        cache.parse(typed, 'AUDIT.md');
      }
      assert.equal(cache.cachedSections, 4, 'one version of the edited section, the untouched ones, the other document');
      cache.parse(lines);
      assert.equal(cache.cachedSections, 5, 'a parse without an owner evicts nothing');
    });
  });

  describe('workspace trust', () => {
    it('is read from the initialize options; only an explicit false restricts', () => {
      assert.deepEqual(readWorkspaceTrust({ workspaceTrusted: false }), { trusted: false, restriction: UNTRUSTED_RESTRICTION });
      for (const options of [{ workspaceTrusted: true }, {}, undefined, null, 'yes', { workspaceTrusted: 'false' }]) {
        assert.deepEqual(readWorkspaceTrust(options), { trusted: true, restriction: undefined }, JSON.stringify(options));
      }
    });

    it('turns the workspace’s git setting off in an untrusted workspace', async () => {
      const connection = { workspace: { getConfiguration: async () => ({ git: { enabled: true }, include: ['docs/**'] }) } };
      const settingsFor = (trusted: boolean) => new SettingsCache(connection as never, () => true, () => trusted).get('file:///work');
      assert.equal((await settingsFor(true)).gitEnabled, true);
      const untrusted = await settingsFor(false);
      assert.equal(untrusted.gitEnabled, false);
      assert.deepEqual(untrusted.include, ['docs/**'], 'the other settings still apply');
    });
  });
});
