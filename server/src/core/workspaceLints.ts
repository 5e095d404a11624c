// Lints that need the whole workspace: a dependency on an issue ID that no document defines.
import type { AuditDiagnostic, DocumentAnalysis } from './model';

/** The `unknown-issue-id` diagnostics of one document, given which IDs the workspace defines. */
export function unknownDependencyDiagnostics(document: DocumentAnalysis, isKnown: (id: string) => boolean): AuditDiagnostic[] {
  const diagnostics: AuditDiagnostic[] = [];
  for (const issue of document.issues) {
    for (const dependency of issue.dependencies) {
      if (isKnown(dependency)) continue;
      diagnostics.push({
        code: 'unknown-issue-id',
        severity: 'warning',
        message: `${issue.id ?? issue.title} depends on ${dependency}, which no audit document in the workspace defines.`,
        range: issue.range,
        data: { id: dependency },
      });
    }
  }
  return diagnostics;
}

/** Adds an `unknown-issue-id` diagnostic for each dependency that names no known issue. */
export function addUnknownDependencyDiagnostics(documents: readonly DocumentAnalysis[]): void {
  const known = new Set<string>();
  for (const document of documents) for (const issue of document.issues) if (issue.id) known.add(issue.id);
  for (const document of documents) {
    const added = unknownDependencyDiagnostics(document, (id) => known.has(id));
    if (added.length > 0) {
      document.diagnostics.push(...added);
      document.diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }
  }
}
