// The Stale References view's model: every stale reference by document, whatever the filter.
import assert from 'node:assert/strict';
import type { TreeNode } from '../../../client/src/model/issueTree';
import { buildStaleTree } from '../../../client/src/model/staleTree';
import { presentNode } from '../../../client/src/model/treePresentation';
import { acme, ACME, document, folder, issue, ref, shop } from './issueFixtures';

function describeNodes(nodes: readonly TreeNode[], depth = 0): string[] {
  return nodes.flatMap((node) => {
    const presentation = presentNode(node);
    return [`${'  '.repeat(depth)}${presentation.label} | ${presentation.description ?? ''} | ${presentation.contextValue}`, ...describeNodes(node.children, depth + 1)];
  });
}

describe('client stale references tree', () => {
  it('lists the stale references of each document in document order, with their state and issue', () => {
    const tree = buildStaleTree([acme()]);
    assert.equal(tree.staleReferences, 3);
    assert.deepEqual(describeNodes(tree.roots), [
      'SECURITY_AUDIT.md | 3 stale references | document:stale',
      '  backend/accounts/utils.py:18 | ambiguous · 2 candidates · written utils.py · SEC-04 Password Reset Tokens Use a Predictable Generator | reference:stale',
      '  frontend/src/api/client.ts:112-118 | line out of range · SEC-05 Token Stored in localStorage | reference:stale',
      '  backend/payments/webhooks.py:88 | missing file · SEC-07 Payment Webhook Signature Not Verified | reference:stale',
    ]);
  });

  it('leaves out ok, proposed and unverified references, and documents without stale ones', () => {
    const clean = folder(ACME, 'acme', [
      document('PLAN.md', [
        issue('T-1', 'Proposed module', 'low', 'open', 3, [ref('apps/new.py', 5, { state: 'proposed', resolvedPath: null }), ref('src/a.ts:3', 6, { state: 'unverified' })]),
        issue('T-2', 'Fine', 'low', 'open', 9, [ref('src/b.ts:1', 10)]),
      ]),
    ]);
    const tree = buildStaleTree([clean]);
    assert.deepEqual(tree.roots, []);
    assert.equal(tree.staleReferences, 0);
  });

  it('lists stale references outside every issue among the others, by place in the document', () => {
    const intro = ref('backend/old_settings.py:12', 2, { state: 'missing-file', resolvedPath: null });
    const plan = folder(ACME, 'acme', [
      document('PLAN.md', [issue('T-1', 'Moved settings', 'low', 'open', 5, [ref('src/gone.ts:3', 7, { state: 'missing-file', resolvedPath: null })])], 'utf-8', [intro]),
      document('NOTES.md', [], 'utf-8', [ref('src/x.ts:900', 4, { state: 'line-out-of-range' })]),
    ]);
    const tree = buildStaleTree([plan]);
    assert.equal(tree.staleReferences, 3);
    assert.deepEqual(
      describeNodes(tree.roots).map((line) => line.replace(/ \| [^|]*$/, '')),
      [
        'PLAN.md | 2 stale references',
        '  backend/old_settings.py:12 | missing file · outside any issue',
        '  src/gone.ts:3 | missing file · T-1 Moved settings',
        'NOTES.md | 1 stale reference',
        '  src/x.ts:900 | line out of range · outside any issue',
      ],
    );
  });

  it('includes stale references of resolved issues: the document is still wrong', () => {
    const resolved = folder(ACME, 'acme', [document('OLD.md', [issue('OLD-1', 'Done long ago', 'high', 'resolved', 2, [ref('gone.py:4', 4, { state: 'missing-file', resolvedPath: null })])])]);
    assert.equal(buildStaleTree([resolved]).staleReferences, 1);
  });

  it('groups by folder when several folders have stale references, and registers every node', () => {
    const other = shop();
    const cart = other.result.documents[0]?.issues[0]?.references[0];
    assert.ok(cart);
    cart.state = 'line-out-of-range';
    const tree = buildStaleTree([acme(), other]);
    assert.deepEqual(tree.roots.map((node) => `${node.kind} ${presentNode(node).label}`), ['folder acme', 'folder shop']);
    assert.equal(tree.nodes.size, 2 + 2 + 4);
    const reference = tree.roots[1]?.children[0]?.children[0];
    assert.ok(reference?.kind === 'reference');
    assert.equal(tree.nodes.get(reference.parentId ?? '')?.kind, 'document');
  });
});
