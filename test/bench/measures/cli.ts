// Measure 7: `audit-lens check` on the whole corpus, as CI runs it: a fresh process, JSON out.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { now } from '../stats';

/** One CLI run: wall time, and what the report counted (proof that it did the whole corpus). */
export interface CliSample {
  ms: number;
  documents: number;
  references: number;
  staleReferences: number;
}

/** Runs `node <cliPath> check <root> --format json` once, with git staleness (the default) or `--no-git`. */
export function measureCli(cliPath: string, root: string, git: boolean): CliSample {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-bench-cli-'));
  const out = path.join(scratch, 'report.json');
  try {
    const args = [cliPath, 'check', root, '--format', 'json', '--fail-on', 'none', '-o', out, ...(git ? [] : ['--no-git'])];
    // The CLI keeps fingerprints in $XDG_CACHE_HOME/audit-lens: point it at scratch, never at the user's cache.
    const env = { ...process.env, XDG_CACHE_HOME: scratch };
    const started = now();
    execFileSync(process.execPath, args, { stdio: 'ignore', env, timeout: 30 * 60_000 });
    const ms = now() - started;
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { summary: { documents: number; references: number; staleReferences: number } };
    return { ms, documents: report.summary.documents, references: report.summary.references, staleReferences: report.summary.staleReferences };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
