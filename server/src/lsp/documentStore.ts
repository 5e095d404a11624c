// Open editor buffers, updated incrementally. The server keeps its own store instead of
// vscode-languageserver's TextDocuments because source-file edits need the change ranges, to move
// lenses and hints with the code.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DidChangeTextDocumentParams, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';

/** A change with its range, as the index wants it. */
export interface RangedChange {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/** The open text documents, by URI. */
export class DocumentStore {
  private readonly documents = new Map<string, TextDocument>();

  /** Records an opened document. */
  open(uri: string, languageId: string, version: number, text: string): TextDocument {
    const document = TextDocument.create(uri, languageId, version, text);
    this.documents.set(uri, document);
    return document;
  }

  /** Applies changes; returns the new document and the ranged changes (a full replacement counts as one). */
  change(params: DidChangeTextDocumentParams): { document: TextDocument; changes: RangedChange[] } | undefined {
    const current = this.documents.get(params.textDocument.uri);
    if (!current) return undefined;
    const changes: RangedChange[] = params.contentChanges.map((change) => toRanged(current, change));
    const document = TextDocument.update(current, params.contentChanges, params.textDocument.version);
    this.documents.set(params.textDocument.uri, document);
    return { document, changes };
  }

  /** Forgets a closed document. */
  close(uri: string): void {
    this.documents.delete(uri);
  }

  /** The open document, if any. */
  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /** Every open document. */
  all(): TextDocument[] {
    return [...this.documents.values()];
  }
}

function toRanged(document: TextDocument, change: TextDocumentContentChangeEvent): RangedChange {
  if ('range' in change) return { range: change.range, text: change.text };
  return { range: { start: { line: 0, character: 0 }, end: { line: document.lineCount, character: 0 } }, text: change.text };
}
