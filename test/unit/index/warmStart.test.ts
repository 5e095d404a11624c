// The index's warm start: a second session with the same extraction store analyzes unchanged
// documents without extracting them again, with the same result; changed content is re-extracted.
import assert from 'node:assert/strict';
import type { ExtractedDocument } from '../../../server/src/core/documentExtractor';
import { MemoryExtractionStore } from '../../../server/src/core/index/extractionStore';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { joinLines, MemoryWorkspace } from '../../helpers/memoryWorkspace';

const AUDIT = joinLines('# Audit', '### SEC-1: Tokens logged', '**Status:** 🔴 Open', '**File**: `api/auth.py:2-3`', '');

/** A memory store that counts the lookups it answered. */
class CountingStore extends MemoryExtractionStore {
  hits = 0;

  override get(path: string, hash: string): ExtractedDocument | undefined {
    const found = super.get(path, hash);
    if (found) this.hits++;
    return found;
  }
}

describe('WorkspaceIndex warm start', () => {
  it('reuses saved extractions for unchanged documents and re-extracts changed ones', async () => {
    const workspace = new MemoryWorkspace({ 'docs/AUDIT.md': AUDIT, 'docs/OTHER.md': AUDIT.replace('SEC-1', 'SEC-2'), 'api/auth.py': 'a\nb\nc\n' });
    const store = new CountingStore();
    const cold = new WorkspaceIndex(workspace, { extractionStore: store });
    await cold.indexAll();
    assert.equal(store.hits, 0);
    assert.deepEqual([...store.entries.keys()].sort(), ['docs/AUDIT.md', 'docs/OTHER.md']);

    workspace.write('docs/OTHER.md', AUDIT.replace('SEC-1', 'SEC-3'));
    const warm = new WorkspaceIndex(workspace, { extractionStore: store });
    await warm.indexAll();
    assert.equal(store.hits, 1, 'only the unchanged document comes from the store');
    assert.deepEqual(warm.document('docs/AUDIT.md'), cold.document('docs/AUDIT.md'));
    assert.deepEqual(warm.document('docs/OTHER.md')?.issues.map((issue) => issue.key), ['SEC-3']);
  });

  it('saves the line counts of referenced files and reads only the changed ones on the next start', async () => {
    const workspace = new MemoryWorkspace({ 'docs/AUDIT.md': AUDIT, 'docs/OTHER.md': AUDIT.replace('api/auth.py:2-3', 'api/users.py:4'), 'api/auth.py': 'a\nb\nc\n', 'api/users.py': 'a\nb\nc\nd\n' });
    const store = new MemoryExtractionStore();
    await new WorkspaceIndex(workspace, { extractionStore: store }).indexAll();
    assert.deepEqual(store.lineCounts().map(([file, count]) => [file, count.lines]), [['api/auth.py', 3], ['api/users.py', 4]]);

    workspace.write('api/users.py', 'a\nb\n');
    workspace.reads.length = 0;
    const warm = new WorkspaceIndex(workspace, { extractionStore: store });
    await warm.indexAll();
    const sources = workspace.reads.filter((file) => file.startsWith('api/'));
    assert.deepEqual(sources, ['api/users.py'], 'the unchanged source file is only stat-ed');
    assert.equal(warm.document('docs/OTHER.md')?.references[0]?.state, 'line-out-of-range', 'the shorter file is counted again');
    assert.equal(warm.document('docs/AUDIT.md')?.references[0]?.state, 'ok');
  });

  it('keeps unsaved buffers out of the store, and forgets deleted documents', async () => {
    const workspace = new MemoryWorkspace({ 'docs/AUDIT.md': AUDIT, 'api/auth.py': 'a\nb\nc\n' });
    const store = new MemoryExtractionStore();
    const index = new WorkspaceIndex(workspace, { extractionStore: store });
    await index.indexAll();
    const saved = store.entries.get('docs/AUDIT.md');
    await index.updateDocumentText('docs/AUDIT.md', AUDIT.replace('SEC-1', 'SEC-9'));
    assert.equal(store.entries.get('docs/AUDIT.md'), saved, 'the buffer did not replace what is on disk');
    workspace.delete('docs/AUDIT.md');
    await index.closeText('docs/AUDIT.md');
    await index.filesChanged([{ path: 'docs/AUDIT.md', type: 'deleted' }]);
    assert.equal(store.entries.has('docs/AUDIT.md'), false);
  });
});
