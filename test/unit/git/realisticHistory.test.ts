// A months-old audit in a realistic history: the sample workspace (a Django + React project with
// four audit documents) is committed as of June, then refactored the way projects are (imports on
// top, a tenant fix in place, a helper inserted, a function moved to a new module, a file renamed,
// settings reformatted). Every state is checked the way a person would: the code at a `moved`
// suggestion is the code the reference named, a current document has no stale reference.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeWithGit } from '../../../server/src/cli/gitAnalysis';
import { createNodeWorkspaceHost } from '../../../server/src/cli/nodeWorkspaceHost';
import { normalizeLine } from '../../../server/src/core/git/lineDiff';
import type { ResolvedReference } from '../../../server/src/core/model';
import { useTempRepo } from '../../helpers/gitRepo';

const SAMPLE = path.resolve(__dirname, '../../fixtures/sample-workspace');

const TOKEN_FUNCTION = `def generate_reset_token(user: User) -> PasswordResetToken:
    """Creates a one-time token for the password reset e-mail."""
    # Not cryptographically secure: random is seeded from the clock.
    token = "".join(random.choice(TOKEN_ALPHABET) for _ in range(32))
    return PasswordResetToken.objects.create(user=user, token=token)
`;

describe('a months-old audit in a realistic history', function () {
  this.timeout(60_000);
  const fixture = useTempRepo();

  const replace = (file: string, from: string, to: string): void => {
    const text = fixture.repo.read(file);
    assert.ok(text.includes(from), `${file} has the text to change`);
    fixture.repo.write(file, text.replace(from, to));
  };

  it('finds moved code where it went, changed code where it was fixed, and keeps a current document clean', async () => {
    const { repo } = fixture;
    fs.cpSync(SAMPLE, repo.root, { recursive: true });
    const june = repo.commit('code and the June audits');
    repo.edit('backend/accounts/views.py', (lines) => ['"""Account endpoints."""', 'import logging', '', 'logger = logging.getLogger(__name__)', ...lines]);
    repo.commit('accounts: logging');
    replace('backend/bookings/views.py', '.get(pk=pk)', '.get(pk=pk, tenant=self.request.user.tenant)');
    repo.commit('bookings: scope get_object to the tenant');
    repo.edit('backend/bookings/views.py', (lines) => [...lines.slice(0, 70), 'def _overlaps(resource, starts_at, ends_at):', '    return Booking.objects.filter(resource=resource).exists()', '', '', '', '', ...lines.slice(70)]);
    replace('backend/accounts/utils.py', TOKEN_FUNCTION, 'from app.security import generate_reset_token  # noqa: F401\n');
    repo.write('backend/app/security.py', `"""Security helpers."""\nimport random\n\nfrom accounts.models import PasswordResetToken, User\n\nTOKEN_ALPHABET = "abc"\n\n\n${TOKEN_FUNCTION}`);
    replace('backend/app/settings.py', 'default=["http://localhost:5173"])', ' default = [ "http://localhost:5173" ] )');
    repo.commit('refactor');
    repo.git('mv', 'frontend/src/lib/logger.ts', 'frontend/src/lib/log.ts');
    repo.commit('frontend: rename logger');
    repo.write('docs/audits/NOVEMBER.md', '# November Review\n\n### NOV-01: Tenant scoping\n**Status:** Open\n**File:** `backend/bookings/views.py:98-103`\n\n### NOV-02: Reset tokens\n**Status:** Open\n**File:** `backend/app/security.py:9-13`\n');
    repo.commit('November review');

    const report = await analyzeWithGit(await createNodeWorkspaceHost(repo.root), {}, fixture.storage);
    const references = report.documents.flatMap((document) => document.references.map((reference) => ({ document: document.path, reference })));
    const of = (document: string, text: string): ResolvedReference => {
      const found = references.find((entry) => entry.document === document && entry.reference.text === text);
      assert.ok(found, `${document}: ${text}`);
      return found.reference;
    };

    // Code that only moved: the suggestion holds exactly the code the reference named in June.
    const moved = references.filter((entry) => entry.reference.state === 'moved' && entry.reference.startLine !== null);
    assert.ok(moved.length >= 15, `${moved.length} moved`);
    for (const { document, reference } of moved) {
      const suggestion = reference.suggestion;
      assert.ok(suggestion, `${document}: ${reference.text}`);
      const basePath = reference.resolvedPath ?? reference.path;
      const then = repo.git('show', `${june}:${basePath}`).split('\n').slice((reference.startLine as number) - 1, reference.endLine ?? (reference.startLine as number));
      const now = repo.read(suggestion.path).split('\n').slice(suggestion.startLine - 1, suggestion.endLine);
      assert.deepEqual(now.map(normalizeLine), then.map(normalizeLine), `${document}: ${reference.text} → ${suggestion.path}:${suggestion.startLine}`);
    }
    assert.deepEqual(of('SECURITY_AUDIT.md', 'backend/accounts/views.py:39-61').suggestion, { path: 'backend/accounts/views.py', startLine: 43, endLine: 65 });
    assert.deepEqual(of('SECURITY_AUDIT.md', 'backend/accounts/utils.py:15-19').suggestion, { path: 'backend/app/security.py', startLine: 9, endLine: 13 });
    assert.deepEqual(of('SECURITY_AUDIT.md', 'frontend/src/lib/logger.ts:28-31').suggestion, { path: 'frontend/src/lib/log.ts', startLine: 28, endLine: 31 });
    // Fixed in place, and only reformatted.
    assert.equal(of('SECURITY_AUDIT.md', 'backend/bookings/views.py:92-97').state, 'changed');
    assert.equal(of('SECURITY_AUDIT.md', 'backend/app/settings.py:58-60').state, 'ok');
    // The planted stale references of the fixture stay what they were.
    assert.equal(of('SECURITY_AUDIT.md', 'frontend/src/api/client.ts:112-118').state, 'line-out-of-range');
    assert.equal(of('SECURITY_AUDIT.md', 'backend/payments/webhooks.py:88').state, 'missing-file');
    // A document written against today's code has nothing stale.
    const november = references.filter((entry) => entry.document === 'docs/audits/NOVEMBER.md').map((entry) => entry.reference.state);
    assert.deepEqual(november, ['ok', 'ok']);
  });
});
