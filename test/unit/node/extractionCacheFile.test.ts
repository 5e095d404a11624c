// The warm-start cache: what it saves comes back for the same content and build only, a damaged
// file starts cold instead of failing, and nothing is ever written inside the workspace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { extractDocument } from '../../../server/src/core/documentExtractor';
import { CachedMarkdownParser } from '../../../server/src/core/markdown/markdownParser';
import { FileExtractionStore } from '../../../server/src/node/extractionCacheFile';

const AUDIT = ['# Audit', '### SEC-1: Tokens logged', '**Status:** 🔴 Open', '**File**: `api/auth.py:10-12`', ''].join('\n');

describe('FileExtractionStore', () => {
  let scratch: string;
  let cache: string;
  let workspace: string;

  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-extraction-cache-'));
    cache = path.join(scratch, 'cache');
    workspace = path.join(scratch, 'workspace');
    fs.mkdirSync(workspace);
  });

  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  const extracted = () => extractDocument('docs/AUDIT.md', { text: AUDIT }, new CachedMarkdownParser());

  it('gives back what it saved, for the same content hash and build only', async () => {
    const store = await FileExtractionStore.load(cache, workspace, 'build-1');
    store.set('docs/AUDIT.md', 'hash-a', extracted());
    await store.flush();
    const again = await FileExtractionStore.load(cache, workspace, 'build-1');
    assert.deepEqual(again.get('docs/AUDIT.md', 'hash-a'), extracted());
    assert.equal(again.get('docs/AUDIT.md', 'hash-b'), undefined, 'changed content is extracted again');
    const rebuilt = await FileExtractionStore.load(cache, workspace, 'build-2');
    assert.equal(rebuilt.size, 0, 'another build starts cold');
  });

  it('forgets deleted documents on the next flush', async () => {
    const store = await FileExtractionStore.load(cache, workspace, 'build-1');
    store.set('docs/AUDIT.md', 'hash-a', extracted());
    await store.flush();
    store.delete('docs/AUDIT.md');
    await store.flush();
    assert.equal((await FileExtractionStore.load(cache, workspace, 'build-1')).size, 0);
  });

  it('starts cold from a damaged file or damaged entries', async () => {
    const store = await FileExtractionStore.load(cache, workspace, 'build-1');
    store.set('docs/AUDIT.md', 'hash-a', extracted());
    await store.flush();
    const [file] = fs.readdirSync(cache);
    assert.ok(file);
    fs.writeFileSync(path.join(cache, file), '{"format":1,"build":"build-1","entries":{"x.md":{"hash":"h","document":{"path":"x.md"}}}}');
    assert.equal((await FileExtractionStore.load(cache, workspace, 'build-1')).size, 0, 'an entry without its arrays is dropped');
    fs.writeFileSync(path.join(cache, file), '{not json');
    assert.equal((await FileExtractionStore.load(cache, workspace, 'build-1')).size, 0);
  });

  it('keeps line counts of referenced files, and drops malformed ones', async () => {
    const store = await FileExtractionStore.load(cache, workspace, 'build-1');
    store.setLineCounts([['api/auth.py', { size: 120, mtimeMs: 1700000000123.5, lines: 14 }]]);
    await store.flush();
    const again = await FileExtractionStore.load(cache, workspace, 'build-1');
    assert.deepEqual(again.lineCounts(), [['api/auth.py', { size: 120, mtimeMs: 1700000000123.5, lines: 14 }]]);
    const [file] = fs.readdirSync(cache);
    assert.ok(file);
    const content = JSON.parse(fs.readFileSync(path.join(cache, file), 'utf8')) as { lineCounts: unknown[] };
    content.lineCounts.push(['x.py', 'ten', 1, 2], ['y.py', 1, 2], null);
    fs.writeFileSync(path.join(cache, file), JSON.stringify(content));
    assert.deepEqual((await FileExtractionStore.load(cache, workspace, 'build-1')).lineCounts().map(([name]) => name), ['api/auth.py']);
  });

  it('does not rewrite the file when the same line counts come back', async () => {
    const store = await FileExtractionStore.load(cache, workspace, 'build-1');
    store.setLineCounts([['api/auth.py', { size: 120, mtimeMs: 5, lines: 14 }]]);
    await store.flush();
    const [file] = fs.readdirSync(cache);
    assert.ok(file);
    const written = fs.statSync(path.join(cache, file)).mtimeMs;
    fs.rmSync(path.join(cache, file));
    store.setLineCounts([['api/auth.py', { size: 120, mtimeMs: 5, lines: 14 }]]);
    await store.flush();
    assert.equal(fs.existsSync(path.join(cache, file)), false, `nothing changed, so nothing was written (first write at ${written})`);
    store.setLineCounts([['api/auth.py', { size: 121, mtimeMs: 6, lines: 15 }]]);
    await store.flush();
    assert.equal(fs.existsSync(path.join(cache, file)), true);
  });

  it('never writes inside the workspace', async () => {
    const inside = path.join(workspace, '.cache');
    const store = await FileExtractionStore.load(inside, workspace, 'build-1');
    store.set('docs/AUDIT.md', 'hash-a', extracted());
    await store.flush();
    assert.equal(fs.existsSync(inside), false);
  });
});
