import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exitCodeFor, parseArguments, shouldUseColor, type CheckOptions, type ParsedCommand } from '../../server/src/cli/arguments';
import { runCli, type AnalyzeRequest, type CliEnvironment } from '../../server/src/cli/checkCommand';
import type { AuditDiagnostic, WorkspaceReport } from '../../server/src/core/model';
import type { WorkspaceHost } from '../../server/src/core/workspace';

const CWD = resolve('/srv/project');

function check(argv: string[]): CheckOptions {
  const parsed = parseArguments(argv, CWD);
  assert.equal(parsed.kind, 'check', JSON.stringify(parsed));
  return (parsed as Extract<ParsedCommand, { kind: 'check' }>).options;
}

function usageError(argv: string[]): string {
  const parsed = parseArguments(argv, CWD);
  assert.equal(parsed.kind, 'usage-error', `${argv.join(' ')} should be a usage error`);
  return (parsed as Extract<ParsedCommand, { kind: 'usage-error' }>).message;
}

describe('parseArguments', () => {
  it('defaults to the working directory, text, markdown and --fail-on error', () => {
    assert.deepEqual(check(['check']), {
      root: CWD,
      format: 'text',
      include: [],
      exclude: [],
      failOn: 'error',
      output: null,
      color: true,
    });
  });

  it('resolves the root and the output file against the working directory', () => {
    const options = check(['check', 'docs/audits', '-o', 'out/report.sarif']);
    assert.equal(options.root, join(CWD, 'docs/audits'));
    assert.equal(options.output, join(CWD, 'out/report.sarif'));
    assert.equal(check(['check', '/abs/root']).root, resolve('/abs/root'));
  });

  it('collects repeated --include and --exclude in order', () => {
    const options = check(['check', '--include', '**/*.md', '--exclude', 'node_modules/**', '--include=audits/*.txt', '--exclude', 'drafts/**']);
    assert.deepEqual(options.include, ['**/*.md', 'audits/*.txt']);
    assert.deepEqual(options.exclude, ['node_modules/**', 'drafts/**']);
    assert.deepEqual(check(['check', '--include=-draft.md']).include, ['-draft.md']);
  });

  it('reads every option in both spellings', () => {
    const options = check(['check', '--format=sarif', '--fail-on', 'warning', '--output=report.json', '--no-color', 'root']);
    assert.equal(options.format, 'sarif');
    assert.equal(options.failOn, 'warning');
    assert.equal(options.output, join(CWD, 'report.json'));
    assert.equal(options.color, false);
    assert.equal(options.root, join(CWD, 'root'));
    assert.equal(check(['check', '--format', 'json']).format, 'json');
    assert.equal(check(['check', '--fail-on', 'none']).failOn, 'none');
  });

  it('takes a root that starts with a dash after --', () => {
    assert.equal(check(['check', '--', '-odd-root']).root, join(CWD, '-odd-root'));
  });

  it('answers help and version requests', () => {
    assert.deepEqual(parseArguments(['--help'], CWD), { kind: 'help', topic: 'main' });
    assert.deepEqual(parseArguments(['-h'], CWD), { kind: 'help', topic: 'main' });
    assert.deepEqual(parseArguments(['help', 'check'], CWD), { kind: 'help', topic: 'check' });
    assert.deepEqual(parseArguments(['check', '--help'], CWD), { kind: 'help', topic: 'check' });
    assert.deepEqual(parseArguments(['check', 'root', '-h'], CWD), { kind: 'help', topic: 'check' });
    assert.deepEqual(parseArguments(['--version'], CWD), { kind: 'version' });
    assert.deepEqual(parseArguments(['check', '--version'], CWD), { kind: 'version' });
  });

  it('turns every mistake into a one-line usage error', () => {
    const cases: Array<[string[], string]> = [
      [[], 'no command given; try check'],
      [['scan'], "unknown command 'scan'"],
      [['--colour'], "unknown option '--colour'"],
      [['check', '--colour'], "unknown option '--colour'"],
      [['check', '-x'], "unknown option '-x'"],
      [['check', '--format', 'xml'], "--format must be text, json or sarif, not 'xml'"],
      [['check', '--format=JSON'], "--format must be text, json or sarif, not 'JSON'"],
      [['check', '--fail-on', 'info'], "--fail-on must be error, warning or none, not 'info'"],
      [['check', '--include'], "option '--include' needs a value"],
      [['check', '--format='], "option '--format' needs a value"],
      [['check', '--output'], "option '--output' needs a value"],
      [['check', '-o', '--format', 'json'], "option '--output' needs a value, not the option '--format'"],
      [['check', '--include', '--exclude', 'x'], "option '--include' needs a value, not the option '--exclude'"],
      [['check', '--no-color=yes'], "option '--no-color' takes no value"],
      [['check', 'one', 'two'], "unexpected argument 'two'; check takes one root"],
    ];
    for (const [argv, message] of cases) {
      const actual = usageError(argv);
      assert.equal(actual, message, argv.join(' '));
      assert.ok(!actual.includes('\n'), 'one line');
    }
  });
});

