// Snapshot tests of the markdown injection grammar: fixture documents are tokenized with
// vscode-textmate and vscode-oniguruma (the engine VS Code uses) over a stand-in markdown grammar,
// and the scope dumps are compared with the checked-in *.snap files beside them. Run with
// UPDATE_SNAPSHOTS=1 to rewrite the snapshots, then review the diff by eye.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/grammar');
const INJECTION_PATH = path.join(REPO_ROOT, 'syntaxes/audit-lens.injection.tmLanguage.json');
const INJECTION_SCOPE = 'markdown.audit-lens.injection';
const MARKDOWN_SCOPE = 'text.html.markdown';

/** One token of a tokenized line: its text and its scopes below the document root. */
interface ScopedToken {
  text: string;
  scopes: string[];
}

let wasmLoaded: Promise<void> | undefined;

function loadOniguruma(): Promise<void> {
  if (!wasmLoaded) {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    wasmLoaded = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  }
  return wasmLoaded;
}

function createRegistry(): textmate.Registry {
  const files: Record<string, string> = {
    [MARKDOWN_SCOPE]: path.join(FIXTURES, 'markdown-base.tmLanguage.json'),
    [INJECTION_SCOPE]: INJECTION_PATH,
  };
  return new textmate.Registry({
    onigLib: loadOniguruma().then(() => ({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    })),
    loadGrammar: async (scopeName) => {
      const file = files[scopeName];
      return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => (scopeName === MARKDOWN_SCOPE ? [INJECTION_SCOPE] : undefined),
  });
}

async function loadGrammar(scopeName: string): Promise<textmate.IGrammar> {
  const grammar = await createRegistry().loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName} loads`);
  return grammar;
}

function tokenizeLines(grammar: textmate.IGrammar, lines: readonly string[]): ScopedToken[][] {
  let state = textmate.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => ({
      text: line.slice(token.startIndex, token.endIndex),
      scopes: token.scopes.filter((scope) => scope !== MARKDOWN_SCOPE && scope !== INJECTION_SCOPE),
    }));
  });
}

/** The scope dump a snapshot holds: each source line, then one row per token that carries a scope. */
function dump(lines: readonly string[], tokens: readonly ScopedToken[][]): string {
  const out: string[] = [];
  lines.forEach((line, index) => {
    out.push(`> ${line}`);
    for (const token of tokens[index] ?? []) {
      if (token.scopes.length === 0 || token.text.trim() === '') continue;
      out.push(`  ${JSON.stringify(token.text)}  ${token.scopes.join(' ')}`);
    }
  });
  return `${out.join('\n')}\n`;
}

function fixtureLines(name: string): string[] {
  return readFileSync(path.join(FIXTURES, name), 'utf8').replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
}

/** Texts of the tokens on a line that carry a scope starting with the prefix, merged when adjacent. */
function textsWithScope(tokens: readonly ScopedToken[], prefix: string): string[] {
  const texts: string[] = [];
  let previousMatched = false;
  for (const token of tokens) {
    const matched = token.scopes.some((scope) => scope.startsWith(prefix));
    if (matched && previousMatched) texts[texts.length - 1] += token.text;
    else if (matched) texts.push(token.text);
    previousMatched = matched;
  }
  return texts;
}

function tokensOfLine(grammar: textmate.IGrammar, line: string): ScopedToken[] {
  return tokenizeLines(grammar, [line])[0] ?? [];
}

describe('markdown injection grammar', () => {
  let markdown: textmate.IGrammar;

  before(async () => {
    markdown = await loadGrammar(MARKDOWN_SCOPE);
  });

  describe('snapshots', () => {
    const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith('.md'));

    it('has fixtures to compare', () => {
      assert.deepEqual(fixtures.sort(), ['markers.md', 'not-references.md', 'references.md']);
    });

    for (const name of fixtures) {
      it(`matches the scope snapshot of ${name}`, () => {
        const lines = fixtureLines(name);
        const actual = dump(lines, tokenizeLines(markdown, lines));
        const snapshotPath = path.join(FIXTURES, `${name}.snap`);
        if (process.env['UPDATE_SNAPSHOTS'] === '1' || (!existsSync(snapshotPath) && process.env['CI'] !== 'true')) {
          writeFileSync(snapshotPath, actual);
        }
        assert.ok(existsSync(snapshotPath), `snapshot ${snapshotPath} exists`);
        assert.equal(actual, readFileSync(snapshotPath, 'utf8'));
      });
    }
  });

  describe('code references', () => {
    it('marks path, separator and lines of a path:line in prose', () => {
      const tokens = tokensOfLine(markdown, 'The handler in backend/bookings/tasks.py:17 reads the clock.');
      assert.deepEqual(textsWithScope(tokens, 'meta.reference.code.audit-lens'), ['backend/bookings/tasks.py:17']);
      assert.deepEqual(textsWithScope(tokens, 'markup.underline.link.path.audit-lens'), ['backend/bookings/tasks.py']);
      assert.deepEqual(textsWithScope(tokens, 'constant.numeric.line-number.audit-lens'), ['17']);
    });

    it('marks a reference that fills an inline code span and keeps it inline code', () => {
      const tokens = tokensOfLine(markdown, 'See `serializers.py:120, 131-140` for the copy.');
      assert.deepEqual(textsWithScope(tokens, 'markup.underline.link.path.audit-lens'), ['serializers.py']);
      assert.deepEqual(textsWithScope(tokens, 'constant.numeric.line-number.audit-lens'), ['120, 131-140']);
      assert.deepEqual(textsWithScope(tokens, 'markup.inline.raw.string.markdown'), ['`serializers.py:120, 131-140`']);
    });

    it('marks #L anchors, columns and line words', () => {
      assert.deepEqual(textsWithScope(tokensOfLine(markdown, '- `frontend/src/api/client.ts#L10-L20`'), 'constant.numeric.line-number.audit-lens'), ['L10-L20']);
      assert.deepEqual(textsWithScope(tokensOfLine(markdown, 'at src/lib/date.ts:10:5 now'), 'constant.numeric.column-number.audit-lens'), ['5']);
      const words = tokensOfLine(markdown, 'In `backend/app/settings.py` lines 442-466 the flag is read.');
      assert.deepEqual(textsWithScope(words, 'meta.reference.code.audit-lens'), ['`backend/app/settings.py` lines 442-466']);
    });

    it('leaves times, ratios, versions, ports, addresses and URLs alone', () => {
      for (const line of [
        'The job runs at 22:45 UTC and passed 246/246 checks on Python 3.11.',
        'The API listens on localhost:8080 and 0.0.0.0:8000 inside the container.',
        'Read https://docs.example.com/guide/setup.py#L12 first.',
        'Upgrade to version 1.4.2 today.',
      ]) {
        assert.deepEqual(textsWithScope(tokensOfLine(markdown, line), 'meta.reference.code.audit-lens'), [], line);
      }
    });

    it('leaves fenced code blocks to their own grammar', () => {
      const tokens = tokenizeLines(markdown, ['```python', 'x = 1  # backend/app/settings.py:12 SEC-01 RESOLVED', '```']);
      assert.deepEqual(tokens[1]?.flatMap((token) => token.scopes.filter((scope) => scope.endsWith('.audit-lens'))), []);
    });
  });

  describe('issue IDs and markers', () => {
    it('marks hyphenated, hashed and worded IDs but not standards', () => {
      const tokens = tokensOfLine(markdown, 'Depends on SEC-02, PERF-17 and P0-01; blocked by CRITICAL BUG #1, ISSUE #2 and Task 2.5, not UTF-8 or SHA-256.');
      assert.deepEqual(textsWithScope(tokens, 'constant.other.issue-id.audit-lens'), ['SEC-02', 'PERF-17', 'P0-01', 'CRITICAL BUG #1', 'ISSUE #2', 'Task 2.5']);
    });

    it('marks the ID in a heading', () => {
      const tokens = tokensOfLine(markdown, '### CRIT-2: Secrets Baked Into Image (FIXED)');
      assert.deepEqual(textsWithScope(tokens, 'constant.other.issue-id.audit-lens'), ['CRIT-2']);
      assert.deepEqual(textsWithScope(tokens, 'markup.inserted.status.resolved.audit-lens'), ['FIXED']);
      assert.ok(tokens.some((token) => token.text === 'CRIT-2' && token.scopes.includes('entity.name.section.markdown')));
    });

    it('marks severity markers by level', () => {
      const tokens = tokensOfLine(markdown, '## 🟠 P1 - HIGH PRIORITY [CRITICAL] P0-01');
      assert.deepEqual(textsWithScope(tokens, 'keyword.other.severity.high.audit-lens'), ['🟠', 'P1', 'HIGH']);
      assert.deepEqual(textsWithScope(tokens, 'keyword.other.severity.critical.audit-lens'), ['[CRITICAL]']);
      assert.deepEqual(textsWithScope(tokens, 'constant.other.issue-id.audit-lens'), ['P0-01']);
    });

    it('reads any case inside Severity and Status fields, and only upper case in prose', () => {
      assert.deepEqual(textsWithScope(tokensOfLine(markdown, '**Severity:** 🔴 Critical'), 'keyword.other.severity.critical.audit-lens'), ['🔴', 'Critical']);
      assert.deepEqual(textsWithScope(tokensOfLine(markdown, '**Status:** 🔄 In Progress'), 'markup.changed.status.in-progress.audit-lens'), ['🔄', 'In Progress']);
      assert.deepEqual(textsWithScope(tokensOfLine(markdown, '**Status:** NOT FIXED YET'), 'markup.deleted.status.open.audit-lens'), ['NOT FIXED YET']);
      assert.deepEqual(textsWithScope(tokensOfLine(markdown, '**Status:** 🔴 Open'), 'markup.deleted.status.open.audit-lens'), ['🔴', 'Open']);
      const prose = tokensOfLine(markdown, 'Critical fixes and high load are ordinary words; so is the open door.');
      assert.deepEqual(prose.flatMap((token) => token.scopes.filter((scope) => scope.endsWith('.audit-lens'))), []);
    });

    it('marks checked task items and status emoji', () => {
      const tokens = tokensOfLine(markdown, '- [x] Task 2.5: rotate the signing keys ✅');
      assert.deepEqual(textsWithScope(tokens, 'markup.inserted.status.resolved.audit-lens'), ['x', '✅']);
    });
  });

  describe('linearity', () => {
    // VS Code stops tokenizing at 20,000 characters by default; these lines are five times longer.
    const adversarial: Array<[string, string]> = [
      ['directory runs', `${'a/'.repeat(50_000)}:x`],
      ['dotted runs', `${'a.'.repeat(50_000)}:1x`],
      ['line lists', `a.py:${'1, '.repeat(33_000)}x`],
      ['hyphen IDs', `${'A-'.repeat(50_000)}x`],
      ['backticks', `\`${'a.b/'.repeat(25_000)}`],
      ['field values', `**Status:** ${'NOT FIXED '.repeat(10_000)}`],
      ['hash IDs', `${'CRITICAL '.repeat(11_000)}#`],
      ['many references', 'x.py:1 '.repeat(14_000)],
    ];

    for (const [name, line] of adversarial) {
      it(`tokenizes a ${line.length.toLocaleString('en')}-character line of ${name} in linear time`, async () => {
        const injection = await loadGrammar(INJECTION_SCOPE);
        const started = performance.now();
        const result = injection.tokenizeLine(line, textmate.INITIAL);
        const elapsed = performance.now() - started;
        assert.equal(result.stoppedEarly, false);
        assert.ok(elapsed < 4000, `${name}: ${Math.round(elapsed)} ms`);
      });
    }
  });
});
