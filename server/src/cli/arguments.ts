// Turns argv into a command for the CLI. Parsing never throws and never touches the disk: every
// mistake comes back as a usage error with one line that says what was wrong, which the entry
// point prints before the usage hint and turns into exit code 2.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** Output formats of `audit-lens check`. */
export type OutputFormat = 'text' | 'json' | 'sarif';

/** The lowest diagnostic severity that makes `check` exit with 1; `none` never fails. */
export type FailOn = 'error' | 'warning' | 'none';

/** Which help text to show. */
export type HelpTopic = 'main' | 'check';

/** Everything `audit-lens check` was asked to do. */
export interface CheckOptions {
  /** Absolute path of the workspace root. */
  root: string;
  format: OutputFormat;
  /** Globs over workspace-relative paths; empty means the analyzer's default (markdown files). */
  include: string[];
  exclude: string[];
  failOn: FailOn;
  /** File to write the report to, resolved against the working directory; `null` for stdout. */
  output: string | null;
  /** False when --no-color was given; colour still also needs a TTY and no NO_COLOR. */
  color: boolean;
  /** --fix: apply the unambiguous stale-reference fixes to the documents before reporting. Absent when not given. */
  fix?: boolean;
  /** --fix-encoding: repair mojibake documents before reporting. Absent when not given. */
  fixEncoding?: boolean;
  /** --base REV: compare every reference from this revision instead of the blame of its line. Absent when not given. */
  base?: string;
  /** False with --no-git: no git-aware staleness check. Absent when not given. */
  git?: false;
}

/** What the command line asks for. */
export type ParsedCommand =
  | { kind: 'help'; topic: HelpTopic }
  | { kind: 'version' }
  | { kind: 'check'; options: CheckOptions }
  | { kind: 'usage-error'; message: string; topic: HelpTopic };

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'none'];

