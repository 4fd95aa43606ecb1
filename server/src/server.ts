/**
 * The language server: capabilities and wiring. The work is done by modules a test can call on
 * their own: diagnostics.ts (when to scan), service.ts (what scanning a document means),
 * codeActions.ts, hover.ts, commands.ts.
 */
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE, IGNORE_FILE } from './engine/policy/config';
import { provideCodeActions } from './codeActions';
import { CommandHandlers } from './commands';
import { DiagnosticsScheduler } from './diagnostics';
import { fsPathOf } from './documentKind';
import { EngineManager, type EngineFactory, type LoadedEngine } from './engines';
import { provideHover } from './hover';
import { describeError, type Logger } from './log';
import {
  ALL_COMMANDS,
  FIX_ALL_KIND,
  StatusNotification,
  WorkspaceTrustNotification,
  type InitializationOptions,
  type SeverityCounts,
  type StatusParams,
} from '../../common/protocol';
import { Redactor } from './redact/redact';
import { ScanProgressReporter } from './scanProgress';
import { ScanService } from './service';
import { SETTINGS_SECTION, SettingsCache } from './settings';
import { WorkspaceConfigs } from './workspaceConfig';

export interface ServerOptions {
  /** Engine factory (tests substitute one); default: the real engine. */
  engineFactory?: EngineFactory;
}

