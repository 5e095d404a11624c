// End-to-end tests of the built CLI on the bundled sample workspace (what `npm run demo` shows).
// The workspace's audit documents hold a deliberate mix of sound and stale references, so every
// value below is a fact about test/fixtures/sample-workspace: edit the fixture, update these.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JsonIssue, JsonReference, JsonReport } from '../../server/src/core/report/jsonReport';

const REPO = resolve(__dirname, '../..');
const CLI = join(REPO, 'dist', 'cli.js');
const SAMPLE = join(REPO, 'test', 'fixtures', 'sample-workspace');

const SECURITY = 'SECURITY_AUDIT.md';
const READINESS = 'docs/audits/READINESS_PLAN.md';
const REVIEW = 'docs/audits/REVIEW_REPORT.md';
const TECH_DEBT = 'docs/audits/TECH_DEBT.md';

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: readonly string[]): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env['AUDIT_LENS_DEBUG'];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

type IssueFacts = Pick<JsonIssue, 'key' | 'id' | 'title' | 'severity' | 'status' | 'kind' | 'line' | 'dependencies'>;

function issueFacts(issue: JsonIssue): IssueFacts {
  const { key, id, title, severity, status, kind, line, dependencies } = issue;
  return { key, id, title, severity, status, kind, line, dependencies };
}

/**
 * A reference on one line, so expectations read like the report: where it is, its form and state,
 * the path as written → the file it resolved to, the code lines, its flags and its issue.
 */
function describeReference(reference: JsonReference): string {
  const lines = reference.startLine === null ? 'whole file' : `lines ${reference.startLine}-${reference.endLine}`;
  const flags = `${reference.inCode ? ' inCode' : ''}${reference.proposed ? ' proposed' : ''}`;
  const place = `${reference.document}:${reference.line}:${reference.column}`;
  return `${place} ${reference.form} ${reference.state} ${reference.path} → ${reference.resolvedPath ?? 'null'} ${lines}${flags} issue=${reference.issue ?? 'null'}`;
}

