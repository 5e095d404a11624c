// One index per workspace folder (multi-root workspaces), and the mapping between document URIs
// and folder-relative paths. The core only knows relative `/` paths; URIs stop here.
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { createNodeWorkspaceHost } from '../cli/nodeWorkspaceHost';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import type { Logger } from '../core/workspace';
import { FolderGit } from './folderGit';

/** How long line counts and outside-the-root answers are trusted between file events. */
const FILE_ANSWERS_TRUST_MS = 2_000;

/** A workspace folder with its index. */
export interface IndexedFolder {
  uri: string;
  /** The folder as the client names it (not realpath'd), for mapping URIs. */
  root: string;
  index: WorkspaceIndex;
  /** The folder's git-aware staleness check. */
  git: FolderGit;
}

/** A URI located inside a folder. */
export interface FolderLocation {
  folder: IndexedFolder;
  /** Workspace-relative path with `/`. */
  path: string;
}

/** The indexed workspace folders. */
export class FolderRegistry {
  private readonly folders = new Map<string, IndexedFolder>();

  constructor(private readonly logger: Logger) {}

  /** Adds a folder and creates its (empty) index; indexing is started by the caller. */
  async add(uri: string): Promise<IndexedFolder> {
    const existing = this.folders.get(uri);
    if (existing) return existing;
    const root = URI.parse(uri).fsPath;
    const host = await createNodeWorkspaceHost(root);
    // File events reach the index (filesChanged), so it may trust what it read for a moment; a
    // client that watches nothing still sees changes within that moment.
    const index = new WorkspaceIndex(host, { logger: this.logger, fileAnswersTrustMs: FILE_ANSWERS_TRUST_MS });
    const folder: IndexedFolder = { uri, root, index, git: new FolderGit(host.root, this.logger) };
    this.folders.set(uri, folder);
    return folder;
  }

  /** Removes a folder and ends its git. */
  remove(uri: string): void {
    const folder = this.folders.get(uri);
    this.folders.delete(uri);
    void folder?.git.close().catch(() => undefined);
  }

  /** Every folder. */
  all(): IndexedFolder[] {
    return [...this.folders.values()];
  }

  /** The folder holding the URI (the deepest, for nested folders) and the path inside it. */
  locate(uri: string): FolderLocation | undefined {
    let parsed: URI;
    try {
      parsed = URI.parse(uri);
    } catch {
      return undefined;
    }
    if (parsed.scheme !== 'file') return undefined;
    const fsPath = parsed.fsPath;
    let best: FolderLocation | undefined;
    for (const folder of this.folders.values()) {
      const relative = path.relative(folder.root, fsPath);
      if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
      if (!best || folder.root.length > best.folder.root.length) best = { folder, path: relative.split(path.sep).join('/') };
    }
    return best;
  }

  /** The file URI of a workspace-relative path in a folder. */
  uriOf(folder: IndexedFolder, relativePath: string): string {
    return URI.file(path.join(folder.root, ...relativePath.split('/'))).toString();
  }
}