/** The options `check` accepts, as `util.parseArgs` describes them. */
const CHECK_OPTIONS = {
  format: { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  output: { type: 'string', short: 'o' },
  'no-color': { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-encoding': { type: 'boolean' },
  base: { type: 'string' },
  'no-git': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type OptionName = keyof typeof CHECK_OPTIONS;

const CHECK_SYNOPSIS =
  'usage: audit-lens check [root] [--format text|json|sarif] [--include GLOB]... [--exclude GLOB]... [--fail-on error|warning|none] [--output FILE] [--no-color] [--fix] [--fix-encoding] [--base REV] [--no-git]';

/** The synopsis and pointer to --help printed under a usage error. */
export function usageHint(topic: HelpTopic): string {
  return topic === 'check'
    ? `${CHECK_SYNOPSIS}\nRun 'audit-lens check --help' for details.`
    : "usage: audit-lens check [root] [options]\nRun 'audit-lens --help' for details.";
}

/** Help for `audit-lens --help`. */
export const MAIN_HELP = `audit-lens: keeps the file:line references in audit documents honest.

Usage:
  audit-lens check [root] [options]   check the audit documents under root
  audit-lens --help                   show this help
  audit-lens --version                print the version

Run 'audit-lens check --help' for the options of check.
`;

/** Help for `audit-lens check --help`. */
export const CHECK_HELP = `Usage: audit-lens check [root] [options]

Finds the audit documents under root (default: the current directory), extracts their issues
and code references, and reports every reference that no longer matches the code.

Options:
  --format text|json|sarif       output format (default: text)
  --include GLOB                 documents to check, repeatable (default: markdown files)
  --exclude GLOB                 documents to skip, repeatable
  --fail-on error|warning|none   exit with 1 when a problem at or above this level is
                                 found (default: error); none never fails
  -o, --output FILE              write the report to FILE instead of stdout
  --no-color                     no colour, even on a terminal (NO_COLOR works too)
  --fix                          first apply the unambiguous stale-reference fixes (the
                                 editor's "Fix all"), then report what is left
  --fix-encoding                 first repair mojibake documents (UTF-8 saved as Mac Roman
                                 or Windows-1252), then report
  --base REV                     compare every reference with the code at REV instead of
                                 the commit its audit line was written at (git blame)
  --no-git                       no git: states only say whether files and lines exist
  -h, --help                     show this help
  -v, --version                  print the version

Globs match workspace-relative paths with '/', e.g. --include 'docs/**/*.md'.

In a git repository, each reference is followed from the commit its audit line was written
at to the working tree: moved code gives 'moved' with the new place, code edited in place
'changed', removed code 'deleted'. Git runs read-only, and never without a repository.

Fixes are written atomically, keep each file's BOM and line endings, and are refused for a
file that changed on disk meanwhile or is not valid UTF-8 (exit code 2; the others are fixed).

Exit codes:
  0  nothing at or above --fail-on
  1  something at or above --fail-on
  2  usage or I/O error, or a fix that was refused
`;

/** Parses the arguments after `node cli.js`; `cwd` resolves the root and the output file. */
export function parseArguments(argv: readonly string[], cwd: string): ParsedCommand {
  const [command, ...rest] = argv;
  if (command === undefined) {
    return { kind: 'usage-error', message: 'no command given; try check', topic: 'main' };
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    return rest[0] === 'check' ? { kind: 'help', topic: 'check' } : { kind: 'help', topic: 'main' };
  }
  if (command === '--version' || command === '-v') return { kind: 'version' };
  if (command !== 'check') {
    const what = command.startsWith('-') ? `unknown option '${command}'` : `unknown command '${command}'`;
    return { kind: 'usage-error', message: what, topic: 'main' };
  }
  return parseCheck(rest, cwd);
}

/** The exit code for a run: 1 when a diagnostic at or above `failOn` was found, else 0. */
export function exitCodeFor(counts: { errors: number; warnings: number }, failOn: FailOn): 0 | 1 {
  if (failOn === 'none') return 0;
  const failing = failOn === 'warning' ? counts.errors + counts.warnings : counts.errors;
  return failing > 0 ? 1 : 0;
}

/**
 * Whether the text report gets ANSI colour: only on a terminal, and never when asked not to
 * (--no-color, or NO_COLOR set to anything non-empty, as no-color.org defines it).
 */
export function shouldUseColor(colorAllowed: boolean, isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  const noColor = env['NO_COLOR'];
  return colorAllowed && isTTY === true && (noColor === undefined || noColor === '');
}

function parseCheck(args: string[], cwd: string): ParsedCommand {
  // strict: false so that unknown options and missing values come back as tokens we can word
  // ourselves; node's own messages run to several lines of advice.
  const { tokens } = parseArgs({ args, options: CHECK_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  const values = new Map<OptionName, string | boolean>();
  const include: string[] = [];
  const exclude: string[] = [];

  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    if (!isOptionName(token.name)) return usageError(`unknown option '${token.rawName}'`);
    const spec = CHECK_OPTIONS[token.name];
    if (spec.type === 'boolean') {
      if (token.value !== undefined) return usageError(`option '${token.rawName}' takes no value`);
      values.set(token.name, true);
      continue;
    }
    if (token.value === undefined || token.value === '') {
      return usageError(`option '--${token.name}' needs a value`);
    }
    // `-o --format json` would otherwise write a file named `--format`; a value that really starts
    // with a dash can still be given inline (`--include=-draft.md`).
    if (token.inlineValue === false && token.value.startsWith('-')) {
      return usageError(`option '--${token.name}' needs a value, not the option '${token.value}'`);
    }
    if (token.name === 'include') include.push(token.value);
    else if (token.name === 'exclude') exclude.push(token.value);
    else values.set(token.name, token.value);
  }

  if (values.get('help') === true) return { kind: 'help', topic: 'check' };
  if (values.get('version') === true) return { kind: 'version' };
  if (positionals.length > 1) return usageError(`unexpected argument '${positionals[1]}'; check takes one root`);

  const format = values.get('format') ?? 'text';
  if (!isOneOf(format, FORMATS)) return usageError(`--format must be text, json or sarif, not '${String(format)}'`);
  const failOn = values.get('fail-on') ?? 'error';
  if (!isOneOf(failOn, FAIL_ON)) return usageError(`--fail-on must be error, warning or none, not '${String(failOn)}'`);
  const output = values.get('output');
  const base = values.get('base');
  if (base !== undefined && values.get('no-git') === true) return usageError('--base needs git; it cannot be used with --no-git');

  return {
    kind: 'check',
    options: {
      root: resolve(cwd, positionals[0] ?? '.'),
      format,
      include,
      exclude,
      failOn,
      output: typeof output === 'string' ? resolve(cwd, output) : null,
      color: values.get('no-color') !== true,
      // Only present when asked for, so the options of a plain check stay what they were.
      ...(values.get('fix') === true ? { fix: true } : {}),
      ...(values.get('fix-encoding') === true ? { fixEncoding: true } : {}),
      ...(typeof base === 'string' ? { base } : {}),
      ...(values.get('no-git') === true ? { git: false as const } : {}),
    },
  };
}

function usageError(message: string): ParsedCommand {
  return { kind: 'usage-error', message, topic: 'check' };
}

function isOptionName(name: string): name is OptionName {
  return Object.hasOwn(CHECK_OPTIONS, name);
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}