describe('exitCodeFor', () => {
  const clean = { errors: 0, warnings: 0 };
  const warningsOnly = { errors: 0, warnings: 3 };
  const errors = { errors: 2, warnings: 0 };

  it('fails on errors by default (--fail-on error)', () => {
    assert.equal(exitCodeFor(clean, 'error'), 0);
    assert.equal(exitCodeFor(warningsOnly, 'error'), 0);
    assert.equal(exitCodeFor(errors, 'error'), 1);
  });

  it('counts warnings too with --fail-on warning', () => {
    assert.equal(exitCodeFor(clean, 'warning'), 0);
    assert.equal(exitCodeFor(warningsOnly, 'warning'), 1);
    assert.equal(exitCodeFor(errors, 'warning'), 1);
  });

  it('never fails with --fail-on none', () => {
    assert.equal(exitCodeFor(clean, 'none'), 0);
    assert.equal(exitCodeFor(warningsOnly, 'none'), 0);
    assert.equal(exitCodeFor({ errors: 9, warnings: 9 }, 'none'), 0);
  });
});

describe('shouldUseColor', () => {
  it('colours only a terminal that nobody asked to keep plain', () => {
    assert.equal(shouldUseColor(true, true, {}), true);
    assert.equal(shouldUseColor(true, false, {}), false);
    assert.equal(shouldUseColor(true, undefined, {}), false);
    assert.equal(shouldUseColor(false, true, {}), false);
    assert.equal(shouldUseColor(true, true, { NO_COLOR: '1' }), false);
    // no-color.org: an empty NO_COLOR does not count.
    assert.equal(shouldUseColor(true, true, { NO_COLOR: '' }), true);
  });
});

/** A captured stream. */
function sink(isTTY = false): { write(text: string): void; isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  return { write: (text: string) => void chunks.push(text), isTTY, text: () => chunks.join('') };
}

function diagnosticOf(severity: AuditDiagnostic['severity']): AuditDiagnostic {
  return {
    code: severity === 'error' ? 'missing-file' : 'ambiguous-path',
    severity,
    message: `a ${severity}`,
    range: { start: { line: 2, character: 4 }, end: { line: 2, character: 12 } },
  };
}

function reportWith(root: string, severities: AuditDiagnostic['severity'][]): WorkspaceReport {
  return {
    root,
    documents: [{
      path: 'docs/audit.md', encoding: 'utf-8', text: '# Audit\n\nSee `a.py:1`.\n', issues: [], references: [],
      diagnostics: severities.map(diagnosticOf),
    }],
  };
}

interface Harness {
  environment: CliEnvironment;
  stdout: ReturnType<typeof sink>;
  stderr: ReturnType<typeof sink>;
  requests: AnalyzeRequest[];
}

function harness(root: string, severities: AuditDiagnostic['severity'][], overrides: Partial<CliEnvironment> = {}, tty = false): Harness {
  const stdout = sink(tty);
  const stderr = sink();
  const requests: AnalyzeRequest[] = [];
  const host = { root } as WorkspaceHost;
  const environment: CliEnvironment = {
    stdout,
    stderr,
    env: {},
    cwd: root,
    version: '0.1.0',
    createHost: async () => host,
    analyze: async (_host, request) => {
      requests.push(request);
      return reportWith(root, severities);
    },
    ...overrides,
  };
  return { environment, stdout, stderr, requests };
}