function isPolicyFile(uri: string): boolean {
  const path = fsPathOf(uri);
  if (!path) return false;
  const name = basename(path);
  return name === CONFIG_FILE || name === IGNORE_FILE;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const log: Logger = {
    error: (m) => connection.console.error(m),
    warn: (m) => connection.console.warn(m),
    info: (m) => connection.console.info(m),
    trace: (m) => connection.tracer.log(m),
  };
  const documents = new TextDocuments(TextDocument);

  let trusted = false;
  let workspaceFolders: string[] = [];
  let pullConfiguration = false;
  let globalSettings: unknown = undefined;
  const caps = { documentChanges: false, showDocument: false, dynamicConfiguration: false, dynamicWatchers: false };

  const settings = new SettingsCache(
    async (uri) => {
      if (!pullConfiguration) return globalSettings;
      return connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION });
    },
    () => trusted,
  );
  const configs = new WorkspaceConfigs((path) => {
    for (const d of documents.all()) if (fsPathOf(d.uri) === path) return d.getText();
    return undefined;
  });

  // ---- status ---------------------------------------------------------------------------------
  let loadingModels = 0;
  let lastEngine: LoadedEngine | undefined;
  let lastStatus = '';
  const severityCounts = (): SeverityCounts => {
    const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
    scheduler.addSeverityCounts(counts);
    commands.addWorkspaceCounts(counts);
    return counts;
  };
  const sendStatus = (): void => {
    const errors = [lastEngine?.error, ...configs.errors()].filter((e): e is string => !!e);
    const busy = scheduler.isBusy || commands.isScanningWorkspace;
    const status: StatusParams = {
      state: loadingModels > 0 ? 'loading' : busy ? 'scanning' : errors.length > 0 ? 'error' : 'ready',
      model: lastEngine?.model ?? null,
      findings: scheduler.totalFindings + commands.workspaceFindings,
      counts: severityCounts(),
      scope: commands.workspaceScanned ? 'workspace' : 'open',
      ...(errors.length > 0 ? { message: errors.join('; ') } : {}),
    };
    const key = JSON.stringify(status);
    if (key === lastStatus) return;
    lastStatus = key;
    void connection.sendNotification(StatusNotification, status);
  };

  const engines = new EngineManager(
    log,
    {
      loading: () => {
        loadingModels++;
        sendStatus();
      },
      loaded: (r) => {
        loadingModels--;
        lastEngine = r;
        sendStatus();
      },
    },
    options.engineFactory,
  );

  const service = new ScanService({ settings, configs, engines, log, isTrusted: () => trusted, workspaceFolders: () => workspaceFolders });

  const scanProgress = new ScanProgressReporter(connection);
  const scheduler = new DiagnosticsScheduler(
    {
      getDocument: (uri) => documents.get(uri),
      scan: (doc, signal, progress) => service.scanDocument(doc, signal, progress),
      progress: (uri, fraction) => scanProgress.update(uri, fraction),
      publish: (uri, version, diagnostics) => {
        void connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics });
        sendStatus();
      },
      busyChanged: () => sendStatus(),
    },
    log,
  );

  // Synthetic values: one pseudonym per original value across the session's documents, keyed by
  // a secret that never leaves this process (a known seed would let anyone test guesses).
  const redactor = new Redactor(randomBytes(32).toString('base64url'));

  const rescanAll = (delayMs = 0): void => scheduler.scheduleAll(documents.keys(), delayMs);

  /** Drops engines no open document uses any more (after a settings or trust change). */
  const pruneEngines = async (): Promise<void> => {
    const dirs = await Promise.all(
      documents.all().map(async (d) => (await service.contextFor(d.uri, d.languageId, 0)).modelDir),
    );
    await engines.retain(dirs);
  };

  const policyChanged = (): void => {
    configs.clear();
    rescanAll();
  };

  const commands = new CommandHandlers({
    connection,
    getDocument: (uri) => documents.get(uri),
    scheduler,
    service,
    configs,
    log,
    workspaceFolders: () => workspaceFolders,
    redactor,
    capabilities: caps,
    policyChanged,
    workspaceScanChanged: () => sendStatus(),
  });

  // ---- lifecycle ------------------------------------------------------------------------------
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const c = params.capabilities;
    pullConfiguration = c.workspace?.configuration === true;
    caps.dynamicConfiguration = c.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    caps.dynamicWatchers = c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    caps.documentChanges = c.workspace?.workspaceEdit?.documentChanges === true;
    caps.showDocument = c.window?.showDocument?.support === true;
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    trusted = init.workspaceTrusted === true;
    const folderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders = folderUris.map(fsPathOf).filter((p): p is string => p !== undefined);
    log.info(`PII Lint server on Node ${process.version}; ${workspaceFolders.length} workspace folder(s); workspace ${trusted ? 'trusted' : 'untrusted'}`);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        executeCommandProvider: { commands: [...ALL_COMMANDS] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'pii-lint' },
    };
  });

  connection.onInitialized(() => {
    if (caps.dynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    if (caps.dynamicWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_FILE}` }, { globPattern: `**/${IGNORE_FILE}` }],
      });
    }
    if (workspaceFolders.length > 0) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => fsPathOf(f.uri)));
        workspaceFolders = [
          ...workspaceFolders.filter((f) => !removed.has(f)),
          ...e.added.map((f) => fsPathOf(f.uri)).filter((p): p is string => p !== undefined),
        ];
        policyChanged();
      });
    }
    // Load the model now rather than on the first keystroke.
    void (async () => {
      const anchor = workspaceFolders[0];
      const ctx = await service.contextFor(anchor ? pathToFileURL(anchor).toString() : 'untitled:warmup', 'plaintext', 0);
      await service.engineFor(ctx);
    })().catch((e: unknown) => log.error(`model warm-up failed\n${describeError(e)}`));
  });

  connection.onShutdown(async () => {
    scheduler.dispose();
    await engines.disposeAll();
  });

  // ---- settings, trust, policy files ----------------------------------------------------------
  connection.onDidChangeConfiguration((change) => {
    if (!pullConfiguration) {
      const s: unknown = change.settings;
      globalSettings = typeof s === 'object' && s !== null ? (s as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
    }
    settings.clear();
    rescanAll();
    void pruneEngines();
  });

  connection.onNotification(WorkspaceTrustNotification, (p) => {
    if (p.trusted === trusted) return;
    trusted = p.trusted;
    log.info(`workspace ${trusted ? 'trusted' : 'untrusted'}`);
    settings.clear();
    rescanAll();
    void pruneEngines();
  });

  connection.onDidChangeWatchedFiles((p) => {
    if (p.changes.some((c) => isPolicyFile(c.uri))) policyChanged();
  });

  // ---- documents ------------------------------------------------------------------------------
  /** didOpen also fires didChangeContent: the open is scanned at once, the echo ignored. */
  const justOpened = new Set<string>();

  documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    commands.forgetWorkspaceFile(e.document.uri);
    if (isPolicyFile(e.document.uri)) policyChanged();
    scheduler.schedule(e.document.uri, 0);
  });

  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (justOpened.delete(uri)) return;
    if (isPolicyFile(uri)) {
      configs.clear();
      rescanAll(150);
    }
    scheduler.cancel(uri);
    void settings.get(uri).then((s) => {
      if (s.run === 'onType' && documents.get(uri)) scheduler.schedule(uri);
    });
  });

  documents.onDidSave((e) => {
    const uri = e.document.uri;
    void settings.get(uri).then((s) => {
      if (s.run === 'onSave' && documents.get(uri)) scheduler.schedule(uri, 0);
    });
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    justOpened.delete(uri);
    scheduler.close(uri);
    settings.delete(uri);
    if (isPolicyFile(uri)) policyChanged();
  });

  // ---- features -------------------------------------------------------------------------------
  connection.onCodeAction((params, token) => {
    if (token.isCancellationRequested) return [];
    return provideCodeActions(params, {
      getDocument: (uri) => documents.get(uri),
      currentFindings: (doc) => scheduler.resultFor(doc)?.findings,
      redactor,
      documentChanges: caps.documentChanges,
    });
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    const result = doc && scheduler.resultFor(doc);
    return doc && result ? provideHover(doc, result.findings, params.position) : null;
  });

  connection.onExecuteCommand((params, token, progress) => commands.execute(params, token, progress));

  documents.listen(connection);
  connection.listen();
}
