// Each folder's warm-start cache: loaded once before its first index, flushed after each index.
// It lives in the storage folder the client gives (VS Code's workspace storage) or the user's
// cache folder, like the staleness fingerprints, and never inside the workspace.
import { FileExtractionStore, currentBuildId } from '../node/extractionCacheFile';
import { defaultCacheFolder } from '../node/fingerprintFile';

/** The server's version, part of the build the cached extractions belong to. */
const SERVER_VERSION = '0.1.0';

const stores = new Map<string, Promise<FileExtractionStore>>();

/** The extraction store of a folder root, loaded on first use. */
export function extractionStoreFor(root: string, storageFolder: string | undefined): Promise<FileExtractionStore> {
  const key = `${storageFolder ?? ''}\0${root}`;
  let store = stores.get(key);
  if (!store) {
    // The running bundle's size and mtime name the build: a rebuilt server re-extracts everything.
    store = currentBuildId(__filename, SERVER_VERSION).then((build) => FileExtractionStore.load(storageFolder ?? defaultCacheFolder(), root, build));
    stores.set(key, store);
  }
  return store;
}

/** Finishes every pending write of the loaded stores: the server calls it on shutdown, so a restart starts warm. */
export async function flushExtractionStores(): Promise<void> {
  await Promise.all([...stores.values()].map(async (store) => (await store).flush()));
}