describe('runCli', () => {
  let root: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'audit-lens-cli-'));
    await writeFile(join(root, 'not-a-folder.md'), '# Not a folder\n');
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('exits 1 on an error by default, 0 with --fail-on none', async () => {
    assert.equal(await runCli(['check', root], harness(root, ['error']).environment), 1);
    assert.equal(await runCli(['check', root, '--fail-on', 'none'], harness(root, ['error']).environment), 0);
  });

  it('exits 0 on warnings unless --fail-on warning', async () => {
    assert.equal(await runCli(['check', root], harness(root, ['warning', 'hint']).environment), 0);
    assert.equal(await runCli(['check', root, '--fail-on', 'warning'], harness(root, ['warning']).environment), 1);
    assert.equal(await runCli(['check', root, '--fail-on', 'warning'], harness(root, ['information', 'hint']).environment), 0);
  });

  it('prints one message line and the usage hint for a usage error, and exits 2', async () => {
    const run = harness(root, []);
    assert.equal(await runCli(['check', '--format', 'xml'], run.environment), 2);
    const lines = run.stderr.text().split('\n');
    assert.equal(lines[0], "audit-lens: --format must be text, json or sarif, not 'xml'");
    assert.match(lines[1] ?? '', /^usage: audit-lens check \[root\]/);
    assert.equal(run.stdout.text(), '');
    assert.equal(run.requests.length, 0, 'nothing was analyzed');
  });

  it('points a bare or unknown command at the main help', async () => {
    const run = harness(root, []);
    assert.equal(await runCli([], run.environment), 2);
    assert.deepEqual(run.stderr.text().split('\n'), [
      'audit-lens: no command given; try check',
      'usage: audit-lens check [root] [options]',
      "Run 'audit-lens --help' for details.",
      '',
    ]);
  });

  it('exits 2 when the root is missing or is a file', async () => {
    const missing = harness(root, []);
    const missingRoot = join(root, 'no-such-folder');
    assert.equal(await runCli(['check', missingRoot], missing.environment), 2);
    assert.equal(missing.stderr.text().split('\n')[0], `audit-lens: root '${missingRoot}' does not exist`);

    const file = harness(root, []);
    const fileRoot = join(root, 'not-a-folder.md');
    assert.equal(await runCli(['check', fileRoot], file.environment), 2);
    assert.equal(file.stderr.text().split('\n')[0], `audit-lens: root '${fileRoot}' is not a directory`);
  });

  it('passes globs through, and leaves them out when none were given', async () => {
    const withGlobs = harness(root, []);
    await runCli(['check', root, '--include', 'a/**', '--include', 'b/*.txt', '--exclude', 'c/**'], withGlobs.environment);
    assert.deepEqual(withGlobs.requests[0]?.include, ['a/**', 'b/*.txt']);
    assert.deepEqual(withGlobs.requests[0]?.exclude, ['c/**']);

    const defaults = harness(root, []);
    await runCli(['check', root], defaults.environment);
    assert.ok(defaults.requests[0]);
    assert.equal('include' in defaults.requests[0], false);
    assert.equal('exclude' in defaults.requests[0], false);
  });

  it('prints JSON and SARIF that parse', async () => {
    const json = harness(root, ['error']);
    await runCli(['check', root, '--format', 'json'], json.environment);
    const parsed = JSON.parse(json.stdout.text());
    assert.equal(parsed.diagnostics[0].line, 3);
    assert.equal(parsed.diagnostics[0].column, 5);

    const sarifRun = harness(root, ['warning']);
    await runCli(['check', root, '--format', 'sarif'], sarifRun.environment);
    const log = JSON.parse(sarifRun.stdout.text());
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].tool.driver.version, '0.1.0');
  });

  it('writes --output to the file and nothing to stdout', async () => {
    const run = harness(root, ['error']);
    const target = join(root, 'report.json');
    assert.equal(await runCli(['check', root, '--format', 'json', '--output', target], run.environment), 1);
    assert.equal(run.stdout.text(), '');
    assert.equal(JSON.parse(await readFile(target, 'utf8')).summary.errors, 1);
  });

  it('exits 2 with one line when --output cannot be written', async () => {
    const run = harness(root, []);
    const target = join(root, 'missing-folder', 'report.json');
    assert.equal(await runCli(['check', root, '--output', target], run.environment), 2);
    const lines = run.stderr.text().trimEnd().split('\n');
    assert.equal(lines.length, 1);
    assert.ok(lines[0]?.startsWith(`audit-lens: cannot write '${target}': ENOENT`), lines[0]);
  });

  it('colours text only on a terminal without NO_COLOR or --no-color', async () => {
    const tty = harness(root, ['error'], {}, true);
    await runCli(['check', root], tty.environment);
    assert.ok(tty.stdout.text().includes('\u001b['));

    const noColorEnv = harness(root, ['error'], { env: { NO_COLOR: '1' } }, true);
    await runCli(['check', root], noColorEnv.environment);
    assert.ok(!noColorEnv.stdout.text().includes('\u001b['));

    const flag = harness(root, ['error'], {}, true);
    await runCli(['check', root, '--no-color'], flag.environment);
    assert.ok(!flag.stdout.text().includes('\u001b['));

    const pipe = harness(root, ['error'], {}, false);
    await runCli(['check', root], pipe.environment);
    assert.ok(!pipe.stdout.text().includes('\u001b['));
    assert.ok(pipe.stdout.text().includes('✖ 1 error, 0 warnings'));
  });

  it('turns an unexpected failure into exit 2 and one line, with the stack only in debug mode', async () => {
    const failing = { analyze: async () => Promise.reject(new Error('index exploded\nsecond line')) };
    const quiet = harness(root, [], failing);
    assert.equal(await runCli(['check', root], quiet.environment), 2);
    assert.equal(quiet.stderr.text(), 'audit-lens: unexpected error: index exploded\n');

    const debug = harness(root, [], { ...failing, env: { AUDIT_LENS_DEBUG: '1' } });
    assert.equal(await runCli(['check', root], debug.environment), 2);
    assert.match(debug.stderr.text(), /^audit-lens: unexpected error: index exploded\nError: index exploded\n[\s\S]*at /);
  });

  it('prints help and version on stdout with exit 0', async () => {
    const help = harness(root, []);
    assert.equal(await runCli(['check', '--help'], help.environment), 0);
    assert.match(help.stdout.text(), /^Usage: audit-lens check \[root\] \[options\]/);
    assert.match(help.stdout.text(), /--fail-on error\|warning\|none/);

    const version = harness(root, []);
    assert.equal(await runCli(['--version'], version.environment), 0);
    assert.equal(version.stdout.text(), '0.1.0\n');
  });
});
