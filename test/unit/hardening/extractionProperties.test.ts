// Properties of extraction over generated audit documents (auditArbitraries.ts): reference and
// issue extraction never throw, every range lies inside its document, a reference's text is what
// the document holds at its range, and every reference's owner is an issue the document defines.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractDocument, type ExtractedDocument } from '../../../server/src/core/documentExtractor';
import { CachedMarkdownParser } from '../../../server/src/core/markdown/markdownParser';
import { extractReferences } from '../../../server/src/core/referenceExtractor';
import { documentLines } from '../../../server/src/core/features/textEdits';
import { assertRangeInside, auditBytes, auditDocument, textAt } from './auditArbitraries';

const parser = new CachedMarkdownParser();

/** Every structural promise one extracted document makes. */
function assertWellFormed(document: ExtractedDocument): void {
  const text = document.text;
  const lineCount = documentLines(text).lines.length;
  for (const reference of document.references) {
    assertRangeInside(text, reference.range, `reference ${JSON.stringify(reference.text)}`);
    if (reference.range.start.line === reference.range.end.line) assert.equal(textAt(text, reference.range), reference.text, 'a reference’s text is the text at its range');
    assert.equal(reference.path.includes('\\'), false, 'paths use /');
    if (reference.startLine !== null) {
      assert.ok(Number.isSafeInteger(reference.startLine) && reference.startLine >= 0, `start line ${reference.startLine}`);
      assert.ok(reference.endLine !== null && Number.isSafeInteger(reference.endLine), `end line ${reference.endLine}`);
    } else {
      assert.equal(reference.endLine, null);
    }
  }
  const keys = new Set<string>();
  for (const issue of document.issues) {
    assertRangeInside(text, issue.range, `issue ${issue.key}`);
    assert.ok(issue.bodyStartLine <= issue.range.start.line + 1 && issue.bodyStartLine <= issue.bodyEndLine && issue.bodyEndLine <= lineCount, `issue ${issue.key} body ${issue.bodyStartLine}-${issue.bodyEndLine} of ${lineCount}`);
    assert.equal(keys.has(issue.key), false, `issue key ${issue.key} is unique`);
    keys.add(issue.key);
  }
  const owners = new Set([...keys, ...document.mentions.map((mention) => mention.key)]);
  assert.equal(document.referenceIssueKeys.length, document.references.length);
  for (const key of document.referenceIssueKeys) assert.ok(key === null || owners.has(key), `reference owner ${key} is an issue`);
  for (const diagnostic of document.diagnostics) assertRangeInside(text, diagnostic.range, `diagnostic ${diagnostic.code}`);
}

describe('extraction properties', function () {
  this.timeout(60_000);

  it('reference extraction never throws and keeps every range inside the text', () => {
    fc.assert(
      fc.property(auditDocument, (text) => {
        for (const reference of extractReferences(text)) {
          assertRangeInside(text, reference.range, `reference ${JSON.stringify(reference.text)}`);
          if (reference.range.start.line === reference.range.end.line) assert.equal(textAt(text, reference.range), reference.text);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reference extraction survives any string at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        for (const reference of extractReferences(text)) assertRangeInside(text, reference.range, 'reference');
      }),
      { numRuns: 300 },
    );
  });

  it('document extraction from editor text never throws and is well formed', () => {
    fc.assert(
      fc.property(auditDocument, (text) => assertWellFormed(extractDocument('docs/AUDIT.md', { text }, parser))),
      { numRuns: 150 },
    );
  });

  it('document extraction from bytes (BOM, stray bytes) never throws and is well formed', () => {
    fc.assert(
      fc.property(auditBytes, (bytes) => {
        const document = extractDocument('docs/AUDIT.md', { bytes }, parser);
        assertWellFormed(document);
        // One leading BOM is dropped, everything after it is text (invalid bytes as U+FFFD).
        const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        if (!document.diagnostics.some((diagnostic) => diagnostic.code === 'binary-file')) {
          assert.equal(document.text, new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(bom ? 3 : 0)));
        }
      }),
      { numRuns: 100 },
    );
  });
});
