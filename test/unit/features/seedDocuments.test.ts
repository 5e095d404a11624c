// Every feature over the real audit documents (read from ../shared/seeds at run time, never copied
// into the repository): no position throws, and the outline and hovers read them the way people do.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { codeLenses } from '../../../server/src/core/features/codeLens';
import { completionsAt } from '../../../server/src/core/features/completion';
import { documentLinks } from '../../../server/src/core/features/documentLinks';
import { hoverAt } from '../../../server/src/core/features/hover';
import { definitionAt, documentSymbols, issueMentionsAt, workspaceSymbols } from '../../../server/src/core/features/navigation';
import { queryIssues } from '../../../server/src/core/features/issueQueries';
import { splitLines } from '../../../server/src/core/markdown/sectionSplitter';
import { neverCancelled } from '../../../server/src/core/workspace';
import { buildFixtureIndex, type FixtureIndex } from '../../helpers/indexFixture';

const SEEDS = path.resolve(__dirname, '../../../../shared/seeds');

describe('features over the seed audit documents', function () {
  let index: FixtureIndex;

  before(async function () {
    if (!existsSync(SEEDS)) {
      if (process.env['CI'] === 'true') throw new Error(`The seed documents are missing from ${SEEDS}.`);
      this.skip();
    }
    const files: Record<string, string> = {};
    for (const name of readdirSync(SEEDS).filter((entry) => entry.endsWith('.txt')).sort()) {
      files[`audits/${name.replace(/\.txt$/, '.md')}`] = readFileSync(path.join(SEEDS, name), 'utf8');
    }
    index = await buildFixtureIndex(files);
  });

  it('answers at the start, middle and end of every third line without throwing', async function () {
    this.timeout(120_000);
    let answered = 0;
    for (const document of index.documents()) {
      const lines = splitLines(document.text);
      // Every third line keeps the run short: each call scans its document up to the line.
      for (let line = 0; line < lines.length; line += 3) {
        const length = (lines[line] as string).length;
        for (const character of [0, Math.floor(length / 2), length]) {
          const position = { line, character };
          if (await hoverAt(index, document.path, position, neverCancelled)) answered++;
          definitionAt(index, document.path, position, neverCancelled);
          issueMentionsAt(index, document.path, position, { includeDeclaration: false }, neverCancelled);
          await completionsAt(index, document.path, document.text, position, neverCancelled, { filePaths: index.filePaths });
        }
      }
      documentLinks(index, document.path, neverCancelled);
      documentSymbols(index, document.path, neverCancelled);
    }
    assert.ok(answered > 50, `only ${answered} hovers`);
    assert.ok(workspaceSymbols(index, 'crit', neverCancelled).length > 5);
    assert.ok(queryIssues(index, {}, neverCancelled).counts.issues > 50);
    assert.deepEqual(codeLenses(index, 'audits/none.py', neverCancelled), []);
    // Only audit documents exist here, so nothing a reference names may have been read.
    assert.ok(index.host.reads.every((read) => read.startsWith('audits/')), index.host.reads.join(', '));
  });

  it('outlines the tracker with critical issues under their section', function () {
    const tracker = index.documents().find((document) => document.text.includes('CRIT-2: Migration Safety Checks'));
    assert.ok(tracker);
    const names = (symbols: ReturnType<typeof documentSymbols>): string[] => symbols.flatMap((symbol) => [symbol.name, ...names(symbol.children)]);
    const critical = documentSymbols(index, tracker.path, neverCancelled)[0]?.children.find((symbol) => symbol.name.startsWith('Critical Issues'));
    assert.ok(critical, 'a Critical Issues section');
    assert.ok(names(critical.children).includes('CRIT-2 Migration Safety Checks Not in CI/CD'));
    assert.equal(critical.children.every((symbol) => symbol.kind === 'issue' && symbol.severity === 'critical'), true);
  });

  it('reads a mojibake document as repaired in hovers', async function () {
    const repaired = index.documents().find((document) => document.encoding === 'mojibake-repaired' && document.issues.some((issue) => issue.id === 'P0-01'));
    assert.ok(repaired);
    const line = splitLines(repaired.text).findIndex((text) => text.startsWith('### P0-01'));
    const hover = await hoverAt(index, repaired.path, { line, character: 5 }, neverCancelled);
    assert.match(hover?.markdown ?? '', /^\*\*P0-01\*\* .+\n\ncritical · resolved/);
  });
});
