// The extension tests' entry point: VS Code's extension host (the VS Code server's, or desktop
// VS Code's under @vscode/test-electron) loads this module and awaits `run()`. Mocha is bundled in
// so the module needs nothing at run time but `vscode`.
import Mocha from 'mocha';
import { writeFileSync } from 'node:fs';
import { format } from 'node:util';

/** Prefix of the reporter's lines, so a launcher can pick them out of the workbench's own log. */
export const OUTPUT_MARKER = '[e2e] ';

/** One failed test, as the results file records it. */
interface FailureRecord {
  title: string;
  message: string;
  stack: string;
}

/** What `run()` writes to $AUDIT_LENS_E2E_RESULTS for the launcher, which cannot read this process's stdout. */
export interface SuiteResults {
  passes: number;
  failures: number;
  pending: number;
  failed: FailureRecord[];
  durationMs: number;
}

/** Runs every extension-host test; rejects when any fails. */
export async function run(): Promise<void> {
  // One preformatted string per line: the web workbench forwards console arguments unformatted.
  Mocha.reporters.Base.consoleLog = (...parts: unknown[]) => console.log(`${OUTPUT_MARKER}${format(...parts)}`);
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: 'spec',
    ...(process.env['AUDIT_LENS_E2E_GREP'] ? { grep: process.env['AUDIT_LENS_E2E_GREP'] } : {}),
  });
  // The bundled test files call the global describe/it, which mocha defines on this event.
  mocha.suite.emit('pre-require', globalThis, 'audit-lens-e2e', mocha);
  // In this order: the read-only checks first, then the ones that edit and delete files.
  await import('./activation.test');
  await import('./languageFeatures.test');
  await import('./commands.test');
  await import('./editing.test');
  await import('./fileChanges.test');
  // Last: it kills the language server.
  await import('./serverRestart.test');

  const started = Date.now();
  const failed: FailureRecord[] = [];
  const counts = await new Promise<{ passes: number; failures: number; pending: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
    runner.on('fail', (test, error: unknown) => {
      const asError = error instanceof Error ? error : new Error(String(error));
      failed.push({ title: test.fullTitle(), message: asError.message, stack: asError.stack ?? '' });
    });
  });
  const results: SuiteResults = { ...counts, failed, durationMs: Date.now() - started };
  const resultsFile = process.env['AUDIT_LENS_E2E_RESULTS'];
  if (resultsFile) writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  if (counts.failures > 0) throw new Error(`${counts.failures} of ${counts.passes + counts.failures} extension tests failed.`);
  if (counts.passes === 0) throw new Error('No extension test ran.');
}
