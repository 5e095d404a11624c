// `audit-lens check` and the dispatch around it. The file system host and the analyzer come in as
// dependencies, so tests run the whole command on a hand-built report and main.ts is left with
// nothing but wiring. This is the CLI's error boundary: whatever goes wrong ends as one line on
// stderr and an exit code, never as a stack trace (unless AUDIT_LENS_DEBUG=1 asks for it).
import { stat as nodeStat, writeFile as nodeWriteFile } from 'node:fs/promises';
import type { WorkspaceReport } from '../core/model';
import { toJsonReport } from '../core/report/jsonReport';
import { countProblems } from '../core/report/reportCommon';
import { toSarif } from '../core/report/sarifReport';
import { formatTextReport } from '../core/report/textReport';
import type { Logger, WorkspaceHost } from '../core/workspace';
import { describeFixOutcome, fixWorkspace, type FixHooks } from './fixCommand';
import {
  CHECK_HELP,
  MAIN_HELP,
  usageHint,
  exitCodeFor,
  parseArguments,
  shouldUseColor,
  type CheckOptions,
  type HelpTopic,
  type OutputFormat,
} from './arguments';

/** Exit code for a usage or I/O error. */
export const EXIT_USAGE_OR_IO = 2;

/** A place the CLI writes text to: process.stdout and process.stderr, or a test's buffer. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** The options the analyzer takes, as far as the CLI sets them. */
export interface AnalyzeRequest {
  include?: string[];
  exclude?: string[];
  logger?: Logger;
  /** --base: the revision references are compared from. */
  base?: string;
  /** False with --no-git. */
  git?: false;
}

/** A problem with what the user asked for that shows only once the analysis starts (an unknown --base). */
export class CheckInputError extends Error {}

/** Everything the CLI needs from the outside world. */
export interface CliEnvironment {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  /** The working directory that relative roots and output files resolve against. */
  cwd: string;
  /** The CLI's own version, for --version and the SARIF driver. */
  version: string;
  createHost(root: string): Promise<WorkspaceHost>;
  analyze(host: WorkspaceHost, options: AnalyzeRequest): Promise<WorkspaceReport>;
  /** Writes --output; node's writeFile unless a test replaces it. */
  writeFile?(path: string, data: string): Promise<void>;
  /** Tells whether the root is a directory; `undefined` when it does not exist. Node's stat by default. */
  statRoot?(path: string): Promise<{ isDirectory(): boolean } | undefined>;
  /** Test hooks into --fix (a file changed between read and write, a failing file system). */
  fixHooks?: FixHooks;
}

/** Runs the CLI for the arguments after `node cli.js` and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  try {
    const command = parseArguments(argv, environment.cwd);
    switch (command.kind) {
      case 'help':
        environment.stdout.write(command.topic === 'check' ? CHECK_HELP : MAIN_HELP);
        return 0;
      case 'version':
        environment.stdout.write(`${environment.version}\n`);
        return 0;
      case 'usage-error':
        return usageError(environment, command.message, command.topic);
      case 'check':
        return await runCheck(command.options, environment);
    }
  } catch (error) {
    environment.stderr.write(`audit-lens: unexpected error: ${oneLine(error)}\n`);
    if (isDebug(environment.env) && error instanceof Error && error.stack) {
      environment.stderr.write(`${error.stack}\n`);
    }
    return EXIT_USAGE_OR_IO;
  }
}

/** Analyzes the root, writes the report where asked, and returns 0, 1 or 2 as the options say. */
export async function runCheck(options: CheckOptions, environment: CliEnvironment): Promise<number> {
  const rootProblem = await checkRoot(options.root, environment);
  if (rootProblem) return usageError(environment, rootProblem, 'check');

  let host: WorkspaceHost;
  try {
    host = await environment.createHost(options.root);
  } catch (error) {
    return ioError(environment, `cannot read '${options.root}': ${oneLine(error)}`);
  }
  let report: WorkspaceReport;
  try {
    report = await environment.analyze(host, analyzeRequest(options, environment));
  } catch (error) {
    if (error instanceof CheckInputError) return ioError(environment, error.message);
    throw error;
  }
  let fixRefused = false;
  if (options.fix === true || options.fixEncoding === true) {
    const outcomes = await fixWorkspace(report, host, { references: options.fix === true, encoding: options.fixEncoding === true }, environment.fixHooks);
    for (const outcome of outcomes) environment.stderr.write(`audit-lens: ${describeFixOutcome(outcome)}\n`);
    fixRefused = outcomes.some((outcome) => outcome.kind === 'refused');
    // The report says what is left after the fixes, so the exit code is about that.
    if (outcomes.some((outcome) => outcome.kind === 'fixed')) report = await environment.analyze(host, analyzeRequest(options, environment));
  }

  const toFile = options.output !== null;
  const color = shouldUseColor(options.color, toFile ? false : environment.stdout.isTTY, environment.env);
  const rendered = renderReport(report, options.format, { color, toolVersion: environment.version });
  if (options.output !== null) {
    try {
      await (environment.writeFile ?? defaultWriteFile)(options.output, rendered);
    } catch (error) {
      return ioError(environment, `cannot write '${options.output}': ${oneLine(error)}`);
    }
  } else {
    environment.stdout.write(rendered);
  }
  return fixRefused ? EXIT_USAGE_OR_IO : exitCodeFor(countProblems(report), options.failOn);
}

