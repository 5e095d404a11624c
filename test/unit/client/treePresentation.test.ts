// How tree items look: labels, descriptions, icons and colours, context values and commands.
import assert from 'node:assert/strict';
import { buildIssueTree, findIssueNode, type TreeNode } from '../../../client/src/model/issueTree';
import { escapeMarkdown, presentNode } from '../../../client/src/model/treePresentation';
import { issueIcon, referenceIcon, severityIcon } from '../../../client/src/model/styles';
import { acme, ACME } from './issueFixtures';

const ALL = { showResolved: true, severities: [], text: '' };

function issueNode(key: string, document = 'SECURITY_AUDIT.md'): TreeNode {
  const node = findIssueNode(buildIssueTree([acme()], 'document', ALL), ACME, document, key);
  assert.ok(node, key);
  return node;
}

describe('client tree presentation', () => {
  it('shows an issue as "ID title" with "status · N refs" and opens its document at its heading', () => {
    const presentation = presentNode(issueNode('SEC-02'));
    assert.equal(presentation.label, 'SEC-02 Login Endpoint Has No Rate Limiting');
    assert.equal(presentation.description, 'open · 2 refs');
    assert.equal(presentation.contextValue, 'issue:open');
    assert.equal(presentation.collapsible, 'collapsed');
    assert.deepEqual(presentation.icon, { id: 'issue-opened', color: 'charts.red' });
    assert.deepEqual(presentation.command, {
      command: 'auditLens.openIssue',
      title: 'Open Issue',
      arguments: [{ folderUri: ACME, documentPath: 'SECURITY_AUDIT.md', key: 'SEC-02', line: 38 }],
    });
  });

  it('counts stale references in the description and says the status in words', () => {
    assert.equal(presentNode(issueNode('SEC-04')).description, 'in progress · 1 ref · 1 stale');
    assert.equal(presentNode(issueNode('P1-02', 'docs/audits/READINESS_PLAN.md')).description, "won't fix · 1 ref");
    assert.equal(presentNode(issueNode('P1-02', 'docs/audits/READINESS_PLAN.md')).contextValue, 'issue:closed');
    assert.equal(presentNode(issueNode('P0-01', 'docs/audits/READINESS_PLAN.md')).collapsible, 'none');
  });

  it('colours issue icons by severity and shapes them by status', () => {
    assert.deepEqual(issueIcon('critical', 'open'), { id: 'issue-opened', color: 'charts.red' });
    assert.deepEqual(issueIcon('high', 'in-progress'), { id: 'issue-draft', color: 'charts.orange' });
    assert.deepEqual(issueIcon('medium', null), { id: 'issue-opened', color: 'charts.yellow' });
    assert.deepEqual(issueIcon('low', 'open'), { id: 'issue-opened', color: 'charts.blue' });
    assert.deepEqual(issueIcon('info', 'open'), { id: 'issue-opened', color: 'descriptionForeground' });
    assert.deepEqual(issueIcon(null, 'open'), { id: 'issue-opened' });
    assert.deepEqual(issueIcon('critical', 'resolved'), { id: 'pass', color: 'testing.iconPassed' });
    assert.deepEqual(issueIcon('critical', 'wontfix'), { id: 'circle-slash', color: 'disabledForeground' });
    assert.deepEqual(severityIcon('high'), { id: 'circle-filled', color: 'charts.orange' });
    assert.deepEqual(severityIcon(null), { id: 'circle-outline' });
  });

  it('paints stale references in the warning colour, one icon per state', () => {
    assert.deepEqual(referenceIcon('ok'), { id: 'file-code' });
    assert.deepEqual(referenceIcon('missing-file'), { id: 'warning', color: 'list.warningForeground' });
    assert.deepEqual(referenceIcon('ambiguous'), { id: 'question', color: 'list.warningForeground' });
    assert.deepEqual(referenceIcon('proposed'), { id: 'new-file', color: 'descriptionForeground' });
  });

  it('shows a reference as path:line that opens the code', () => {
    const issue = issueNode('SEC-04');
    const reference = issue.children[0] as TreeNode;
    const presentation = presentNode(reference);
    assert.equal(presentation.label, 'backend/accounts/utils.py:18');
    assert.equal(presentation.description, 'ambiguous · 2 candidates · written utils.py');
    assert.equal(presentation.contextValue, 'reference:stale');
    assert.equal(presentation.command?.command, 'auditLens.goToReference');
    assert.equal(presentation.command?.arguments[0], reference);
    assert.match(presentation.tooltip, /- backend\/bookings\/utils\\\.py/);
    assert.match(presentation.tooltip, /SECURITY\\_AUDIT\\\.md:92$/);
    assert.equal(presentNode(issueNode('SEC-02').children[0] as TreeNode).description, undefined);
  });

  it('shows a document with its folder, counts, file icon and fix flags', () => {
    const tree = buildIssueTree([acme()], 'document', ALL);
    const [security, readiness] = tree.roots.map(presentNode);
    assert.equal(security?.label, 'SECURITY_AUDIT.md');
    assert.equal(security?.description, '4 open');
    assert.equal(security?.contextValue, 'document:stale');
    assert.equal(readiness?.label, 'READINESS_PLAN.md');
    assert.equal(readiness?.description, 'docs/audits · 3 open');
    assert.equal(readiness?.contextValue, 'document:mojibake');
    assert.deepEqual(readiness?.resource, { folderUri: ACME, path: 'docs/audits/READINESS_PLAN.md' });
    assert.equal(readiness?.icon, undefined);
    assert.match(readiness?.tooltip ?? '', /Repair Encoding/);
  });

  it('writes issue tooltips in markdown with the facts and fields', () => {
    const node = issueNode('SEC-02');
    assert.ok(node.kind === 'issue');
    node.issue.fields = { category: 'Authentication', effort: 'M (1-2 days)' };
    node.issue.dependencies = ['SEC-01'];
    assert.equal(
      presentNode(node).tooltip,
      [
        '**SEC\\-02** Login Endpoint Has No Rate Limiting',
        '',
        'Critical · open · SECURITY\\_AUDIT\\.md:39',
        '',
        '*Findings*',
        '',
        '- Category: Authentication',
        '- Effort: M \\(1\\-2 days\\)',
        '',
        'Depends on SEC\\-01',
        '',
        '2 code references',
      ].join('\n'),
    );
  });

  it('escapes markdown so titles show as written', () => {
    assert.equal(escapeMarkdown('`x` *y* [z](w) #1 a_b <tag>'), '\\`x\\` \\*y\\* \\[z\\]\\(w\\) \\#1 a\\_b \\<tag\\>');
  });
});
