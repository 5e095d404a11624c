// The deep-history repository of the git staleness issue's own speed target: 1,000 references in
// a repository with 10,000 commits. Half the history comes before the audit document is committed
// and half after, so blame walks 5,000 commits to find each line's base and the code under the
// references drifts through 5,000 more. Files move rarely (1% of changes, not the main corpus's
// 15%), as over a long real history. Generated from a seed into .bench-cache and reused.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateHistory, joinLines, type Commit } from './history';
import { Random } from './random';
import { generateSourceTree, type SourceFile } from './sourceTree';
import { importHistory } from './write';

/** The shape of the deep-history repository. */
export const DEEP_HISTORY = { seed: 20261122, sourceFiles: 2_000, commitsBeforeAudit: 5_000, commitsAfterAudit: 5_000, references: 1_000, renameChance: 0.01, version: 1 } as const;

/** Where the audit document sits in the repository. */
export const DEEP_AUDIT_PATH = 'docs/DEEP_HISTORY_AUDIT.md';

/** The repository on disk, with its commit count. */
export interface DeepHistoryOnDisk {
  root: string;
  commits: number;
  references: number;
  /** Seconds it took to generate and write, or null when a cached repository was reused. */
  generationSeconds: number | null;
}

/** Returns the deep-history repository, generating it first when it is not cached yet. */
export function ensureDeepHistory(cacheFolder: string, log: (line: string) => void): DeepHistoryOnDisk {
  const root = path.join(cacheFolder, `deep-history-seed${DEEP_HISTORY.seed}-v${DEEP_HISTORY.version}`);
  const stamp = path.join(root, '.bench-corpus.json');
  if (fs.existsSync(stamp)) return { ...(JSON.parse(fs.readFileSync(stamp, 'utf8')) as Omit<DeepHistoryOnDisk, 'root' | 'generationSeconds'>), root, generationSeconds: null };
  const started = process.hrtime.bigint();
  log(`generating the deep-history repository in ${root}`);
  const random = new Random(DEEP_HISTORY.seed);
  const files = generateSourceTree(random.fork(1), DEEP_HISTORY.sourceFiles);
  const paths = files.map((file) => file.path);
  const before = generateHistory(random.fork(2), files, paths, DEEP_HISTORY.commitsBeforeAudit, DEEP_HISTORY.renameChance);
  const audit = auditDocument(random.fork(3), before.finalTree);
  const treeAtAudit: SourceFile[] = [...before.finalTree].map(([file, lines]) => ({ path: file, lines }));
  const after = generateHistory(random.fork(4), treeAtAudit, treeAtAudit.map((file) => file.path), DEEP_HISTORY.commitsAfterAudit, DEEP_HISTORY.renameChance);
  const commits: Commit[] = [...before.commits, { message: 'Audit of the code as it is today', changes: [{ kind: 'modify', path: DEEP_AUDIT_PATH, lines: audit }] }, ...after.commits];
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  importHistory(root, new Map(files.map((file) => [file.path, joinLines(file.lines)])), commits);
  const saved = { commits: commits.length + 1, references: DEEP_HISTORY.references };
  fs.writeFileSync(stamp, JSON.stringify(saved, null, 2));
  const generationSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  log(`generated in ${generationSeconds.toFixed(1)} s`);
  return { ...saved, root, generationSeconds };
}

/** An audit of the tree as it stood: issues of five `**Location:**` references each, all right when written. */
function auditDocument(random: Random, tree: ReadonlyMap<string, string[]>): string[] {
  const files = [...tree].filter(([, lines]) => lines.length > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  const lines = ['# Deep history audit', '', `Written against the code after ${DEEP_HISTORY.commitsBeforeAudit} commits.`, ''];
  for (let issue = 1; issue <= DEEP_HISTORY.references / 5; issue++) {
    lines.push(`### DEEP-${issue}: Finding ${issue}`, '', '**Severity:** 🟠 High', '**Status:** 🔴 Open', '**Location:**');
    for (let reference = 0; reference < 5; reference++) {
      const [file, content] = random.pick(files);
      const start = random.int(1, content.length);
      const end = Math.min(content.length, start + random.int(0, 5));
      lines.push(`- \`${file}:${start === end ? start : `${start}-${end}`}\``);
    }
    lines.push('');
  }
  return lines;
}
