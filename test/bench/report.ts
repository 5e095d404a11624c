// The benchmark's output: rows of ours / baseline / target, printed as a table and kept in
// test/bench/results.json, one section per corpus (quick and full), so a quick run never erases
// the last full one.
import * as fs from 'node:fs';
import { round } from './stats';

/** One line of the results table. */
export interface ResultRow {
  measure: string;
  ours: string;
  baseline?: string;
  /** ours / baseline, where the pair is comparable. */
  ratio?: number;
  target?: string;
  /** Whether the target is met; null when there is no target or it does not apply at this scale. */
  met?: boolean | null;
  note?: string;
}

/** Formats milliseconds for the table: ms below 10 s, seconds above. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 10_000 ? `${round(value / 1000)} s` : `${round(value)} ms`;
}

/** Prints the rows as a plain-text table. */
export function printTable(title: string, rows: readonly ResultRow[], write: (line: string) => void): void {
  const header = ['measure', 'ours', 'baseline', 'ours/base', 'target', 'met'];
  const cells = rows.map((row) => [
    row.measure,
    row.ours,
    row.baseline ?? '',
    row.ratio === undefined ? '' : `${round(row.ratio)}×`,
    row.target ?? '',
    row.met === undefined || row.met === null ? '' : row.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((name, column) => Math.max(name.length, ...cells.map((line) => (line[column] as string).length)));
  const format = (line: readonly string[]): string => line.map((cell, column) => cell.padEnd(widths[column] as number)).join('  ').trimEnd();
  write('');
  write(title);
  write(format(header));
  write(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of cells) write(format(line));
  for (const row of rows) if (row.note) write(`  * ${row.measure}: ${row.note}`);
}

/** Merges this run's section into results.json, keeping the other corpus's section. */
export function writeResults(file: string, section: string, results: unknown): void {
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // No results yet, or a file from an older layout: start afresh.
  }
  existing[section] = results;
  fs.writeFileSync(file, `${JSON.stringify(existing, null, 2)}\n`);
}
