/**
 * What scanning a document means for the server: its settings, the repository policy governing
 * it, the engine for its model, and the reasons to leave it alone (disabled, ignored, code with
 * code scanning off, a commit message with commit scanning off). A document over
 * piiLint.maxFileSize is scanned up to the cap, and a diagnostic says where scanning stopped.
 */
import { isAbsolute, resolve } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatBytes } from './cli/files';
import type { DetectProgress } from './engine/engine';
import { applyPolicy, createPolicy, type Policy, type PolicyConfig } from './engine/policy/policy';
import { scanModeFor } from './engine/text/regions';
import { scanText } from './engine/scan';
import type { ScanProgress, ScanResult } from './diagnostics';
import { refineForFile } from './engine/filters/fileContext';
import { skippedGeneratedKind } from './engine/policy/fileTypes';
import { KnownPeople } from './commitPeople';
import { configAnchorOf, documentKindOf, fsPathOf, isCommitMessage, scmRootPath } from './documentKind';
import type { EngineManager, LoadedEngine } from './engines';
import { findingsToDiagnostics } from './findingsToDiagnostics';
import { isAbortError, type Logger } from './log';
import { SOURCE } from '../../common/protocol';
import type { PiiLintSettings, SettingsCache } from './settings';
import type { ResolvedConfig, WorkspaceConfigs } from './workspaceConfig';

/** Lines of a long document whose findings are shown before the rest is scanned (what is on screen when it opens). */
export const HEAD_LINES = 100;
/** A scan still running after this long shows the head's findings while it goes on. */
export const PARTIAL_AFTER_MS = 300;
/** Code of the diagnostic that says a document was scanned only up to piiLint.maxFileSize. */
export const CAPPED_CODE = 'maxFileSize';

/** The UTF-16 index where the first `maxBytes` UTF-8 bytes of `text` end (never inside a surrogate pair). */
export function utf16IndexOfBytes(text: string, maxBytes: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + n > maxBytes) return i;
    bytes += n;
    if (pair) i++;
  }
  return text.length;
}

export type SkipReason = 'disabled' | 'commitMessages off' | 'scanCode off' | 'ignored' | 'generated' | 'too large';

export interface DocumentContext {
  settings: PiiLintSettings;
  config: ResolvedConfig;
  policy: Policy;
  /** undefined = the built-in model. */
  modelDir: string | undefined;
  skip?: SkipReason;
}

export interface ServiceOptions {
  settings: SettingsCache;
  configs: WorkspaceConfigs;
  engines: EngineManager;
  log: Logger;
  isTrusted(): boolean;
  workspaceFolders(): readonly string[];
}

/** The editor's personal layer over the repository's policy. */
export function settingsLayer(s: PiiLintSettings): PolicyConfig {
  return { classes: s.classes, ...(s.minConfidence !== null ? { minConfidence: s.minConfidence } : {}) };
}

export class ScanService {
  private readonly people = new KnownPeople();

  constructor(private readonly o: ServiceOptions) {}

  /** Model folder for a document: the setting, else `.piilintrc.json`'s, else built-in; only in trusted workspaces. */
  modelDirFor(settings: PiiLintSettings, config: ResolvedConfig): string | undefined {
    if (!this.o.isTrusted()) return undefined;
    const p = settings.model.path;
    if (p) return isAbsolute(p) ? p : resolve(config.root ?? this.o.workspaceFolders()[0] ?? process.cwd(), p);
    return config.modelDir;
  }

  async contextFor(uri: string, languageId: string, size: number): Promise<DocumentContext> {
    const settings = await this.o.settings.get(uri);
    const config = this.o.configs.for(configAnchorOf(uri, this.o.workspaceFolders()));
    const policy = createPolicy(config.config, settingsLayer(settings));
    const modelDir = this.modelDirFor(settings, config);
    const ctx: DocumentContext = { settings, config, policy, modelDir };
    const path = fsPathOf(uri);
    const commit = isCommitMessage(uri, languageId);
    if (!settings.enable) ctx.skip = 'disabled';
    else if (commit) {
      if (!settings.commitMessages) ctx.skip = 'commitMessages off';
    } else if (settings.scanCode === 'off' && scanModeFor(documentKindOf(uri, languageId)) === 'code') ctx.skip = 'scanCode off';
    // COMMIT_EDITMSG lives in .git/, which ignore rules always exclude: a commit message is never ignored.
    if (!ctx.skip && !commit && path !== undefined && config.isIgnored(path)) ctx.skip = 'ignored';
    // Lockfiles, source maps, *.min.js: by name only here (the CLI also looks at the content).
    if (!ctx.skip && !commit && path !== undefined && skippedGeneratedKind(path, config.config.skipGenerated)) ctx.skip = 'generated';
    if (!ctx.skip && size > settings.maxFileSize) ctx.skip = 'too large';
    return ctx;
  }

