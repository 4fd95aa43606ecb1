/**
 * Runs first (files load in name order), in a window where nothing has been opened yet: PII Lint
 * must not have started its server — and so its model — until a file it scans is opened. (It may
 * be active: VS Code keeps a plaintext model of its own in every window, which fires
 * onLanguage:plaintext at startup.)
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture, waitFor, workspaceFolder } from './helpers';

interface GitApi {
  readonly repositories: Array<{ readonly rootUri: vscode.Uri }>;
  readonly onDidOpenRepository: vscode.Event<unknown>;
}

/** An event that fires every `ms` until disposed: for state the API has no event for. */
function ticks(ms: number): vscode.Event<unknown> {
  return (listener) => {
    const timer = setInterval(() => listener(undefined), ms);
    return new vscode.Disposable(() => clearInterval(timer));
  };
}

describe('activation', () => {
  it('a window with no scannable file open never starts the server (nor its model)', async () => {
    const ext = vscode.extensions.getExtension<{ serverStarted: () => boolean }>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    // Let the window settle: the git extension has found the workspace's repository, so startup
    // (SCM, file watchers, restored views) is over.
    const git = vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git');
    assert.ok(git);
    const api = (await git.activate()).getAPI(1);
    const root = workspaceFolder().uri.fsPath;
    await waitFor('the workspace repository', () => api.repositories.find((r) => r.rootUri.fsPath === root), [api.onDidOpenRepository]);
    assert.equal(vscode.window.visibleTextEditors.length, 0, 'no editor is open');
    const serverStarted = (): boolean => ext.isActive && ext.exports.serverStarted();
    assert.equal(serverStarted(), false, `no server in a window with nothing to scan (extension ${ext.isActive ? 'active' : 'not active'})`);

    await openFixture('contact.md');
    await waitFor('the server to start for a Markdown file', () => (serverStarted() ? true : undefined), [ticks(100)], 30_000);
  });
});
