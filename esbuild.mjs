// Bundles the extension client, the language server and the CLI into CommonJS for node.
// unified and remark are ESM-only while VS Code loads extensions with require(), so everything
// is bundled; only `vscode` stays external (the editor provides it at run time).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Entry points that exist so far; later layers add theirs without touching this list's shape. */
const entries = [
  { in: 'server/src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'client/src/extension.ts', out: 'client', external: ['vscode'] },
  // The extension-host tests with mocha bundled in; the two externals are mocha's parallel mode, never used.
  { in: 'test/e2e/suite/index.ts', out: 'test/e2e/index', external: ['vscode', './reporters/parallel-buffered.cjs', './worker.cjs'] },
].filter((entry) => existsSync(entry.in));

const contexts = await Promise.all(
  entries.map((entry) =>
    esbuild.context({
      entryPoints: { [entry.out]: entry.in },
      outdir: 'dist',
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcemap: production ? false : 'linked',
      minify: production,
      external: entry.external ?? [],
      banner: entry.banner ? { js: entry.banner } : undefined,
      logLevel: 'warning',
    }),
  ),
);

if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
