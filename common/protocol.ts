/**
 * What the client and the server say to each other beyond standard LSP, typed once and imported by
 * both sides. Custom methods are namespaced `piiLint/…`; commands are `piiLint.…`.
 *
 * Nothing here carries document text or PII values: ranges, offsets, labels, counts and a keyed
 * hash at most.
 */
import { NotificationType, type Range } from 'vscode-languageserver-protocol';
import type { Evidence } from '../server/src/engine/types';

export const SOURCE = 'pii-lint';

// ---------------------------------------------------------------------------------------------
// Initialization and workspace trust

/** `initializationOptions` the client sends in `initialize`. */
export interface InitializationOptions {
  /** VS Code's `workspace.isTrusted`. Missing = untrusted: model paths from settings and
   * `.piilintrc.json` are ignored and the built-in model is used. */
  workspaceTrusted?: boolean;
}

export interface WorkspaceTrustParams {
  trusted: boolean;
}

/** Client -> server when the user grants trust (`workspace.onDidGrantWorkspaceTrust`). */
export const WorkspaceTrustNotification = new NotificationType<WorkspaceTrustParams>('piiLint/workspaceTrust');

// ---------------------------------------------------------------------------------------------
// Status (for the status bar item)

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
  hint: number;
}

export type ServerState = 'loading' | 'ready' | 'scanning' | 'error';

export interface StatusParams {
  state: ServerState;
  /** Name of the loaded model; null while loading or when running validators only. */
  model: string | null;
  /** Findings currently reported across open documents (and the last workspace scan). */
  findings: number;
  /** The same findings by severity: Problems lists errors, warnings and infos; hints only show in the editor. */
  counts: SeverityCounts;
  /** Where they were found: open documents only, or the workspace once it was scanned. */
  scope: 'open' | 'workspace';
  /** Why the state is `error` (a model that failed to load, a broken `.piilintrc.json`). */
  message?: string;
}

/** Server -> client whenever the state, the model or the number of findings changes. */
export const StatusNotification = new NotificationType<StatusParams>('piiLint/status');

// ---------------------------------------------------------------------------------------------
// Commands (workspace/executeCommand). vscode-languageclient registers each id the server
// advertises as a VS Code command that forwards its arguments, so the client must not register
// these ids itself: its palette commands (e.g. "Redact selection") gather the arguments and call
// them.

export const CommandIds = {
  /** RedactRangeArgs -> RedactResult */
  redactRange: 'piiLint.redactRange',
  /** RedactDocumentArgs -> RedactResult */
  redactDocument: 'piiLint.redactDocument',
  /** no arguments -> ScanWorkspaceResult; reports work-done progress and is cancellable. */
  scanWorkspace: 'piiLint.scanWorkspace',
  /** AddToAllowlistArgs -> AllowlistResult */
  addToAllowlist: 'piiLint.addToAllowlist',
  /** RedactForPromptArgs -> RedactForPromptResult; edits nothing. */
  redactForPrompt: 'piiLint.redactForPrompt',
} as const;

export const ALL_COMMANDS: readonly string[] = Object.values(CommandIds);

export type RedactOperator = 'mask' | 'placeholder' | 'synthetic';
export const REDACT_OPERATORS: readonly RedactOperator[] = ['mask', 'placeholder', 'synthetic'];

export interface RedactRangeArgs {
  uri: string;
  /** Findings overlapping this range are redacted. */
  range: Range;
  operator: RedactOperator;
}

export interface RedactDocumentArgs {
  uri: string;
  operator: RedactOperator;
}

export interface RedactResult {
  /** True when an edit was applied. */
  applied: boolean;
  /** Findings replaced. */
  redacted: number;
  /** Why nothing was applied ("no findings in the selection", "document not open", …). */
  reason?: string;
}

/** A selection redacted reversibly, for pasting into an LLM prompt; the document is not edited. */
export interface RedactForPromptArgs {
  uri: string;
  /** An empty range means the whole document. */
  range: Range;
  operator: 'placeholder' | 'synthetic';
  /** The tokens given out so far (the client keeps them in memory), so a value keeps its token. */
  map: Array<{ token: string; value: string; label: string }>;
}

export interface RedactForPromptResult {
  /** The redacted text; absent when nothing could be redacted. */
  text?: string;
  /** The whole map after this redaction (earlier entries included). */
  map?: Array<{ token: string; value: string; label: string }>;
  /** Values replaced (every occurrence counts). */
  redacted: number;
  reason?: string;
}

export interface ScanWorkspaceResult {
  files: number;
  findings: number;
  /** Files skipped: ignored, too large or binary. */
  skipped: number;
  cancelled: boolean;
}

/** Identifies a finding in an open document; the server reads the value itself. */
export interface AddToAllowlistArgs {
  uri: string;
  /** Document version the finding was reported for; a newer version is refused. */
  version: number;
  label: string;
  start: number;
  end: number;
}

export interface AllowlistResult {
  applied: boolean;
  /** The `.piilintrc.json` that was edited (a path, never the value). */
  configFile?: string;
  reason?: string;
}

// ---------------------------------------------------------------------------------------------
// Diagnostics

/** Code action kind of "fix all PII in this file" (for `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.piiLint';

/**
 * `Diagnostic.data` of every PII Lint diagnostic: the finding itself, so that code actions and
 * hovers never re-run the model. The value is not repeated: `valueHash` is a keyed hash (the key
 * lives only in this server process) used to check the text still holds the same value.
 */
export interface FindingData {
  label: string;
  score: number;
  /** UTF-16 offsets into the document version `version`. */
  start: number;
  end: number;
  version: number;
  evidence: Evidence;
  valueHash: string;
}
