// Every LSP handler goes through here: an exception is logged to the client's output channel and
// answered with an empty result, so one bad document or feature never fails a request or the server.
import type { Connection } from 'vscode-languageserver/node';

/** Wraps a handler so that errors are logged and answered with `fallback`. */
export function safeHandler<P extends unknown[], R>(connection: Connection, name: string, fallback: R, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await handler(...args);
    } catch (error) {
      connection.console.error(`Audit Lens: ${name} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}

/** Runs fire-and-forget work, logging instead of leaving an unhandled rejection. */
export function runDetached(connection: Connection, name: string, work: () => Promise<unknown>): void {
  void work().catch((error: unknown) => connection.console.error(`Audit Lens: ${name} failed: ${describeError(error)}`));
}

/** A one-line description of an error, with the stack when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
