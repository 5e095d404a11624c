// Crash recovery: the language server is killed mid-session (SIGKILL, as the OOM killer would),
// and the client must start a new one by itself, after which the tree and the lenses come back;
// and the Restart Server command, which does the same on purpose.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { auditLens, lensesOf, openEditor, waitFor, workspaceFile } from './helpers';

/** Pids of this extension host's children running the bundled language server (Linux's /proc). */
function languageServerPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 4th field of /proc/<pid>/stat, after the parenthesized command name.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (commandLine.includes('dist/server.js')) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

describe('The language server killed mid-session', () => {
  before(function () {
    // The pid lookup reads /proc; elsewhere (the desktop runner on macOS) there is nothing to kill by pid.
    if (!existsSync('/proc/self/stat')) this.skip();
  });

  it('is restarted by the client, and the issues and lenses come back', async () => {
    const api = await auditLens();
    const source = workspaceFile('backend/accounts/views.py');
    await openEditor('backend/accounts/views.py');
    await waitFor(async () => (await lensesOf(source)).some((lens) => lens.title.startsWith('SEC-02')), 'the SEC-02 lens before the crash');
    const [victim, ...others] = languageServerPids();
    assert.ok(victim !== undefined && others.length === 0, `exactly one language server runs under the extension host (found ${[victim, ...others].join(', ')})`);

    const states: State[] = [];
    const listener = api.client.onDidChangeState((change) => states.push(change.newState));
    try {
      process.kill(victim, 'SIGKILL');
      const successor = await waitFor(() => {
        const [pid] = languageServerPids();
        return pid !== undefined && pid !== victim && api.client.state === State.Running && pid;
      }, 'a new language server process', 30_000);
      assert.notEqual(successor, victim);
      assert.ok(states.includes(State.Starting), `the client went through a restart (states: ${states.join(', ')})`);
    } finally {
      listener.dispose();
    }

    const model = await waitFor(() => {
      const current = api.issuesModel();
      return current.serverState === 'running' && current.tree.totals.issues === 38 && !current.tree.totals.indexing && current;
    }, 'the Issues view to show the 38 issues again', 30_000);
    assert.equal(model.tree.totals.openIssues, 26);
    const lenses = await waitFor(async () => {
      const found = await lensesOf(source);
      return found.some((lens) => lens.title.startsWith('SEC-02')) && found;
    }, 'the SEC-02 lens from the new server');
    assert.deepEqual(
      lenses.filter((lens) => lens.title.startsWith('SEC-02')),
      [{ line: 39, title: 'SEC-02 Login Endpoint Has No Rate Limiting · critical · open' }],
    );
  });
});

describe('Audit Lens: Restart Server', () => {
  before(function () {
    if (!existsSync('/proc/self/stat')) this.skip();
  });

  it('replaces the server process and brings the issues back', async () => {
    const api = await auditLens();
    const [before] = languageServerPids();
    assert.ok(before !== undefined, 'a language server runs');
    await vscode.commands.executeCommand('auditLens.restartServer');
    const after = await waitFor(() => {
      const [pid] = languageServerPids();
      return pid !== undefined && pid !== before && api.client.state === State.Running && pid;
    }, 'a new language server process after the restart', 30_000);
    assert.notEqual(after, before);
    await waitFor(() => {
      const current = api.issuesModel();
      return current.serverState === 'running' && current.tree.totals.issues === 38 && !current.tree.totals.indexing;
    }, 'the Issues view to show the 38 issues after the restart', 30_000);
  });
});
