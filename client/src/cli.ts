/**
 * Runs the bundled CLI (`dist/cli.js`) with the editor's own Node: `process.execPath` is Node in
 * a remote or web extension host and Electron on the desktop, where ELECTRON_RUN_AS_NODE makes it
 * behave as Node. No `node` on PATH is needed.
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

export function cliPath(extensionUri: vscode.Uri): string {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath;
}

export const NODE_ENV_FOR_CLI: Readonly<Record<string, string>> = { ELECTRON_RUN_AS_NODE: '1' };

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(extensionUri: vscode.Uri, args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath(extensionUri), ...args],
      { cwd, env: { ...process.env, ...NODE_ENV_FOR_CLI }, timeout: 60_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 2;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
