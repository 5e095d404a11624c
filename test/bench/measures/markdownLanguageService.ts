// Baseline (b): Microsoft's vscode-markdown-languageservice, what VS Code ships for markdown,
// computing document links and link diagnostics for every document. It needs a workspace and a
// parser; both adapters are the smallest that serve it from disk, with markdown-it as VS Code uses.
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { createLanguageService, DiagnosticLevel, githubSlugifier, LogLevel, type DiagnosticOptions, type ILogger, type IMdParser, type ITextDocument, type IWorkspace } from 'vscode-markdown-languageservice';
import { readDocuments } from '../corpusFiles';

const DIAGNOSTIC_OPTIONS: DiagnosticOptions = {
  validateReferences: DiagnosticLevel.warning,
  validateFragmentLinks: DiagnosticLevel.warning,
  validateFileLinks: DiagnosticLevel.warning,
  validateMarkdownFileLinkFragments: DiagnosticLevel.warning,
  validateUnusedLinkDefinitions: DiagnosticLevel.hint,
  validateDuplicateLinkDefinitions: DiagnosticLevel.warning,
  ignoreLinks: [],
};

const noEvent = (): { dispose(): void } => ({ dispose: () => undefined });

/** The service's view of the corpus: its documents in memory, everything else from disk. */
function workspaceOf(root: string, documents: ReadonlyMap<string, ITextDocument>): IWorkspace {
  return {
    workspaceFolders: [URI.file(root)],
    onDidChangeMarkdownDocument: noEvent,
    onDidCreateMarkdownDocument: noEvent,
    onDidDeleteMarkdownDocument: noEvent,
    getAllMarkdownDocuments: async () => documents.values(),
    hasMarkdownDocument: (resource) => documents.has(resource.toString()),
    openMarkdownDocument: async (resource) => documents.get(resource.toString()),
    stat: async (resource) => {
      try {
        return { isDirectory: (await fs.promises.stat(resource.fsPath)).isDirectory() };
      } catch {
        return undefined;
      }
    },
    readDirectory: async (resource) => {
      const entries = await fs.promises.readdir(resource.fsPath, { withFileTypes: true });
      return entries.map((entry) => [entry.name, { isDirectory: entry.isDirectory() }] as const);
    },
  };
}

const silentLogger: ILogger = { level: LogLevel.Off, log: () => undefined };

/** (b) Document links plus link diagnostics for every document; returns the link and diagnostic counts. */
export async function markdownLanguageServiceBaseline(root: string, paths: readonly string[]): Promise<{ links: number; diagnostics: number }> {
  const markdownIt = MarkdownIt({ html: true });
  const parser: IMdParser = { slugifier: githubSlugifier, tokenize: async (document) => markdownIt.parse(document.getText(), {}) };
  const documents = new Map<string, ITextDocument>();
  for (const document of await readDocuments(root, paths)) {
    const uri = URI.file(path.join(root, document.path)).toString();
    documents.set(uri, TextDocument.create(uri, 'markdown', 1, document.text));
  }
  const service = createLanguageService({ workspace: workspaceOf(root, documents), parser, logger: silentLogger });
  const token = new CancellationTokenSource().token;
  let links = 0;
  let diagnostics = 0;
  try {
    for (const document of documents.values()) {
      links += (await service.getDocumentLinks(document, token)).length;
      diagnostics += (await service.computeDiagnostics(document, DIAGNOSTIC_OPTIONS, token)).length;
    }
  } finally {
    service.dispose();
  }
  return { links, diagnostics };
}
