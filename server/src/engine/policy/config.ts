/**
 * The repository's PII policy on disk: `.piilintrc.json` and `.piilintignore` at the workspace
 * root, shared by the editor, the CLI and the git hooks so a team's policy holds the same
 * everywhere. Personal editor settings layer on top of it (see createPolicy's layers).
 *
 * `.piilintrc.json`:
 *   {
 *     "classes":    { "EMAIL": "error", "DATE": "off" },   // error | warning | info | hint | off
 *     "minConfidence": 0.5,                               // floor under the default thresholds
 *     "thresholds": { "FIRSTNAME": 0.6 },                 // per class, replaces default and floor
 *     "ignore":     ["fixtures/**", "*.snap"],            // gitignore syntax, relative to the root
 *     "allowlist":  ["hmac-sha256:…"],                    // keyed fingerprints, never plaintext
 *     "salt":       "…",                                  // per-repository random key for them
 *     "model":      "models/custom",                      // model folder, relative to the root
 *     "commitIdentities": "history",                    // trailers of known authors: history | committer | off
 *     "skipGenerated": ["lockfile", "sourcemap", "minified"], // generated files not scanned (default: all three)
 *     "patterns":   [{ "label": "EMPLOYEEID", "regex": "EMP-\\d{6}", "context": ["employee"], "score": 0.8 }],
 *     "preset":     "hipaa"                               // hipaa | pci | gdpr: their classes become errors
 *   }
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import type { CommitIdentityMode } from './commitIdentities';
import { GENERATED_KINDS, type GeneratedKind } from './fileTypes';
import { KNOWN_CLASSES as CLASS_LIST } from '../labels';
import { createPolicy, fingerprint, isClassSetting, type Policy, type PolicyConfig } from './policy';
import { compilePattern, PRESETS, type CompiledPattern } from './teamPatterns';

export const CONFIG_FILE = '.piilintrc.json';
export const IGNORE_FILE = '.piilintignore';

/** Never scanned: version-control internals and installed dependencies. */
const ALWAYS_IGNORED = ['.git/', 'node_modules/'];

const FINGERPRINT_RE = /^hmac-sha256:[0-9a-f]{64}$/i;

export interface PiiLintConfig extends PolicyConfig {
  ignore?: string[];
  model?: string;
  /** Commit messages: whose names and addresses in trailers are not findings (commitIdentities.ts). */
  commitIdentities?: CommitIdentityMode;
  /** Generated files not scanned (fileTypes.ts); default all of GENERATED_KINDS, [] scans them. */
  skipGenerated?: GeneratedKind[];
}

/** A `.piilintrc.json` that can't be used; the message names the file and the key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const KNOWN_KEYS = new Set(['$schema', 'classes', 'minConfidence', 'thresholds', 'ignore', 'allowlist', 'salt', 'model', 'commitIdentities', 'skipGenerated', 'patterns', 'preset']);
const KNOWN_CLASSES = new Set<string>(CLASS_LIST);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isProbability(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;
}

export interface ParseOptions {
  /** Keep an allowlist that has entries but no salt instead of refusing it: only `allow --rekey`, which re-keys it. */
  acceptUnsalted?: boolean;
}

/** An allowlist with entries and no salt (missing, or `""` as older versions wrote): HMACs with an empty key. */
export function isUnsalted(config: PolicyConfig): boolean {
  return (config.allowlist?.length ?? 0) > 0 && !config.salt;
}

/**
 * Validates a `.piilintrc.json`. Errors never quote values from the file: an allowlist entry
 * that isn't a fingerprint may well be the plaintext someone meant to hide.
 */
