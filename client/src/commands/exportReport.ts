// Export Report: Markdown from what the Issues view knows, or JSON and SARIF from the bundled CLI
// (the same core, run with the editor's own node and no shell). Written where the user says,
// through workspace.fs.
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import { Commands } from '../model/commandIds';
import { renderMarkdownReport } from '../model/markdownReport';
import type { Services } from '../services';

type ReportFormat = 'markdown' | 'json' | 'sarif';

const FORMATS: ReadonlyArray<{ format: ReportFormat; label: string; detail: string; extension: string; filter: string }> = [
  { format: 'markdown', label: 'Markdown', detail: 'A readable summary for a pull request or a wiki', extension: 'md', filter: 'Markdown' },
  { format: 'json', label: 'JSON', detail: 'Every issue, reference and diagnostic, for scripts', extension: 'json', filter: 'JSON' },
  { format: 'sarif', label: 'SARIF', detail: 'SARIF 2.1.0, for code scanning', extension: 'sarif', filter: 'SARIF' },
];

/** Registers Export Report. */
export function registerExportCommand(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.exportReport, (argument?: unknown) => exportReport(services, exportArgument(argument)));
}

/** What a keybinding, a task or a test may pass to skip the pickers: `{ format, target }`. */
interface ExportArgument {
  format: ReportFormat;
  /** Where to write; a file URI, or a path inside the first workspace folder. */
  target?: vscode.Uri;
}

function exportArgument(value: unknown): ExportArgument | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { format, target } = value as { format?: unknown; target?: unknown };
  if (!FORMATS.some((entry) => entry.format === format)) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0];
  const targetUri = target instanceof vscode.Uri ? target : typeof target === 'string' && folder ? vscode.Uri.joinPath(folder.uri, target) : undefined;
  return { format: format as ReportFormat, ...(targetUri ? { target: targetUri } : {}) };
}

async function exportReport(services: Services, given: ExportArgument | undefined): Promise<void> {
  const trusted = vscode.workspace.isTrusted;
  const choice = given
    ? FORMATS.find((entry) => entry.format === given.format)
    : await vscode.window.showQuickPick(
        FORMATS.map((entry) => ({ ...entry, description: !trusted && entry.format !== 'markdown' ? 'needs a trusted workspace' : '' })),
        { title: 'Audit Lens: Export Report As' },
      );
  if (!choice) return;
  if (choice.format !== 'markdown' && !trusted) {
    void vscode.window.showWarningMessage('JSON and SARIF reports run the Audit Lens CLI, which needs a trusted workspace. Markdown works anywhere.');
    return;
  }
  const folder = given?.target ? (vscode.workspace.getWorkspaceFolder(given.target) ?? (await pickFolder())) : await pickFolder();
  if (!folder) return;
  const target = given?.target ?? (await vscode.window.showSaveDialog({
    title: `Export Audit Lens Report (${choice.label})`,
    defaultUri: vscode.Uri.joinPath(folder.uri, `audit-lens-report.${choice.extension}`),
    filters: { [choice.filter]: [choice.extension] },
  }));
  if (!target) return;
  try {
    const text = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Audit Lens: exporting the ${choice.label} report…` },
      () => (choice.format === 'markdown' ? Promise.resolve(markdownReport(services, folder)) : runCli(services, folder, choice.format)),
    );
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  } catch (error) {
    void vscode.window.showErrorMessage(`Audit Lens could not export the report: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  // A scripted export needs no answer; the message would only wait for a click.
  if (given) {
    vscode.window.setStatusBarMessage(`$(check) Exported ${vscode.workspace.asRelativePath(target, false)}`, 5000);
    return;
  }
  const open = await vscode.window.showInformationMessage(`Exported ${vscode.workspace.asRelativePath(target, false)}.`, 'Open');
  if (open === 'Open') await vscode.window.showTextDocument(target);
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    if (folders.length === 0) void vscode.window.showInformationMessage('Open a folder to export an Audit Lens report.');
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Export the report of which folder?' });
}

function markdownReport(services: Services, folder: vscode.WorkspaceFolder): string {
  const folders = services.store.snapshot.filter((entry) => entry.folderUri === folder.uri.toString());
  return renderMarkdownReport(folders, new Date().toISOString());
}

/** Runs `dist/cli.js check <folder>` with the editor's node and returns what it printed. */
function runCli(services: Services, folder: vscode.WorkspaceFolder, format: 'json' | 'sarif'): Promise<string> {
  const cli = vscode.Uri.joinPath(services.context.extensionUri, 'dist', 'cli.js').fsPath;
  const settings = vscode.workspace.getConfiguration('auditLens', folder.uri);
  const globs = (name: string, flag: string): string[] => (settings.get<string[]>(name) ?? []).filter((glob) => typeof glob === 'string').flatMap((glob) => [flag, glob]);
  const args = [cli, 'check', folder.uri.fsPath, '--format', format, '--fail-on', 'none', '--no-color', ...globs('include', '--include'), ...globs('exclude', '--exclude')];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' }, maxBuffer: 512 * 1024 * 1024, windowsHide: true, cwd: folder.uri.fsPath },
      (error, stdout, stderr) => {
        // With --fail-on none the CLI exits 0; 1 would only say it found something, so accept it too. 2 is a usage or I/O error.
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
        if (exitCode === 0 || exitCode === 1) resolve(stdout);
        else reject(new Error(stderr.trim() || error?.message || 'the CLI failed'));
      },
    );
  });
}
