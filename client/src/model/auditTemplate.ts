// The template of "New Audit Document": an audit in the format Audit Lens reads best, with one
// example finding that shows each field it understands.

/** The name of the new document: AUDIT.md, or AUDIT-2.md, AUDIT-3.md… when taken (names compared case-insensitively). */
export function nextAuditFileName(existingNames: Iterable<string>): string {
  const taken = new Set([...existingNames].map((name) => name.toLowerCase()));
  if (!taken.has('audit.md')) return 'AUDIT.md';
  for (let index = 2; ; index++) {
    const name = `AUDIT-${index}.md`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** The template's text, dated `date` (YYYY-MM-DD), with `\n` line ends. */
export function auditTemplate(date: string): string {
  return [
    '# Code Audit - Findings Tracker',
    '',
    `**Audit Date:** ${date}  `,
    `**Last Updated:** ${date}  `,
    '**Auditor:** (name or team)  ',
    '**Scope:** (what was reviewed, such as `backend/` and `frontend/src/`)',
    '',
    '---',
    '',
    '## 🔴 Critical Findings',
    '',
    '### AUD-01: Short Title of the Finding',
    '',
    '**Severity:** 🔴 Critical  ',
    '**Status:** 🔴 Open  ',
    '**Category:** (Security, Performance, Reliability…)  ',
    '**Effort:** S (under a day)  ',
    '**Dependencies:** None',
    '',
    '**Location:**',
    '',
    '- `path/to/file.py:42-57`',
    '',
    '**Description:**',
    'What is wrong, why it matters, and how to reproduce it.',
    '',
    '**Recommendation:** what to change.',
    '',
    '---',
    '',
    '## 🟠 High Findings',
    '',
    '## 🟡 Medium Findings',
    '',
    '## 🟢 Low Findings',
    '',
  ].join('\n');
}
