// Answers of `auditLens/issues` for the client's model tests, in the shapes the server sends:
// a Django + React workspace in the style of test/fixtures/sample-workspace, and a second folder
// for multi-root tests. Our own text.
import type { FolderIssues, Issue, IssueDocument, IssueReference } from '../../../client/src/model/issueData';
import { isOpenStatus, isStaleState } from '../../../client/src/model/issueData';

/** The folder URI of the main fixture workspace. */
export const ACME = 'file:///work/acme';
/** The folder URI of the second workspace folder. */
export const SHOP = 'file:///work/shop';

/** A reference with defaults: ok, resolved to its own path, on line `line` of the document. */
export function ref(text: string, line: number, overrides: Partial<IssueReference> = {}): IssueReference {
  const match = /^(.*?)(?::(\d+)(?:-(\d+))?)?$/.exec(text);
  const path = match?.[1] ?? text;
  const startLine = match?.[2] ? Number(match[2]) : null;
  const endLine = match?.[3] ? Number(match[3]) : startLine;
  return {
    path,
    resolvedPath: path,
    startLine,
    endLine,
    state: 'ok',
    reason: null,
    candidates: [path],
    range: { start: { line, character: 2 }, end: { line, character: 2 + text.length } },
    inCode: false,
    ...overrides,
  };
}

/** An issue with defaults: a heading on `line`, no fields. */
export function issue(key: string, title: string, severity: Issue['severity'], status: Issue['status'], line: number, references: IssueReference[] = []): Issue {
  return {
    key,
    id: key.includes('#') ? null : key,
    title,
    severity,
    status,
    kind: 'heading',
    range: { start: { line, character: 0 }, end: { line, character: 4 + key.length + title.length } },
    sectionPath: ['Findings'],
    fields: {},
    dependencies: [],
    references,
  };
}

/** A document whose counts are computed the way the server computes them. */
export function document(path: string, issues: Issue[], encoding: IssueDocument['encoding'] = 'utf-8', looseStaleReferences: IssueDocument['looseStaleReferences'] = []): IssueDocument {
  const counts = countsOf(issues);
  counts.references += looseStaleReferences.length;
  counts.staleReferences += looseStaleReferences.length;
  return { path, encoding, counts, issues, looseStaleReferences };
}

function countsOf(issues: readonly Issue[]): IssueDocument['counts'] {
  const references = issues.flatMap((entry) => entry.references);
  return {
    issues: issues.length,
    openIssues: issues.filter((entry) => isOpenStatus(entry.status)).length,
    references: references.length,
    staleReferences: references.filter((reference) => isStaleState(reference.state)).length,
  };
}

/** A folder's answer with totals summed over its documents. */
export function folder(folderUri: string, name: string, documents: IssueDocument[], indexing = false): FolderIssues {
  const counts = countsOf(documents.flatMap((entry) => entry.issues));
  return { folderUri, name, result: { root: `/work/${name}`, indexing, counts, documents } };
}

/**
 * Nine issues in two documents: 7 open (one in progress, one without a status), 1 resolved,
 * 1 won't fix; 9 references, 3 of them stale (ambiguous, line out of range, missing file), one
 * proposed.
 */
export function acme(): FolderIssues {
  return folder(ACME, 'acme', [
    document('SECURITY_AUDIT.md', [
      issue('SEC-01', 'DEBUG Enabled by Default', 'critical', 'resolved', 12, [ref('backend/app/settings.py:12', 22)]),
      issue('SEC-02', 'Login Endpoint Has No Rate Limiting', 'critical', 'open', 38, [ref('backend/accounts/views.py:39-61', 44), ref('backend/accounts/views.py:43', 49)]),
      issue('SEC-04', 'Password Reset Tokens Use a Predictable Generator', 'high', 'in-progress', 81, [
        ref('utils.py:18', 91, {
          resolvedPath: 'backend/accounts/utils.py',
          state: 'ambiguous',
          candidates: ['backend/accounts/utils.py', 'backend/bookings/utils.py'],
          reason: 'utils.py matches 2 files: backend/accounts/utils.py, backend/bookings/utils.py.',
        }),
      ]),
      issue('SEC-05', 'Token Stored in localStorage', 'medium', 'open', 140, [
        ref('frontend/src/api/client.ts:112-118', 153, { state: 'line-out-of-range', reason: 'frontend/src/api/client.ts has 84 lines; the reference points at lines 112-118.' }),
      ]),
      issue('SEC-07', 'Payment Webhook Signature Not Verified', 'high', 'open', 160, [
        ref('backend/payments/webhooks.py:88', 165, { resolvedPath: null, candidates: [], state: 'missing-file', reason: 'No file backend/payments/webhooks.py exists in the workspace.' }),
      ]),
    ]),
    document(
      'docs/audits/READINESS_PLAN.md',
      [
        issue('P0-01', 'Add Health Checks to Every Service', 'critical', 'open', 10),
        issue('P1-02', 'Cache Booking Lookups', 'high', 'wontfix', 20, [ref('backend/bookings/views.py:20', 24)]),
        issue('P2-03', 'Multi-Factor Authentication Module', 'medium', 'open', 30, [ref('apps/core/auth/mfa.py', 33, { resolvedPath: null, candidates: [], state: 'proposed' })]),
        issue('docs/audits/READINESS_PLAN.md#41', 'Tidy the settings module', null, null, 40, [ref('backend/app/settings.py:30', 42)]),
      ],
      'mojibake-repaired',
    ),
  ]);
}

/** A second folder with one open issue. */
export function shop(): FolderIssues {
  return folder(SHOP, 'shop', [document('REVIEW.md', [issue('CR-01', 'Cart Total Ignores Discounts', 'high', 'open', 5, [ref('src/cart.ts:10', 8)])])]);
}
