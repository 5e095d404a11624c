// The benchmark corpus must be the same from the same seed, or figures from two runs would not be
// comparable; and its documents must plant the references the extractor actually finds.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { corpusStats, generateCorpus, QUICK_CORPUS, type Corpus, type CorpusParams } from '../../bench/corpus/generate';
import { HOT_SOURCE_PATH } from '../../bench/corpus/sourceTree';
import { extractReferences } from '../../../server/src/core/referenceExtractor';

const TINY: CorpusParams = { ...QUICK_CORPUS, name: 'tiny', documents: 12, sourceFiles: 60, commits: 8, largeDocumentEvery: 10 };

function fingerprint(corpus: Corpus): string {
  const hash = createHash('sha256');
  for (const document of corpus.documents) hash.update(`${document.path}\0${document.text}\0`);
  for (const [path, lines] of [...corpus.finalTree].sort()) hash.update(`${path}\0${lines.join('\n')}\0`);
  for (const commit of corpus.commits) hash.update(`${commit.message}\0${JSON.stringify(commit.changes)}\0`);
  return hash.digest('hex');
}

describe('benchmark corpus generator', () => {
  it('gives the same corpus twice from the same seed, and another from another seed', () => {
    assert.equal(fingerprint(generateCorpus(TINY)), fingerprint(generateCorpus(TINY)));
    assert.notEqual(fingerprint(generateCorpus(TINY)), fingerprint(generateCorpus({ ...TINY, seed: TINY.seed + 1 })));
  });

  it('has the expected shape at a tiny scale', () => {
    const corpus = generateCorpus(TINY);
    const stats = corpusStats(corpus);
    assert.equal(stats.documents, 12);
    assert.equal(stats.sourceFiles, 60, 'moves keep the file count');
    assert.equal(stats.commits, 8);
    assert.equal(corpus.documents.filter((document) => document.text.length > 50_000).length, 2, 'documents 0 and 10 are the large ones');
    // About one reference per 100 bytes, as at full scale (~10 MB, ~100k references).
    assert.ok(stats.references > stats.documentBytes / 150 && stats.references < stats.documentBytes / 70, `${stats.references} references in ${stats.documentBytes} bytes`);
    const hot = corpus.documents.reduce((sum, document) => sum + document.text.split(`\`${HOT_SOURCE_PATH}:`).length - 1, 0);
    assert.equal(hot, 50, 'the hot file receives exactly 50 references');
  });

  it('plants the references the extractor finds', () => {
    const corpus = generateCorpus(TINY);
    const planted = corpusStats(corpus).references;
    const extracted = corpus.documents.reduce((sum, document) => sum + extractReferences(document.text).length, 0);
    assert.ok(Math.abs(extracted - planted) <= planted * 0.02, `planted ${planted}, extracted ${extracted}`);
  });
});
