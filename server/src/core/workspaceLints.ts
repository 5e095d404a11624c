// Lints that need the whole workspace: a dependency on an issue ID that no document defines.
import type { AuditDiagnostic, DocumentAnalysis } from './model';

/** Adds an `unknown-issue-id` diagnostic for each dependency that names no known issue. */
export function addUnknownDependencyDiagnostics(documents: readonly DocumentAnalysis[]): void {
  const known = new Set<string>();
  for (const document of documents) for (const issue of document.issues) if (issue.id) known.add(issue.id);
  for (const document of documents) {
    const added: AuditDiagnostic[] = [];
    for (const issue of document.issues) {
      for (const dependency of issue.dependencies) {
        if (known.has(dependency)) continue;
        added.push({
          code: 'unknown-issue-id',
          severity: 'warning',
          message: `${issue.id ?? issue.title} depends on ${dependency}, which no audit document in the workspace defines.`,
          range: issue.range,
          data: { id: dependency },
        });
      }
    }
    if (added.length > 0) {
      document.diagnostics.push(...added);
      document.diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }
  }
}
