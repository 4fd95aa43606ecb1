/**
 * The personal editor settings (`piiLint.*`), described once: the PiiLintSettings type, its
 * defaults, and the allowed values of its enumerations. package.json's `contributes.configuration`
 * must agree with them (test/unit/settings.test.ts checks it).
 *
 * They layer on top of the repository's `.piilintrc.json` (see workspaceConfig.ts): a team's
 * policy lives in the repository, these only say how one person wants to see it.
 */
import { isClassSetting, type ClassSetting } from './engine/policy/policy';

export const SETTINGS_SECTION = 'piiLint';

export const RUN_MODES = ['onType', 'onSave'] as const;
export type RunMode = (typeof RUN_MODES)[number];

export const SCAN_CODE_MODES = ['commentsAndStrings', 'all', 'off'] as const;
export type ScanCodeMode = (typeof SCAN_CODE_MODES)[number];

export const TRACE_LEVELS = ['off', 'messages', 'verbose'] as const;
export type TraceLevel = (typeof TRACE_LEVELS)[number];

export const CLASS_SETTINGS: readonly ClassSetting[] = ['error', 'warning', 'info', 'hint', 'off'];

export interface PiiLintSettings {
  /** Scan documents at all. */
  enable: boolean;
  /** Scan as you type (debounced) or only when a document is saved. */
  run: RunMode;
  /** In source code: comments and string literals only, everything, or nothing. */
  scanCode: ScanCodeMode;
  /** Scan commit messages: the Source Control input box and COMMIT_EDITMSG editors. */
  commitMessages: boolean;
  /** Floor under the per-class thresholds; null = the repository's (or the built-in 0.5). */
  minConfidence: number | null;
  /** Per-class severity overrides, e.g. { "EMAIL": "error", "DATE": "off" }. */
  classes: Record<string, ClassSetting>;
  model: {
    /** Model folder; '' = the repository's `.piilintrc.json` model, else the built-in one.
     * machine-overridable, and ignored in untrusted workspaces. */
    path: string;
  };
  /** Documents are scanned up to this many bytes (UTF-8); a notice marks where scanning stopped. */
  maxFileSize: number;
  trace: {
    /** Traces the LSP messages between VS Code and the server (read by the client). */
    server: TraceLevel;
  };
}

export const DEFAULT_SETTINGS: Readonly<PiiLintSettings> = Object.freeze<PiiLintSettings>({
  enable: true,
  run: 'onType',
  scanCode: 'commentsAndStrings',
  commitMessages: true,
  minConfidence: null,
  classes: {},
  model: { path: '' },
  maxFileSize: 1_000_000,
  trace: { server: 'off' },
});

/** Enumerated settings and their allowed values, by full key. */
export const SETTING_ENUMS: Readonly<Record<string, readonly string[]>> = {
  'piiLint.run': RUN_MODES,
  'piiLint.scanCode': SCAN_CODE_MODES,
  'piiLint.trace.server': TRACE_LEVELS,
};

/** Settings that are maps (one key per class), not nested groups of settings. */
export const MAP_SETTINGS: ReadonlySet<string> = new Set(['piiLint.classes']);

/** Settings a machine may override (paths into this machine's file system). */
export const MACHINE_OVERRIDABLE_SETTINGS: ReadonlySet<string> = new Set(['piiLint.model.path']);

/** Every setting as `piiLint.a.b` -> default value: the shape package.json must declare. */
export function flattenSettings(settings: Readonly<PiiLintSettings> = DEFAULT_SETTINGS): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (prefix: string, value: unknown): void => {
    if (isPlainObject(value) && !MAP_SETTINGS.has(prefix)) {
      for (const [k, v] of Object.entries(value)) walk(`${prefix}.${k}`, v);
    } else {
      out[prefix] = value;
    }
  };
  walk(SETTINGS_SECTION, settings);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function oneOf<T extends string>(allowed: readonly T[], v: unknown, fallback: T): T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

/**
 * Settings as the client sent them (untyped JSON, possibly partial or hand-edited) made whole:
 * every missing or invalid value falls back to its default. In an untrusted workspace the model
 * path is dropped: a workspace's settings must not make the editor load a file it chose.
 */
export function normalizeSettings(raw: unknown, options: { trusted: boolean }): PiiLintSettings {
  const r = isPlainObject(raw) ? raw : {};
  const d = DEFAULT_SETTINGS;
  const model = isPlainObject(r.model) ? r.model : {};
  const trace = isPlainObject(r.trace) ? r.trace : {};
  const classes: Record<string, ClassSetting> = {};
  if (isPlainObject(r.classes)) {
    for (const [label, setting] of Object.entries(r.classes)) {
      if (isClassSetting(setting)) classes[label] = setting;
    }
  }
  const minConfidence =
    typeof r.minConfidence === 'number' && Number.isFinite(r.minConfidence) && r.minConfidence >= 0 && r.minConfidence <= 1
      ? r.minConfidence
      : d.minConfidence;
  const maxFileSize =
    typeof r.maxFileSize === 'number' && Number.isFinite(r.maxFileSize) && r.maxFileSize > 0 ? r.maxFileSize : d.maxFileSize;
  const modelPath = options.trusted && typeof model.path === 'string' ? model.path.trim() : '';
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : d.enable,
    run: oneOf(RUN_MODES, r.run, d.run),
    scanCode: oneOf(SCAN_CODE_MODES, r.scanCode, d.scanCode),
    commitMessages: typeof r.commitMessages === 'boolean' ? r.commitMessages : d.commitMessages,
    minConfidence,
    classes,
    model: { path: modelPath },
    maxFileSize,
    trace: { server: oneOf(TRACE_LEVELS, trace.server, d.trace.server) },
  };
}

/**
 * Settings per resource, pulled from the client (`workspace/configuration`) on first use and
 * cached until the configuration changes; concurrent requests for one resource share one pull.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<PiiLintSettings>>();

  constructor(
    /** Pulls the raw `piiLint` section for a resource; rejects or returns undefined when unavailable. */
    private readonly pull: (uri: string) => Promise<unknown>,
    private readonly isTrusted: () => boolean,
  ) {}

  get(uri: string): Promise<PiiLintSettings> {
    let p = this.cache.get(uri);
    if (!p) {
      p = this.pull(uri).then(
        (raw) => normalizeSettings(raw, { trusted: this.isTrusted() }),
        () => normalizeSettings(undefined, { trusted: this.isTrusted() }),
      );
      this.cache.set(uri, p);
    }
    return p;
  }

  delete(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
