// The ids of the extension's commands, views and context keys, in one place: package.json names the
// same ones (a test checks that every id here is contributed).

/** Command ids, as package.json contributes them. */
export const Commands = {
  refresh: 'auditLens.refresh',
  groupBy: 'auditLens.groupBy',
  showResolved: 'auditLens.showResolved',
  hideResolved: 'auditLens.hideResolved',
  filter: 'auditLens.filter',
  clearFilter: 'auditLens.clearFilter',
  openIssue: 'auditLens.openIssue',
  goToReference: 'auditLens.goToReference',
  markResolved: 'auditLens.markResolved',
  markOpen: 'auditLens.markOpen',
  fixAllInDocument: 'auditLens.fixAllInDocument',
  fixReference: 'auditLens.fixReference',
  repairEncoding: 'auditLens.repairEncoding',
  exportReport: 'auditLens.exportReport',
  revealInIssuesView: 'auditLens.revealInIssuesView',
  restartServer: 'auditLens.restartServer',
  showOutput: 'auditLens.showOutput',
  newAuditDocument: 'auditLens.newAuditDocument',
  copyReference: 'auditLens.copyReference',
} as const;

/** View ids. */
export const Views = {
  container: 'auditLens',
  issues: 'auditLens.issues',
  stale: 'auditLens.stale',
} as const;

/** Context keys the manifest's `when` clauses read. */
export const ContextKeys = {
  serverState: 'auditLens.serverState',
  issueCount: 'auditLens.issueCount',
  showResolved: 'auditLens.showResolved',
  filtered: 'auditLens.filtered',
} as const;

/** The argument of `auditLens.openIssue`, as the server's CodeLens sends it (`folderUri` is the client's addition). */
export interface OpenIssueArguments {
  /** Path of the audit document, relative to its workspace folder. */
  documentPath: string;
  key: string;
  /** 0-based line of the issue in its document. */
  line: number;
  /** The folder's URI; lenses leave it out, and the client finds the folder that holds the document. */
  folderUri?: string;
}

/** True for a value shaped like OpenIssueArguments (commands receive unknown values). */
export function isOpenIssueArguments(value: unknown): value is OpenIssueArguments {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate['documentPath'] === 'string' && typeof candidate['key'] === 'string' && typeof candidate['line'] === 'number';
}
