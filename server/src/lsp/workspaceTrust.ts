// Whether the editor trusts the workspace, as the VS Code client tells it in
// `initializationOptions.workspaceTrusted` (the client restarts the server when trust is granted, so
// it never changes during a session). Audit Lens spawns no process and runs no git today; whatever
// does so later asks this first, and says why it is off.

/** The trust the server was started with. */
export interface WorkspaceTrust {
  readonly trusted: boolean;
  /** Why features that need git or a process are off, for people; undefined when trusted. */
  readonly restriction: string | undefined;
}

/** What features that run git or processes say in a workspace the user has not trusted. */
export const UNTRUSTED_RESTRICTION = 'The workspace is not trusted: Audit Lens runs no git and starts no processes in it.';

/**
 * Reads trust from the initialize request. Only an explicit `workspaceTrusted: false` restricts:
 * editors without a trust model send nothing, and their users chose to start the server there.
 */
export function readWorkspaceTrust(initializationOptions: unknown): WorkspaceTrust {
  const options = typeof initializationOptions === 'object' && initializationOptions !== null ? (initializationOptions as Record<string, unknown>) : {};
  const trusted = options['workspaceTrusted'] !== false;
  return { trusted, restriction: trusted ? undefined : UNTRUSTED_RESTRICTION };
}
