// A small workspace for feature tests (audit documents in the styles real audits use, and the
// source files they point at) and an IndexView over it built with the core's own analysis, so
// features are tested against what the index will really hold. The IndexView here is a stand-in
// for the incremental WorkspaceIndex: same contract, computed once.
import type { IndexedReference, IndexView, LocatedIssue } from '../../server/src/core/index/indexView';
import type { DocumentAnalysis, WorkspaceReport } from '../../server/src/core/model';
import { FileIndex } from '../../server/src/core/pathResolver';
import { analyzeWorkspace } from '../../server/src/core/workspaceAnalyzer';
import { joinLines, MemoryWorkspace } from './memoryWorkspace';

/** A security audit in the production-tracker style: severity sections, `### ID: Title`, bold fields. */
export const SECURITY_AUDIT = joinLines(
  '# Acme Bookings Production Audit - Issue Tracker',
  '',
  '**Generated:** March 3, 2026, 09:15 CET  ',
  '**Total Issues:** 5 (2 P0, 2 P1, 1 P2)',
  '',
  '---',
  '',
  '## 🔴 P0 - CRITICAL (Production Blockers)',
  '',
  '### P0-01: DEBUG Defaults to True',
  '',
  '**Severity:** 🔴 Critical  ',
  '**Category:** Security  ',
  '**Status:** ✅ RESOLVED  ',
  '',
  '**Location:**',
  '',
  '- `backend/app/settings.py:12`',
  '',
  '---',
  '',
  '### P0-02: HTTPS Security Protections Disabled',
  '',
  '**Severity:** 🔴 Critical  ',
  '**Category:** Security  ',
  '**Status:** 🔴 Open  ',
  '**File**: backend/app/settings.py:20-24  ',
  '**Dependencies:** P0-01',
  '',
  '**Description:**',
  'HSTS and the SSL redirect are off. The token helper in `utils.py:3` signs with the same key.',
  '',
  '---',
  '',
  '## 🟠 P1 - HIGH PRIORITY',
  '',
  '### P1-01: Booking List Renders Every Row',
  '',
  '**Severity:** 🟠 High  ',
  '**Status:** 🔄 In Progress  ',
  '',
  '**Location:**',
  '',
  '- `backend/bookings/views.py:20-38`',
  '- `frontend/src/api/client.ts:40-44`',
  '',
  '### P1-02: Log Rotation Config Is World-Readable',
  '',
  '**Severity:** 🟠 High  ',
  '**Status:** 🔴 Open  ',
  '',
  'The deploy host copies `../../etc/logrotate.d/acme:1` as is, and the webhook handler',
  '`backend/payments/webhooks.py:88` logs full card tokens.',
  '',
  '## 🟡 P2 - MEDIUM PRIORITY',
  '',
  '### P2-01: Settings Module Mixes Environments',
  '',
  '**Severity:** 🟡 Medium  ',
  "**Status:** Won't Fix  ",
  '**File**: backend/app/settings.py:20',
  '',
);

/** A remediation tracker in the checklist style: `- [x] ID: …`, bold item titles, sub-bullet fields. */
export const TECH_DEBT = joinLines(
  '# Technical Debt Remediation Tracking',
  '## Review action items',
  '',
  '**Generated:** 2026-03-04',
  '**Status:** Active - Track progress here',
  '',
  '---',
  '',
  '## ✅ Completed',
  '',
  '- [x] CRIT-001: Token signing key fallback → fail fast in production',
  '- [x] PERF-001: Booking export N+1 → select_related added',
  '',
  '---',
  '',
  '## 🔴 High Priority (Next Sprint)',
  '',
  '### Security',
  '',
  '- [ ] **HP-002: Enforce HTTPS Redirects** [1 day]',
  '  - File: `backend/app/settings.py`',
  '  - Blocked until P0-02 lands, and BUG #1 is verified in staging',
  '  - Same defaults in `backend/app/settings.py:20`',
  '  - **Dependencies:** P0-02',
  '',
  '- [ ] **HP-003: Deploy Script Skips Migrations** [2 hours]',
  '  - File: `scripts/deploy.sh:4`',
  '',
);

/** A readiness plan in the `BUG #N` style. */
export const READINESS_PLAN = joinLines(
  '# Production Readiness Plan - Bookings',
  '',
  '## Critical Bugs',
  '',
  '### 🔴 BUG #1 - Health Endpoint Uses the Wrong Query',
  '',
  '**Status:** 🔴 Open',
  '**File:** `backend/bookings/views.py`',
  '**Lines:** 5-7',
  '',
);

/** `count` lines of Python, with the given lines replaced. */
function pythonLines(count: number, replaced: Record<number, string>): string {
  const lines: string[] = [];
  for (let line = 1; line <= count; line++) lines.push(replaced[line] ?? `value_${line} = ${line}`);
  return `${lines.join('\n')}\n`;
}

