// `npm run test:electron`: the same extension-host suite as `npm run test:e2e`, in desktop VS Code
// downloaded by @vscode/test-electron. It needs Microsoft's update servers (so it cannot run on
// machines that reach only npm) and, on Linux without a display, `xvfb-run -a npm run test:electron`.
//
// AUDIT_LENS_VSCODE_VERSION picks the VS Code version (default: 1.100.3, the one test:e2e runs).
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const suite = path.join(repoRoot, 'dist', 'test', 'e2e', 'index.js');

/** User settings for a quiet run: no trust prompt, no welcome page, no update checks. */
const SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.enabled': false,
  'files.hotExit': 'off',
};

/** What the suite writes to $AUDIT_LENS_E2E_RESULTS (see suite/index.ts). */
interface Results {
  passes: number;
  failures: number;
}

function readResults(file: string): Results | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Results;
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  if (!existsSync(suite)) {
    console.error(`${path.relative(repoRoot, suite)} is missing: run \`npm run build\` first.`);
    return 1;
  }
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    console.warn('No display: desktop VS Code needs one. Run `xvfb-run -a npm run test:electron` (apt-get install -y xvfb).');
  }
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'audit-lens-electron-'));
  const removeRunDir = (): void => rmSync(runDir, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeRunDir();
      process.exit(130);
    });
  }
  try {
    // A copy: the tests edit, delete and restore files.
    const workspace = path.join(runDir, 'sample-workspace');
    cpSync(path.join(repoRoot, 'test', 'fixtures', 'sample-workspace'), workspace, { recursive: true });
    const userData = path.join(runDir, 'user-data');
    mkdirSync(path.join(userData, 'User'), { recursive: true });
    writeFileSync(path.join(userData, 'User', 'settings.json'), `${JSON.stringify(SETTINGS, null, 2)}\n`);
    const resultsFile = path.join(runDir, 'results.json');

    let exitCode: number;
    try {
      exitCode = await runTests({
        version: process.env['AUDIT_LENS_VSCODE_VERSION'] ?? '1.100.3',
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: suite,
        extensionTestsEnv: { AUDIT_LENS_E2E_RESULTS: resultsFile },
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          '--disable-gpu',
          '--user-data-dir',
          userData,
          '--extensions-dir',
          path.join(runDir, 'extensions'),
        ],
      });
    } catch (error) {
      // runTests rejects both when VS Code cannot be downloaded and when the tests fail.
      console.error(`test:electron: ${error instanceof Error ? error.message : String(error)}`);
      exitCode = 1;
    }
    const results = readResults(resultsFile);
    if (!results) {
      console.error('test:electron: the suite wrote no results (VS Code did not start, or the suite never ran).');
      return 1;
    }
    console.log(`test:electron: ${results.passes} passed, ${results.failures} failed.`);
    return exitCode === 0 && results.failures === 0 && results.passes > 0 ? 0 : 1;
  } finally {
    removeRunDir();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
