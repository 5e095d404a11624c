// The VSIX as a user installs it: `npm run package` builds it, it holds only what .vscodeignore
// keeps, stays small, and the VS Code 1.100.3 server installs it and lists it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serverPaths } from '../setup/installVsCodeServer.mjs';
import { findOnPath } from '../support/commands.mjs';
import { repoRoot } from '../support/environment.mjs';

/** The ceiling for the package. */
const MAX_VSIX_BYTES = 1.5 * 1024 * 1024;

/** What the package may hold: the bundles, the grammar, the icons, and the listing's documents. */
const ALLOWED = [/^extension\/dist\/(client|server|cli)\.js$/, /^extension\/syntaxes\/[^/]+\.json$/, /^extension\/media\/[^/]+\.(png|svg)$/, /^extension\/(README\.md|LICENSE\.txt|LICENSE|CHANGELOG\.md|package\.json)$/];

describe('The VSIX', function () {
  this.timeout(300_000);
  let workDir;

  before(() => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'audit-lens-vsix-'));
  });

  after(() => {
    rmSync(workDir, { recursive: true, force: true });
    // Packaging leaves minified bundles without source maps; put the development build back.
    execFileSync(process.execPath, [path.join(repoRoot, 'esbuild.mjs')], { cwd: repoRoot, stdio: 'ignore' });
  });

  it('is built by npm run package, holds only the shipped files, and installs into VS Code 1.100.3', () => {
    const vsix = path.join(workDir, 'audit-lens.vsix');
    execFileSync(findOnPath('npm'), ['run', 'package', '--silent', '--', '--out', vsix], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const size = statSync(vsix).size;
    assert.ok(size <= MAX_VSIX_BYTES, `the VSIX is ${(size / 1024).toFixed(0)} KB, over 1.5 MB`);

    const { version } = JSON.parse(execFileSync(process.execPath, ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: repoRoot, encoding: 'utf8' }));
    const listed = execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((file) => `extension/${file.trim()}`);
    const strays = listed.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
    assert.deepEqual(strays, [], 'nothing outside dist/, syntaxes/, media/ and the listing documents');
    for (const needed of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/package.json']) assert.ok(listed.includes(needed), `${needed} is packaged`);

    const { serverMain } = serverPaths();
    const extensionsDir = path.join(workDir, 'extensions');
    const server = (...args) => execFileSync(process.execPath, [serverMain, '--extensions-dir', extensionsDir, '--accept-server-license-terms', ...args], { cwd: workDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.match(server('--install-extension', vsix), /successfully installed/i);
    assert.match(server('--list-extensions', '--show-versions'), new RegExp(`^audit-lens\\.audit-lens@${version.replace(/\./g, '\\.')}$`, 'm'));
  });
});
