// The status bar item: `$(checklist) 7 open · 3 stale`; a click focuses the Issues view.
import * as vscode from 'vscode';
import { Views } from './model/commandIds';
import type { IssueTotals } from './model/issueTree';
import { statusBarContent } from './model/statusSummary';

/** Shows the open-issue and stale-reference counts. */
export class AuditStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('auditLens.status', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Audit Lens';
    this.item.command = `${Views.issues}.focus`;
  }

  /** Shows the totals, or hides the item where there is nothing to count. */
  update(totals: IssueTotals, serverState: 'starting' | 'running' | 'stopped'): void {
    const content = statusBarContent(totals, serverState);
    this.item.text = content.text;
    this.item.tooltip = new vscode.MarkdownString(content.tooltip);
    if (content.visible) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
