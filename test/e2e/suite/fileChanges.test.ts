// Changes on disk, made behind VS Code's back the way git or a shell would: the file watcher must
// carry them to the server, and the diagnostics must follow.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { auditLens, diagnosticAt, openEditor, waitFor, workspaceFile } from './helpers';

describe('A referenced file deleted on disk', () => {
  const deleted = 'frontend/src/main.tsx';
  let original: string | undefined;

  after(() => {
    // Put the file back even when the test failed, so a rerun starts from the sample workspace.
    if (original !== undefined) writeFileSync(workspaceFile(deleted).fsPath, original);
  });

  it('turns the reference to it into a missing-file diagnostic, and restoring it clears it', async () => {
    await auditLens();
    // READINESS_PLAN.md line 71, Task 2.5: `frontend/src/main.tsx:18-22`.
    const plan = workspaceFile('docs/audits/READINESS_PLAN.md');
    await openEditor('docs/audits/READINESS_PLAN.md');
    assert.equal(diagnosticAt(plan, 'missing-file', 71), undefined, 'the reference holds before the delete');

    const path = workspaceFile(deleted).fsPath;
    original = readFileSync(path, 'utf8');
    rmSync(path);
    const diagnostic = await waitFor(() => diagnosticAt(plan, 'missing-file', 71), 'a missing-file diagnostic on READINESS_PLAN.md:71 after the delete');
    assert.match(diagnostic.message, /frontend\/src\/main\.tsx/);

    writeFileSync(path, original);
    original = undefined;
    await waitFor(() => !diagnosticAt(plan, 'missing-file', 71), 'the diagnostic to clear once the file is back');
  });
});
