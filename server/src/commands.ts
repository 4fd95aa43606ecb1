/**
 * workspace/executeCommand handlers: redact a range or a document (one WorkspaceEdit each, applied
 * through the client so it is one undo step), scan the workspace (progress, cancellable, results
 * in Problems) and add a finding to the allowlist (a keyed fingerprint, never the value).
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  TextDocumentEdit,
  WorkDoneProgressReporter,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type ExecuteCommandParams,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE, ConfigError, createPathFilter, withAllowlisted } from './engine/policy/config';
import type { PolicyFinding } from './engine/policy/policy';
import { configAnchorOf } from './documentKind';
import type { DiagnosticsScheduler } from './diagnostics';
import { documentEdit, redactionEdits } from './codeActions';
import { findingsToDiagnostics } from './findingsToDiagnostics';
import { describeError, errorSummary, type Logger } from './log';
import {
  CommandIds,
  REDACT_OPERATORS,
  type AddToAllowlistArgs,
  type AllowlistResult,
  type RedactForPromptArgs,
  type RedactForPromptResult,
  type RedactOperator,
  type RedactResult,
  type ScanWorkspaceResult,
  type SeverityCounts,
} from '../../common/protocol';
import { summarize, type ScanService } from './service';
import type { Redactor } from './redact/redact';
import { RedactionMap, redactReversibly } from './redact/reversible';
import type { WorkspaceConfigs } from './workspaceConfig';

export interface CommandDeps {
  connection: Connection;
  getDocument(uri: string): TextDocument | undefined;
  scheduler: DiagnosticsScheduler;
  service: ScanService;
  configs: WorkspaceConfigs;
  log: Logger;
  workspaceFolders(): readonly string[];
  redactor: Redactor;
  capabilities: { documentChanges: boolean; showDocument: boolean };
  /** The repository policy changed: rescan open documents. */
  policyChanged(): void;
  /** A workspace scan started or ended, or its count of findings changed. */
  workspaceScanChanged(scanning: boolean): void;
}

// ---------------------------------------------------------------------------------------------
// Argument checks: commands arrive as untyped JSON.

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPosition(v: unknown): boolean {
  return isRecord(v) && typeof v.line === 'number' && typeof v.character === 'number';
}

function isRange(v: unknown): v is Range {
  return isRecord(v) && isPosition(v.start) && isPosition(v.end);
}

function isOperator(v: unknown): v is RedactOperator {
  return typeof v === 'string' && (REDACT_OPERATORS as readonly string[]).includes(v);
}

/** Replaces `path` whole or not at all: a reader never sees a half-written file. */
function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

const BINARY_SNIFF_BYTES = 8000;
/** A workspace scan stops listing after this many files (and says so). */
const MAX_WORKSPACE_FILES = 20_000;

export class CommandHandlers {
  /** Files of the last workspace scan that have findings (their diagnostics are ours to clear), by severity. */
  private readonly workspaceReported = new Map<string, SeverityCounts>();
  private scanning = false;
  /** A workspace scan finished: counts are the workspace's, not only the open documents'. */
  private scanned = false;

  constructor(private readonly d: CommandDeps) {}

  get workspaceFindings(): number {
    const c: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
    this.addWorkspaceCounts(c);
    return c.error + c.warning + c.info + c.hint;
  }

  /** Adds the findings of scanned files that are not open (open ones are counted by the scheduler). */
  addWorkspaceCounts(counts: SeverityCounts): void {
    for (const [uri, c] of this.workspaceReported) {
      if (this.d.getDocument(uri)) continue;
      counts.error += c.error;
      counts.warning += c.warning;
      counts.info += c.info;
      counts.hint += c.hint;
    }
  }

  get workspaceScanned(): boolean {
    return this.scanned;
  }

  get isScanningWorkspace(): boolean {
    return this.scanning;
  }

