// The results table: each measure next to its baseline and its target from issue 7, with the
// ratio for comparable pairs and whether the target is met.
import { ms, type ResultRow } from './report';

type Median = { median: number };
type Latency = { p50: number; p95: number; items?: number };

/** The slice of a run's results the table reads. */
export interface RowInputs {
  corpus: { references: number; documentBytes: number };
  baselines: { remarkWholeParseMs: Median; markdownLanguageServiceMs: Median; regexScanMs: Median };
  coldIndex: { indexMs: Median; firstIssuesMs: Median; peakRssMb: Median };
  coldIndexWithGit: { indexMs: Median; peakRssMb: Median };
  warmStart: { indexMs: Median; firstIssuesMs: Median };
  keystrokeMs: Latency;
  codeLensMs: Latency;
  inlayHintMs: Latency;
  gitStaleness: { status: string; references?: number; coldMs?: number; warmMs?: number; reason?: string };
  gitStalenessDeepHistory: { status: string; references?: number; coldMs?: number; warmMs?: number; reason?: string; commits: number };
  bundles: { productionKb: Record<string, { kb: number; gzipKb: number }>; vsixKb: number | null };
  activation: { activateMs: Median; requirePlusActivateMs: Median };
  cli: { ms: Median; mbPerSecond: number };
}

/** Builds the table rows; at quick scale the targets stated for the full corpus are shown but not judged. */
export function buildRows(results: RowInputs, quick: boolean): ResultRow[] {
  const cold = results.coldIndex.indexMs.median;
  const remark = results.baselines.remarkWholeParseMs.median;
  const languageService = results.baselines.markdownLanguageServiceMs.median;
  const regex = results.baselines.regexScanMs.median;
  const warm = results.warmStart.indexMs.median;
  const full = (met: boolean): boolean | null => (quick ? null : met);
  const kb = (name: string): number => results.bundles.productionKb[name]?.kb ?? Number.NaN;
  const rows: ResultRow[] = [
    { measure: 'cold index (server, git off)', ours: ms(cold), baseline: `(a) remark ${ms(remark)}`, ratio: cold / remark, target: '≤ 0.5 × (a)', met: full(cold <= 0.5 * remark) },
    { measure: 'cold index vs (b)', ours: ms(cold), baseline: `(b) md-langservice ${ms(languageService)}`, ratio: cold / languageService },
    { measure: 'cold index vs (c)', ours: ms(cold), baseline: `(c) regex ${ms(regex)}`, ratio: cold / regex },
    { measure: 'cold index, git staleness on (default)', ours: ms(results.coldIndexWithGit.indexMs.median), baseline: `(a) remark ${ms(remark)}`, ratio: results.coldIndexWithGit.indexMs.median / remark, note: `peak RSS ${results.coldIndexWithGit.peakRssMb.median} MB` },
    { measure: 'first issues of an open document', ours: ms(results.coldIndex.firstIssuesMs.median), target: '≤ 500 ms', met: full(results.coldIndex.firstIssuesMs.median <= 500) },
    { measure: 'server peak RSS (cold)', ours: `${results.coldIndex.peakRssMb.median} MB`, target: '≤ 300 MB at 100k refs', met: full(results.coldIndex.peakRssMb.median <= 300), note: quick ? `${results.corpus.references} references here; the target is for the full corpus` : undefined },
    { measure: 'warm start (persistent cache)', ours: ms(warm), baseline: `(b) md-langservice ${ms(languageService)}`, ratio: warm / languageService, target: '≤ 1.5 s and ≤ 1.0 × (b)', met: full(warm <= 1500 && warm <= languageService) },
    { measure: 'keystroke → diagnostics, 55 KB doc', ours: `p50 ${ms(results.keystrokeMs.p50)}, p95 ${ms(results.keystrokeMs.p95)}`, target: 'p95 ≤ 25 ms', met: full(results.keystrokeMs.p95 <= 25) },
    { measure: 'codeLens, file with 50 refs', ours: `p50 ${ms(results.codeLensMs.p50)}, p95 ${ms(results.codeLensMs.p95)}`, target: 'p95 ≤ 5 ms', met: full(results.codeLensMs.p95 <= 5) },
    { measure: 'inlayHint, file with 50 refs', ours: `p50 ${ms(results.inlayHintMs.p50)}, p95 ${ms(results.inlayHintMs.p95)}`, target: 'p95 ≤ 5 ms', met: full(results.inlayHintMs.p95 <= 5) },
    results.gitStaleness.status === 'measured'
      ? { measure: `git staleness, ${results.gitStaleness.references} refs`, ours: `cold ${ms(results.gitStaleness.coldMs ?? Number.NaN)}, warm ${ms(results.gitStaleness.warmMs ?? Number.NaN)}`, target: '≤ 5 s cold, ≤ 100 ms warm', met: (results.gitStaleness.coldMs ?? Infinity) <= 5000 && (results.gitStaleness.warmMs ?? Infinity) <= 100 }
      : { measure: 'git staleness, 10,000 refs', ours: 'not available', target: '≤ 5 s cold, ≤ 100 ms warm', met: null, note: results.gitStaleness.reason },
    deepHistoryRow(results.gitStalenessDeepHistory),
    { measure: 'dist/client.js (production)', ours: `${kb('client')} KB`, target: '≤ 200 KB', met: kb('client') <= 200 },
    { measure: 'dist/server.js (production)', ours: `${kb('server')} KB`, target: '≤ 1.5 MB', met: kb('server') <= 1536 },
    { measure: 'dist/cli.js (production)', ours: `${kb('cli')} KB` },
    { measure: 'VSIX', ours: results.bundles.vsixKb === null ? 'n/a' : `${results.bundles.vsixKb} KB` },
    { measure: 'activation: activate()', ours: ms(results.activation.activateMs.median), target: '≤ 50 ms', met: results.activation.activateMs.median <= 50 },
    { measure: 'activation: require + activate()', ours: ms(results.activation.requirePlusActivateMs.median), target: '≤ 50 ms', met: results.activation.requirePlusActivateMs.median <= 50 },
    { measure: 'CLI check, whole corpus (git)', ours: `${ms(results.cli.ms.median)} (${results.cli.mbPerSecond} MB/s)`, baseline: `(a) remark ${ms(remark)}`, ratio: results.cli.ms.median / remark },
  ];
  return rows;
}

/** The git staleness issue's own target: 1,000 references in a repository of 10,000 commits (the same repository at both scales). */
function deepHistoryRow(deep: RowInputs['gitStalenessDeepHistory']): ResultRow {
  const measure = `git staleness, ${deep.references ?? 1000} refs, ${deep.commits} commits`;
  if (deep.status !== 'measured') return { measure, ours: 'not available', target: '≤ 2 s cold, ≤ 50 ms warm', met: null, note: deep.reason };
  return { measure, ours: `cold ${ms(deep.coldMs ?? Number.NaN)}, warm ${ms(deep.warmMs ?? Number.NaN)}`, target: '≤ 2 s cold, ≤ 50 ms warm', met: (deep.coldMs ?? Infinity) <= 2000 && (deep.warmMs ?? Infinity) <= 50 };
}
