/**
 * "Scan Workspace": the server scans every file it doesn't ignore and publishes the findings, so
 * they land in Problems. Progress shows as a cancellable notification fed by the server's
 * work-done progress.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { CommandIds, type ScanWorkspaceResult } from '../../../common/protocol';

export const SCAN_WORKSPACE_COMMAND = 'piiLint.scanWorkspaceFolders';

function isScanResult(v: unknown): v is ScanWorkspaceResult {
  return typeof v === 'object' && v !== null && typeof (v as ScanWorkspaceResult).files === 'number';
}

export async function scanWorkspace(client: LanguageClient): Promise<ScanWorkspaceResult | undefined> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'PII Lint: scanning the workspace', cancellable: true },
    async (progress, token) => {
      const workDoneToken = `piiLint.scan.${Date.now()}.${Math.random().toString(36).slice(2)}`;
      let reported = 0;
      const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const increment = value.percentage !== undefined ? Math.max(0, value.percentage - reported) : undefined;
        if (value.percentage !== undefined) reported = value.percentage;
        progress.report({ message: value.message, increment });
      });
      try {
        const raw: unknown = await client.sendRequest(
          ExecuteCommandRequest.type,
          { command: CommandIds.scanWorkspace, arguments: [], workDoneToken },
          token,
        );
        return isScanResult(raw) ? raw : undefined;
      } finally {
        listener.dispose();
      }
    },
  );
  if (result) {
    const summary = `PII Lint: ${result.findings} ${result.findings === 1 ? 'finding' : 'findings'} in ${result.files} ${result.files === 1 ? 'file' : 'files'}${result.skipped ? ` (${result.skipped} skipped)` : ''}${result.cancelled ? ' — cancelled' : ''}.`;
    if (result.findings > 0) {
      void vscode.window.showInformationMessage(summary, 'Show Problems').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
    } else {
      void vscode.window.showInformationMessage(summary);
    }
  }
  return result;
}