export function parseConfig(text: string, file: string, options: ParseOptions = {}): { config: PiiLintConfig; warnings: string[]; errors: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`${file}: not valid JSON (${(e as Error).message.replace(/, ".*$/s, '')})`);
  }
  if (!isRecord(raw)) throw new ConfigError(`${file}: expected a JSON object`);
  const warnings: string[] = [];
  const config: PiiLintConfig = {};
  const fail = (key: string, want: string): never => {
    throw new ConfigError(`${file}: "${key}" must be ${want}`);
  };

  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) warnings.push(`${file}: unknown key "${key}" ignored`);
  }
  /** A `{ CLASS: value }` object; classes the built-in model lacks are kept for custom models. */
  const perClass = <T>(key: 'classes' | 'thresholds', valid: (v: unknown) => v is T, what: string, want: string): Record<string, T> => {
    const obj = raw[key];
    if (!isRecord(obj)) return fail(key, `an object of class -> ${what}`);
    const out: Record<string, T> = {};
    for (const [label, value] of Object.entries(obj)) {
      if (!valid(value)) fail(`${key}.${label}`, want);
      if (!KNOWN_CLASSES.has(label)) warnings.push(`${file}: "${key}.${label}" is not a built-in class (kept for custom models)`);
      out[label] = value as T;
    }
    return out;
  };
  if (raw.classes !== undefined) config.classes = perClass('classes', isClassSetting, 'severity', 'one of "error", "warning", "info", "hint", "off"');
  if (raw.minConfidence !== undefined) {
    if (!isProbability(raw.minConfidence)) fail('minConfidence', 'a number between 0 and 1');
    config.minConfidence = raw.minConfidence as number;
  }
  if (raw.thresholds !== undefined) config.thresholds = perClass('thresholds', isProbability, 'number', 'a number between 0 and 1');
  if (raw.ignore !== undefined) {
    if (!Array.isArray(raw.ignore) || !raw.ignore.every((g) => typeof g === 'string')) fail('ignore', 'an array of glob strings');
    config.ignore = raw.ignore as string[];
  }
  if (raw.allowlist !== undefined) {
    if (!Array.isArray(raw.allowlist)) fail('allowlist', 'an array of "hmac-sha256:<64 hex digits>" fingerprints');
    const list = raw.allowlist as unknown[];
    list.forEach((entry, i) => {
      if (typeof entry !== 'string' || !FINGERPRINT_RE.test(entry)) {
        fail(`allowlist[${i}]`, 'a "hmac-sha256:<64 hex digits>" fingerprint (plaintext values are not accepted; the entry is not shown here)');
      }
    });
    config.allowlist = list as string[];
  }
  if (raw.salt !== undefined) {
    if (typeof raw.salt !== 'string') fail('salt', 'a string');
    config.salt = raw.salt as string;
  }
  if (isUnsalted(config) && !options.acceptUnsalted) throw new ConfigError(unsaltedMessage(file, config.allowlist?.length ?? 0));
  if (raw.model !== undefined) {
    if (typeof raw.model !== 'string' || raw.model === '') fail('model', 'a folder path');
    config.model = raw.model as string;
  }
  if (raw.commitIdentities !== undefined) {
    if (!['history', 'committer', 'off'].includes(raw.commitIdentities as string)) fail('commitIdentities', 'one of "history", "committer", "off"');
    config.commitIdentities = raw.commitIdentities as CommitIdentityMode;
  }
  if (raw.skipGenerated !== undefined) {
    const kinds = raw.skipGenerated;
    if (!Array.isArray(kinds) || !kinds.every((k) => (GENERATED_KINDS as readonly unknown[]).includes(k))) {
      fail('skipGenerated', `an array of ${GENERATED_KINDS.map((k) => `"${k}"`).join(', ')}`);
    }
    config.skipGenerated = kinds as GeneratedKind[];
  }
  if (raw.preset !== undefined) {
    if (typeof raw.preset !== 'string' || !Object.hasOwn(PRESETS, raw.preset)) fail('preset', `one of ${Object.keys(PRESETS).map((p) => `"${p}"`).join(', ')}`);
    config.preset = raw.preset as string;
  }
  // A refused pattern is an error, but the others (and the rest of the file) still apply: the
  // editor keeps scanning with them, the CLI and the hooks stop (loadWorkspaceConfig).
  const errors: string[] = [];
  if (raw.patterns !== undefined) {
    if (!Array.isArray(raw.patterns)) fail('patterns', 'an array of { "label", "regex", "context"?, "score"? }');
    const compiled: CompiledPattern[] = [];
    (raw.patterns as unknown[]).forEach((p, i) => {
      const c = compilePattern(p, `"patterns[${i}]"`);
      if (typeof c === 'string') errors.push(`${file}: ${c}`);
      else compiled.push(c);
    });
    config.patterns = compiled;
  }
  return { config, warnings, errors };
}

/** The command that re-keys an unsalted allowlist (commands/rekey.ts), named by the refusal. */
export const REKEY_COMMAND = 'pii-lint allow --rekey';

/**
 * An HMAC with an empty key is a plain hash: an e-mail address's is one dictionary lookup away
 * from it, so a list without its key is refused, not used. Its entries can only be re-keyed from
 * the values, which is what the command the message names does: the CLI, the hooks and the editor
 * all show this message, so it carries the one fix.
 */
function unsaltedMessage(file: string, entries: number): string {
  return `${file}: "allowlist" has ${entries} ${entries === 1 ? 'entry' : 'entries'} but no "salt": unkeyed fingerprints can be reversed by a dictionary lookup, so PII Lint refuses them. Fix: run "${REKEY_COMMAND}" in the repository; it keys the entries whose values are still in its files with a new random salt and drops the others.`;
}

function startDir(from: string): string {
  const abs = resolve(from);
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs);
  } catch {
    return dirname(abs);
  }
}

/**
 * Walks up from `from` to the nearest `.piilintrc.json`, not past the repository root (the folder
 * holding `.git`): a repository's policy is its own, not its parent folder's.
 */
