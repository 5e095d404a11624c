// The Issues view's model: grouping × filtering, counts, badge, ids and parents.
import assert from 'node:assert/strict';
import { buildIssueTree, DEFAULT_FILTER, describeFilter, findIssueNode, isFiltered, type GroupBy, type IssueFilter, type TreeNode } from '../../../client/src/model/issueTree';
import { presentNode } from '../../../client/src/model/treePresentation';
import { acme, ACME, shop, SHOP } from './issueFixtures';

/** The tree as indented `kind label` lines, for whole-tree assertions. */
function outline(nodes: readonly TreeNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.kind} ${presentNode(node).label}`, ...outline(node.children, depth + 1)]);
}

function issueKeys(nodes: readonly TreeNode[]): string[] {
  return nodes.flatMap((node) => [...(node.kind === 'issue' ? [node.issue.key] : []), ...issueKeys(node.children)]);
}

const ALL: IssueFilter = { showResolved: true, severities: [], text: '' };

describe('client issue tree', () => {
  describe('grouping by document (the default)', () => {
    it('shows document → severity → open issue → reference', () => {
      const tree = buildIssueTree([acme()], 'document', DEFAULT_FILTER);
      assert.deepEqual(outline(tree.roots), [
        'document SECURITY_AUDIT.md',
        '  severity Critical',
        '    issue SEC-02 Login Endpoint Has No Rate Limiting',
        '      reference backend/accounts/views.py:39-61',
        '      reference backend/accounts/views.py:43',
        '  severity High',
        '    issue SEC-04 Password Reset Tokens Use a Predictable Generator',
        '      reference backend/accounts/utils.py:18',
        '    issue SEC-07 Payment Webhook Signature Not Verified',
        '      reference backend/payments/webhooks.py:88',
        '  severity Medium',
        '    issue SEC-05 Token Stored in localStorage',
        '      reference frontend/src/api/client.ts:112-118',
        'document READINESS_PLAN.md',
        '  severity Critical',
        '    issue P0-01 Add Health Checks to Every Service',
        '  severity Medium',
        '    issue P2-03 Multi-Factor Authentication Module',
        '      reference apps/core/auth/mfa.py',
        '  severity No severity',
        '    issue Tidy the settings module',
        '      reference backend/app/settings.py:30',
      ]);
      assert.equal(tree.shownIssues, 7);
    });

    it('counts what each document shows', () => {
      const tree = buildIssueTree([acme()], 'document', DEFAULT_FILTER);
      const [security, readiness] = tree.roots;
      assert.ok(security?.kind === 'document' && readiness?.kind === 'document');
      assert.deepEqual([security.issueCount, security.openIssues, security.staleReferences], [4, 4, 3]);
      assert.deepEqual([readiness.issueCount, readiness.openIssues, readiness.staleReferences, readiness.encoding], [3, 3, 0, 'mojibake-repaired']);
    });

    it('adds resolved and won\'t-fix issues when asked', () => {
      const tree = buildIssueTree([acme()], 'document', ALL);
      assert.deepEqual(issueKeys(tree.roots), ['SEC-01', 'SEC-02', 'SEC-04', 'SEC-07', 'SEC-05', 'P0-01', 'P1-02', 'P2-03', 'docs/audits/READINESS_PLAN.md#41']);
    });
  });

  describe('grouping by severity', () => {
    it('lists severities across documents, issues by document and line, and names the document', () => {
      const tree = buildIssueTree([acme()], 'severity', DEFAULT_FILTER);
      assert.deepEqual(
        tree.roots.map((node) => `${presentNode(node).label} ${issueKeys([node]).join(',')}`),
        ['Critical SEC-02,P0-01', 'High SEC-04,SEC-07', 'Medium SEC-05,P2-03', 'No severity docs/audits/READINESS_PLAN.md#41'],
      );
      const critical = tree.roots[0]?.children ?? [];
      assert.deepEqual(critical.map((node) => presentNode(node).description), ['open · 2 refs · SECURITY_AUDIT.md', 'open · 0 refs · READINESS_PLAN.md']);
    });
  });

  describe('grouping by source file', () => {
    it('puts each issue under every file it references, with only those references, and issues without code last', () => {
      const tree = buildIssueTree([acme()], 'sourceFile', ALL);
      assert.deepEqual(outline(tree.roots), [
        'sourceFile mfa.py',
        '  issue P2-03 Multi-Factor Authentication Module',
        '    reference apps/core/auth/mfa.py',
        'sourceFile utils.py',
        '  issue SEC-04 Password Reset Tokens Use a Predictable Generator',
        '    reference backend/accounts/utils.py:18',
        'sourceFile views.py',
        '  issue SEC-02 Login Endpoint Has No Rate Limiting',
        '    reference backend/accounts/views.py:39-61',
        '    reference backend/accounts/views.py:43',
        'sourceFile settings.py',
        '  issue SEC-01 DEBUG Enabled by Default',
        '    reference backend/app/settings.py:12',
        '  issue Tidy the settings module',
        '    reference backend/app/settings.py:30',
        'sourceFile views.py',
        '  issue P1-02 Cache Booking Lookups',
        '    reference backend/bookings/views.py:20',
        'sourceFile webhooks.py',
        '  issue SEC-07 Payment Webhook Signature Not Verified',
        '    reference backend/payments/webhooks.py:88',
        'sourceFile client.ts',
        '  issue SEC-05 Token Stored in localStorage',
        '    reference frontend/src/api/client.ts:112-118',
        'sourceFile No code references',
        '  issue P0-01 Add Health Checks to Every Service',
      ]);
    });

    it('marks files no reference resolved to, and describes the folder of the others', () => {
      const tree = buildIssueTree([acme()], 'sourceFile', DEFAULT_FILTER);
      const byPath = new Map(tree.roots.flatMap((node) => (node.kind === 'sourceFile' ? [[node.path, node] as const] : [])));
      assert.equal(byPath.get('backend/payments/webhooks.py')?.unresolved, true);
      assert.equal(byPath.get('backend/accounts/utils.py')?.unresolved, false);
      const webhooks = presentNode(byPath.get('backend/payments/webhooks.py') as TreeNode);
      assert.equal(webhooks.description, 'backend/payments · 1 issue · not found');
      assert.equal(webhooks.resource, undefined);
      assert.deepEqual(presentNode(byPath.get('backend/accounts/views.py') as TreeNode).resource, { folderUri: ACME, path: 'backend/accounts/views.py' });
    });
  });

  describe('filters', () => {
    it('keeps only the chosen severities, dropping issues without one', () => {
      const tree = buildIssueTree([acme()], 'document', { showResolved: false, severities: ['critical', 'medium'], text: '' });
      assert.deepEqual(issueKeys(tree.roots), ['SEC-02', 'SEC-05', 'P0-01', 'P2-03']);
    });

    it('finds text in IDs, titles and referenced paths, in any case', () => {
      const find = (text: string): string[] => issueKeys(buildIssueTree([acme()], 'document', { ...ALL, text }).roots);
      assert.deepEqual(find('sec-0'), ['SEC-01', 'SEC-02', 'SEC-04', 'SEC-07', 'SEC-05']);
      assert.deepEqual(find('RATE LIMIT'), ['SEC-02']);
      assert.deepEqual(find('settings.py'), ['SEC-01', 'docs/audits/READINESS_PLAN.md#41']);
      assert.deepEqual(find('  webhooks  '), ['SEC-07']);
    });

    const counts: Array<[GroupBy, IssueFilter, number]> = [
      ['document', DEFAULT_FILTER, 7],
      ['document', ALL, 9],
      ['severity', { showResolved: false, severities: ['high'], text: '' }, 2],
      ['severity', { showResolved: true, severities: ['high'], text: '' }, 3],
      ['sourceFile', { showResolved: true, severities: [], text: 'views' }, 2],
      ['sourceFile', { showResolved: false, severities: ['info'], text: '' }, 0],
    ];
    for (const [groupBy, filter, shown] of counts) {
      it(`shows ${shown} issues grouped by ${groupBy} with ${JSON.stringify(filter)}, and the badge stays at 7 open`, () => {
        const tree = buildIssueTree([acme()], groupBy, filter);
        assert.equal(tree.shownIssues, shown);
        assert.equal(new Set(issueKeys(tree.roots)).size, shown);
        assert.equal(tree.badge, 7);
        assert.deepEqual(tree.totals, { documents: 2, issues: 9, openIssues: 7, references: 9, staleReferences: 3, indexing: false });
      });
    }

    it('says so when the filter hides everything, and clicking clears it', () => {
      const tree = buildIssueTree([acme()], 'document', { showResolved: false, severities: ['info'], text: '' });
      assert.equal(tree.roots.length, 1);
      const message = presentNode(tree.roots[0] as TreeNode);
      assert.equal(message.label, 'No issues match the filter. Clear it to see all 9.');
      assert.equal(message.command?.command, 'auditLens.clearFilter');
    });

    it('offers resolved issues when every issue is resolved', () => {
      const resolvedOnly = acme();
      for (const document of resolvedOnly.result.documents) for (const entry of document.issues) entry.status = 'resolved';
      resolvedOnly.result.counts.openIssues = 0;
      const tree = buildIssueTree([resolvedOnly], 'document', DEFAULT_FILTER);
      const message = presentNode(tree.roots[0] as TreeNode);
      assert.equal(message.label, "All 9 issues are resolved or won't fix. Show resolved issues to see them.");
      assert.equal(message.command?.command, 'auditLens.showResolved');
      assert.equal(tree.badge, 0);
    });

    it('shows nothing at all (so the welcome view shows) when there are no issues', () => {
      const tree = buildIssueTree([], 'document', DEFAULT_FILTER);
      assert.deepEqual(tree.roots, []);
      assert.equal(tree.badge, 0);
    });

    it('describes a filter in the view message', () => {
      const tree = buildIssueTree([acme()], 'document', { showResolved: false, severities: ['critical', 'high'], text: 'token' });
      assert.equal(isFiltered(tree.filter), true);
      assert.equal(describeFilter(tree), 'Filtered by critical, high and “token”: 1 of 7 open issues.');
      assert.equal(describeFilter(buildIssueTree([acme()], 'document', ALL)), undefined);
      assert.equal(isFiltered(ALL), false);
    });
  });

  describe('several workspace folders', () => {
    it('adds a folder level only when more than one folder shows issues', () => {
      const both = buildIssueTree([acme(), shop()], 'document', DEFAULT_FILTER);
      assert.deepEqual(both.roots.map((node) => `${node.kind} ${presentNode(node).label}`), ['folder acme', 'folder shop']);
      assert.equal(both.badge, 8);
      const onlyShopShows = buildIssueTree([acme(), shop()], 'document', { showResolved: false, severities: [], text: 'cart' });
      assert.deepEqual(onlyShopShows.roots.map((node) => `${node.kind} ${presentNode(node).label}`), ['document REVIEW.md']);
    });
  });

  describe('ids and parents', () => {
    it('gives every node a unique id that survives a rebuild', () => {
      const first = buildIssueTree([acme(), shop()], 'sourceFile', ALL);
      const second = buildIssueTree([acme(), shop()], 'sourceFile', ALL);
      assert.deepEqual([...second.nodes.keys()], [...first.nodes.keys()]);
      // 2 folders, 9 source files, 10 issue entries, 10 references.
      assert.equal(first.nodes.size, 2 + 9 + 10 + 10);
    });

    it('walks from a reference up to its folder through parent ids', () => {
      const tree = buildIssueTree([acme(), shop()], 'document', DEFAULT_FILTER);
      const node = findIssueNode(tree, ACME, 'SECURITY_AUDIT.md', 'SEC-04');
      assert.ok(node);
      const reference = node.children[0] as TreeNode;
      const chain: string[] = [];
      for (let current: TreeNode | undefined = reference; current; current = current.parentId ? tree.nodes.get(current.parentId) : undefined) chain.push(current.kind);
      assert.deepEqual(chain, ['reference', 'issue', 'severity', 'document', 'folder']);
      assert.equal(findIssueNode(tree, SHOP, 'SECURITY_AUDIT.md', 'SEC-04'), undefined);
      assert.equal(findIssueNode(tree, ACME, 'SECURITY_AUDIT.md', 'SEC-01'), undefined, 'resolved issues are hidden');
    });
  });
});
