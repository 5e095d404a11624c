// Activation and the Issues view's content, read through the API `activate` returns, on a copy of
// test/fixtures/sample-workspace (the numbers are the ones the README's CLI example shows).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DocumentNode, IssueNode, TreeNode } from '../../../client/src/model/issueTree';
import { auditLens, EXTENSION_ID, waitFor } from './helpers';

/** Open issues per audit document of the sample workspace (the view hides resolved ones by default). */
const OPEN_ISSUES_BY_DOCUMENT: Record<string, number> = {
  'SECURITY_AUDIT.md': 7,
  'docs/audits/READINESS_PLAN.md': 5,
  'docs/audits/REVIEW_REPORT.md': 7,
  'docs/audits/TECH_DEBT.md': 7,
};

function documentNodes(roots: readonly TreeNode[]): DocumentNode[] {
  return roots.filter((node): node is DocumentNode => node.kind === 'document');
}

/** The issues under a node, through its severity groups (a document groups its issues by severity). */
function issueNodes(node: TreeNode): IssueNode[] {
  return node.children.flatMap((child) => (child.kind === 'issue' ? [child] : issueNodes(child)));
}

describe('Activation', () => {
  it('activates in a workspace with audit documents and starts the server', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension under development is loaded');
    const api = await auditLens();
    assert.equal(extension.isActive, true);
    assert.equal(api.client.isRunning(), true);
    await waitFor(() => api.issuesModel().serverState === 'running', 'the server state to be "running"');
  });

  it('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['auditLens.openIssue', 'auditLens.goToReference', 'auditLens.markResolved', 'auditLens.markOpen', 'auditLens.refresh']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });
});

describe('Issues view', () => {
  it('counts the sample workspace the way the CLI does', async () => {
    const api = await auditLens();
    const model = await waitFor(() => {
      const current = api.issuesModel();
      return current.tree.totals.issues === 38 && !current.tree.totals.indexing && current;
    }, 'the Issues view to count the 38 issues of the sample workspace');
    assert.equal(model.tree.totals.openIssues, 26);
    assert.equal(model.tree.totals.staleReferences, 10);
    assert.equal(model.badge, 26, 'the badge shows the open issues');
    assert.equal(model.groupBy, 'document');
    assert.equal(model.filter.showResolved, false);
  });

  it('lists each audit document with its open issues', async () => {
    const api = await auditLens();
    const documents = documentNodes(api.issuesModel().tree.roots);
    const shown = Object.fromEntries(documents.map((node) => [node.path, issueNodes(node).length]));
    assert.deepEqual(shown, OPEN_ISSUES_BY_DOCUMENT);
    for (const node of documents) assert.equal(node.openIssues, OPEN_ISSUES_BY_DOCUMENT[node.path], `${node.path}'s open count`);
    const security = documents.find((node) => node.path === 'SECURITY_AUDIT.md');
    assert.deepEqual(
      security?.children.map((child) => (child.kind === 'severity' ? `${child.severity} ${child.issueCount}` : child.kind)),
      ['critical 2', 'high 3', 'medium 2'],
      'SECURITY_AUDIT.md groups its open issues by severity',
    );
  });

  it('shows SEC-02 under SECURITY_AUDIT.md with its severity, status and references', async () => {
    const api = await auditLens();
    const audit = documentNodes(api.issuesModel().tree.roots).find((node) => node.path === 'SECURITY_AUDIT.md');
    assert.ok(audit, 'SECURITY_AUDIT.md is in the view');
    const sec02 = issueNodes(audit).find((node) => node.issue.id === 'SEC-02');
    assert.ok(sec02, 'SEC-02 is listed');
    assert.equal(sec02.issue.title, 'Login Endpoint Has No Rate Limiting');
    assert.equal(sec02.issue.severity, 'critical');
    assert.equal(sec02.issue.status, 'open');
    assert.equal(sec02.issue.range.start.line, 38, 'the heading is on line 39');
    const targets = sec02.issue.references.map((reference) => {
      const end = reference.endLine !== null && reference.endLine !== reference.startLine ? `-${reference.endLine}` : '';
      return `${reference.resolvedPath}:${reference.startLine}${end} ${reference.state}`;
    });
    assert.deepEqual(targets, ['backend/accounts/views.py:39-61 ok', 'backend/accounts/views.py:43 ok']);
    // Resolved issues stay out of the default view.
    assert.equal(issueNodes(audit).some((node) => node.issue.id === 'SEC-01'), false, 'SEC-01 is resolved and hidden');
  });

  it('opens the Issues view from its command', async () => {
    await vscode.commands.executeCommand('auditLens.issues.focus');
    const api = await auditLens();
    await waitFor(() => api.issuesModel().tree.roots.length > 0, 'the focused view to have content');
  });
});
