/**
 * A real LSP client for the built language server (dist/server.js, started as a child process with
 * --stdio), playing the editor's part: it holds the open documents, answers configuration and
 * applyEdit requests (applying edits to its documents and to files on disk), and records every
 * diagnostics, status, progress and log message for the tests to assert on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before } from 'node:test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  FileChangeType,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  LogTraceNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  createProtocolConnection,
  type CodeAction,
  type Command,
  type Diagnostic,
  type Hover,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

export const ROOT = join(__dirname, '..', '..');
/** The built server; PII_LINT_SERVER points elsewhere (a bundle built outside the tree). */
export const SERVER = process.env.PII_LINT_SERVER ?? join(ROOT, 'dist', 'server.js');
export const TINY_MODEL = join(ROOT, 'test', 'fixtures', 'tiny-hf-model');
/** The built-in model once it ships; until then the tests use the tiny fixture. */
export const BUILTIN_MODEL = join(ROOT, 'models', 'pii-lint-mini');

/** Fictional values that are not published examples (those are scored down as documentation). */
export const SAMPLE = {
  EMAIL: 'jane.doe@acme-mail.com',
  CARD: '4539 1488 0343 6467',
  IBAN: 'DE44 5001 0517 5407 3249 31',
} as const;

export function defaultModelPath(): string {
  return existsSync(join(BUILTIN_MODEL, 'model.int8.onnx')) && existsSync(join(BUILTIN_MODEL, 'config.json')) ? BUILTIN_MODEL : TINY_MODEL;
}

// ---------------------------------------------------------------------------------------------
// Text edits

/** A text's line index, built once and asked many times (vscode-languageserver-textdocument, as the server counts lines). */
function indexed(text: string): TextDocument {
  return TextDocument.create('file:///harness', 'plaintext', 0, text);
}

export function offsetAt(text: string, pos: Position): number {
  return indexed(text).offsetAt(pos);
}

export function positionAt(text: string, offset: number): Position {
  return indexed(text).positionAt(offset);
}

