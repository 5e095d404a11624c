import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { joinLines, MemoryWorkspace } from '../../helpers/memoryWorkspace';

const AUDIT = joinLines(
  '# Billing Audit',
  '## Critical Issues',
  '### BILL-1: Refunds Skip the Ledger',
  '**Status:** 🔴 Open',
  '**File**: `billing/refunds.py:10-12`',
  '',
  '### BILL-2: Invoice Totals Rounded Twice',
  '**Status:** ✅ RESOLVED',
  '**File**: `billing/invoices.py:3`',
  '**Dependencies:** BILL-1, BILL-9',
);

function source(lines: number): string {
  return Array.from({ length: lines }, (_, index) => `line_${index + 1} = ${index + 1}`).join('\n') + '\n';
}

function workspace(): MemoryWorkspace {
  return new MemoryWorkspace({ 'docs/AUDIT.md': AUDIT, 'billing/refunds.py': source(20), 'billing/invoices.py': source(5) });
}

describe('WorkspaceIndex', () => {
  it('indexes every audit document and reports progress', async () => {
    const index = new WorkspaceIndex(workspace());
    const progress: string[] = [];
    await index.indexAll((done, total) => progress.push(`${done}/${total}`));
    assert.deepEqual(progress, ['1/1']);
    assert.equal(index.indexing, false);
    assert.deepEqual(index.documents().map((document) => document.path), ['docs/AUDIT.md']);
    assert.deepEqual(index.document('docs/AUDIT.md')?.issues.map((issue) => issue.key), ['BILL-1', 'BILL-2']);
    assert.deepEqual(index.issuesById('BILL-2').map((located) => located.documentPath), ['docs/AUDIT.md']);
  });

  it('indexes many documents a few at a time, with the same result as one by one and every step of progress', async () => {
    const files: Record<string, string> = { 'billing/refunds.py': source(20), 'billing/invoices.py': source(5) };
    for (let document = 0; document < 23; document++) files[`docs/AUDIT-${String(document).padStart(2, '0')}.md`] = AUDIT.replaceAll('BILL-', `B${document}-`).replace('10-12', `${document + 1}-${document + 2}`);
    const index = new WorkspaceIndex(new MemoryWorkspace(files));
    const progress: number[] = [];
    await index.indexAll((done, total) => {
      assert.equal(total, 23);
      progress.push(done);
    });
    assert.deepEqual(progress, Array.from({ length: 23 }, (_, step) => step + 1));
    const states = index.documents().map((document) => `${document.path}:${document.references.map((reference) => reference.state).join(',')}`);
    // refunds.py has 20 lines: documents 19 and on point past its end.
    assert.deepEqual(states.slice(17, 20), ['docs/AUDIT-17.md:ok,ok', 'docs/AUDIT-18.md:ok,ok', 'docs/AUDIT-19.md:line-out-of-range,ok']);
    assert.equal(states.filter((state) => state.endsWith(':ok,ok')).length, 19);
    assert.equal(index.issuesById('B22-1')[0]?.documentPath, 'docs/AUDIT-22.md');
  });

  it('stops an index run that a newer one supersedes, and the newer one finishes', async () => {
    const files: Record<string, string> = { 'billing/refunds.py': source(20), 'billing/invoices.py': source(5) };
    for (let document = 0; document < 40; document++) files[`docs/AUDIT-${String(document).padStart(2, '0')}.md`] = AUDIT;
    const index = new WorkspaceIndex(new MemoryWorkspace(files));
    const emitted: number[] = [];
    index.onDidChange((paths) => emitted.push(paths.length));
    let firstDone = 0;
    const first = index.indexAll((done) => (firstDone = done));
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([first, index.indexAll()]);
    assert.ok(firstDone < 40, `the first run stopped early (${firstDone} done)`);
    assert.deepEqual(emitted, [40], 'only the newer run announced its documents');
    assert.equal(index.documents().length, 40);
    assert.equal(index.indexing, false);
  });

  it('keeps an inverted index from source files to their references', async () => {
    const index = new WorkspaceIndex(workspace());
    await index.indexAll();
    const references = index.referencesTo('billing/refunds.py');
    assert.equal(references.length, 1);
    assert.equal(references[0]?.issue?.key, 'BILL-1');
    assert.equal(references[0]?.currentStartLine, 10);
    assert.equal(references[0]?.documentPath, 'docs/AUDIT.md');
    assert.deepEqual(index.referencesTo('billing/nothing.py'), []);
  });

  it('adds the cross-document lint for unknown dependencies', async () => {
    const index = new WorkspaceIndex(workspace());
    await index.indexAll();
    const codes = index.diagnostics('docs/AUDIT.md').map((diagnostic) => `${diagnostic.code}:${String(diagnostic.data?.['id'] ?? '')}`);
    assert.deepEqual(codes, ['unknown-issue-id:BILL-9']);
  });

  it('analyzes an open buffer instead of the disk, and reads only the disk file once', async () => {
    const host = workspace();
    const index = new WorkspaceIndex(host);
    await index.indexAll();
    const edited = AUDIT.replace('billing/refunds.py:10-12', 'billing/refunds.py:30-32');
    const analysis = await index.updateDocumentText('docs/AUDIT.md', edited);
    assert.equal(analysis?.references[0]?.state, 'line-out-of-range');
    assert.equal(host.reads.filter((path) => path === 'docs/AUDIT.md').length, 1, 'the buffer is never read from disk');
    await index.closeText('docs/AUDIT.md');
    assert.equal(index.document('docs/AUDIT.md')?.references[0]?.state, 'ok', 'closing falls back to the disk version');
  });

  it('re-resolves when a referenced file is deleted or created', async () => {
    const host = workspace();
    const index = new WorkspaceIndex(host);
    await index.indexAll();
    const changed: string[][] = [];
    index.onDidChange((paths) => changed.push([...paths]));
    host.delete('billing/refunds.py');
    await index.filesChanged([{ path: 'billing/refunds.py', type: 'deleted' }]);
    assert.equal(index.document('docs/AUDIT.md')?.references[0]?.state, 'missing-file');
    assert.deepEqual(index.referencesTo('billing/refunds.py'), []);
    host.write('billing/refunds.py', source(20));
    await index.filesChanged([{ path: 'billing/refunds.py', type: 'created' }]);
    assert.equal(index.document('docs/AUDIT.md')?.references[0]?.state, 'ok');
    assert.deepEqual(changed, [['docs/AUDIT.md'], ['docs/AUDIT.md']]);
  });

  it('re-checks line ranges when a referenced file shrinks on disk', async () => {
    const host = workspace();
    const index = new WorkspaceIndex(host);
    await index.indexAll();
    host.write('billing/refunds.py', source(5));
    await index.filesChanged([{ path: 'billing/refunds.py', type: 'changed' }]);
    assert.equal(index.document('docs/AUDIT.md')?.references[0]?.state, 'line-out-of-range');
  });

  it('drops a deleted audit document', async () => {
    const host = workspace();
    const index = new WorkspaceIndex(host);
    await index.indexAll();
    host.delete('docs/AUDIT.md');
    await index.filesChanged([{ path: 'docs/AUDIT.md', type: 'deleted' }]);
    assert.deepEqual(index.documents(), []);
    assert.deepEqual(index.referencesTo('billing/refunds.py'), []);
    assert.deepEqual(index.issuesById('BILL-1'), []);
  });

  it('moves references with unsaved edits above them and marks edits inside them', async () => {
    const index = new WorkspaceIndex(workspace());
    await index.indexAll();
    const text = source(20);
    // Two lines inserted at the start of line 3 (0-based 2): everything below moves down by two.
    index.updateSourceText('billing/refunds.py', `new\nnew\n${text}`, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'a = 1\nb = 2\n' }]);
    let [reference] = index.referencesTo('billing/refunds.py');
    assert.equal(reference?.currentStartLine, 12);
    assert.equal(reference?.currentEndLine, 14);
    assert.equal(reference?.editedSinceIndexed, false);
    // An edit on the referenced code itself (0-based line 12 is now the reference's second line).
    index.updateSourceText('billing/refunds.py', text, [{ range: { start: { line: 12, character: 0 }, end: { line: 12, character: 4 } }, text: 'edit' }]);
    [reference] = index.referencesTo('billing/refunds.py');
    assert.equal(reference?.currentStartLine, 12);
    assert.equal(reference?.editedSinceIndexed, true);
    assert.equal(reference?.reference.state, 'changed', 'a reference whose own lines are edited becomes changed');
    // An edit below the reference changes nothing; deleting the two lines above moves it back.
    index.updateSourceText('billing/refunds.py', text, [{ range: { start: { line: 2, character: 0 }, end: { line: 4, character: 0 } }, text: '' }]);
    [reference] = index.referencesTo('billing/refunds.py');
    assert.equal(reference?.currentStartLine, 10);
    await index.closeText('billing/refunds.py');
    [reference] = index.referencesTo('billing/refunds.py');
    assert.equal(reference?.currentStartLine, 10);
    assert.equal(reference?.editedSinceIndexed, false, 'closing the buffer forgets unsaved edits');
  });

  it('answers from what it has while indexing runs', async () => {
    const host = workspace();
    for (let count = 0; count < 12; count++) host.write(`docs/extra-${count}.md`, AUDIT.replaceAll('BILL-', `X${count}-`));
    const index = new WorkspaceIndex(host);
    const running = index.indexAll();
    assert.equal(index.indexing, true);
    // A few turns of the event loop: each document starts on a turn of its own.
    for (let turn = 0; turn < 20 && index.documents().length === 0; turn++) await new Promise((resolve) => setImmediate(resolve));
    const partial = index.documents().length;
    assert.ok(partial > 0 && partial < 13, `partial results while indexing, got ${partial}`);
    await running;
    assert.equal(index.documents().length, 13);
  });

  it('keeps an edit made while the index still reads the same document from disk', async () => {
    let release: () => void = () => undefined;
    let readStarted = false;
    const host = workspace();
    const readFromDisk = host.readFile.bind(host);
    host.readFile = async (path) => {
      if (path !== 'docs/AUDIT.md') return readFromDisk(path);
      readStarted = true;
      await new Promise<void>((resolve) => (release = resolve));
      return readFromDisk(path);
    };
    const index = new WorkspaceIndex(host);
    const running = index.indexAll();
    for (let turn = 0; turn < 50 && !readStarted; turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(readStarted, 'the index is reading the document');
    await index.updateDocumentText('docs/AUDIT.md', AUDIT.replace('Refunds Skip the Ledger', 'Refunds Skip the Journal'));
    release();
    await running;
    assert.equal(index.document('docs/AUDIT.md')?.issues[0]?.title, 'Refunds Skip the Journal', 'the older disk read did not store over the edit');
  });

  it('never reads a file it did not list, and reads nothing outside the root', async () => {
    const host = new MemoryWorkspace({ 'AUDIT.md': joinLines('### SEC-1: Traversal', '- `../../etc/passwd:1`', '- `/etc/shadow:1`') });
    const index = new WorkspaceIndex(host);
    await index.indexAll();
    assert.deepEqual(index.document('AUDIT.md')?.references.map((reference) => reference.state), ['outside-workspace', 'outside-workspace']);
    assert.deepEqual(host.reads, ['AUDIT.md']);
    assert.equal(await index.readText('../../etc/passwd'), undefined);
  });
});
