// The "maybe fixed" mark: an open issue whose referenced code all changed since the audit.
import assert from 'node:assert/strict';
import { maybeFixed } from '../../../client/src/model/treePresentation';
import { issue, ref } from './issueFixtures';

describe('client "maybe fixed" mark', () => {
  it('marks open issues whose every line reference changed or was deleted', () => {
    const changed = ref('src/app.py:20', 5, { state: 'changed' });
    const deleted = ref('src/app.py:30-31', 6, { state: 'deleted' });
    assert.equal(maybeFixed(issue('SEC-01', 'Weak hash', 'high', 'open', 3, [changed, deleted])), true);
    assert.equal(maybeFixed(issue('SEC-02', 'Weak hash', 'high', null, 3, [changed, ref('src/app.py', 7)])), true, 'file-level references do not count');
  });

  it('leaves other issues alone', () => {
    const changed = ref('src/app.py:20', 5, { state: 'changed' });
    assert.equal(maybeFixed(issue('SEC-01', 'Weak hash', 'high', 'resolved', 3, [changed])), false, 'already resolved');
    assert.equal(maybeFixed(issue('SEC-01', 'Weak hash', 'high', 'open', 3, [changed, ref('src/app.py:40', 6, { state: 'moved' })])), false, 'some code only moved');
    assert.equal(maybeFixed(issue('SEC-01', 'Weak hash', 'high', 'open', 3, [])), false, 'no references');
    assert.equal(maybeFixed(issue('SEC-01', 'Weak hash', 'high', 'open', 3, [ref('src/app.py:20', 5, { state: 'changed', inCode: true })])), false, 'only an example in a code block');
  });
});
