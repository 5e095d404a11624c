// The `audit-lens` bin (bundled to dist/cli.js with a shebang). Only wiring lives here: the real
// file system host, the analyzer and the process streams. The exit code is set, never forced with
// process.exit(), so a large report piped to a slow reader is flushed before node exits.
import { version } from '../../../package.json';
import { analyzeWithGit } from './gitAnalysis';
import { runCli, EXIT_USAGE_OR_IO } from './checkCommand';
import { createNodeWorkspaceHost } from './nodeWorkspaceHost';

/** Runs the CLI against the real process and sets its exit code. */
export async function main(): Promise<void> {
  // `audit-lens check | head` closes the pipe early; that is the reader's choice, not our error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.exitCode = EXIT_USAGE_OR_IO;
  });
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    version,
    createHost: (root) => createNodeWorkspaceHost(root),
    analyze: (host, options) => analyzeWithGit(host, options),
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    // runCli already catches everything; this is the last guard should writing to stderr itself fail.
    process.stderr.write(`audit-lens: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_USAGE_OR_IO;
  });
}
