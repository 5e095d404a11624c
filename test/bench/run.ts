// `npm run bench [-- --quick] [-- --runs N]`: generates (or reuses) the corpus, runs every measure
// and the three baselines on it, interleaved run by run so machine noise hits all alike, prints
// the table and writes test/bench/results.json. Not a test: nothing here runs in `npm test`.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/lspClient';
import { listDocuments } from './corpusFiles';
import { FULL_CORPUS, QUICK_CORPUS } from './corpus/generate';
import { HOT_SOURCE_PATH } from './corpus/sourceTree';
import { DEEP_AUDIT_PATH, DEEP_HISTORY, ensureDeepHistory } from './corpus/deepHistory';
import { ensureCorpus } from './corpus/write';
import { regexBaseline, remarkBaseline } from './measures/baselines';
import { buildBenchBundles, measureActivation } from './measures/bundle';
import { measureCli, type CliSample } from './measures/cli';
import { measureGitStaleness } from './measures/gitStaleness';
import { markdownLanguageServiceBaseline } from './measures/markdownLanguageService';
import { measureKeystrokes, measureSourceFile, measureStart, useServerBundle, withIndexedServer, type StartSample } from './measures/server';
import { printTable, writeResults } from './report';
import { buildRows } from './rows';
import { machineInfo, median, now, percentile, round, timeRuns } from './stats';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const runsFlag = argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Math.max(1, Number.parseInt(argv[runsFlag + 1] ?? '5', 10)) : 5;
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

/** p50/p95 of latency samples, with their count. */
function latency(samples: readonly number[]): { p50: number; p95: number; n: number } {
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), n: samples.length };
}

/** The commit the bundles were built from, and how many files differed from it (others work in the same checkout). */
function sourceRevision(): { commit: string; uncommittedFiles: number } {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  const changed = git('status', '--porcelain', '--untracked-files=no', '--', 'server', 'client').split('\n').filter((line) => line.length > 0);
  return { commit: git('rev-parse', '--short', 'HEAD'), uncommittedFiles: changed.length };
}

/** Median wall time and throughput of CLI runs, with the first run's counts. */
function cliSummary(samples: readonly CliSample[], documentBytes: number): { ms: { median: number; samples: number[] }; mbPerSecond: number; report: Omit<CliSample, 'ms'> | null } {
  const middle = median(samples.map((sample) => sample.ms));
  const first = samples[0];
  return {
    ms: { median: round(middle), samples: samples.map((sample) => round(sample.ms)) },
    mbPerSecond: round(documentBytes / 1024 / 1024 / (middle / 1000)),
    report: first ? { documents: first.documents, references: first.references, staleReferences: first.staleReferences } : null,
  };
}

