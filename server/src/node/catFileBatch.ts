// One long-lived `git cat-file --batch` process that answers object reads in order, so reading the
// referenced files at a thousand commits costs one process, not a thousand.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawnGit } from './gitProcess';

/** An object read from the batch: its id, type and content. */
export interface GitObject {
  oid: string;
  type: string;
  content: Buffer;
}

interface Pending {
  resolve(object: GitObject | undefined): void;
  reject(error: Error): void;
}

/** A `git cat-file --batch` process, started on first use and again after it dies. */
export class CatFileBatch {
  private child: ChildProcessWithoutNullStreams | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly pending: Pending[] = [];

  constructor(private readonly cwd: string) {}

  /** Reads an object by name (`<commit>:<path>`, an id); undefined when it does not exist. */
  read(name: string): Promise<GitObject | undefined> {
    // The batch protocol is line-based: a name with a newline cannot be asked for.
    if (name.includes('\n') || name.includes('\r')) return Promise.resolve(undefined);
    const child = this.start();
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      child.stdin.write(`${name}\n`);
    });
  }

  /** Ends the process; pending reads fail. */
  close(): void {
    const child = this.child;
    this.child = undefined;
    child?.stdin.end();
    this.fail(new Error('git cat-file was closed'));
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawnGit(this.cwd, ['cat-file', '--batch']);
    this.child = child;
    this.buffer = Buffer.alloc(0);
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    child.stderr.resume();
    child.stdin.on('error', () => undefined);
    const died = (error?: Error): void => {
      if (this.child === child) this.child = undefined;
      this.fail(error ?? new Error('git cat-file exited'));
    };
    child.on('error', died);
    child.on('close', () => died());
    return child;
  }

  /** Answers every pending read whose response has fully arrived, in order. */
  private drain(): void {
    for (;;) {
      const head = this.pending[0];
      if (!head) return;
      const newline = this.buffer.indexOf(10);
      if (newline < 0) return;
      const header = this.buffer.subarray(0, newline).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        this.buffer = this.buffer.subarray(newline + 1);
        this.pending.shift();
        head.resolve(undefined);
        continue;
      }
      const [oid = '', type = '', sizeText = ''] = header.split(' ');
      const size = Number(sizeText);
      if (!Number.isInteger(size) || size < 0) {
        this.fail(new Error(`unexpected git cat-file output: ${header.slice(0, 80)}`));
        this.child?.kill();
        return;
      }
      // Header, content, and the newline after the content.
      if (this.buffer.length < newline + 1 + size + 1) return;
      const content = Buffer.from(this.buffer.subarray(newline + 1, newline + 1 + size));
      this.buffer = this.buffer.subarray(newline + 1 + size + 1);
      this.pending.shift();
      head.resolve({ oid, type, content });
    }
  }

  private fail(error: Error): void {
    for (const pending of this.pending.splice(0)) pending.reject(error);
    this.buffer = Buffer.alloc(0);
  }
}
