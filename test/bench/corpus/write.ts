// Materializes a corpus in the git-ignored .bench-cache folder: a git repository built with
// `git fast-import`, checked out. A finished corpus is stamped and reused on the next run.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusStats, generateCorpus, GENERATOR_VERSION, type Corpus, type CorpusParams } from './generate';
import { joinLines, writeFastImport, type Commit } from './history';

/** A corpus on disk, with what the measures need to know about it. */
export interface CorpusOnDisk {
  root: string;
  params: CorpusParams;
  stats: ReturnType<typeof corpusStats>;
  largeDocument: string;
  /** Seconds it took to generate and write, or null when a cached corpus was reused. */
  generationSeconds: number | null;
}

/** Where a corpus with these parameters lives. */
export function corpusRoot(cacheFolder: string, params: CorpusParams): string {
  return path.join(cacheFolder, `${params.name}-seed${params.seed}-v${GENERATOR_VERSION}`);
}

/** Returns the corpus on disk, generating and writing it first when it is not cached yet. */
export function ensureCorpus(cacheFolder: string, params: CorpusParams, log: (line: string) => void): CorpusOnDisk {
  const root = corpusRoot(cacheFolder, params);
  const stamp = path.join(root, '.bench-corpus.json');
  if (fs.existsSync(stamp)) {
    const saved = JSON.parse(fs.readFileSync(stamp, 'utf8')) as Omit<CorpusOnDisk, 'root' | 'generationSeconds'>;
    return { ...saved, root, generationSeconds: null };
  }
  const started = process.hrtime.bigint();
  log(`generating the ${params.name} corpus in ${root}`);
  const corpus = generateCorpus(params);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  writeRepository(root, corpus);
  const saved = { params, stats: corpusStats(corpus), largeDocument: corpus.largeDocument };
  // The stamp is git-excluded so it never counts as a change in the corpus repository.
  fs.writeFileSync(stamp, JSON.stringify(saved, null, 2));
  const generationSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  log(`generated in ${generationSeconds.toFixed(1)} s`);
  return { ...saved, root, generationSeconds };
}

function writeRepository(root: string, corpus: Corpus): void {
  const initial = new Map<string, string>();
  for (const document of corpus.documents) initial.set(document.path, document.text);
  for (const file of corpus.initialFiles) initial.set(file.path, joinLines(file.lines));
  importHistory(root, initial, corpus.commits);
}

/** Makes `root` a git repository holding `initial` as its first commit and then `commits`, checked out. */
export function importHistory(root: string, initial: ReadonlyMap<string, string>, commits: readonly Commit[]): void {
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'core.autocrlf=false', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  };
  git('init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(root, '.git', 'info', 'exclude'), '.bench-corpus.json\n');
  const streamPath = path.join(root, '.git', 'bench-import.stream');
  const fd = fs.openSync(streamPath, 'w');
  try {
    writeFastImport((chunk) => fs.writeSync(fd, chunk), initial, commits);
  } finally {
    fs.closeSync(fd);
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: root, stdio: [fs.openSync(streamPath, 'r'), 'ignore', 'inherit'] });
  fs.rmSync(streamPath);
  git('reset', '-q', '--hard', 'main');
}
