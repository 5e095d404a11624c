import assert from 'node:assert/strict';
import {
  emojiSeverity,
  explicitTitleSeverity,
  sectionSeverity,
  severityFromField,
  statusFromField,
  statusFromTitle,
} from '../../server/src/core/issues/markers';
import { findIssueIds, matchLeadingId } from '../../server/src/core/issues/issueIds';
import { cleanTitle } from '../../server/src/core/issues/titles';

describe('severity markers', () => {
  it('reads severity fields: words first, then P-levels, then emoji', () => {
    assert.equal(severityFromField('🔴 Critical'), 'critical');
    assert.equal(severityFromField('P1 - HIGH'), 'high');
    assert.equal(severityFromField('P2'), 'medium');
    assert.equal(severityFromField('🟡'), 'medium');
    assert.equal(severityFromField('Moderate'), 'medium');
    assert.equal(severityFromField('whatever'), null);
  });

  it('reads explicit title markers but not prose', () => {
    assert.equal(explicitTitleSeverity('[CRITICAL] Missing database backups'), 'critical');
    assert.equal(explicitTitleSeverity('Open redirect (High, Open)'), 'high');
    assert.equal(explicitTitleSeverity('Fix API Test Routes (URGENT - P0)'), 'critical');
    assert.equal(explicitTitleSeverity('Phase 1: Critical Fixes'), null);
    assert.equal(explicitTitleSeverity('Missing select_related ✅ RESOLVED (HIGH-13)'), null, 'an ID is not a severity');
    assert.equal(explicitTitleSeverity('P0-01: DEBUG=True'), null, 'P0-01 is an ID, not a P0 marker');
  });

  it('recognizes sections named by severity', () => {
    assert.equal(sectionSeverity('🟠 P1 - HIGH PRIORITY'), 'high');
    assert.equal(sectionSeverity('High Priority Issues (33)'), 'high');
    assert.equal(sectionSeverity('Critical Issues (10)'), 'critical');
    assert.equal(sectionSeverity('🟡 Medium Priority (Next Quarter - 12 weeks)'), 'medium');
    assert.equal(sectionSeverity('Low'), 'low');
    assert.equal(sectionSeverity('Phase 1: Critical Fixes'), null);
    assert.equal(sectionSeverity('Top 10 Critical/High Priority Issues'), null);
    assert.equal(sectionSeverity('Critical Fixes Completed (October 24, 2025)'), null);
  });

  it('maps colour emoji', () => {
    assert.equal(emojiSeverity('🔴 x'), 'critical');
    assert.equal(emojiSeverity('🟠 x'), 'high');
    assert.equal(emojiSeverity('🟢 x'), 'low');
    assert.equal(emojiSeverity('plain'), null);
  });
});

describe('status markers', () => {
  it('reads status fields, negations first', () => {
    assert.equal(statusFromField('✅ RESOLVED'), 'resolved');
    assert.equal(statusFromField('🔴 Open'), 'open');
    assert.equal(statusFromField('🔄 In Progress'), 'in-progress');
    assert.equal(statusFromField('⚠️ NEEDS FIX (not critical if migration runs only once)'), 'open');
    assert.equal(statusFromField('NOT FIXED YET'), 'open');
    assert.equal(statusFromField('COMPLETE'), 'resolved');
    assert.equal(statusFromField('✅ IMPROVED (still not perfect)'), 'resolved', '"not perfect" is no negation of a status word');
  });

  it('reads title markers in capitals, emoji or short brackets only', () => {
    assert.equal(statusFromTitle('Health Endpoint Will Crash (FIXED)'), 'resolved');
    assert.equal(statusFromTitle('Consolidation Query Incompatible (NOT FIXED YET)'), 'open');
    assert.equal(statusFromTitle('Open Redirect in Login'), null, 'title case prose is not a marker');
    assert.equal(statusFromTitle('Node.js browser logger error (fixed)'), 'resolved');
    assert.equal(statusFromTitle('Indexes (upstream/alerts/models.py - added partial index on customer)'), null);
    assert.equal(statusFromTitle('Phase 4: Low Priority (Ongoing)', { lowerCaseBrackets: false }), null);
  });
});

describe('issue IDs and titles', () => {
  it('finds the ID that opens a title', () => {
    assert.equal(matchLeadingId('P0-01: DEBUG=True')?.id, 'P0-01');
    assert.equal(matchLeadingId('CRIT-10: No Rollback')?.id, 'CRIT-10');
    assert.equal(matchLeadingId('CRITICAL BUG #1: Health Endpoint')?.id, 'CRITICAL BUG #1');
    assert.equal(matchLeadingId('ISSUE #2: Type Error')?.id, 'ISSUE #2');
    assert.equal(matchLeadingId('Task 2.5: Fix API Test Routes')?.id, 'Task 2.5');
    assert.equal(matchLeadingId('1.4: Data Consolidation')?.id, '1.4');
    assert.equal(matchLeadingId('UTF-8 decoding breaks'), undefined);
    assert.equal(matchLeadingId('Inefficient serializer method fields'), undefined);
  });

  it('finds dependency IDs in prose', () => {
    assert.deepEqual(findIssueIds('P0-01 (DEBUG=False), P1-05 (Settings modularization)'), ['P0-01', 'P1-05']);
    assert.deepEqual(findIssueIds('None'), []);
    assert.deepEqual(findIssueIds('after Task 2.5 and SHA-256 support'), ['Task 2.5']);
  });

  it('cleans titles of markers, status words and effort', () => {
    assert.deepEqual(cleanTitle(': Health Endpoint Will Crash (FIXED)'), { title: 'Health Endpoint Will Crash', effort: null });
    assert.deepEqual(cleanTitle(': Implement MFA for Admin Accounts [3-5 days]'), { title: 'Implement MFA for Admin Accounts', effort: '3-5 days' });
    assert.equal(cleanTitle('Missing select_related (3 N+1 patterns) ✅ RESOLVED (HIGH-13)').title, 'Missing select_related (3 N+1 patterns)');
    assert.equal(cleanTitle('🔴 Rate Limiter Race Condition (IMPROVED)').title, 'Rate Limiter Race Condition');
  });
});