export function findConfigFile(from: string): string | undefined {
  let dir = startDir(from);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The folder holding `.git` above `from`, if any. */
export function findRepositoryRoot(from: string): string | undefined {
  let dir = startDir(from);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export type PathFilter = (absPath: string, isDirectory?: boolean) => boolean;

/** gitignore-syntax patterns relative to `root`; paths outside `root` are never ignored. */
export function createPathFilter(root: string, patterns: readonly string[]): PathFilter {
  const ig = ignore().add([...ALWAYS_IGNORED, ...patterns]);
  return (absPath, isDirectory = false) => {
    const rel = relative(root, resolve(absPath));
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
    const posix = sep === '/' ? rel : rel.split(sep).join('/');
    return ig.ignores(isDirectory ? `${posix}/` : posix);
  };
}

export interface WorkspaceConfig {
  /** Where `.piilintrc.json` is, else the repository root, else the folder scanned from. */
  root: string;
  configFile?: string;
  config: PiiLintConfig;
  warnings: string[];
  policy: Policy;
  /** `model` from the configuration, resolved against the root. */
  modelDir?: string;
  isIgnored: PathFilter;
}

/** Loads the policy that applies to `from` (a file or folder). Throws ConfigError on a bad file. */
export function loadWorkspaceConfig(from: string, options: { configFile?: string } & ParseOptions = {}): WorkspaceConfig {
  const configFile = options.configFile ? resolve(options.configFile) : findConfigFile(from);
  const root = configFile ? dirname(configFile) : (findRepositoryRoot(from) ?? startDir(from));
  let config: PiiLintConfig = {};
  let warnings: string[] = [];
  if (configFile) {
    let text: string;
    try {
      text = readFileSync(configFile, 'utf8');
    } catch (e) {
      throw new ConfigError(`${configFile}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    let errors: string[];
    ({ config, warnings, errors } = parseConfig(text, configFile, options));
    if (errors.length > 0) throw new ConfigError(errors.join('\n'));
  }
  const patterns = [...(config.ignore ?? [])];
  const ignoreFile = join(root, IGNORE_FILE);
  if (existsSync(ignoreFile)) patterns.push(...readFileSync(ignoreFile, 'utf8').split(/\r?\n/));
  return {
    root,
    ...(configFile ? { configFile } : {}),
    config,
    warnings,
    // An accepted unsalted list silences nothing: `allow --rekey` has to see every value it may hold.
    policy: createPolicy(isUnsalted(config) ? { ...config, allowlist: [] } : config),
    ...(config.model ? { modelDir: resolve(root, config.model) } : {}),
    isIgnored: createPathFilter(root, patterns),
  };
}

/** 128 random bits, base64url: the per-repository allowlist key. */
export function generateSalt(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The one way a `.piilintrc.json` is rewritten: its text validated (ConfigError for one that isn't
 * a valid config), `edit` applied to the JSON object, written back with its other keys in their
 * order.
 */
function editedConfig(existing: string | undefined, file: string, options: ParseOptions, edit: (raw: Record<string, unknown>) => void): string {
  let raw: Record<string, unknown> = {};
  if (existing !== undefined && existing.trim() !== '') {
    parseConfig(existing, file, options);
    raw = JSON.parse(existing.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  }
  edit(raw);
  return `${JSON.stringify(raw, null, 2)}\n`;
}

/**
 * `.piilintrc.json` text with `value`'s fingerprint added to its allowlist, and that fingerprint:
 * an allowlist without a salt gets a random one (never `""`; parseConfig refused one with entries).
 * Other keys and their order are kept. Throws ConfigError for a file that isn't a valid config.
 */
export function withAllowlisted(existing: string | undefined, file: string, label: string, value: string): { text: string; fingerprint: string } {
  let fp = '';
  const text = editedConfig(existing, file, {}, (raw) => {
    const list = Array.isArray(raw.allowlist) ? (raw.allowlist as string[]) : [];
    if (typeof raw.salt !== 'string' || raw.salt === '') raw.salt = generateSalt();
    fp = fingerprint(label, value, raw.salt as string);
    if (!list.includes(fp)) list.push(fp);
    raw.allowlist = list;
  });
  return { text, fingerprint: fp };
}

/** Adds a value's fingerprint to the allowlist in `configFile` (created when missing) and returns it. */
export function addToAllowlist(configFile: string, label: string, value: string): string {
  const { text, fingerprint: fp } = withAllowlisted(existsSync(configFile) ? readFileSync(configFile, 'utf8') : undefined, configFile, label, value);
  writeFileSync(configFile, text);
  return fp;
}

/**
 * `.piilintrc.json` text whose allowlist is replaced by `allowlist`, keyed by `salt` (what
 * `allow --rekey` writes; an unsalted list is accepted, it is the one being replaced). Other keys
 * and their order are kept.
 */
export function withRekeyedAllowlist(existing: string, file: string, salt: string, allowlist: readonly string[]): string {
  if (salt === '') throw new ConfigError(`${file}: refusing to write an allowlist without a salt`);
  return editedConfig(existing, file, { acceptUnsalted: true }, (raw) => {
    raw.allowlist = [...allowlist];
    raw.salt = salt;
  });
}
