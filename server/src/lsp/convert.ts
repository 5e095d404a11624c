// Conversions from the core's plain data to LSP types. The core never sees LSP types.
import { DiagnosticSeverity as LspSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { AuditDiagnostic, DiagnosticSeverity } from '../core/model';
import type { SeveritySetting } from './settings';

const SEVERITIES: Record<DiagnosticSeverity, LspSeverity> = {
  error: LspSeverity.Error,
  warning: LspSeverity.Warning,
  information: LspSeverity.Information,
  hint: LspSeverity.Hint,
};

/** The name diagnostics carry in the Problems panel. */
export const DIAGNOSTIC_SOURCE = 'audit-lens';

/**
 * Converts core diagnostics, applying per-code severity settings. A setting never raises a hint
 * that the core gave a reference inside a code block, and `off` drops the diagnostic.
 */
export function toLspDiagnostics(diagnostics: readonly AuditDiagnostic[], overrides: Partial<Record<string, SeveritySetting>>): Diagnostic[] {
  const converted: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const override = overrides[diagnostic.code];
    if (override === 'off') continue;
    const inCode = diagnostic.data?.['inCode'] === true;
    const severity = override && !inCode ? override : diagnostic.severity;
    converted.push({
      range: diagnostic.range,
      severity: SEVERITIES[severity],
      code: diagnostic.code,
      source: DIAGNOSTIC_SOURCE,
      message: diagnostic.message,
      data: diagnostic.data,
    });
  }
  return converted;
}
