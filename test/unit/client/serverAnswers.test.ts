// The client's models fed with real answers: the bundled server indexes the sample workspace, and
// the trees, counts, decorations and lens arguments are built from what it sends.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { isOpenIssueArguments } from '../../../client/src/model/commandIds';
import { planDecorations } from '../../../client/src/model/decorationPlan';
import type { FolderIssues, IssuesForFileResult, IssuesResult } from '../../../client/src/model/issueData';
import { buildIssueTree, DEFAULT_FILTER, findIssueNode } from '../../../client/src/model/issueTree';
import { buildStaleTree } from '../../../client/src/model/staleTree';
import { statusBarContent } from '../../../client/src/model/statusSummary';
import { presentNode } from '../../../client/src/model/treePresentation';
import { REPO_ROOT, startServer, type LspSession } from '../../helpers/lspClient';

const SAMPLE = path.join(REPO_ROOT, 'test/fixtures/sample-workspace');
const SERVER = path.join(REPO_ROOT, 'dist/server.js');

describe('client models on the server’s answers', function () {
  let session: LspSession;
  let folders: FolderIssues[];

  before(async function () {
    if (!existsSync(SERVER)) {
      if (process.env['CI'] === 'true') throw new Error('dist/server.js is missing: run npm run build first');
      this.skip();
    }
    session = await startServer(SAMPLE);
    const results = (await session.connection.sendRequest('auditLens/issues', { folderUri: session.rootUri })) as IssuesResult[];
    folders = results.map((result) => ({ folderUri: session.rootUri, name: 'sample-workspace', result }));
  });

  after(async () => {
    await session?.stop();
  });

  it('answers for the one folder, indexed', () => {
    assert.equal(folders.length, 1);
    assert.equal(folders[0]?.result.indexing, false);
    assert.ok((folders[0]?.result.documents.length ?? 0) >= 4);
  });

  it('counts what the server counts: badge, status bar and stale references agree', () => {
    const counts = folders[0]?.result.counts;
    assert.ok(counts);
    const tree = buildIssueTree(folders, 'document', DEFAULT_FILTER);
    assert.equal(tree.badge, counts.openIssues);
    assert.equal(tree.shownIssues, counts.openIssues);
    assert.equal(buildIssueTree(folders, 'severity', { ...DEFAULT_FILTER, showResolved: true }).shownIssues, counts.issues);
    assert.equal(buildStaleTree(folders).staleReferences, counts.staleReferences);
    assert.equal(statusBarContent(tree.totals, 'running').text, `$(checklist) ${counts.openIssues} open · ${counts.staleReferences} stale`);
  });

  it('shows the sample audit’s issues and their stale references', () => {
    const tree = buildIssueTree(folders, 'document', DEFAULT_FILTER);
    const login = findIssueNode(tree, session.rootUri, 'SECURITY_AUDIT.md', 'SEC-02');
    assert.ok(login);
    assert.equal(presentNode(login).label, 'SEC-02 Login Endpoint Has No Rate Limiting');
    assert.equal(login.issue.severity, 'critical');
    const stale = buildStaleTree(folders);
    const labels = [...stale.nodes.values()].filter((node) => node.kind === 'reference').map((node) => presentNode(node).label);
    assert.ok(labels.includes('backend/payments/webhooks.py:88'), labels.join(', '));
  });

  it('decorates a referenced source file in the colour of its most severe open issue', async () => {
    const result = (await session.connection.sendRequest('auditLens/issuesForFile', { uri: session.uriOf('backend/accounts/views.py') })) as IssuesForFileResult | null;
    assert.ok(result && result.ranges.length > 0);
    const critical = planDecorations(result, 500).get('critical') ?? [];
    assert.ok(critical.some((span) => span.startLine === 38 && span.issues.some((issue) => issue.key === 'SEC-02')), JSON.stringify(critical));
  });

  it('sends CodeLens arguments the openIssue command accepts', async () => {
    const lenses = (await session.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: session.uriOf('backend/accounts/views.py') } })) as Array<{ command?: { command: string; arguments?: unknown[] } }>;
    assert.ok(lenses.length > 0);
    for (const lens of lenses) {
      assert.equal(lens.command?.command, 'auditLens.openIssue');
      assert.ok(isOpenIssueArguments(lens.command?.arguments?.[0]), JSON.stringify(lens.command?.arguments));
    }
  });
});
