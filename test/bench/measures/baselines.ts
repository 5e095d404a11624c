// The three baselines, measured in-process on the same corpus: (a) remark-parse + remark-gfm
// parsing every document whole, (b) vscode-markdown-languageservice computing document links and
// link diagnostics, (c) a plain regular-expression scan for `path:line`. Each run starts from
// nothing (fresh processors, fresh service) and includes reading the documents from disk.
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { readDocuments } from '../corpusFiles';

/** (a) Parses every document whole with remark-parse and remark-gfm, single-threaded; returns the node count. */
export async function remarkBaseline(root: string, documents: readonly string[]): Promise<number> {
  const processor = unified().use(remarkParse).use(remarkGfm);
  let nodes = 0;
  for (const document of await readDocuments(root, documents)) nodes += processor.parse(document.text).children.length;
  return nodes;
}

/** A `path.ext:line` scan, the shape a grep for references takes; linear, no nested quantifiers. */
const PATH_LINE = /[\w./-]+\.[A-Za-z]{1,5}:\d+(?:-\d+)?/g;

/** (c) Scans every document for `path:line` with one regular expression; returns the match count. */
export async function regexBaseline(root: string, documents: readonly string[]): Promise<number> {
  let matches = 0;
  for (const document of await readDocuments(root, documents)) {
    PATH_LINE.lastIndex = 0;
    while (PATH_LINE.exec(document.text) !== null) matches++;
  }
  return matches;
}
