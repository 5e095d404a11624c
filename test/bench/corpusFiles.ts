// The audit documents of a generated corpus, read from disk as every measure reads them.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Workspace-relative paths of the corpus's markdown documents, sorted. */
export function listDocuments(root: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(path.join(root, folder), { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const relative = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.md')) found.push(relative);
    }
  };
  walk('');
  return found.sort();
}

/** Reads every document as text; the baselines time this read too, as the index does. */
export async function readDocuments(root: string, documents: readonly string[]): Promise<Array<{ path: string; text: string }>> {
  const out: Array<{ path: string; text: string }> = [];
  for (const document of documents) out.push({ path: document, text: await fs.promises.readFile(path.join(root, document), 'utf8') });
  return out;
}
