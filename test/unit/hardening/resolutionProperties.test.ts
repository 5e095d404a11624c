// Properties of resolution: whatever a document writes, a path resolves only to listed files, a
// path that climbs out, starts at home or names a machine folder is outside the workspace, and the
// whole pipeline reads nothing but listed files and gives each state the facts it claims.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { documentLines } from '../../../server/src/core/features/textEdits';
import { FileIndex } from '../../../server/src/core/pathResolver';
import { analyzeWorkspace } from '../../../server/src/core/workspaceAnalyzer';
import { MemoryWorkspace } from '../../helpers/memoryWorkspace';
import { assertRangeInside, auditDocument, WORKSPACE_SOURCES } from './auditArbitraries';

const FILES = Object.keys(WORKSPACE_SOURCES);
const index = new FileIndex(FILES, '/var/www/acme');
const segment = fc.oneof(
  fc.constantFrom('backend', 'bookings', 'accounts', 'utils.py', 'views.py', 'src', 'my file.ts', 'ünïcode.ts', '.', '..', '', '%2e%2e', '..%2F..', 'C:', '~', 'etc', 'passwd', '#L1', '%00'),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const writtenPath = fc.tuple(fc.array(segment, { maxLength: 8 }), fc.constantFrom('/', '\\')).map(([segments, separator]) => segments.join(separator));
const documentPath = fc.constantFrom('AUDIT.md', 'docs/AUDIT.md', 'docs/audits/deep/AUDIT.md');

describe('resolution properties', function () {
  this.timeout(60_000);

  it('resolves any written path to listed files only, and never throws', () => {
    fc.assert(
      fc.property(writtenPath, documentPath, (written, document) => {
        const resolution = index.resolve(written, { documentPath: document, subprojectRoots: ['backend'] });
        if (resolution.kind === 'found' || resolution.kind === 'ambiguous') {
          assert.ok(FILES.includes(resolution.path), `${written} → ${resolution.path}`);
          assert.ok(resolution.candidates.length >= 1 && resolution.candidates.every((candidate) => FILES.includes(candidate)));
          assert.equal(resolution.candidates[0], resolution.path);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('puts every climb out of the root, home path and machine folder outside', () => {
    const escape = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom('etc/passwd', 'outside/canary.md', 'backend/bookings/utils.py')).map(([ups, rest]) => '../'.repeat(ups) + rest),
      fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom('etc%2Fpasswd', 'backend%2Fbookings%2Futils.py')).map(([ups, rest]) => '..%2F'.repeat(ups) + rest),
      fc.constantFrom('~/.ssh/id_rsa', '~root/.bashrc', '$HOME/.aws/credentials', '%USERPROFILE%\\secrets.txt'),
      fc.constantFrom('/etc/shadow', '/proc/self/environ', 'C:\\Windows\\win.ini', 'c:/windows/system32/drivers/etc/hosts', '/etc/../etc/passwd'),
    );
    fc.assert(
      fc.property(escape, (written) => {
        // From the root, any climb leaves; the deeper document may climb as far as its own depth.
        assert.equal(index.resolve(written, { documentPath: 'AUDIT.md' }).kind, 'outside-workspace', written);
      }),
      { numRuns: 300 },
    );
  });

  it('reads only listed files and gives each state its facts, over whole generated workspaces', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(auditDocument, { minLength: 1, maxLength: 3 }), async (documents) => {
        const files: Record<string, string> = { ...WORKSPACE_SOURCES };
        documents.forEach((text, at) => (files[at === 0 ? 'AUDIT.md' : `docs/${at}/AUDIT.md`] = text));
        const host = new MemoryWorkspace(files, '/var/www/acme');
        const report = await analyzeWorkspace(host);
        const listed = new Set(await host.listFiles());
        for (const read of host.reads) assert.ok(listed.has(read), `read ${read}, which is not listed`);
        for (const analysis of report.documents) {
          for (const reference of analysis.references) {
            assertRangeInside(analysis.text, reference.range, reference.text);
            const target = reference.resolvedPath;
            switch (reference.state) {
              case 'ok':
              case 'ambiguous':
              case 'line-out-of-range':
                assert.ok(target !== null && listed.has(target), `${reference.text} (${reference.state}) → ${target}`);
                break;
              default:
                assert.equal(target, null, `${reference.text} (${reference.state}) has no target`);
            }
            if (reference.state === 'line-out-of-range') {
              const lines = documentLines(files[target as string] ?? '').lines.length - 1;
              assert.ok((reference.endLine ?? reference.startLine ?? 0) > lines, `${reference.text}: ${lines} lines`);
            }
            if (reference.state === 'ambiguous') assert.ok(reference.candidates.length > 1);
          }
          for (const diagnostic of analysis.diagnostics) assertRangeInside(analysis.text, diagnostic.range, diagnostic.code);
        }
      }),
      { numRuns: 60 },
    );
  });
});
