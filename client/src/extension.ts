/**
 * Entry point: registers the "PII Lint" commands, the `pii-lint` task type and the status bar
 * item, and starts the language server over IPC once there is something to scan. Everything that
 * finds or redacts personal data runs in the server; the client only gathers arguments and shows
 * results.
 *
 * Activation is by language, but VS Code keeps a plaintext model of its own in every window, so
 * `onLanguage:plaintext` fires even where no file is open: the server (and with it the model)
 * starts only when a document it scans is open, or a command needs it.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification, WorkspaceTrustNotification } from '../../common/protocol';
import { createLanguageClient, isScannable } from './client';
import { installGitHooks, INSTALL_GIT_HOOKS_COMMAND } from './commands/installGitHooks';
import { redactDocument, REDACT_DOCUMENT_COMMAND } from './commands/redactDocument';
import {
  FORGET_PROMPT_VALUES_COMMAND,
  forgetPromptValues,
  PromptValues,
  REDACT_FOR_PROMPT_COMMAND,
  redactSelectionForPrompt,
  RESTORE_VALUES_COMMAND,
  restoreValuesInSelection,
} from './commands/promptRedaction';
import { redactSelection, REDACT_SELECTION_COMMAND } from './commands/redactSelection';
import { scanWorkspace, SCAN_WORKSPACE_COMMAND } from './commands/scanWorkspace';
import { OPEN_SAMPLE_COMMAND, OPEN_SETTINGS_COMMAND, openSample, openSettings } from './commands/walkthrough';
import { SHOW_OUTPUT_COMMAND, StatusBar } from './statusBar';
import { PreCommitTaskProvider, TASK_TYPE } from './tasks/preCommitTask';
import { TaskProblems } from './tasks/taskProblems';

export const RESTART_SERVER_COMMAND = 'piiLint.restartServer';

/** What `activate` returns (`extensions.getExtension(...).exports`): used by the editor tests. */
export interface PiiLintApi {
  readonly client: LanguageClient;
  /** Starts the server if it is not running yet; resolves once it is initialized (rejects if it could not start). */
  readonly ready: Promise<void>;
  /** Whether the server has been started in this window (a window with nothing to scan never starts it). */
  readonly serverStarted: () => boolean;
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
  // Token -> value pairs of "Redact Selection for a Prompt…": this window's memory only.
  const promptValues = new PromptValues();

  let started: Promise<void> | undefined;
  /** Starts the server once; every later call gets the same promise. */
  const startServer = (): Promise<void> => {
    started ??= languageClient.start().catch((error: unknown) => {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      log.error(`The server could not be started: ${detail}`);
      statusBar.setFatal('The PII Lint server could not be started. See "PII Lint: Show Output".');
      throw error;
    });
    statusBar.show();
    return started;
  };
  /** Commands that ask the server for something start it first. */
  const withServer =
    <R>(run: (arg?: unknown) => Promise<R>) =>
    async (arg?: unknown): Promise<R> => {
      await startServer();
      return run(arg);
    };

  context.subscriptions.push(
    languageClient.onDidChangeState(({ newState }) => {
      statusBar.setClientState(newState === State.Running ? 'running' : newState === State.Starting ? 'starting' : 'stopped');
    }),
    languageClient.onNotification(StatusNotification, (params) => statusBar.update(params)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (languageClient.isRunning()) void languageClient.sendNotification(WorkspaceTrustNotification, { trusted: true });
    }),

    vscode.commands.registerCommand(REDACT_SELECTION_COMMAND, withServer((arg) => redactSelection(languageClient, arg))),
    vscode.commands.registerCommand(REDACT_FOR_PROMPT_COMMAND, withServer((arg) => redactSelectionForPrompt(languageClient, promptValues, arg))),
    vscode.commands.registerCommand(RESTORE_VALUES_COMMAND, () => restoreValuesInSelection(promptValues)),
    vscode.commands.registerCommand(FORGET_PROMPT_VALUES_COMMAND, () => forgetPromptValues(promptValues)),
    vscode.commands.registerCommand(REDACT_DOCUMENT_COMMAND, withServer((arg) => redactDocument(languageClient, arg))),
    vscode.commands.registerCommand(SCAN_WORKSPACE_COMMAND, withServer(() => scanWorkspace(languageClient))),
    vscode.commands.registerCommand(INSTALL_GIT_HOOKS_COMMAND, (arg?: unknown) => installGitHooks(context.extensionUri, log, arg)),
    vscode.commands.registerCommand(RESTART_SERVER_COMMAND, async () => {
      if (started === undefined) return startServer();
      log.info('Restarting the server.');
      statusBar.setClientState('starting');
      await languageClient.restart();
    }),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => log.show(true)),
    vscode.commands.registerCommand(OPEN_SAMPLE_COMMAND, openSample),
    vscode.commands.registerCommand(OPEN_SETTINGS_COMMAND, () => openSettings(context.extension.id)),

    vscode.tasks.registerTaskProvider(TASK_TYPE, new PreCommitTaskProvider(context.extensionUri, taskProblems)),
  );

  if (vscode.workspace.textDocuments.some(isScannable)) void startServer().catch(() => undefined);
  else {
    const waiting = vscode.workspace.onDidOpenTextDocument((doc) => {
      if (!isScannable(doc)) return;
      waiting.dispose();
      void startServer().catch(() => undefined);
    });
    context.subscriptions.push(waiting);
  }

  return {
    client: languageClient,
    get ready() {
      return startServer();
    },
    serverStarted: () => started !== undefined,
    statusText: () => statusBar.text,
    statusAccessibilityLabel: () => statusBar.accessibilityLabel,
  };
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
