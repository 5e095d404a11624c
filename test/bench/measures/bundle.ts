// Measure 6: bundle sizes and activation. The production bundles (minified, as `npm run package`
// ships them) are built into a temporary folder rather than dist/, which other work in the same
// checkout uses; the VSIX is packaged from a copy of the manifest and those bundles. Activation
// loads the production client.js in node with a stub `vscode` module (activateChild.cjs).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from '../../helpers/lspClient';

/** Sizes in KB of one bundle. */
export interface BundleSize {
  kb: number;
  gzipKb: number;
}

/** Production and development bundle sizes, the VSIX size, and where the production bundles are. */
export interface BundleReport {
  production: Record<string, BundleSize>;
  development: Record<string, number>;
  vsixKb: number | null;
  vsixError: string | null;
  folder: string;
}

const ENTRIES: Record<string, { in: string; external: string[]; banner?: string }> = {
  cli: { in: 'server/src/cli/main.ts', external: [], banner: '#!/usr/bin/env node' },
  server: { in: 'server/src/server.ts', external: [] },
  client: { in: 'client/src/extension.ts', external: ['vscode'] },
};

const kb = (bytes: number): number => Math.round(bytes / 102.4) / 10;

/**
 * Builds the production bundles (the options of `esbuild.mjs --production`) into `folder`/dist and
 * packages a VSIX from them. Every measure runs these bundles: dist/ is rebuilt by whoever runs
 * tests in the same checkout, and a bundle changing mid-run would mix builds (and void the warm cache).
 */
export async function buildBenchBundles(folder: string): Promise<BundleReport> {
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(path.join(folder, 'dist'), { recursive: true });
  const production: Record<string, BundleSize> = {};
  for (const [name, entry] of Object.entries(ENTRIES)) {
    await esbuild.build({
      entryPoints: { [name]: path.join(REPO_ROOT, entry.in) },
      outdir: path.join(folder, 'dist'),
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      minify: true,
      external: entry.external,
      banner: entry.banner ? { js: entry.banner } : undefined,
      logLevel: 'error',
    });
    const bytes = fs.readFileSync(path.join(folder, 'dist', `${name}.js`));
    production[name] = { kb: kb(bytes.length), gzipKb: kb(gzipSync(bytes).length) };
  }
  const development: Record<string, number> = {};
  for (const name of Object.keys(ENTRIES)) {
    const file = path.join(REPO_ROOT, 'dist', `${name}.js`);
    if (fs.existsSync(file)) development[name] = kb(fs.statSync(file).size);
  }
  const { vsixKb, vsixError } = packageVsix(folder);
  return { production, development, vsixKb, vsixError, folder };
}

function packageVsix(folder: string): { vsixKb: number | null; vsixError: string | null } {
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'media', 'syntaxes']) {
    const from = path.join(REPO_ROOT, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(folder, entry), { recursive: true });
  }
  const vsix = path.join(folder, 'bench.vsix');
  try {
    const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '-o', vsix], { cwd: folder, stdio: 'pipe', timeout: 120_000 });
    return { vsixKb: kb(fs.statSync(vsix).size), vsixError: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { vsixKb: null, vsixError: message.split('\n').slice(0, 3).join(' ') };
  }
}

/** One activation sample: require of the bundle and activate() until it returns, in a fresh node. */
export interface ActivationSample {
  requireMs: number;
  activateMs: number;
  error: string | null;
}

/** Loads `bundle` with a stub vscode in a fresh node process and times require + activate(). */
export function measureActivation(bundle: string): ActivationSample {
  const child = path.join(REPO_ROOT, 'test', 'bench', 'measures', 'activateChild.cjs');
  const output = execFileSync(process.execPath, [child, bundle, REPO_ROOT], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(output.trim().split('\n').pop() as string) as ActivationSample;
}