describe('sample workspace through the built CLI', function () {
  let report: JsonReport;

  before(function () {
    this.timeout(120_000);
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'pipe' });
    const run = runCli(['check', SAMPLE, '--format', 'json', '--fail-on', 'none']);
    assert.equal(run.status, 0, run.stderr);
    report = JSON.parse(run.stdout) as JsonReport;
  });

  function referenceAt(place: string): JsonReference {
    const found = report.references.filter((reference) => `${reference.document}:${reference.line}:${reference.column}` === place);
    assert.equal(found.length, 1, `expected one reference at ${place}, found ${found.length}`);
    return found[0] as JsonReference;
  }

  function expectIssues(expected: readonly IssueFacts[]): void {
    for (const facts of expected) {
      const found = report.issues.filter((issue) => issue.key === facts.key);
      assert.equal(found.length, 1, `expected one issue with key ${facts.key}, found ${found.length}`);
      assert.deepEqual(issueFacts(found[0] as JsonIssue), facts);
    }
  }

  function expectReferences(expected: readonly string[]): void {
    for (const description of expected) {
      assert.equal(describeReference(referenceAt(description.slice(0, description.indexOf(' ')))), description);
    }
  }

  describe('exit codes', () => {
    it('exits with 1 under the default --fail-on error, because the sample has errors', () => {
      const run = runCli(['check', SAMPLE, '--format', 'json']);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, '');
    });

    it('exits with 0 under --fail-on none and with 1 under --fail-on warning', () => {
      assert.equal(runCli(['check', SAMPLE, '--fail-on', 'none']).status, 0);
      assert.equal(runCli(['check', SAMPLE, '--fail-on', 'warning']).status, 1);
    });

    it('exits with 2 on a usage error: one line saying what was wrong, then the usage hint', () => {
      const run = runCli(['check', SAMPLE, '--format', 'yaml']);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines[0], "audit-lens: --format must be text, json or sarif, not 'yaml'");
      assert.match(lines[1] ?? '', /^usage: audit-lens check /);
      assert.equal(lines[2], "Run 'audit-lens check --help' for details.");
      assert.equal(lines.length, 3);
    });

    it('exits with 2 when the root does not exist, without a stack trace', () => {
      const missing = join(SAMPLE, 'no-such-folder');
      const run = runCli(['check', missing]);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.split('\n')[0], `audit-lens: root '${missing}' does not exist`);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    });
  });

  describe('--format json', () => {
    it('lists every markdown document with its encoding; the readiness plan is repaired mojibake', () => {
      assert.equal(report.root, realpathSync(SAMPLE));
      assert.deepEqual(report.documents, [
        { path: 'README.md', encoding: 'utf-8', issues: 0, references: 0 },
        { path: SECURITY, encoding: 'utf-8', issues: 9, references: 16 },
        { path: READINESS, encoding: 'mojibake-repaired', issues: 9, references: 12 },
        { path: REVIEW, encoding: 'utf-8', issues: 9, references: 14 },
        { path: TECH_DEBT, encoding: 'utf-8', issues: 11, references: 17 },
      ]);
    });

    it('sums the report up', () => {
      assert.deepEqual(report.summary, {
        documents: 5,
        issues: 38,
        openIssues: 26,
        references: 59,
        staleReferences: 10,
        errors: 8,
        warnings: 5,
        information: 1,
        hints: 0,
      });
    });

    it('finds the issues of every document, in order, keyed by ID or else by position', () => {
      const keysOf = (document: string): string[] => report.issues.filter((issue) => issue.document === document).map((issue) => issue.key);
      assert.deepEqual(keysOf('README.md'), []);
      assert.deepEqual(keysOf(SECURITY), ['SEC-01', 'SEC-02', 'SEC-03', 'SEC-04', 'SEC-05', 'SEC-06', 'SECURITY_AUDIT.md#128', 'SEC-07', 'SEC-08']);
      assert.deepEqual(keysOf(READINESS), ['CRITICAL BUG #1', 'CRITICAL BUG #2', '1.1', '1.2', '1.3', '1.4', 'Task 2.5', 'Task 2.6', 'Task 2.7']);
      assert.deepEqual(keysOf(REVIEW), ['CR-01', 'CR-02', 'CR-03', 'CR-04', 'CR-05', 'CR-06', 'CR-07', 'CR-08', 'CR-09']);
      const techDebt = ['TD-001', 'TD-002', 'TD-003', 'TD-004', 'TD-005', `${TECH_DEBT}#39`, 'TD-007', 'TD-008', 'TD-009', 'TD-010', `${TECH_DEBT}#62`];
      assert.deepEqual(keysOf(TECH_DEBT), techDebt);
    });

    it('reads the security audit: severity and status fields, strikethrough, dependencies, a duplicate ID', () => {
      expectIssues([
        { key: 'SEC-01', id: 'SEC-01', title: 'DEBUG Enabled by Default', severity: 'critical', status: 'resolved', kind: 'heading', line: 13, dependencies: [] },
        { key: 'SEC-02', id: 'SEC-02', title: 'Login Endpoint Has No Rate Limiting', severity: 'critical', status: 'open', kind: 'heading', line: 39, dependencies: [] },
        { key: 'SEC-04', id: 'SEC-04', title: 'Password Reset Tokens Use a Predictable Generator', severity: 'high', status: 'in-progress', kind: 'heading', line: 82, dependencies: ['SEC-02'] },
        { key: 'SEC-05', id: 'SEC-05', title: 'Wildcard CORS Origins in Production', severity: 'high', status: 'resolved', kind: 'heading', line: 102, dependencies: [] },
        { key: 'SEC-06', id: 'SEC-06', title: 'Path Traversal in Booking Attachments', severity: 'high', status: 'open', kind: 'heading', line: 111, dependencies: ['SEC-03', 'SEC-09'] },
        // The second SEC-04 keeps its ID but is keyed by position, so both stay addressable.
        { key: 'SECURITY_AUDIT.md#128', id: 'SEC-04', title: 'Stored XSS Through Booking Notes', severity: 'high', status: 'open', kind: 'heading', line: 128, dependencies: [] },
        { key: 'SEC-07', id: 'SEC-07', title: 'Tokens Kept in localStorage and Written to the Console', severity: 'medium', status: 'open', kind: 'heading', line: 143, dependencies: [] },
      ]);
      const login = report.issues.find((issue) => issue.key === 'SEC-02');
      assert.equal(login?.fields['file'], 'backend/accounts/views.py:39-61');
      assert.deepEqual(login?.sectionPath, ['Acme Bookings Security Audit - Findings Tracker', 'Critical Findings']);
    });

    it('reads the tech-debt checklists, their efforts and the plain items of a severity section', () => {
      expectIssues([
        { key: 'TD-001', id: 'TD-001', title: 'Celery beat collision at :00 → reminders every 10 minutes, purge at 02:15', severity: null, status: 'resolved', kind: 'list-item', line: 12, dependencies: [] },
        { key: 'TD-004', id: 'TD-004', title: 'Move .delay() calls out of transaction.atomic()', severity: 'high', status: 'open', kind: 'list-item', line: 24, dependencies: [] },
        {
          key: `${TECH_DEBT}#39`,
          id: null,
          title: 'Replace moment with dayjs in frontend/src/pages/Dashboard.tsx and drop it from frontend/package.json',
          severity: 'high',
          status: null,
          kind: 'list-item',
          line: 39,
          dependencies: [],
        },
        { key: 'TD-010', id: 'TD-010', title: 'Typed API client', severity: 'medium', status: 'resolved', kind: 'list-item', line: 59, dependencies: [] },
        { key: `${TECH_DEBT}#62`, id: null, title: 'Document BOOKING_HOLD_MINUTES and REMINDER_LEAD_HOURS in the deployment guide', severity: 'medium', status: null, kind: 'list-item', line: 62, dependencies: [] },
      ]);
      assert.equal(report.issues.find((issue) => issue.key === 'TD-004')?.fields['effort'], '2 days');
    });

    it('reads the review report: headings and table rows with severity and status columns', () => {
      expectIssues([
        { key: 'CR-01', id: 'CR-01', title: 'Booking detail is not tenant-scoped', severity: 'high', status: 'open', kind: 'heading', line: 12, dependencies: [] },
        // "Recently Completed" calls CR-02 done while its heading still says Open: the heading defines it.
        { key: 'CR-02', id: 'CR-02', title: 'Confirmation task can run before the booking commits', severity: 'medium', status: 'open', kind: 'heading', line: 22, dependencies: [] },
        { key: 'CR-03', id: 'CR-03', title: 'CSV export issues two queries per row', severity: 'medium', status: 'in-progress', kind: 'heading', line: 38, dependencies: [] },
        { key: 'CR-06', id: 'CR-06', title: 'Reset tokens had no server-side expiry', severity: 'medium', status: 'resolved', kind: 'table-row', line: 68, dependencies: [] },
        { key: 'CR-08', id: 'CR-08', title: 'Availability check is O(slots × bookings)', severity: 'low', status: 'wontfix', kind: 'table-row', line: 70, dependencies: [] },
      ]);
    });

    it('reads the mojibake readiness plan as repaired: emoji markers, CRITICAL BUG #n, Task n.n and n.n: IDs', () => {
      expectIssues([
        { key: 'CRITICAL BUG #1', id: 'CRITICAL BUG #1', title: 'Reminders Sent Twice After a Worker Restart', severity: 'critical', status: 'resolved', kind: 'heading', line: 33, dependencies: [] },
        { key: 'CRITICAL BUG #2', id: 'CRITICAL BUG #2', title: 'New Database Connection on Every Request', severity: 'high', status: 'open', kind: 'heading', line: 40, dependencies: [] },
        { key: '1.1', id: '1.1', title: 'Health endpoint', severity: null, status: 'resolved', kind: 'table-row', line: 52, dependencies: [] },
        { key: '1.4', id: '1.4', title: 'Connection Pooling', severity: null, status: 'in-progress', kind: 'heading', line: 57, dependencies: [] },
        { key: 'Task 2.5', id: 'Task 2.5', title: 'Frontend Error Boundary', severity: 'medium', status: 'open', kind: 'heading', line: 66, dependencies: [] },
        { key: 'Task 2.7', id: 'Task 2.7', title: 'Split Production Settings', severity: null, status: 'open', kind: 'heading', line: 79, dependencies: [] },
      ]);
    });

    it('reports exactly the stale references the fixture plants', () => {
      const stale = report.references.filter((reference) => reference.stale).map((reference) => `${reference.document}:${reference.line}:${reference.column} ${reference.state} ${reference.text}`);
      assert.deepEqual(stale, [
        'SECURITY_AUDIT.md:92:16 ambiguous utils.py:18',
        'SECURITY_AUDIT.md:124:16 outside-workspace ../../etc/passwd:1',
        'SECURITY_AUDIT.md:154:4 line-out-of-range frontend/src/api/client.ts:112-118',
        'SECURITY_AUDIT.md:166:11 missing-file backend/payments/webhooks.py:88',
        'docs/audits/READINESS_PLAN.md:81:16 missing-file app/settings_production.py',
        'docs/audits/READINESS_PLAN.md:83:28 line-out-of-range app/settings.py:118-134',
        'docs/audits/REVIEW_REPORT.md:58:14 line-out-of-range ../../frontend/src/hooks/useAuth.ts#L72-L80',
        'docs/audits/REVIEW_REPORT.md:71:63 line-out-of-range `backend/bookings/utils.py` | 48-52',
        'docs/audits/TECH_DEBT.md:53:66 line-out-of-range line 214',
        'docs/audits/TECH_DEBT.md:56:12 missing-file frontend/src/lib/billing-logger.ts',
      ]);
      const states = new Map<string, number>();
      for (const reference of report.references) states.set(reference.state, (states.get(reference.state) ?? 0) + 1);
      assert.deepEqual(Object.fromEntries([...states].sort()), { ambiguous: 1, 'line-out-of-range': 5, 'missing-file': 3, ok: 47, 'outside-workspace': 1, proposed: 2 });
    });

    it('never resolves a path that climbs out of the workspace', () => {
      expectReferences(['SECURITY_AUDIT.md:124:16 path-line outside-workspace ../../etc/passwd → null lines 1-1 issue=SEC-06']);
    });

    it('gives every other state its resolution: ambiguous, missing, out of range, proposed', () => {
      expectReferences([
        'SECURITY_AUDIT.md:92:16 path-line ambiguous utils.py → backend/accounts/utils.py lines 18-18 issue=SEC-04',
        'SECURITY_AUDIT.md:166:11 path-line missing-file backend/payments/webhooks.py → null lines 88-88 issue=SEC-08',
        'docs/audits/READINESS_PLAN.md:81:16 path-only missing-file app/settings_production.py → null whole file issue=Task 2.7',
        'docs/audits/TECH_DEBT.md:53:66 contextual-line line-out-of-range frontend/src/pages/Dashboard.tsx → frontend/src/pages/Dashboard.tsx lines 214-214 issue=TD-008',
        'docs/audits/REVIEW_REPORT.md:58:14 markdown-link line-out-of-range ../../frontend/src/hooks/useAuth.ts → frontend/src/hooks/useAuth.ts lines 72-80 issue=CR-04',
        'docs/audits/REVIEW_REPORT.md:71:63 table line-out-of-range backend/bookings/utils.py → backend/bookings/utils.py lines 48-52 issue=CR-09',
        'docs/audits/TECH_DEBT.md:33:13 path-only proposed backend/accounts/throttles.py → null whole file proposed issue=TD-005',
        'docs/audits/READINESS_PLAN.md:70:17 path-only proposed frontend/src/components/ErrorBoundary.tsx → null whole file proposed issue=Task 2.5',
      ]);
      // The same issue names backend/accounts/utils.py, which ranks that candidate first.
      assert.deepEqual(referenceAt('SECURITY_AUDIT.md:92:16').candidates, ['backend/accounts/utils.py', 'backend/bookings/utils.py']);
      for (const reference of report.references) {
        if (reference.state === 'ambiguous') continue;
        assert.deepEqual(reference.candidates, reference.resolvedPath === null ? [] : [reference.resolvedPath], describeReference(reference));
      }
    });

    it('resolves machine paths, sub-project paths, links, tables and line words to the right file', () => {
      expectReferences([
        'SECURITY_AUDIT.md:35:2 path-line ok /home/dev/acme/backend/app/settings.py → backend/app/settings.py lines 12-12 issue=SEC-01',
        'SECURITY_AUDIT.md:137:82 path-lines-words ok backend/bookings/serializers.py → backend/bookings/serializers.py lines 36-36 issue=SECURITY_AUDIT.md#128',
        'docs/audits/READINESS_PLAN.md:41:18 path-line ok app/settings.py → backend/app/settings.py lines 49-49 issue=CRITICAL BUG #2',
        // A table row that only names an issue a heading defines belongs to that issue.
        'docs/audits/READINESS_PLAN.md:55:44 path-only ok app/settings.py → backend/app/settings.py whole file issue=1.4',
        'docs/audits/TECH_DEBT.md:5:13 path-only ok REVIEW_REPORT.md → docs/audits/REVIEW_REPORT.md whole file issue=null',
        'docs/audits/TECH_DEBT.md:26:74 contextual-line ok backend/bookings/tasks.py → backend/bookings/tasks.py lines 43-43 issue=TD-004',
        'docs/audits/TECH_DEBT.md:47:81 contextual-line ok backend/bookings/views.py → backend/bookings/views.py lines 156-158 issue=TD-007',
        'docs/audits/REVIEW_REPORT.md:17:3 path-lines-words ok backend/bookings/views.py → backend/bookings/views.py lines 92-97 issue=CR-01',
        'docs/audits/REVIEW_REPORT.md:17:19 path-lines-words ok backend/bookings/views.py → backend/bookings/views.py lines 99-107 issue=CR-01',
        'docs/audits/REVIEW_REPORT.md:44:2 path-line ok bookings/views.py → backend/bookings/views.py lines 149-149 issue=CR-03',
        'docs/audits/REVIEW_REPORT.md:44:25 path-line ok bookings/views.py → backend/bookings/views.py lines 156-158 issue=CR-03',
        'docs/audits/REVIEW_REPORT.md:56:20 markdown-link ok ../../frontend/src/components/BookingTable.tsx → frontend/src/components/BookingTable.tsx lines 59-60 issue=CR-04',
        'docs/audits/REVIEW_REPORT.md:67:68 table ok backend/accounts/views.py → backend/accounts/views.py lines 96-98 issue=CR-05',
      ]);
    });

    it('flags the references inside fenced code, and only those, as inCode', () => {
      expectReferences([
        'docs/audits/REVIEW_REPORT.md:33:9 path-lines-words ok /srv/acme/backend/bookings/tasks.py → backend/bookings/tasks.py lines 18-18 inCode issue=CR-02',
        'docs/audits/REVIEW_REPORT.md:48:8 path-only ok bookings/tests/test_views.py → backend/bookings/tests/test_views.py whole file inCode issue=CR-03',
      ]);
      const inCode = report.references.filter((reference) => reference.inCode).map((reference) => `${reference.document}:${reference.line}`);
      assert.deepEqual(inCode, [`${REVIEW}:33`, `${REVIEW}:48`]);
    });

    it('points every sound line reference at the code its document describes', () => {
      // Place of the reference, then text its first referenced line must hold.
      const claims: Array<[string, string]> = [
        ['SECURITY_AUDIT.md:22:4', 'DEBUG = env.bool("DJANGO_DEBUG", default=False)'],
        ['SECURITY_AUDIT.md:45:11', 'def post(self, request):'],
        ['SECURITY_AUDIT.md:51:15', 'failed_logins=F("failed_logins") + 1'],
        ['SECURITY_AUDIT.md:91:4', 'def generate_reset_token'],
        ['SECURITY_AUDIT.md:105:11', 'CORS_ALLOWED_ORIGINS'],
        ['SECURITY_AUDIT.md:116:11', 'def get(self, request, pk: int):'],
        ['SECURITY_AUDIT.md:133:11', 'Notes may contain links'],
        ['SECURITY_AUDIT.md:137:82', 'notes = serializers.CharField('],
        ['SECURITY_AUDIT.md:153:4', 'export function logRequest'],
        ['docs/audits/TECH_DEBT.md:26:74', 'send_reminder.delay(booking.id)'],
        ['docs/audits/TECH_DEBT.md:27:46', 'send_confirmation.delay(booking.id)'],
        ['docs/audits/TECH_DEBT.md:47:81', 'booking.resource.name'],
        ['docs/audits/TECH_DEBT.md:48:51', 'bookings = Booking.objects.for_tenant'],
        ['docs/audits/TECH_DEBT.md:52:52', 'refetchInterval: 5000'],
        ['docs/audits/REVIEW_REPORT.md:17:3', 'def get_object(self, pk: int) -> Booking:'],
        ['docs/audits/REVIEW_REPORT.md:33:9', 'booking = Booking.objects.select_related("customer", "resource").get(pk=booking_id)'],
        ['docs/audits/REVIEW_REPORT.md:44:2', 'writer.writerow(self.export_row(booking))'],
        ['docs/audits/REVIEW_REPORT.md:67:68', 'if user is None:'],
        ['docs/audits/REVIEW_REPORT.md:68:52', '@property'],
        ['docs/audits/READINESS_PLAN.md:34:18', 'with transaction.atomic():'],
        ['docs/audits/READINESS_PLAN.md:41:18', 'CONN_MAX_AGE'],
        ['docs/audits/READINESS_PLAN.md:71:37', '<StrictMode>'],
        ['docs/audits/READINESS_PLAN.md:75:16', 'def get(self, request, resource_id: int):'],
      ];
      for (const [place, expected] of claims) {
        const reference = referenceAt(place);
        assert.equal(reference.state, 'ok', place);
        assert.ok(reference.resolvedPath !== null && reference.startLine !== null, place);
        const first = readFileSync(join(SAMPLE, reference.resolvedPath), 'utf8').split('\n')[reference.startLine - 1] ?? '';
        assert.ok(first.includes(expected), `${place} points at "${first.trim()}", not at ${expected}`);
      }
    });

    it('reports the lints of every document: duplicates, unknown dependencies, status conflicts, mojibake and stale references', () => {
      const lints = report.diagnostics.map((diagnostic) => `${diagnostic.document}:${diagnostic.line} ${diagnostic.severity} ${diagnostic.code}`);
      assert.deepEqual(lints, [
        'SECURITY_AUDIT.md:92 warning ambiguous-path',
        'SECURITY_AUDIT.md:111 warning unknown-issue-id',
        'SECURITY_AUDIT.md:124 warning outside-workspace',
        'SECURITY_AUDIT.md:128 warning duplicate-issue-id',
        'SECURITY_AUDIT.md:154 error line-out-of-range',
        'SECURITY_AUDIT.md:166 error missing-file',
        'docs/audits/READINESS_PLAN.md:5 information mojibake',
        'docs/audits/READINESS_PLAN.md:81 error missing-file',
        'docs/audits/READINESS_PLAN.md:83 error line-out-of-range',
        'docs/audits/REVIEW_REPORT.md:58 error line-out-of-range',
        'docs/audits/REVIEW_REPORT.md:71 error line-out-of-range',
        'docs/audits/REVIEW_REPORT.md:77 warning status-conflict',
        'docs/audits/TECH_DEBT.md:53 error line-out-of-range',
        'docs/audits/TECH_DEBT.md:56 error missing-file',
      ]);
      const message = (code: string): string => report.diagnostics.find((diagnostic) => diagnostic.code === code)?.message ?? '';
      assert.match(message('duplicate-issue-id'), /SEC-04 is already defined on line 82/);
      assert.match(message('unknown-issue-id'), /SEC-06 depends on SEC-09/);
      assert.match(message('status-conflict'), /CR-02 is marked resolved here but open on line 22/);
      assert.match(message('mojibake'), /Mac Roman/);
    });
  });

  describe('--format sarif', () => {
    interface SarifResult {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }>;
    }
    interface SarifLog {
      version: string;
      runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: SarifResult[] }>;
    }

    it('parses as SARIF 2.1.0 with one result per diagnostic of the JSON report', () => {
      const run = runCli(['check', SAMPLE, '--format', 'sarif', '--fail-on', 'none']);
      assert.equal(run.status, 0, run.stderr);
      const log = JSON.parse(run.stdout) as SarifLog;
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs.length, 1);
      const sarifRun = log.runs[0];
      assert.ok(sarifRun);
      assert.equal(sarifRun.tool.driver.name, 'audit-lens');
      const levels: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
      const fromJson = report.diagnostics.map((diagnostic) => `${diagnostic.document}:${diagnostic.line}:${diagnostic.column} ${levels[diagnostic.severity]} ${diagnostic.code}`);
      const fromSarif = sarifRun.results.map((result) => {
        assert.equal(result.locations.length, 1);
        const location = result.locations[0]?.physicalLocation;
        assert.equal(location?.artifactLocation.uriBaseId, '%SRCROOT%');
        assert.equal(sarifRun.tool.driver.rules[result.ruleIndex]?.id, result.ruleId);
        return `${location?.artifactLocation.uri}:${location?.region.startLine}:${location?.region.startColumn} ${result.level} ${result.ruleId}`;
      });
      assert.equal(sarifRun.results.length, report.diagnostics.length);
      assert.deepEqual([...fromSarif].sort(), [...fromJson].sort());
    });
  });

  describe('--format text', () => {
    it('names every stale reference with its place, state and text', () => {
      const run = runCli(['check', SAMPLE, '--format', 'text', '--fail-on', 'none']);
      assert.equal(run.status, 0, run.stderr);
      const text = run.stdout;
      assert.doesNotMatch(text, /\u001b\[/, 'no colour when stdout is a pipe');
      const lineAbout = (place: string): string | undefined => text.split('\n').find((candidate) => candidate.trimStart().startsWith(`${place} `));
      for (const reference of report.references.filter((candidate) => candidate.stale)) {
        const place = `${reference.document}:${reference.line}:${reference.column}`;
        const line = lineAbout(place);
        assert.ok(line, `the text report does not mention ${place}`);
        assert.ok(line.includes(` ${reference.state} `), `${place} should say ${reference.state}: ${line}`);
        assert.ok(line.includes(reference.text), `${place} should show ${reference.text}: ${line}`);
      }
      assert.match(lineAbout('SECURITY_AUDIT.md:124:16') ?? '', / outside-workspace +\.\.\/\.\.\/etc\/passwd:1 → /);
      assert.match(lineAbout('docs/audits/TECH_DEBT.md:53:66') ?? '', / line-out-of-range +line 214 → frontend\/src\/pages\/Dashboard\.tsx has 76 lines/);
      assert.match(text, /^docs\/audits\/READINESS_PLAN\.md {2}mojibake repaired · 9 issues · 12 references$/m);
      assert.match(text, /^Audit Lens {2}5 documents · 38 issues \(26 open\) · 59 references \(10 stale\)$/m);
    });
  });
});
