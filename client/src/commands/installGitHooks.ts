/**
 * "Install Git Hooks": `pii-lint install-hook` in a workspace folder — a pre-commit hook that scans
 * staged changes and a commit-msg hook that scans the message, with the same engine and policy as
 * the editor.
 */
import * as vscode from 'vscode';
import { nodeForPersistentUse, runCli } from '../cli';

export const INSTALL_GIT_HOOKS_COMMAND = 'piiLint.installGitHooks';

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Install the PII Lint git hooks in which folder?' });
}

export async function installGitHooks(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, arg?: unknown): Promise<boolean> {
  const folder = await pickFolder();
  if (!folder) {
    void vscode.window.showInformationMessage('PII Lint: open a folder that is a git repository to install the hooks.');
    return false;
  }
  const force = typeof arg === 'object' && arg !== null && (arg as { force?: unknown }).force === true;
  // The hooks remember the Node that installed them: give them one git can run.
  const run = await runCli(extensionUri, ['install-hook', ...(force ? ['--force'] : [])], folder.uri.fsPath, nodeForPersistentUse());
  const output = `${run.stdout}${run.stderr}`.trim();
  log.info(`pii-lint install-hook${force ? ' --force' : ''} in ${folder.uri.fsPath}: exit ${run.code}${output ? `\n${output}` : ''}`);
  if (run.code === 0) {
    const chained = /running .* first/.test(output) ? ' Your existing hooks run first.' : '';
    void vscode.window.showInformationMessage(
      `PII Lint: git hooks installed in ${folder.name}: pre-commit (scans the staged changes) and commit-msg (scans the commit message).${chained}`,
    );
    return true;
  }
  const firstLine = output.split('\n')[0] ?? 'see the output';
  const choice = await vscode.window.showErrorMessage(
    `PII Lint: could not install the git hooks: ${firstLine}`,
    ...(force ? [] : ['Chain Existing Hooks']),
    'Show Output',
  );
  if (choice === 'Chain Existing Hooks') return installGitHooks(extensionUri, log, { force: true });
  if (choice === 'Show Output') log.show(true);
  return false;
}
