/**
 * What scanning a document means for the server: its settings, the repository policy governing
 * it, the engine for its model, and the reasons to leave it alone (disabled, ignored, too large,
 * code with code scanning off, a commit message with commit scanning off).
 */
import { isAbsolute, resolve } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createPolicy, type Policy, type PolicyConfig } from './engine/policy';
import { scanModeFor } from './engine/regions';
import { scanText } from './engine/scan';
import type { ScanResult } from './diagnostics';
import { configAnchorOf, documentKindOf, fsPathOf, isCommitMessage } from './documentKind';
import type { EngineManager, LoadedEngine } from './engines';
import { findingsToDiagnostics } from './findingsToDiagnostics';
import { isAbortError, type Logger } from './log';
import type { PiiLintSettings, SettingsCache } from './settings';
import type { ResolvedConfig, WorkspaceConfigs } from './workspaceConfig';

export type SkipReason = 'disabled' | 'commitMessages off' | 'scanCode off' | 'ignored' | 'too large';

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
    if (!ctx.skip && size > settings.maxFileSize) ctx.skip = 'too large';
    return ctx;
  }

  engineFor(ctx: DocumentContext): Promise<LoadedEngine> {
    return this.o.engines.get(ctx.modelDir);
  }

  /** Policy-filtered findings of a text (no skip checks: the caller made them). */
  async findings(uri: string, languageId: string, text: string, ctx: DocumentContext, signal?: AbortSignal) {
    const { engine } = await this.engineFor(ctx);
    const kind = documentKindOf(uri, languageId);
    try {
      return await scanText(engine, text, {
        ...kind,
        policy: ctx.policy,
        code: ctx.settings.scanCode === 'all' ? 'all' : 'commentsAndStrings',
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      if (!isAbortError(e) && !signal?.aborted) await this.o.engines.failed(ctx.modelDir, e);
      throw e;
    }
  }

  /** One open document, as the diagnostics scheduler wants it. */
  async scanDocument(doc: TextDocument, signal: AbortSignal): Promise<ScanResult> {
    const text = doc.getText();
    const started = Date.now();
    const ctx = await this.contextFor(doc.uri, doc.languageId, Buffer.byteLength(text, 'utf8'));
    if (ctx.skip) {
      this.o.log.trace(`skipped a ${doc.languageId} document: ${ctx.skip}`);
      return { findings: [], diagnostics: [] };
    }
    const findings = await this.findings(doc.uri, doc.languageId, text, ctx, signal);
    const diagnostics = findingsToDiagnostics(doc, findings);
    this.o.log.trace(`scanned ${text.length} chars (${doc.languageId}) in ${Date.now() - started} ms: ${summarize(findings.map((f) => f.label))}`);
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