/** Renders a report in the chosen format, ending with a newline. */
export function renderReport(
  report: WorkspaceReport,
  format: OutputFormat,
  options: { color: boolean; toolVersion: string },
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(report, options.toolVersion), null, 2)}\n`;
    case 'text':
      return formatTextReport(report, { color: options.color });
  }
}

function analyzeRequest(options: CheckOptions, environment: CliEnvironment): AnalyzeRequest {
  const request: AnalyzeRequest = { logger: stderrLogger(environment) };
  // Empty lists are left out rather than passed, so the analyzer's default (markdown) applies.
  if (options.include.length > 0) request.include = [...options.include];
  if (options.exclude.length > 0) request.exclude = [...options.exclude];
  if (options.base !== undefined) request.base = options.base;
  if (options.git === false) request.git = false;
  return request;
}

/** What the analyzer says about its own work goes to stderr, so stdout stays a clean report. */
function stderrLogger(environment: CliEnvironment): Logger {
  const debug = isDebug(environment.env);
  return {
    info(message) {
      if (debug) environment.stderr.write(`audit-lens: ${message}\n`);
    },
    warn(message) {
      environment.stderr.write(`audit-lens: warning: ${message}\n`);
    },
    error(message, error) {
      const detail = error === undefined ? '' : `: ${oneLine(error)}`;
      environment.stderr.write(`audit-lens: ${message}${detail}\n`);
      if (debug && error instanceof Error && error.stack) environment.stderr.write(`${error.stack}\n`);
    },
  };
}

async function checkRoot(root: string, environment: CliEnvironment): Promise<string | undefined> {
  let stats: { isDirectory(): boolean } | undefined;
  try {
    stats = await (environment.statRoot ?? defaultStatRoot)(root);
  } catch (error) {
    return `cannot read root '${root}': ${oneLine(error)}`;
  }
  if (stats === undefined) return `root '${root}' does not exist`;
  if (!stats.isDirectory()) return `root '${root}' is not a directory`;
  return undefined;
}

async function defaultStatRoot(path: string): Promise<{ isDirectory(): boolean } | undefined> {
  try {
    return await nodeStat(path);
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return undefined;
    throw error;
  }
}

function defaultWriteFile(path: string, data: string): Promise<void> {
  return nodeWriteFile(path, data, 'utf8');
}

function usageError(environment: CliEnvironment, message: string, topic: HelpTopic): number {
  environment.stderr.write(`audit-lens: ${message}\n${usageHint(topic)}\n`);
  return EXIT_USAGE_OR_IO;
}

function ioError(environment: CliEnvironment, message: string): number {
  environment.stderr.write(`audit-lens: ${message}\n`);
  return EXIT_USAGE_OR_IO;
}

function isDebug(env: NodeJS.ProcessEnv): boolean {
  return env['AUDIT_LENS_DEBUG'] === '1';
}

function isErrnoCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** An error as one line: its message (node's fs messages already name the code and path). */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split('\n', 1)[0] ?? '';
  return firstLine.trim() || 'unknown error';
}
