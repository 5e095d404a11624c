// The corpus as data: from parameters and a seed to documents, a source tree and a history,
// with no I/O, so a unit test can check that the same seed gives the same corpus.
import { generateDocument, type AuditDocument } from './documents';
import { generateHistory, type Commit } from './history';
import { Random } from './random';
import { ReferencePicker } from './references';
import { generateSourceTree, type SourceFile } from './sourceTree';

/** What to generate. */
export interface CorpusParams {
  name: string;
  seed: number;
  documents: number;
  sourceFiles: number;
  commits: number;
  /** Every this many documents, one is large (about 55 KB), for the keystroke measure. */
  largeDocumentEvery: number;
  /** Share of documents saved as mojibake. */
  mojibakeShare: number;
}

/** The corpus the issue asks for: 1,000 documents (~10 MB, ~100k references), 20,000 source files, 200 commits. */
export const FULL_CORPUS: CorpusParams = { name: 'full', seed: 20_261_122, documents: 1000, sourceFiles: 20_000, commits: 200, largeDocumentEvery: 100, mojibakeShare: 0.03 };

/** `--quick`: ten times smaller in every dimension. */
export const QUICK_CORPUS: CorpusParams = { ...FULL_CORPUS, name: 'quick', documents: 100, sourceFiles: 2000, commits: 20 };

/** Bumped whenever the generator's output changes, so a stale cached corpus is regenerated. */
export const GENERATOR_VERSION = 1;

/** Size of the large documents; the keystroke measure edits the first one. */
export const LARGE_DOCUMENT_BYTES = 55 * 1024;

/** Ranges on the hot source file, planted over the first ten documents. */
const HOT_RANGES = Array.from({ length: 50 }, (_, index) => `${index * 8 + 1}-${index * 8 + 4}`);

/** The generated corpus, in memory. */
export interface Corpus {
  params: CorpusParams;
  documents: AuditDocument[];
  /** The source tree as first committed. */
  initialFiles: SourceFile[];
  commits: Commit[];
  /** Path → lines of every source file after the last commit (the working tree). */
  finalTree: Map<string, string[]>;
  /** Path of the first large document. */
  largeDocument: string;
}

/** Generates the corpus from its parameters; the same parameters always give the same corpus. */
export function generateCorpus(params: CorpusParams): Corpus {
  const root = new Random(params.seed);
  const files = generateSourceTree(root.fork(1), params.sourceFiles);
  const picker = new ReferencePicker(root.fork(2), files);
  const docRandom = root.fork(3);
  const documents: AuditDocument[] = [];
  const hotDocuments = Math.min(10, params.documents);
  for (let index = 0; index < params.documents; index++) {
    const large = index % params.largeDocumentEvery === 0;
    const target = large ? LARGE_DOCUMENT_BYTES : docRandom.int(5000, 14_500);
    const mojibake = !large && docRandom.chance(params.mojibakeShare);
    const hot = index < hotDocuments ? HOT_RANGES.filter((_, range) => range % hotDocuments === index) : [];
    documents.push(generateDocument(docRandom, picker, documentPath(index), target, mojibake, hot));
  }
  const history = generateHistory(root.fork(4), files, [...picker.used], params.commits);
  return { params, documents, initialFiles: files, commits: history.commits, finalTree: history.finalTree, largeDocument: documentPath(0) };
}

function documentPath(index: number): string {
  const number = String(index).padStart(4, '0');
  const kind = ['security-audit', 'tech-debt', 'readiness-plan', 'review-report'][index % 4] as string;
  // Most live under docs/audits; some sit next to the code they audit, as real ones do.
  return index % 5 === 4 ? `services/audit-${number}/${kind.toUpperCase()}.md` : `docs/audits/${kind}-${number}.md`;
}

/** Totals of a corpus, for results.json and the unit test. */
export function corpusStats(corpus: Corpus): { documents: number; documentBytes: number; references: number; sourceFiles: number; commits: number; mojibakeDocuments: number } {
  return {
    documents: corpus.documents.length,
    documentBytes: corpus.documents.reduce((sum, document) => sum + Buffer.byteLength(document.text), 0),
    references: corpus.documents.reduce((sum, document) => sum + document.references, 0),
    sourceFiles: corpus.finalTree.size,
    commits: corpus.commits.length + 1,
    mojibakeDocuments: corpus.documents.filter((document) => document.mojibake).length,
  };
}