  engineFor(ctx: DocumentContext): Promise<LoadedEngine> {
    return this.o.engines.get(ctx.modelDir);
  }

  /** Policy-filtered findings of a text (no skip checks: the caller made them). */
  async findings(uri: string, languageId: string, text: string, ctx: DocumentContext, signal?: AbortSignal, onProgress?: (p: DetectProgress) => void) {
    const { engine } = await this.engineFor(ctx);
    const kind = documentKindOf(uri, languageId);
    try {
      return await scanText(engine, text, {
        ...kind,
        policy: ctx.policy,
        code: ctx.settings.scanCode === 'all' ? 'all' : 'commentsAndStrings',
        ...(signal ? { signal } : {}),
        ...(onProgress ? { onProgress } : {}),
      });
    } catch (e) {
      if (!isAbortError(e) && !signal?.aborted) await this.o.engines.failed(ctx.modelDir, e);
      throw e;
    }
  }

  /**
   * One open document, as the diagnostics scheduler wants it. A long scan reports its progress,
   * and once, when it is still running after PARTIAL_AFTER_MS with the first HEAD_LINES lines
   * done, their diagnostics.
   */
  async scanDocument(doc: TextDocument, signal: AbortSignal, progress?: (p: ScanProgress) => void): Promise<ScanResult> {
    const text = doc.getText();
    const started = Date.now();
    const size = Buffer.byteLength(text, 'utf8');
    const ctx = await this.contextFor(doc.uri, doc.languageId, size);
    if (ctx.skip && ctx.skip !== 'too large') {
      this.o.log.trace(`skipped a ${doc.languageId} document: ${ctx.skip}`);
      return { findings: [], diagnostics: [] };
    }
    let scanned = text;
    const notices: Diagnostic[] = [];
    if (ctx.skip === 'too large') {
      const cut = utf16IndexOfBytes(text, ctx.settings.maxFileSize);
      scanned = text.slice(0, cut);
      const at = doc.positionAt(cut);
      notices.push({
        range: { start: at, end: at },
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        code: CAPPED_CODE,
        message: `PII Lint scanned the first ${formatBytes(Buffer.byteLength(scanned, 'utf8'))} of this ${formatBytes(size)} document (piiLint.maxFileSize): the rest is not checked.`,
      });
      this.o.log.info(`a ${formatBytes(size)} ${doc.languageId} document is scanned up to piiLint.maxFileSize (${formatBytes(ctx.settings.maxFileSize)})`);
    }
    const headEnd = Math.min(scanned.length, doc.offsetAt({ line: HEAD_LINES, character: 0 }));
    let partialSent = false;
    const onProgress = progress
      ? (p: DetectProgress): void => {
          const fraction = p.total > 0 ? p.done / p.total : 1;
          if (!partialSent && p.pending > 0 && p.done >= headEnd && Date.now() - started >= PARTIAL_AFTER_MS) {
            partialSent = true;
            const head = applyPolicy(scanned, refineForFile(scanned, p.findings, documentKindOf(doc.uri, doc.languageId)), ctx.policy).sort((a, b) => a.start - b.start || a.end - b.end);
            progress({ fraction, diagnostics: [...findingsToDiagnostics(doc, head), ...notices] });
          } else progress({ fraction });
        }
      : undefined;
    let findings = await this.findings(doc.uri, doc.languageId, scanned, ctx, signal, onProgress);
    if (isCommitMessage(doc.uri, doc.languageId) && this.o.isTrusted()) {
      const root = scmRootPath(doc.uri);
      const file = fsPathOf(doc.uri);
      findings = await this.people.filter(scanned, findings, { repoRoot: root ?? (file === undefined ? this.o.workspaceFolders()[0] : undefined), file }, ctx.config.config.commitIdentities ?? 'history');
    }
    const diagnostics = [...findingsToDiagnostics(doc, findings), ...notices];
    this.o.log.trace(`scanned ${scanned.length} chars (${doc.languageId}) in ${Date.now() - started} ms: ${summarize(findings.map((f) => f.label))}`);
    return { findings, diagnostics };
  }
}

/** "2 EMAIL, 1 IBAN": classes and counts, never values. */
export function summarize(labels: readonly string[]): string {
  if (labels.length === 0) return 'no findings';
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts.entries()].map(([l, n]) => `${n} ${l}`).join(', ');
}
