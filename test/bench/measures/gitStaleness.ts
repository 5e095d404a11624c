// Measure 5: the git-aware staleness check over about 10,000 references. The documents are
// analyzed once without it; then the check refines their resolved references, cold (a fresh
// checker: blame, cat-file, diffs) and warm (the same checker again, its caches filled). Only the
// refine pass is timed, so parsing never hides in the figure.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createNodeWorkspaceHost } from '../../../server/src/cli/nodeWorkspaceHost';
import type { DocumentAnalysis } from '../../../server/src/core/model';
import { analyzeWorkspace } from '../../../server/src/core/workspaceAnalyzer';
import { openGitStaleness } from '../../../server/src/node/gitStaleness';
import { median, now, round } from '../stats';

/** What results.json records for git staleness. */
export interface GitStalenessResult {
  status: 'measured' | 'not available';
  reason?: string;
  references?: number;
  documents?: number;
  coldMs?: number;
  warmMs?: number;
  coldSamples?: number[];
  warmSamples?: number[];
  /** States after the check, to show it judged the references rather than skipping them. */
  states?: Record<string, number>;
}

/** The first documents (in path order) that together hold about `target` references. */
function selectDocuments(analyses: readonly DocumentAnalysis[], target: number): DocumentAnalysis[] {
  const chosen: DocumentAnalysis[] = [];
  let references = 0;
  for (const analysis of analyses) {
    if (references >= target) break;
    chosen.push(analysis);
    references += analysis.references.length;
  }
  return chosen;
}

/** Times the staleness check on ~`target` references, `runs` cold passes and `runs` warm ones. */
export async function measureGitStaleness(root: string, documents: readonly string[], target: number, runs: number): Promise<GitStalenessResult> {
  const host = await createNodeWorkspaceHost(root);
  const files = new Set(await host.listFiles());
  // Analyzing every document would parse the whole corpus; about target/100 documents hold target references.
  const include = documents.slice(0, Math.ceil(target / 80));
  const report = await analyzeWorkspace(host, { include });
  const chosen = selectDocuments(report.documents, target);
  const references = chosen.reduce((sum, analysis) => sum + analysis.references.length, 0);
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-bench-git-'));
  const readCurrent = async (file: string): Promise<string | undefined> => {
    const bytes = await host.readFile(file);
    return bytes ? new TextDecoder().decode(bytes) : undefined;
  };
  const cold: number[] = [];
  const warm: number[] = [];
  const states: Record<string, number> = {};
  try {
    for (let run = 0; run < runs; run++) {
      const setup = await openGitStaleness(root, { storageFolder: storage, readCurrent, exists: (file) => files.has(file) });
      if (setup.kind !== 'ready') return { status: 'not available', reason: setup.kind === 'bad-base' ? setup.message : setup.reason };
      try {
        for (const pass of [cold, warm]) {
          const started = now();
          for (const analysis of chosen) {
            const refined = await setup.staleness.checker.refine({ path: analysis.path, text: analysis.text, encoding: analysis.encoding }, analysis.references);
            if (run === 0 && pass === cold) for (const reference of refined) states[reference.state] = (states[reference.state] ?? 0) + 1;
          }
          pass.push(now() - started);
        }
      } finally {
        await setup.staleness.close();
      }
    }
  } finally {
    fs.rmSync(storage, { recursive: true, force: true });
  }
  return { status: 'measured', references, documents: chosen.length, coldMs: round(median(cold)), warmMs: round(median(warm)), coldSamples: cold.map(round), warmSamples: warm.map(round), states };
}
