// Replaces a file's content without ever leaving it half written, and only if nobody changed it
// since it was read. The new bytes go to a temporary file in the same folder (same file system,
// so the rename is atomic), with the original's permissions; the original's hash is compared just
// before the rename, and a mismatch throws the temporary file away. Between that check and the
// rename lies a window of one system call, which no portable API closes: an editor that saves in
// that instant still loses to us, but a file changed at any other time is never overwritten.
import { createHash, randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import * as nodePath from 'node:path';

/** The calls an atomic write makes, so tests can interfere at each step; node's by default. */
export interface AtomicWriteFileSystem {
  readFile(path: string): Promise<Uint8Array>;
  stat(path: string): Promise<{ mode: number }>;
  /** Creates `path` exclusively (failing if it exists) with `mode`, writes `data` and flushes it to disk. */
  writeNewFile(path: string, data: Uint8Array, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

/** How the write is checked and observed. */
export interface AtomicWriteOptions {
  /** `contentHash` of the bytes the caller read; the write happens only if the file still has them. */
  expectedHash: string;
  fs?: AtomicWriteFileSystem;
  /** Test hook: runs once the temporary file is written, just before the hash is checked. */
  beforeCommit?: () => Promise<void> | void;
}

/** How an atomic write ended. */
export type AtomicWriteResult = { kind: 'written' } | { kind: 'changed-on-disk' } | { kind: 'failed'; message: string };

/** The hash that decides whether a file is still what was read: SHA-256, hex. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const nodeFileSystem: AtomicWriteFileSystem = {
  readFile: (path) => nodeFs.readFile(path),
  stat: (path) => nodeFs.stat(path),
  async writeNewFile(path, data, mode) {
    const handle = await nodeFs.open(path, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => nodeFs.rename(from, to),
  unlink: (path) => nodeFs.unlink(path),
};

/** Writes `data` to `path` through a temporary file and a rename, if the file still hashes to `expectedHash`. Never throws. */
export async function writeFileAtomically(path: string, data: Uint8Array, options: AtomicWriteOptions): Promise<AtomicWriteResult> {
  const fs = options.fs ?? nodeFileSystem;
  const temporary = temporaryPathFor(path);
  let created = false;
  try {
    const { mode } = await fs.stat(path);
    await fs.writeNewFile(temporary, data, mode & 0o7777);
    created = true;
    await options.beforeCommit?.();
    if (contentHash(await fs.readFile(path)) !== options.expectedHash) return { kind: 'changed-on-disk' };
    await fs.rename(temporary, path);
    created = false;
    return { kind: 'written' };
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message.split('\n', 1)[0] ?? 'unknown error' : String(error) };
  } finally {
    if (created) await fs.unlink(temporary).catch(() => undefined);
  }
}

/** A hidden name beside the file that no one else picks: the process and random bytes. */
function temporaryPathFor(path: string): string {
  const folder = nodePath.dirname(path);
  const name = nodePath.basename(path);
  return nodePath.join(folder, `.${name}.${process.pid}-${randomBytes(6).toString('hex')}.audit-lens-tmp`);
}