  async execute(params: ExecuteCommandParams, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<unknown> {
    const arg: unknown = params.arguments?.[0];
    switch (params.command) {
      case CommandIds.redactRange:
        if (!isRecord(arg) || typeof arg.uri !== 'string' || !isRange(arg.range) || !isOperator(arg.operator)) {
          return { applied: false, redacted: 0, reason: 'expected { uri, range, operator: mask | placeholder | synthetic }' };
        }
        return this.redact(arg.uri, arg.range, arg.operator);
      case CommandIds.redactDocument:
        if (!isRecord(arg) || typeof arg.uri !== 'string' || !isOperator(arg.operator)) {
          return { applied: false, redacted: 0, reason: 'expected { uri, operator: mask | placeholder | synthetic }' };
        }
        return this.redact(arg.uri, undefined, arg.operator);
      case CommandIds.redactForPrompt:
        if (!isRecord(arg) || typeof arg.uri !== 'string' || !isRange(arg.range) || (arg.operator !== 'placeholder' && arg.operator !== 'synthetic') || !Array.isArray(arg.map)) {
          return { redacted: 0, reason: 'expected { uri, range, operator: placeholder | synthetic, map }' };
        }
        return this.redactForPrompt(arg as unknown as RedactForPromptArgs);
      case CommandIds.scanWorkspace:
        return this.scanWorkspace(token, progress);
      case CommandIds.addToAllowlist:
        if (
          !isRecord(arg) ||
          typeof arg.uri !== 'string' ||
          typeof arg.version !== 'number' ||
          typeof arg.label !== 'string' ||
          typeof arg.start !== 'number' ||
          typeof arg.end !== 'number'
        ) {
          return { applied: false, reason: 'expected { uri, version, label, start, end }' };
        }
        return this.addToAllowlist(arg as unknown as AddToAllowlistArgs);
      default:
        return null;
    }
  }

  /** The current findings of an open document: the last scan's if it is of this version, else a fresh scan. */
  async currentFindings(doc: TextDocument): Promise<PolicyFinding[]> {
    const cached = this.d.scheduler.resultFor(doc);
    if (cached) return cached.findings;
    const text = doc.getText();
    const ctx = await this.d.service.contextFor(doc.uri, doc.languageId, Buffer.byteLength(text, 'utf8'));
    if (ctx.skip) return [];
    return this.d.service.findings(doc.uri, doc.languageId, text, ctx);
  }

  // -------------------------------------------------------------------------------------------

  private async redact(uri: string, range: Range | undefined, operator: RedactOperator): Promise<RedactResult> {
    const doc = this.d.getDocument(uri);
    if (!doc) return { applied: false, redacted: 0, reason: 'the document is not open' };
    const version = doc.version;
    let findings = await this.currentFindings(doc);
    if (range) {
      const from = doc.offsetAt(range.start);
      const to = doc.offsetAt(range.end);
      // An empty selection (a cursor) redacts the finding it touches.
      findings = findings.filter((f) => (from === to ? f.start <= from && from <= f.end : f.start < to && f.end > from));
    }
    if (findings.length === 0) return { applied: false, redacted: 0, reason: range ? 'no PII found in the selection' : 'no PII found in the document' };
    if (this.d.getDocument(uri)?.version !== version) return { applied: false, redacted: 0, reason: 'the document changed; try again' };
    const edits = redactionEdits(doc, findings, operator, this.d.redactor, range === undefined);
    const applied = await this.applyEdit(`Redact PII (${operator})`, documentEdit(doc, edits, this.d.capabilities.documentChanges));
    this.d.log.info(`redact ${operator}: ${summarize(findings.map((f) => f.label))}${applied ? '' : ' (edit rejected)'}`);
    return applied ? { applied, redacted: findings.length } : { applied, redacted: 0, reason: 'the editor rejected the edit' };
  }

  /**
   * The range's text with its findings replaced by tokens that `restore` can undo. Nothing is
   * edited; the text and the map go back to the client, which keeps them in memory only.
   */
  private async redactForPrompt(args: RedactForPromptArgs): Promise<RedactForPromptResult> {
    const doc = this.d.getDocument(args.uri);
    if (!doc) return { redacted: 0, reason: 'the document is not open' };
    let map: RedactionMap;
    try {
      map = new RedactionMap(args.map);
    } catch (e) {
      return { redacted: 0, reason: `the prompt map is inconsistent (${(e as Error).message})` };
    }
    let from = doc.offsetAt(args.range.start);
    let to = doc.offsetAt(args.range.end);
    if (from === to) [from, to] = [0, doc.getText().length];
    const findings = (await this.currentFindings(doc))
      .filter((f) => f.start < to && f.end > from)
      .map((f) => ({ start: Math.max(f.start, from) - from, end: Math.min(f.end, to) - from, label: f.label, score: f.score }));
    const text = doc.getText().slice(from, to);
    const result = redactReversibly(text, findings, { operator: args.operator, map, redactor: this.d.redactor });
    this.d.log.info(`redact for a prompt (${args.operator}): ${summarize(findings.map((f) => f.label))}`);
    return { text: result.text, map: map.entries(), redacted: result.replaced };
  }

  private async applyEdit(label: string, edit: WorkspaceEdit): Promise<boolean> {
    try {
      const r = await this.d.connection.workspace.applyEdit({ label, edit });
      return r.applied;
    } catch (e) {
      this.d.log.error(`applyEdit failed\n${describeError(e)}`);
      return false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Allowlist

  private async addToAllowlist(args: AddToAllowlistArgs): Promise<AllowlistResult> {
    const doc = this.d.getDocument(args.uri);
    if (!doc) return { applied: false, reason: 'the document is not open' };
    if (doc.version !== args.version) return { applied: false, reason: 'the document changed since the finding was reported' };
    if (args.start < 0 || args.end <= args.start || args.end > doc.getText().length) return { applied: false, reason: 'bad range' };
    const value = doc.getText().slice(args.start, args.end);

    const folders = this.d.workspaceFolders();
    const config = this.d.configs.for(configAnchorOf(doc.uri, folders));
    const root = config.root ?? folders[0];
    const configFile = config.configFile ?? (root ? join(root, CONFIG_FILE) : undefined);
    if (!configFile) return { applied: false, reason: 'no workspace folder to hold .piilintrc.json' };
    const configUri = pathToFileURL(configFile).toString();
    const open = this.d.getDocument(configUri);
    const existing = open?.getText() ?? (existsSync(configFile) ? readFileSync(configFile, 'utf8') : undefined);

    let next: string;
    try {
      next = withAllowlisted(existing, configFile, args.label, value).text;
    } catch (e) {
      const reason = e instanceof ConfigError ? e.message : errorSummary(e);
      void this.d.connection.window.showErrorMessage(`PII Lint: cannot add to the allowlist: ${reason}`);
      return { applied: false, configFile, reason };
    }

    // The file on disk is what the CLI and the hooks read: write it there in one step (never an
    // unsaved buffer they would read as empty). Only a buffer with unsaved changes of its own gets
    // the edit instead, so those changes are not lost; the user is asked to save it.
    const onDisk = existsSync(configFile) ? readFileSync(configFile, 'utf8') : undefined;
    const dirtyBuffer = open !== undefined && open.getText() !== onDisk;
    let applied: boolean;
    if (!dirtyBuffer) {
      try {
        writeFileAtomic(configFile, next);
        applied = true;
      } catch (e) {
        const reason = `cannot write ${configFile}: ${errorSummary(e)}`;
        void this.d.connection.window.showErrorMessage(`PII Lint: cannot add to the allowlist: ${reason}`);
        return { applied: false, configFile, reason };
      }
      void this.offerToShow(configUri, `PII Lint: ${args.label} allowed: its fingerprint was added to ${basename(configFile)}.`);
    } else {
      const current = TextDocument.create(configUri, 'json', 0, existing ?? '');
      const range = { start: { line: 0, character: 0 }, end: current.positionAt((existing ?? '').length) };
      applied = await this.applyEdit(
        'Add to PII Lint allowlist',
        this.d.capabilities.documentChanges
          ? { documentChanges: [TextDocumentEdit.create({ uri: configUri, version: open.version }, [{ range, newText: next }])] }
          : { changes: { [configUri]: [{ range, newText: next }] } },
      );
      if (applied) {
        void this.d.connection.window.showWarningMessage(
          `PII Lint: ${args.label} added to the allowlist in the unsaved ${basename(configFile)}: save it so that the CLI and the git hooks see it.`,
        );
      }
    }
    this.d.log.info(`allowlist: ${args.label} ${applied ? 'added' : 'not added (edit rejected)'}`);
    if (applied) this.d.policyChanged();
    return applied ? { applied, configFile } : { applied, configFile, reason: 'the editor rejected the edit' };
  }

  /** A notice with a button that opens the file (the editor keeps the user's place otherwise). */
  private async offerToShow(uri: string, message: string): Promise<void> {
    const open = 'Open';
    try {
      const choice = await this.d.connection.window.showInformationMessage(message, { title: open });
      if (choice?.title === open && this.d.capabilities.showDocument) await this.d.connection.window.showDocument({ uri, takeFocus: true });
    } catch {
      // A client without message requests: the file is written all the same.
    }
  }

  // -------------------------------------------------------------------------------------------
  // Workspace scan

  private async scanWorkspace(token: CancellationToken, attached: WorkDoneProgressReporter): Promise<ScanWorkspaceResult> {
    const result: ScanWorkspaceResult = { files: 0, findings: 0, skipped: 0, cancelled: false };
    if (this.scanning) return { ...result, cancelled: true };
    this.scanning = true;
    this.d.workspaceScanChanged(true);
    const started = Date.now();
    const progress = WorkDoneProgressReporter.isNullInstance(attached) ? await this.d.connection.window.createWorkDoneProgress() : attached;
    const progressToken = 'token' in progress ? (progress as { token: CancellationToken }).token : undefined;
    const cancelled = (): boolean => token.isCancellationRequested || progressToken?.isCancellationRequested === true;
    progress.begin('PII Lint: scanning workspace', 0, 'listing files', true);
    const previous = new Set(this.workspaceReported.keys());
    const reported = new Set<string>();
    try {
      const files: string[] = [];
      for (const folder of this.d.workspaceFolders()) {
        await this.listFiles(folder, files, cancelled);
        if (files.length >= MAX_WORKSPACE_FILES) break;
      }
      let lastReport = 0;
      for (let i = 0; i < files.length; i++) {
        if (cancelled()) {
          result.cancelled = true;
          break;
        }
        const now = Date.now();
        if (now - lastReport > 100) {
          progress.report(Math.floor((i / files.length) * 100), `${i}/${files.length} files`);
          lastReport = now;
        }
        const file = files[i] as string;
        const uri = pathToFileURL(file).toString();
        if (this.d.getDocument(uri)) {
          // Open documents are the scheduler's; they are counted, not re-published.
          result.files++;
          continue;
        }
        const n = await this.scanFile(file, uri);
        if (n === undefined) {
          result.skipped++;
          continue;
        }
        result.files++;
        result.findings += n;
        if (n > 0) reported.add(uri);
      }
      if (!result.cancelled) {
        this.scanned = true;
        // Files reported by the previous scan and now clean lose their diagnostics.
        for (const uri of previous) {
          if (!reported.has(uri) && !this.d.getDocument(uri)) {
            this.workspaceReported.delete(uri);
            void this.d.connection.sendDiagnostics({ uri, diagnostics: [] });
          }
        }
      }
    } catch (e) {
      this.d.log.error(`workspace scan failed\n${describeError(e)}`);
    } finally {
      progress.done();
      this.scanning = false;
      this.d.workspaceScanChanged(false);
    }
    this.d.log.info(
      `workspace scan: ${result.files} files, ${result.findings} findings, ${result.skipped} skipped in ${Date.now() - started} ms${result.cancelled ? ' (cancelled)' : ''}`,
    );
    return result;
  }

  /** Regular files under `folder` that are not ignored (.piilintrc.json ignore, .piilintignore, .gitignore). */
  private async listFiles(folder: string, out: string[], cancelled: () => boolean): Promise<void> {
    const gitignorePath = join(folder, '.gitignore');
    const gitignored = createPathFilter(folder, existsSync(gitignorePath) ? readFileSync(gitignorePath, 'utf8').split(/\r?\n/) : []);
    const stack = [folder];
    while (stack.length > 0 && out.length < MAX_WORKSPACE_FILES && !cancelled()) {
      const dir = stack.pop() as string;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      const config = this.d.configs.for(dir);
      for (const e of entries) {
        const path = join(dir, e.name);
        if (e.isDirectory()) {
          if (!config.isIgnored(path, true) && !gitignored(path, true)) stack.push(path);
        } else if (e.isFile()) {
          if (!config.isIgnored(path) && !gitignored(path)) out.push(path);
          if (out.length >= MAX_WORKSPACE_FILES) break;
        }
      }
    }
  }

  /** Scans one closed file and publishes its diagnostics; undefined when skipped. */
  private async scanFile(path: string, uri: string): Promise<number | undefined> {
    try {
      const size = (await stat(path)).size;
      const ctx = await this.d.service.contextFor(uri, '', size);
      if (ctx.skip) return undefined;
      const bytes = await readFile(path);
      if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return undefined;
      const text = bytes.toString('utf8');
      const findings = await this.d.service.findings(uri, '', text, ctx);
      const doc = TextDocument.create(uri, '', 0, text);
      const diagnostics: Diagnostic[] = findingsToDiagnostics(doc, findings);
      if (diagnostics.length > 0 || this.workspaceReported.has(uri)) {
        void this.d.connection.sendDiagnostics({ uri, diagnostics });
      }
      if (diagnostics.length > 0) {
        const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
        for (const f of findings) counts[f.severity]++;
        this.workspaceReported.set(uri, counts);
      }
      else this.workspaceReported.delete(uri);
      this.d.workspaceScanChanged(true);
      return diagnostics.length;
    } catch (e) {
      this.d.log.warn(`workspace scan: a file could not be scanned\n${describeError(e)}`);
      return undefined;
    }
  }

  /** Forget a file's workspace-scan diagnostics (it was opened: the scheduler reports it now). */
  forgetWorkspaceFile(uri: string): void {
    this.workspaceReported.delete(uri);
  }
}