/** Applies LSP TextEdits (non-overlapping, positions in the original text) to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const doc = indexed(text);
  const spans = edits
    .map((e, i) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText, i }))
    .sort((a, b) => b.start - a.start || b.i - a.i);
  let prevStart = Infinity;
  let out = text;
  for (const s of spans) {
    if (s.end > prevStart) throw new Error('overlapping edits');
    out = out.slice(0, s.start) + s.newText + out.slice(s.end);
    prevStart = s.start;
  }
  return out;
}

/** The edits of a WorkspaceEdit, by URI (both `changes` and `documentChanges` forms). */
export function editsByUri(edit: WorkspaceEdit): Map<string, { version: number | null | undefined; edits: TextEdit[] }> {
  const out = new Map<string, { version: number | null | undefined; edits: TextEdit[] }>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out.set(uri, { version: undefined, edits });
  for (const c of edit.documentChanges ?? []) {
    if ('textDocument' in c) {
      const prev = out.get(c.textDocument.uri);
      out.set(c.textDocument.uri, { version: c.textDocument.version, edits: [...(prev?.edits ?? []), ...(c.edits as TextEdit[])] });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Privacy: what a server must never write to any of its log channels

/** Sentences shorter than this are too generic to mean a leak ("Build with make."). */
const MIN_SENTENCE = 20;
/** Reported values shorter than this may occur in a log by chance (a 4-digit year). */
const MIN_VALUE = 6;
/** Only the start of a huge document is planted (all of a 50 MB one would cost minutes). */
const MAX_PLANTED = 200_000;

/**
 * Collects what a server was given and what it reported, and finds any of it in what the server
 * logged: every sentence (its first 48 characters) of every document text sent, and every value a
 * diagnostic covered. Failure messages show a leak's length and first characters only.
 */
export class LeakWatch {
  private readonly sentences = new Set<string>();
  private readonly values = new Set<string>();

  /** A document text the server received. */
  plantText(text: string): void {
    for (const line of text.slice(0, MAX_PLANTED).split(/\r?\n|\r/)) {
      for (const sentence of line.split(/(?<=[.!?;:])\s+/)) {
        const s = sentence.trim();
        if (s.length >= MIN_SENTENCE) this.sentences.add(s.slice(0, 48));
      }
    }
  }

  /** A value that must never be logged (a finding, or one the test planted). */
  plantValue(value: string): void {
    if (value.trim().length >= MIN_VALUE) this.values.add(value.trim());
  }

  /** What of the planted text and values `output` holds, described without showing it whole. */
  leaksIn(output: string): string[] {
    const show = (kind: string, s: string): string => `${kind} of ${s.length} chars starting "${s.slice(0, 3)}…"`;
    return [
      ...[...this.values].filter((v) => output.includes(v)).map((v) => show('a value', v)),
      ...[...this.sentences].filter((s) => output.includes(s)).map((s) => show('a document sentence', s)),
    ];
  }

  assertNoLeaks(output: string, server: string): void {
    const leaks = this.leaksIn(output);
    if (leaks.length === 0) return;
    const shown = leaks.slice(0, 8).join('; ') + (leaks.length > 8 ? `; and ${leaks.length - 8} more` : '');
    throw new Error(`the ${server} logged what it must not (stderr, window/logMessage, window/showMessage or $/logTrace): ${shown}`);
  }
}

// ---------------------------------------------------------------------------------------------

export interface Doc {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

export interface StatusParams {
  state: string;
  model: string | null;
  findings: number;
  counts: { error: number; warning: number; info: number; hint: number };
  scope: 'open' | 'workspace';
  message?: string;
}

export interface StartOptions {
  /** The `piiLint` settings section (defaults: the test model, everything else default). */
  settings?: Record<string, unknown>;
  trusted?: boolean;
  /** A workspace folder; default: a fresh temporary folder holding `.git` (a repository root). */
  workspace?: string;
  /** Another server bundle (the leak check's own test runs a leaky one). */
  server?: string;
  /** LSP trace level; default 'verbose', so the leak check sees every log call. The bench measures
   * at 'off', as users run: a verbose trace serialises every diagnostic it publishes. */
  trace?: 'off' | 'messages' | 'verbose';
}

type Waiter = { check: () => boolean; resolve: () => void };

export class TestClient {
  readonly docs = new Map<string, Doc>();
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly logs: string[] = [];
  readonly progress: unknown[] = [];
  stderr = '';
  /** Every sentence sent and value reported: none may reach `allOutput`. */
  readonly watch = new LeakWatch();
  settings: Record<string, unknown>;
  applyEditCount = 0;
  private waiters: Waiter[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly conn: ProtocolConnection,
    readonly workspace: string,
    settings: Record<string, unknown>,
    private readonly stderrClosed: Promise<void>,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const server = options.server ?? SERVER;
    if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first`);
    const workspace = options.workspace ?? temporaryWorkspace();
    mkdirSync(join(workspace, '.git'), { recursive: true });
    const env = { ...process.env, NODE_PATH: join(ROOT, 'node_modules') };
    const child = spawn(process.execPath, [server, '--stdio'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stderrClosed = new Promise<void>((resolve) => child.stderr!.once('close', () => resolve()));
    const conn = createProtocolConnection(child.stdout!, child.stdin!);
    const settings = { model: { path: defaultModelPath() }, ...(options.settings ?? {}) };
    const client = new TestClient(child, conn, workspace, settings, stderrClosed);
    started.add(client);
    child.stderr!.on('data', (b: Buffer) => (client.stderr += b.toString()));
    client.wire();
    conn.listen();
    await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).toString(),
      workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: basename(workspace) }],
      initializationOptions: { workspaceTrusted: options.trusted ?? true },
      trace: options.trace ?? 'verbose',
      capabilities: {
        workspace: {
          configuration: true,
          applyEdit: true,
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        window: { workDoneProgress: true },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    await conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private wire(): void {
    const c = this.conn;
    c.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => (item.section === 'piiLint' ? this.settings : null)));
    c.onRequest(RegistrationRequest.type, () => undefined);
    c.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.watchProgress(p.token);
    });
    c.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      this.applyEditCount++;
      return { applied: this.applyWorkspaceEdit(p.edit) };
    });
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const doc = this.docs.get(p.uri);
      if (doc && p.version === doc.version && p.diagnostics.length > 0) {
        // One line index per publish: 8,000 diagnostics on a 10,000-line text must not each walk it.
        const lines = indexed(doc.text);
        for (const d of p.diagnostics) this.watch.plantValue(doc.text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end)));
      }
      this.diagnostics.set(p.uri, p);
      this.published.push(p);
      this.poke();
    });
    c.onNotification('piiLint/status', (p: StatusParams) => {
      this.statuses.push(p);
      this.poke();
    });
    c.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
    });
    c.onNotification(ShowMessageNotification.type, (p) => {
      this.logs.push(p.message);
    });
    c.onNotification(LogTraceNotification.type, (p) => {
      this.logs.push(p.message, p.verbose ?? '');
    });

  }

  /** Records the work-done progress reported under `token` in `progress`. */
  watchProgress(token: string | number): void {
    this.conn.onProgress(WorkDoneProgress.type, token, (value) => {
      this.progress.push(value);
      this.poke();
    });
  }

  /** Applies a WorkspaceEdit like an editor: open documents in memory (then didChange), other files on disk. */
  applyWorkspaceEdit(edit: WorkspaceEdit): boolean {
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change && change.kind === 'create') {
        const path = fileURLToPath(change.uri);
        if (!existsSync(path)) {
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, '');
        }
      }
    }
    for (const [uri, { version, edits }] of editsByUri(edit)) {
      const doc = this.docs.get(uri);
      if (doc) {
        if (typeof version === 'number' && version !== doc.version) return false;
        this.change(uri, applyEdits(doc.text, edits));
      } else {
        const path = fileURLToPath(uri);
        const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
        writeFileSync(path, applyEdits(before, edits));
        void this.conn.sendNotification(DidChangeWatchedFilesNotification.type, {
          changes: [{ uri, type: before === '' ? FileChangeType.Created : FileChangeType.Changed }],
        });
      }
    }
    return true;
  }

  private poke(): void {
    const ready = this.waiters.filter((w) => w.check());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  /** Resolves when `check` holds (checked now and after every message), rejects after `timeoutMs`. */
  until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const waiter: Waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  fileUri(relPath: string): string {
    return pathToFileURL(join(this.workspace, relPath)).toString();
  }

  open(uri: string, languageId: string, text: string): Doc {
    const doc: Doc = { uri, languageId, version: 1, text };
    this.docs.set(uri, doc);
    this.watch.plantText(text);
    void this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return doc;
  }

  /** Replaces the whole text (one incremental change covering everything). */
  change(uri: string, text: string): Doc {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`not open: ${uri}`);
    const end = positionAt(doc.text, doc.text.length);
    doc.version++;
    doc.text = text;
    this.watch.plantText(text);
    void this.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: doc.version },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end }, text }],
    });
    return doc;
  }

  close(uri: string): void {
    this.docs.delete(uri);
    void this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The diagnostics published for the document's current version. */
  async diagnosticsFor(uri: string, timeoutMs?: number): Promise<Diagnostic[]> {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`not open: ${uri}`);
    await this.until(() => this.diagnostics.get(uri)?.version === doc.version, `diagnostics of ${uri} v${doc.version}`, timeoutMs);
    return this.diagnostics.get(uri)!.diagnostics;
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<Array<CodeAction | Command> | null> {
    return this.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
    return this.conn.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  get lastStatus(): StatusParams | undefined {
    return this.statuses[this.statuses.length - 1];
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything the server wrote to its logs and stderr, for privacy checks. */
  get allOutput(): string {
    return [...this.logs, this.stderr].join('\n');
  }

  /**
   * Waits until the server has exited and its stderr is read to the end, then fails if any of its
   * log channels holds a sentence or value (the server is killed first if it is still running).
   */
  async checkLeaks(): Promise<void> {
    started.delete(this);
    if (this.alive) this.child.kill();
    await this.stderrClosed;
    this.watch.assertNoLeaks(this.allOutput, `server (pid ${this.child.pid})`);
  }

  /** Shuts the server down, then checks its logs for leaks (see checkLeaks). */
  async stop(): Promise<number | null> {
    const code = await this.shutdown();
    await this.checkLeaks();
    return code;
  }

  private async shutdown(): Promise<number | null> {
    if (!this.alive) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    try {
      await this.conn.sendRequest(ShutdownRequest.type);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      // the server may already be gone
    }
    const timer = setTimeout(() => this.child.kill(), 5000);
    const code = await exited;
    clearTimeout(timer);
    this.conn.dispose();
    return code;
  }
}

/**
 * Workspaces made here outlive a client (a test restarts a server on its predecessor's folder),
 * so they go when the test file's process ends.
 */
const madeWorkspaces: string[] = [];
// Before test/setup/temp-root.mjs looks for leftovers on exit.
process.prependOnceListener('exit', () => {
  for (const dir of madeWorkspaces) rmSync(dir, { recursive: true, force: true });
});

/** A fresh workspace folder, removed when the test file's process ends. */
export function temporaryWorkspace(prefix = 'pii-lint-lsp-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeWorkspaces.push(dir);
  return dir;
}

/** Servers started in this test file whose logs are not checked yet. */
const started = new Set<TestClient>();

/**
 * After each test file, the logs of every server it started and did not stop (a killed one, one
 * left to exit on its own) are checked too: no server escapes the leak check.
 */
after(async () => {
  for (const client of [...started]) await client.checkLeaks();
});

/** One server for the whole test file: started before its first test, stopped after its last. */
export function clientForThisFile(options: StartOptions = {}): () => TestClient {
  let client: TestClient | undefined;
  before(async () => {
    client = await TestClient.start(options);
    started.delete(client); // its own `after` stops and checks it (a server shut down, not killed)
  });
  after(async () => {
    await client?.stop();
  });
  return () => {
    if (!client) throw new Error('the test client is not started (used outside a test?)');
    return client;
  };
}
