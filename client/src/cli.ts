/**
 * Runs the bundled CLI (`dist/cli.js`) with the editor's own Node: `process.execPath` is Node in
 * a remote or web extension host and Electron on the desktop, where ELECTRON_RUN_AS_NODE makes it
 * behave as Node. No `node` on PATH is needed.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
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

/** `node` on PATH, if any. */
export function nodeOnPath(): string | undefined {
  const names = process.platform === 'win32' ? ['node.exe', 'node.cmd'] : ['node'];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * The Node to run the CLI with. Where the CLI records its own Node for later (the git hooks
 * written by `install-hook`), Electron is the wrong answer: git would start it without
 * ELECTRON_RUN_AS_NODE and open an editor window. So under Electron a real `node` on PATH wins.
 */
export function nodeForPersistentUse(): string {
  return process.versions.electron !== undefined ? (nodeOnPath() ?? process.execPath) : process.execPath;
}

export function runCli(extensionUri: vscode.Uri, args: readonly string[], cwd: string, node: string = process.execPath): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      node,
      [cliPath(extensionUri), ...args],
      { cwd, env: { ...process.env, ...NODE_ENV_FOR_CLI }, timeout: 60_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 2;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
