// The Stale References view as plain data: every reference that no longer holds, grouped by the
// audit document that makes it, whatever the Issues view's filter. Each one offers its quick fix.
import { isStaleState, issueLabel, type FolderIssues, type IssueReference } from './issueData';
import { referenceNode, register, type DocumentNode, type FolderNode, type TreeNode } from './issueTree';

/** The Stale References view's model. */
export interface StaleTree {
  roots: TreeNode[];
  nodes: Map<string, TreeNode>;
  staleReferences: number;
}

/** Builds the Stale References view: folder (when several) → document → stale reference. */
export function buildStaleTree(folders: readonly FolderIssues[]): StaleTree {
  const perFolder = folders.map((folder) => ({ folder, documents: staleDocuments(folder) })).filter((entry) => entry.documents.length > 0);
  const multiRoot = perFolder.length > 1;
  let roots: TreeNode[] = [];
  let staleReferences = 0;
  for (const { folder, documents } of perFolder) {
    const folderId = `stale-folder:${folder.folderUri}`;
    const children = documents.map(({ references, ...document }) => {
      const id = multiRoot ? `${folderId}/stale:${document.path}` : `stale:${folder.folderUri}|${document.path}`;
      const node: DocumentNode = { ...document, id, parentId: multiRoot ? folderId : undefined, children: [] };
      node.children = references.map((entry, index) =>
        referenceNode(folder.folderUri, document.path, entry.issueKey, entry.label, entry.reference, `${id}/ref:${index}`, id),
      );
      staleReferences += node.children.length;
      return node;
    });
    if (multiRoot) {
      const folderNode: FolderNode = { kind: 'folder', id: folderId, parentId: undefined, children, folderUri: folder.folderUri, name: folder.name, issueCount: 0 };
      roots.push(folderNode);
    } else {
      roots = children;
    }
  }
  const nodes = new Map<string, TreeNode>();
  for (const root of roots) register(root, nodes);
  return { roots, nodes, staleReferences };
}

/** What a reference outside every issue shows where others name their issue. */
const LOOSE_LABEL = 'outside any issue';

interface StaleDocument extends Omit<DocumentNode, 'id' | 'parentId' | 'children'> {
  references: Array<{ issueKey: string; label: string; reference: IssueReference }>;
}

function staleDocuments(folder: FolderIssues): StaleDocument[] {
  const documents: StaleDocument[] = [];
  for (const document of folder.result.documents) {
    const references: StaleDocument['references'] = [];
    for (const issue of document.issues) {
      for (const reference of issue.references) {
        if (isStaleState(reference.state)) references.push({ issueKey: issue.key, label: issueLabel(issue), reference });
      }
    }
    // The document's own stale references outside every issue (older servers send none).
    for (const reference of document.looseStaleReferences ?? []) {
      if (isStaleState(reference.state)) references.push({ issueKey: '', label: LOOSE_LABEL, reference });
    }
    if (references.length === 0) continue;
    references.sort((a, b) => a.reference.range.start.line - b.reference.range.start.line || a.reference.range.start.character - b.reference.range.start.character);
    documents.push({
      kind: 'document',
      folderUri: folder.folderUri,
      path: document.path,
      encoding: document.encoding,
      issueCount: document.issues.length,
      openIssues: document.counts.openIssues,
      staleReferences: references.length,
      references,
    });
  }
  return documents;
}