/** The fixture's files: three audit documents and the code they point at. */
export const FIXTURE_FILES: Record<string, string> = {
  'docs/SECURITY_AUDIT.md': SECURITY_AUDIT,
  'TECH_DEBT.md': TECH_DEBT,
  'docs/READINESS_PLAN.md': READINESS_PLAN,
  'backend/app/settings.py': pythonLines(30, {
    12: 'DEBUG = env.bool("DJANGO_DEBUG", default=False)',
    20: 'SECURE_SSL_REDIRECT = False',
    21: 'SECURE_HSTS_SECONDS = 0',
    22: 'SESSION_COOKIE_SECURE = False',
    23: 'CSRF_COOKIE_SECURE = False',
    24: 'SECURE_HSTS_INCLUDE_SUBDOMAINS = False',
  }),
  'backend/accounts/utils.py': joinLines('import hmac', '', 'def make_token(user):', '    return hmac.new(KEY, user.email.encode(), "sha256").hexdigest()', ''),
  'backend/bookings/utils.py': joinLines('from datetime import timedelta', '', 'def hold_until(start):', '    return start - timedelta(minutes=15)', ''),
  'backend/bookings/views.py': pythonLines(40, {
    1: 'from rest_framework import generics',
    3: 'class HealthView(generics.GenericAPIView):',
    5: '    def get(self, request):',
    6: '        row = connection.execute("SELECT 1 FROM bookings LIMIT 0")',
    7: '        return Response({"ok": row is not None})',
    18: 'class BookingListView(generics.ListAPIView):',
    20: '    def get_queryset(self):',
    38: '        return Booking.objects.all()',
  }),
  'frontend/src/api/client.ts': joinLines(
    "import axios from 'axios';",
    '',
    'export const api = axios.create({',
    "  baseURL: '/api/',",
    '  timeout: 10_000,',
    '});',
    '',
    'export function setToken(token: string): void {',
    "  api.defaults.headers.common['Authorization'] = `Bearer ${token}`;",
    '}',
    '',
  ),
  'scripts/deploy.sh': joinLines('#!/usr/bin/env bash', 'set -euo pipefail', 'docker compose pull', 'docker compose up -d', ''),
};

/** How the stand-in index reports where referenced code stands now. */
export interface FixtureIndexOptions {
  /** Lines added above every reference to these files since indexing (the current lines move by this much). */
  lineShifts?: Record<string, number>;
  /** Files whose referenced lines carry unsaved edits. */
  editedFiles?: string[];
}

/** An IndexView over an in-memory workspace, with the host and the report kept for assertions. */
export class FixtureIndex implements IndexView {
  readonly root: string;
  readonly indexing = false;
  private readonly byPath: Map<string, DocumentAnalysis>;
  private readonly referencesByFile = new Map<string, IndexedReference[]>();

  constructor(
    readonly host: MemoryWorkspace,
    readonly report: WorkspaceReport,
    readonly files: FileIndex,
    /** Every workspace path, as a host would pass it to completion. */
    readonly filePaths: string[],
    options: FixtureIndexOptions = {},
  ) {
    this.root = host.root;
    this.byPath = new Map(report.documents.map((document) => [document.path, document]));
    for (const document of report.documents) {
      for (const reference of document.references) {
        if (reference.resolvedPath === null) continue;
        const shift = options.lineShifts?.[reference.resolvedPath] ?? 0;
        const issue = reference.issueKey === null ? undefined : document.issues.find((candidate) => candidate.key === reference.issueKey);
        const indexed: IndexedReference = {
          documentPath: document.path,
          reference,
          issue,
          currentStartLine: reference.startLine === null ? null : reference.startLine + shift,
          currentEndLine: reference.endLine === null ? null : reference.endLine + shift,
          editedSinceIndexed: options.editedFiles?.includes(reference.resolvedPath) ?? false,
        };
        const list = this.referencesByFile.get(reference.resolvedPath) ?? [];
        list.push(indexed);
        this.referencesByFile.set(reference.resolvedPath, list);
      }
    }
  }

  documents(): readonly DocumentAnalysis[] {
    return this.report.documents;
  }

  document(path: string): DocumentAnalysis | undefined {
    return this.byPath.get(path);
  }

  referencesTo(path: string): readonly IndexedReference[] {
    return this.referencesByFile.get(path) ?? [];
  }

  issuesById(id: string): readonly LocatedIssue[] {
    const found: LocatedIssue[] = [];
    for (const document of this.report.documents) {
      for (const issue of document.issues) if (issue.id === id) found.push({ documentPath: document.path, issue });
    }
    return found;
  }

  issueByKey(documentPath: string, key: string): LocatedIssue | undefined {
    const issue = this.byPath.get(documentPath)?.issues.find((candidate) => candidate.key === key);
    return issue ? { documentPath, issue } : undefined;
  }

  async readText(path: string): Promise<string | undefined> {
    if (await this.host.isOutsideRoot(path)) return undefined;
    const bytes = await this.host.readFile(path);
    return bytes ? new TextDecoder().decode(bytes) : undefined;
  }
}

/** Analyzes the files and returns an index over them, with the host's read log cleared. */
export async function buildFixtureIndex(files: Record<string, string> = FIXTURE_FILES, options: FixtureIndexOptions = {}): Promise<FixtureIndex> {
  const host = new MemoryWorkspace(files);
  const report = await analyzeWorkspace(host);
  const filePaths = await host.listFiles();
  const index = new FixtureIndex(host, report, new FileIndex(filePaths, host.root), filePaths, options);
  host.reads.length = 0;
  return index;
}

/** The position of the first occurrence of `needle` in the text, `offset` characters into it. */
export function positionOf(text: string, needle: string, offset = 0): { line: number; character: number } {
  const index = text.indexOf(needle);
  if (index === -1) throw new Error(`fixture text has no ${needle}`);
  const before = text.slice(0, index + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}
