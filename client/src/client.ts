/**
 * The LanguageClient and its options, in the shape vscode-eslint uses: createServerOptions /
 * createClientOptions, an initialization-failure handler that says what went wrong instead of
 * retrying forever, and an error handler that restarts a crashed server a few times and then
 * gives up with a message.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ConfigurationParams,
  type DocumentSelector,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type Message,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SOURCE, type InitializationOptions } from '../../common/protocol';
import { redactingTraceChannel } from './traceRedaction';

export const CLIENT_ID = 'piiLint';
export const CLIENT_NAME = 'PII Lint';
const SECTION = 'piiLint';

/**
 * Every file on disk and unsaved buffers, plus commit messages: the Source Control input box
 * (`vscode-scm`) and COMMIT_EDITMSG editors (`git-commit`, whatever their scheme).
 */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  { scheme: 'file' },
  { scheme: 'untitled' },
  { scheme: 'vscode-scm' },
  { language: 'git-commit' },
];

/** Whether DOCUMENT_SELECTOR covers the document: what makes it worth starting the server for. */
export function isScannable(doc: vscode.TextDocument): boolean {
  return ['file', 'untitled', 'vscode-scm'].includes(doc.uri.scheme) || doc.languageId === 'git-commit';
}

export function createServerOptions(extensionUri: vscode.Uri): ServerOptions {
  const module = vscode.Uri.joinPath(extensionUri, 'dist', 'server.js').fsPath;
  return {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
}

/** Restarts a server that died, unless it keeps dying: then it stays down and says so. */
export class RestartingErrorHandler implements ErrorHandler {
  private readonly restarts: number[] = [];

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly onGiveUp: (message: string) => void,
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60 * 1000,
  ) {}

  error(error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    this.log.error(`Connection to the server: ${error.name}: ${error.message}`);
    // A few broken messages are survivable; a stream that keeps failing is not.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    while (this.restarts.length > 0 && now - (this.restarts[0] ?? now) > this.windowMs) this.restarts.shift();
    if (this.restarts.length < this.maxRestarts) {
      this.restarts.push(now);
      this.log.warn(`The server stopped unexpectedly; restarting it (${this.restarts.length}/${this.maxRestarts}).`);
      return { action: CloseAction.Restart, handled: true };
    }
    const message = `The PII Lint server stopped ${this.maxRestarts + 1} times in ${Math.round(this.windowMs / 60000)} minutes and will not be restarted. Run "PII Lint: Restart Server" after fixing the cause (see "PII Lint: Show Output").`;
    this.log.error(message);
    this.onGiveUp(message);
    return { action: CloseAction.DoNotRestart, message, handled: false };
  }
}

/**
 * The model path is machine-overridable and must not come from a workspace the user does not
 * trust (it would make the editor load a file the workspace chose). VS Code already drops
 * restricted settings from workspace scope in restricted mode; the server drops the path when the
 * workspace is untrusted; and this middleware hands the server only the user's own value, so no
 * single layer has to be right alone.
 */
export function withoutWorkspaceModelPath(value: unknown, scope: vscode.Uri | undefined): unknown {
  if (vscode.workspace.isTrusted || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const inspected = vscode.workspace.getConfiguration(SECTION, scope).inspect<string>('model.path');
  const userValue = inspected?.globalValue ?? inspected?.defaultValue ?? '';
  const settings = value as Record<string, unknown>;
  const model = typeof settings.model === 'object' && settings.model !== null ? (settings.model as Record<string, unknown>) : {};
  return { ...settings, model: { ...model, path: userValue } };
}

function scopeOf(scopeUri: string | undefined): vscode.Uri | undefined {
  if (scopeUri === undefined) return undefined;
  try {
    return vscode.Uri.parse(scopeUri, true);
  } catch {
    return undefined;
  }
}

export interface ClientHooks {
  log: vscode.LogOutputChannel;
  /** The server could not be started or initialized, or crashed too often. */
  onFatal: (message: string) => void;
}

export function createClientOptions(hooks: ClientHooks): LanguageClientOptions {
  const initializationOptions: InitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted };
  return {
    documentSelector: DOCUMENT_SELECTOR,
    diagnosticCollectionName: SOURCE,
    outputChannel: hooks.log,
    // At `verbose` the client would trace document text; the channel keeps only the shape.
    traceOutputChannel: redactingTraceChannel(hooks.log),
    initializationOptions,
    progressOnInitialization: true,
    synchronize: {
      configurationSection: SECTION,
      // The repository's policy lives in files; the server reloads it when they change.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.piilintrc.json'),
        vscode.workspace.createFileSystemWatcher('**/.piilintignore'),
      ],
    },
    initializationFailedHandler: (error: unknown) => {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      hooks.log.error(`Server initialization failed: ${detail}`);
      hooks.onFatal('The PII Lint server failed to start. See "PII Lint: Show Output" for details.');
      return false;
    },
    errorHandler: new RestartingErrorHandler(hooks.log, hooks.onFatal),
    middleware: {
      workspace: {
        configuration: async (params: ConfigurationParams, token, next) => {
          const result = await next(params, token);
          if (vscode.workspace.isTrusted || !Array.isArray(result)) return result;
          return result.map((value: unknown, i) => {
            const item = params.items[i];
            return item?.section === SECTION ? withoutWorkspaceModelPath(value, scopeOf(item.scopeUri)) : value;
          });
        },
      },
    },
  };
}

export function createLanguageClient(context: vscode.ExtensionContext, hooks: ClientHooks): LanguageClient {
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, createServerOptions(context.extensionUri), createClientOptions(hooks));
}
