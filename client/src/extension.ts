/**
 * Entry point: starts the language server over IPC, registers the "PII Lint" commands, the
 * `pii-lint` task type and the status bar item. Everything that finds or redacts personal data
 * runs in the server; the client only gathers arguments and shows results.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification, WorkspaceTrustNotification } from '../../common/protocol';
import { createLanguageClient } from './client';
import { installGitHooks, INSTALL_GIT_HOOKS_COMMAND } from './commands/installGitHooks';
import { redactDocument, REDACT_DOCUMENT_COMMAND } from './commands/redactDocument';
import { redactSelection, REDACT_SELECTION_COMMAND } from './commands/redactSelection';
import { scanWorkspace, SCAN_WORKSPACE_COMMAND } from './commands/scanWorkspace';
import { SHOW_OUTPUT_COMMAND, StatusBar } from './statusBar';
import { PreCommitTaskProvider, TASK_TYPE } from './tasks/preCommitTask';
import { TaskProblems } from './tasks/taskProblems';

export const RESTART_SERVER_COMMAND = 'piiLint.restartServer';

/** What `activate` returns (`extensions.getExtension(...).exports`): used by the editor tests. */
export interface PiiLintApi {
  readonly client: LanguageClient;
  /** Resolves once the server is initialized (rejects if it could not start). */
  readonly ready: Promise<void>;
  readonly statusText: () => string;
  /** The status bar item's screen-reader label. */
  readonly statusAccessibilityLabel: () => string;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): PiiLintApi {
  const log = vscode.window.createOutputChannel('PII Lint', { log: true });
  const statusBar = new StatusBar();
  const taskProblems = new TaskProblems();
  context.subscriptions.push(log, statusBar, taskProblems, taskProblems.onDidChange(() => statusBar.setTaskCounts(taskProblems.counts())));

  const languageClient = createLanguageClient(context, {
    log,
    onFatal: (message) => statusBar.setFatal(message),
  });
  client = languageClient;

  context.subscriptions.push(
    languageClient.onDidChangeState(({ newState }) => {
      statusBar.setClientState(newState === State.Running ? 'running' : newState === State.Starting ? 'starting' : 'stopped');
    }),
    languageClient.onNotification(StatusNotification, (params) => statusBar.update(params)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (languageClient.isRunning()) void languageClient.sendNotification(WorkspaceTrustNotification, { trusted: true });
    }),

    vscode.commands.registerCommand(REDACT_SELECTION_COMMAND, (arg?: unknown) => redactSelection(languageClient, arg)),
    vscode.commands.registerCommand(REDACT_DOCUMENT_COMMAND, (arg?: unknown) => redactDocument(languageClient, arg)),
    vscode.commands.registerCommand(SCAN_WORKSPACE_COMMAND, () => scanWorkspace(languageClient)),
    vscode.commands.registerCommand(INSTALL_GIT_HOOKS_COMMAND, (arg?: unknown) => installGitHooks(context.extensionUri, log, arg)),
    vscode.commands.registerCommand(RESTART_SERVER_COMMAND, async () => {
      log.info('Restarting the server.');
      statusBar.setClientState('starting');
      await languageClient.restart();
    }),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => log.show(true)),

    vscode.tasks.registerTaskProvider(TASK_TYPE, new PreCommitTaskProvider(context.extensionUri, taskProblems)),
  );

  const ready = languageClient.start().catch((error: unknown) => {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    log.error(`The server could not be started: ${detail}`);
    statusBar.setFatal('The PII Lint server could not be started. See "PII Lint: Show Output".');
    throw error;
  });
  // Activation must not fail because the server did; `ready` carries the error to whoever waits.
  ready.catch(() => undefined);

  return { client: languageClient, ready, statusText: () => statusBar.text, statusAccessibilityLabel: () => statusBar.accessibilityLabel };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    // Bounded: a server busy in a long scan must not hold up the window closing.
    await c.stop(2000);
  } catch {
    // Already stopped, or never started.
  }
}