async function main(): Promise<void> {
  const benchStarted = now();
  const machine = machineInfo();
  const build = sourceRevision();
  const params = quick ? QUICK_CORPUS : FULL_CORPUS;
  const corpus = ensureCorpus(path.join(REPO_ROOT, '.bench-cache'), params, log);
  const documents = listDocuments(corpus.root);
  // The document opened during the cold index: the last one in index order, so no luck of order helps it.
  const openPath = documents[documents.length - 1] as string;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-bench-'));
  // Servers and CLIs started from here keep their caches in scratch, never in the user's cache folder.
  process.env.XDG_CACHE_HOME = scratch;
  log(`${documents.length} documents, ${corpus.stats.references} references, ${runs} runs`);
  log('building the production bundles the bench runs');
  const bundles = await buildBenchBundles(path.join(REPO_ROOT, '.bench-cache', 'bundles'));
  const bundle = (name: string): string => path.join(bundles.folder, 'dist', `${name}.js`);
  useServerBundle(bundle('server'));

  const remark: number[] = [];
  const languageService: number[] = [];
  const regex: number[] = [];
  const cold: StartSample[] = [];
  const coldWithGit: StartSample[] = [];
  const warm: StartSample[] = [];
  const cli: CliSample[] = [];
  const counts: Record<string, unknown> = {};
  const warmCache = path.join(scratch, 'warm-cache');
  try {
    for (let run = 0; run < runs; run++) {
      log(`run ${run + 1}/${runs}: baselines`);
      remark.push(...(await timeRuns(1, async () => (counts.remarkTopLevelNodes = await remarkBaseline(corpus.root, documents)))));
      languageService.push(...(await timeRuns(1, async () => (counts.languageService = await markdownLanguageServiceBaseline(corpus.root, documents)))));
      regex.push(...(await timeRuns(1, async () => (counts.regexMatches = await regexBaseline(corpus.root, documents)))));
      log(`run ${run + 1}/${runs}: server cold, then warm`);
      // Cold: a cache folder that is empty, so every document is extracted (and the cache written).
      cold.push(await measureStart(corpus.root, openPath, { storagePath: path.join(scratch, `cold-cache-${run}`) }));
      // Warm: the same cache folder every time; the first run fills it and is not counted.
      if (run === 0) await measureStart(corpus.root, openPath, { storagePath: warmCache }, undefined, warmCache);
      warm.push(await measureStart(corpus.root, openPath, { storagePath: warmCache }));
      // The shipped defaults: git staleness on, its fingerprints in a scratch storage folder.
      coldWithGit.push(await measureStart(corpus.root, openPath, { storagePath: path.join(scratch, `git-storage-${run}`) }, {}));
      log(`run ${run + 1}/${runs}: cli (default: git staleness on)`);
      cli.push(measureCli(bundle('cli'), corpus.root, true));
    }

    log('latencies: keystrokes in the large document, codeLens and inlayHint on the hot file');
    const { keystrokes, source } = await withIndexedServer(corpus.root, async (session) => ({
      keystrokes: await measureKeystrokes(session, corpus.root, corpus.largeDocument, quick ? 60 : 100),
      source: await measureSourceFile(session, corpus.root, HOT_SOURCE_PATH, quick ? 200 : 400),
    }));

    log('git staleness on about 10,000 references');
    const gitStaleness = await measureGitStaleness(corpus.root, documents, 10_000, runs);

    log('git staleness on 1,000 references in a repository of 10,000 commits');
    const deep = ensureDeepHistory(path.join(REPO_ROOT, '.bench-cache'), log);
    const gitStalenessDeepHistory = { ...(await measureGitStaleness(deep.root, [DEEP_AUDIT_PATH], DEEP_HISTORY.references, runs)), commits: deep.commits };

    log('activation');
    const activation = Array.from({ length: runs }, () => measureActivation(bundle('client')));

    const results = {
      generatedAt: new Date().toISOString(),
      machine,
      corpus: { ...corpus.stats, params: corpus.params, generationSeconds: corpus.generationSeconds === null ? 'cached' : round(corpus.generationSeconds), openDocument: openPath, largeDocument: corpus.largeDocument, hotSourceFile: HOT_SOURCE_PATH },
      runs,
      baselines: {
        remarkWholeParseMs: { median: round(median(remark)), samples: remark.map(round) },
        markdownLanguageServiceMs: { median: round(median(languageService)), samples: languageService.map(round) },
        regexScanMs: { median: round(median(regex)), samples: regex.map(round) },
        counts,
      },
      coldIndex: {
        indexMs: { median: round(median(cold.map((sample) => sample.indexMs))), samples: cold.map((sample) => round(sample.indexMs)) },
        firstIssuesMs: { median: round(median(cold.map((sample) => sample.firstIssuesMs))), samples: cold.map((sample) => round(sample.firstIssuesMs)) },
        peakRssMb: { median: round(median(cold.map((sample) => sample.peakRssMb ?? Number.NaN))), samples: cold.map((sample) => sample.peakRssMb) },
        settings: 'auditLens.git.enabled = false (git staleness is measure 5)',
      },
      coldIndexWithGit: {
        indexMs: { median: round(median(coldWithGit.map((sample) => sample.indexMs))), samples: coldWithGit.map((sample) => round(sample.indexMs)) },
        peakRssMb: { median: round(median(coldWithGit.map((sample) => sample.peakRssMb ?? Number.NaN))), samples: coldWithGit.map((sample) => sample.peakRssMb) },
        settings: 'default settings: git staleness on',
      },
      warmStart: {
        indexMs: { median: round(median(warm.map((sample) => sample.indexMs))), samples: warm.map((sample) => round(sample.indexMs)) },
        firstIssuesMs: { median: round(median(warm.map((sample) => sample.firstIssuesMs))), samples: warm.map((sample) => round(sample.firstIssuesMs)) },
        peakRssMb: { median: round(median(warm.map((sample) => sample.peakRssMb ?? Number.NaN))), samples: warm.map((sample) => sample.peakRssMb) },
      },
      keystrokeMs: { ...latency(keystrokes.samples), ...keystrokes.detail },
      codeLensMs: { ...latency(source.codeLens.samples), ...source.codeLens.detail },
      inlayHintMs: { ...latency(source.inlayHint.samples), ...source.inlayHint.detail },
      gitStaleness,
      gitStalenessDeepHistory,
      bundles: { productionKb: bundles.production, developmentKb: bundles.development, vsixKb: bundles.vsixKb, vsixError: bundles.vsixError },
      activation: {
        activateMs: { median: round(median(activation.map((sample) => sample.activateMs))), samples: activation.map((sample) => round(sample.activateMs)) },
        requirePlusActivateMs: { median: round(median(activation.map((sample) => sample.requireMs + sample.activateMs))), samples: activation.map((sample) => round(sample.requireMs + sample.activateMs)) },
        errors: activation.map((sample) => sample.error).filter((error) => error !== null),
        method: 'production dist/client.js required in a fresh node with a stub vscode module (activateChild.cjs); activate() until it returns',
      },
      cli: cliSummary(cli, corpus.stats.documentBytes),
      serverBundle: 'production build of the working tree at the start of the run (.bench-cache/bundles), not dist/',
      build,
      loadAverageAtEnd: [] as number[],
      benchSeconds: 0,
    };
    results.benchSeconds = round((now() - benchStarted) / 1000);
    results.loadAverageAtEnd = os.loadavg().map(round);
    const rows = buildRows(results, quick);
    printTable(`Audit Lens benchmarks, ${params.name} corpus: ${corpus.stats.documents} documents, ${round(corpus.stats.documentBytes / 1024 / 1024)} MB, ${corpus.stats.references} references, ${corpus.stats.sourceFiles} source files (medians of ${runs} runs)`, rows, (line) => process.stdout.write(`${line}\n`));
    writeResults(path.join(REPO_ROOT, 'test', 'bench', 'results.json'), params.name, { ...results, table: rows });
    log(`wrote test/bench/results.json (${results.benchSeconds} s in all)`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
