// Editors restore open documents at startup and send didOpen right after `initialized`, before the
// server has added its folders. Those buffers must still be analyzed, from their unsaved text.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, startServer } from '../helpers/lspClient';

describe('documents opened at startup', function () {
  this.timeout(60_000);

  before(() => execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' }));

  it('analyzes a buffer opened before the first index, from its unsaved text', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-startup-'));
    fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'sample-workspace'), workspace, { recursive: true });
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lens-startup-storage-'));
    const session = await startServer(workspace, {}, { waitForIndex: false, initializationOptions: { storagePath: storage } });
    try {
      const uri = session.uriOf('SECURITY_AUDIT.md');
      const text = `${fs.readFileSync(path.join(workspace, 'SECURITY_AUDIT.md'), 'utf8')}\n### SEC-77: Only In The Buffer\n**Status:** Open\n`;
      await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      await session.initialIndex;
      const answer: Array<{ documents: Array<{ path: string; issues: Array<{ key: string }> }> }> = await session.connection.sendRequest('auditLens/issues', { document: 'SECURITY_AUDIT.md' });
      const keys = answer.flatMap((folder) => folder.documents.flatMap((document) => document.issues.map((issue) => issue.key)));
      assert.ok(keys.includes('SEC-77'), `the unsaved issue is indexed: ${keys.join(', ')}`);
    } finally {
      await session.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
      fs.rmSync(storage, { recursive: true, force: true });
    }
  });
});
