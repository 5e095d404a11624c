// Gutter icons and overview-ruler marks on the lines of visible source files that open audit
// issues reference, in the colour of the most severe one, from `auditLens/issuesForFile`.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IssuesForFileRequest } from '../../../server/src/protocol';
import { Commands, type OpenIssueArguments } from '../model/commandIds';
import { planDecorations, spanHover, type DecorationLevel } from '../model/decorationPlan';
import type { FileIssueEntry, IssuesForFileResult } from '../model/issueData';
import { SEVERITY_COLORS } from '../model/styles';
import { locate } from '../workspacePaths';

const LEVELS: readonly DecorationLevel[] = ['critical', 'high', 'medium', 'low', 'info', 'none'];

/** Decorates visible editors and remembers the last answer per file for commands that need it. */
export class GutterDecorations implements vscode.Disposable {
  private readonly types = new Map<DecorationLevel, vscode.TextEditorDecorationType>();
  private readonly results = new Map<string, IssuesForFileResult | null>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pendingAll = false;
  private readonly pending = new Set<string>();
  private generation = 0;

  constructor(extensionUri: vscode.Uri, private readonly client: LanguageClient) {
    for (const level of LEVELS) {
      const icon = level === 'none' ? 'info' : level;
      this.types.set(
        level,
        vscode.window.createTextEditorDecorationType({
          gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', `gutter-${icon}.svg`),
          gutterIconSize: 'contain',
          overviewRulerColor: new vscode.ThemeColor(level === 'none' ? 'descriptionForeground' : SEVERITY_COLORS[level]),
          overviewRulerLane: vscode.OverviewRulerLane.Right,
        }),
      );
    }
    this.disposables.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.scheduleAll(100)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('auditLens.decorations.enabled')) this.scheduleAll(0);
      }),
    );
  }

  /** The last answer for a file, if it was visible since the index last changed. */
  resultFor(uri: vscode.Uri): IssuesForFileResult | null | undefined {
    return this.results.get(uri.toString());
  }

  /** Redecorates every visible editor after `delayMs`. */
  scheduleAll(delayMs = 250): void {
    this.pendingAll = true;
    this.arm(delayMs);
  }

  /** Redecorates the visible editors of these workspace-relative paths after `delayMs`. */
  schedulePaths(folderUri: string, paths: readonly string[], delayMs = 250): void {
    if (paths.length === 0) return this.scheduleAll(delayMs);
    for (const path of paths) this.pending.add(`${folderUri}\u0000${path}`);
    this.arm(delayMs);
  }

  /** Removes every decoration (the server stopped). */
  clear(): void {
    this.generation++;
    this.results.clear();
    for (const editor of vscode.window.visibleTextEditors) this.apply(editor, null);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
    for (const type of this.types.values()) type.dispose();
  }

  private arm(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delayMs);
  }

  private async flush(): Promise<void> {
    const all = this.pendingAll;
    const paths = new Set(this.pending);
    this.pendingAll = false;
    this.pending.clear();
    const editors = vscode.window.visibleTextEditors.filter((editor) => {
      if (editor.document.uri.scheme !== 'file') return false;
      if (all) return true;
      const location = locate(editor.document.uri);
      return location !== undefined && paths.has(`${location.folderUri}\u0000${location.path}`);
    });
    await Promise.all(editors.map((editor) => this.update(editor)));
  }

  private async update(editor: vscode.TextEditor): Promise<void> {
    const uri = editor.document.uri;
    const enabled = vscode.workspace.getConfiguration('auditLens', uri).get<boolean>('decorations.enabled', true);
    if (!enabled || !this.client.isRunning()) {
      this.apply(editor, null);
      return;
    }
    const generation = this.generation;
    let result: IssuesForFileResult | null;
    try {
      result = await this.client.sendRequest(IssuesForFileRequest.type, { uri: this.client.code2ProtocolConverter.asUri(uri) });
    } catch {
      return; // The server is restarting; the next index change redecorates.
    }
    if (generation !== this.generation) return;
    this.results.set(uri.toString(), result);
    this.apply(editor, result);
  }

  private apply(editor: vscode.TextEditor, result: IssuesForFileResult | null): void {
    const plan = planDecorations(result, editor.document.lineCount);
    const folderUri = locate(editor.document.uri)?.folderUri;
    for (const level of LEVELS) {
      const type = this.types.get(level);
      if (!type) continue;
      const spans = plan.get(level) ?? [];
      editor.setDecorations(
        type,
        spans.map((span) => {
          const hover = new vscode.MarkdownString(spanHover(span, (issue) => openIssueLink(issue, folderUri)));
          hover.isTrusted = { enabledCommands: [Commands.openIssue] };
          return { range: new vscode.Range(span.startLine, 0, span.endLine, 0), hoverMessage: hover };
        }),
      );
    }
  }
}

function openIssueLink(issue: FileIssueEntry, folderUri: string | undefined): string {
  const argument: OpenIssueArguments = { documentPath: issue.documentPath, key: issue.key, line: issue.issueLine, ...(folderUri ? { folderUri } : {}) };
  return `command:${Commands.openIssue}?${encodeURIComponent(JSON.stringify([argument]))}`;
}
