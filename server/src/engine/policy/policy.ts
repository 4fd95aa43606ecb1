/**
 * Policy: which detections a team wants to hear about, and how loudly.
 *
 * Per-class severity and confidence threshold, a keyed-hash allowlist and inline suppressions
 * (`pii-lint-disable-next-line EMAIL`). Pure functions over text and findings: file loading lives
 * in config.ts so the editor, the CLI and the hooks apply one policy the same way.
 *
 * Allowlist entries never hold the value itself: `hmac-sha256:<hex>` of HMAC(salt, LABEL NUL
 * normalized value), the salt a per-repository random string in `.piilintrc.json`. Trade-off: the
 * salt is committed with the allowlist (CI and every teammate must compute the same fingerprint),
 * so it is not a secret. It defeats precomputed tables and makes fingerprints from one repository
 * useless in another, but someone holding the repository can still test guesses against an entry,
 * and low-entropy values (a 9-digit SSN, a phone number) can be enumerated. An allowlist entry says
 * "this value is fine to have here"; values that must stay secret should be removed, not allowlisted.
 */
import { createHmac } from 'node:crypto';
import type { PiiClass, RecognizerClass } from '../labels';
import { LineIndex } from '../text/regions';
import type { Finding } from '../types';
import { findTeamPatterns, PRESETS, type CompiledPattern } from './teamPatterns';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type ClassSetting = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** error 3 > warning 2 > info 1 > hint 0. */
export function severityRank(s: Severity): number {
  return 3 - SEVERITIES.indexOf(s);
}

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

export function isClassSetting(v: unknown): v is ClassSetting {
  return v === 'off' || isSeverity(v);
}

export interface ClassDefault {
  severity: ClassSetting;
  /** Lowest confidence reported for the class (before `minConfidence` is applied as a floor). */
  threshold: number;
}

/**
 * Every class's default severity and confidence threshold, in one table to tune on dev data.
 * Direct identifiers warn; quasi-identifiers inform; common attributes that identify nobody on
 * their own (a currency, "left", an age) are hints or off.
 */
export const CLASS_DEFAULTS: Readonly<Record<PiiClass | RecognizerClass, ClassDefault>> = {
  // People
  FIRSTNAME: { severity: 'warning', threshold: 0.6 },
  LASTNAME: { severity: 'warning', threshold: 0.6 },
  MIDDLENAME: { severity: 'warning', threshold: 0.7 },
  PREFIX: { severity: 'off', threshold: 0.8 },
  USERNAME: { severity: 'warning', threshold: 0.7 },
  ACCOUNTNAME: { severity: 'info', threshold: 0.7 },
  DOB: { severity: 'warning', threshold: 0.6 },
  SSN: { severity: 'warning', threshold: 0.5 },
  PASSWORD: { severity: 'warning', threshold: 0.6 },
  PIN: { severity: 'info', threshold: 0.8 },
  // Contact
  EMAIL: { severity: 'warning', threshold: 0.5 },
  PHONENUMBER: { severity: 'warning', threshold: 0.55 },
  PHONEIMEI: { severity: 'warning', threshold: 0.6 },
  URL: { severity: 'hint', threshold: 0.8 },
  USERAGENT: { severity: 'info', threshold: 0.7 },
  // Location
  STREET: { severity: 'warning', threshold: 0.6 },
  BUILDINGNUMBER: { severity: 'info', threshold: 0.7 },
  SECONDARYADDRESS: { severity: 'warning', threshold: 0.6 },
  CITY: { severity: 'info', threshold: 0.7 },
  STATE: { severity: 'hint', threshold: 0.8 },
  COUNTY: { severity: 'hint', threshold: 0.8 },
  ZIPCODE: { severity: 'info', threshold: 0.7 },
  NEARBYGPSCOORDINATE: { severity: 'warning', threshold: 0.6 },
  ORDINALDIRECTION: { severity: 'off', threshold: 0.9 },
  // Network and devices
  IP: { severity: 'warning', threshold: 0.6 },
  IPV4: { severity: 'warning', threshold: 0.6 },
  IPV6: { severity: 'warning', threshold: 0.6 },
  MAC: { severity: 'warning', threshold: 0.6 },
  VEHICLEVIN: { severity: 'warning', threshold: 0.6 },
  VEHICLEVRM: { severity: 'warning', threshold: 0.7 },
  // Finance
  IBAN: { severity: 'warning', threshold: 0.5 },
  BIC: { severity: 'info', threshold: 0.7 },
  ACCOUNTNUMBER: { severity: 'warning', threshold: 0.6 },
  CREDITCARDNUMBER: { severity: 'warning', threshold: 0.5 },
  CREDITCARDCVV: { severity: 'warning', threshold: 0.7 },
  CREDITCARDISSUER: { severity: 'off', threshold: 0.9 },
  MASKEDNUMBER: { severity: 'hint', threshold: 0.8 },
  BITCOINADDRESS: { severity: 'warning', threshold: 0.6 },
  ETHEREUMADDRESS: { severity: 'warning', threshold: 0.6 },
  LITECOINADDRESS: { severity: 'warning', threshold: 0.6 },
  AMOUNT: { severity: 'off', threshold: 0.9 },
  CURRENCY: { severity: 'off', threshold: 0.9 },
  CURRENCYCODE: { severity: 'off', threshold: 0.9 },
  CURRENCYNAME: { severity: 'off', threshold: 0.9 },
  CURRENCYSYMBOL: { severity: 'off', threshold: 0.9 },
  // Work
  COMPANYNAME: { severity: 'info', threshold: 0.7 },
  JOBTITLE: { severity: 'hint', threshold: 0.8 },
  JOBAREA: { severity: 'off', threshold: 0.9 },
  JOBTYPE: { severity: 'off', threshold: 0.9 },
  // Attributes
  SEX: { severity: 'hint', threshold: 0.8 },
  GENDER: { severity: 'hint', threshold: 0.8 },
  AGE: { severity: 'hint', threshold: 0.8 },
  EYECOLOR: { severity: 'off', threshold: 0.9 },
  HEIGHT: { severity: 'off', threshold: 0.9 },
  DATE: { severity: 'hint', threshold: 0.8 },
  TIME: { severity: 'off', threshold: 0.9 },
  // Recognizer-only classes (proved by check digits or required context words)
  MRN: { severity: 'warning', threshold: 0.6 },
  NPI: { severity: 'warning', threshold: 0.6 },
  NATIONALID: { severity: 'warning', threshold: 0.6 },
  ROUTINGNUMBER: { severity: 'warning', threshold: 0.6 },
};

/** For a class the table doesn't know (a custom model's label): report it, it may matter. */
export const UNKNOWN_CLASS_DEFAULT: ClassDefault = { severity: 'warning', threshold: 0.6 };
/** Floor under every default threshold unless the configuration says otherwise. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

export function classDefault(label: string): ClassDefault {
  return Object.hasOwn(CLASS_DEFAULTS, label) ? CLASS_DEFAULTS[label as PiiClass | RecognizerClass] : UNKNOWN_CLASS_DEFAULT;
}

/** The policy part of `.piilintrc.json` (or of editor settings layered on top of it). */
export interface PolicyConfig {
  classes?: Record<string, ClassSetting>;
  minConfidence?: number;
  thresholds?: Record<string, number>;
  allowlist?: string[];
  salt?: string;
  /** The team's own patterns, checked and compiled (config.ts). */
  patterns?: CompiledPattern[];
  /** A regulation whose classes become errors (teamPatterns.ts PRESETS); `classes` still wins. */
  preset?: string;
}

export interface Policy {
  readonly classes: Readonly<Record<string, ClassSetting>>;
  readonly minConfidence: number;
  /** Explicit per-class thresholds from configuration; they replace the default and the floor. */
  readonly thresholds: Readonly<Record<string, number>>;
  readonly allowlist: ReadonlySet<string>;
  readonly salt: string;
  readonly patterns: readonly CompiledPattern[];
}

export type PolicyFinding = Finding & { severity: Severity };

/** Later layers win class by class (workspace file, then user settings). */
export function createPolicy(...layers: Array<PolicyConfig | undefined>): Policy {
  const classes: Record<string, ClassSetting> = {};
  const thresholds: Record<string, number> = {};
  const allowlist = new Set<string>();
  let minConfidence = DEFAULT_MIN_CONFIDENCE;
  let salt = '';
  const patterns: CompiledPattern[] = [];
  for (const layer of layers) {
    if (!layer) continue;
    for (const label of PRESETS[layer.preset ?? ''] ?? []) classes[label] = 'error';
    patterns.push(...(layer.patterns ?? []));
    Object.assign(classes, layer.classes ?? {});
    Object.assign(thresholds, layer.thresholds ?? {});
    for (const entry of layer.allowlist ?? []) allowlist.add(entry.trim().toLowerCase());
    if (layer.minConfidence !== undefined) minConfidence = layer.minConfidence;
    if (layer.salt !== undefined) salt = layer.salt;
  }
  return { classes, thresholds, allowlist, minConfidence, salt, patterns };
}

export function severityFor(policy: Policy, label: string): ClassSetting {
  if (Object.hasOwn(policy.classes, label)) return policy.classes[label] as ClassSetting;
  return classDefault(label).severity;
}

/**
 * An explicit per-class threshold wins; otherwise the class default, floored by minConfidence.
 * These apply on top of what the engine reports, and the engine already drops detections under
 * the model's own calibrated per-class thresholds (config.json pii_lint.thresholds): a policy
 * threshold can raise the bar for a class, not lower it below the model's.
 */
export function thresholdFor(policy: Policy, label: string): number {
  if (Object.hasOwn(policy.thresholds, label)) return policy.thresholds[label] as number;
  return Math.max(policy.minConfidence, classDefault(label).threshold);
}

// ---------------------------------------------------------------------------------------------
// Allowlist fingerprints

/** Classes whose values are compared without separators: "+1 (555) 010-9999" = "+15550109999". */
const SEPARATOR_INSENSITIVE = new Set([
  'PHONENUMBER', 'PHONEIMEI', 'CREDITCARDNUMBER', 'CREDITCARDCVV', 'IBAN', 'BIC', 'SSN', 'ACCOUNTNUMBER',
  'PIN', 'MASKEDNUMBER', 'VEHICLEVIN', 'VEHICLEVRM', 'ZIPCODE', 'MAC',
]);

/** The form a value is fingerprinted in: NFKC, case-folded, whitespace collapsed. */
export function normalizeValue(label: string, value: string): string {
  let v = value.normalize('NFKC').toLowerCase().trim().replace(/\s+/gu, ' ');
  if (SEPARATOR_INSENSITIVE.has(label)) v = v.replace(/[\s\-.()/:]/gu, '');
  return v;
}

/** `hmac-sha256:<hex>` of HMAC(salt, LABEL NUL normalized value): what an allowlist holds. */
export function fingerprint(label: string, value: string, salt: string): string {
  const mac = createHmac('sha256', salt).update(`${label}\0${normalizeValue(label, value)}`, 'utf8').digest('hex');
  return `hmac-sha256:${mac}`;
}

export function isAllowlisted(policy: Policy, label: string, value: string): boolean {
  return policy.allowlist.size > 0 && policy.allowlist.has(fingerprint(label, value, policy.salt));
}

// ---------------------------------------------------------------------------------------------
// Inline suppressions

/**
 * `pii-lint-disable-next-line [CLASS ...]`, `pii-lint-disable-line [CLASS ...]` and
 * `pii-lint-disable [CLASS ...]` … `pii-lint-enable [CLASS ...]`, in any comment syntax: the text
 * only has to contain the directive. Class names are upper-case words after the directive,
 * separated by spaces or commas; anything else (`-- reason`, a comment closer) ends the list. No class
 * names means every class. An unknown name suppresses nothing, so a typo fails safe.
 */
const DIRECTIVE_RE = /pii-lint-(disable-next-line|disable-line|disable|enable)(?![\w-])((?:[ \t]*,?[ \t]*[A-Z][A-Z0-9_]*(?![\w-]))*)/g;

interface BlockSuppression {
  start: number;
  end: number;
  /** null = every class. */
  classes: ReadonlySet<string> | null;
}

export interface Suppressions {
  /** True when a finding of `label` starting at `offset` is suppressed. */
  covers(label: string, offset: number): boolean;
  readonly isEmpty: boolean;
}

export function parseSuppressions(text: string): Suppressions {
  if (!text.includes('pii-lint-')) return { covers: () => false, isEmpty: true };
  const lines = new LineIndex(text);
  /** 0-based line -> classes suppressed on it (null = all). */
  const lineRules = new Map<number, Array<ReadonlySet<string> | null>>();
  const blocks: BlockSuppression[] = [];
  const open: Array<{ start: number; classes: ReadonlySet<string> | null }> = [];

  for (const m of text.matchAll(DIRECTIVE_RE)) {
    const kind = m[1];
    const names = (m[2] ?? '').split(/[\s,]+/u).filter((s) => s !== '');
    const classes = names.length > 0 ? new Set(names) : null;
    const at = m.index;
    const line = lines.lineOf(at);
    if (kind === 'disable-next-line' || kind === 'disable-line') {
      const target = kind === 'disable-line' ? line : line + 1;
      const list = lineRules.get(target) ?? [];
      list.push(classes);
      lineRules.set(target, list);
    } else if (kind === 'disable') {
      open.push({ start: at, classes });
    } else {
      // enable: closes the open blocks it names (all of them when it names none).
      for (let i = open.length - 1; i >= 0; i--) {
        const o = open[i] as { start: number; classes: ReadonlySet<string> | null };
        const closes = classes === null || (o.classes !== null && [...o.classes].every((c) => classes.has(c)));
        if (closes) {
          blocks.push({ start: o.start, end: at, classes: o.classes });
          open.splice(i, 1);
        }
      }
    }
  }
  for (const o of open) blocks.push({ start: o.start, end: text.length + 1, classes: o.classes });

  const matches = (set: ReadonlySet<string> | null, label: string): boolean => set === null || set.has(label);
  return {
    isEmpty: lineRules.size === 0 && blocks.length === 0,
    covers(label: string, offset: number): boolean {
      const rules = lineRules.get(lines.lineOf(offset));
      if (rules?.some((s) => matches(s, label))) return true;
      return blocks.some((b) => offset >= b.start && offset < b.end && matches(b.classes, label));
    },
  };
}

// ---------------------------------------------------------------------------------------------

/** Why a detection was not reported (for hovers, `--explain` and tests). */
export type DropReason = 'off' | 'threshold' | 'allowlist' | 'suppressed';

export function policyVerdict(
  text: string,
  finding: Finding,
  policy: Policy,
  suppressions: Suppressions = parseSuppressions(text),
): { severity: Severity } | { dropped: DropReason } {
  const severity = severityFor(policy, finding.label);
  if (severity === 'off') return { dropped: 'off' };
  if (finding.score < thresholdFor(policy, finding.label)) return { dropped: 'threshold' };
  if (suppressions.covers(finding.label, finding.start)) return { dropped: 'suppressed' };
  if (isAllowlisted(policy, finding.label, text.slice(finding.start, finding.end))) return { dropped: 'allowlist' };
  return { severity };
}

/**
 * The engine's findings with the team's pattern matches added: a team pattern's match replaces the
 * engine findings it overlaps that score lower (the team knows its own identifiers best).
 */
function withTeamPatterns(text: string, findings: readonly Finding[], policy: Policy): readonly Finding[] {
  if (policy.patterns.length === 0) return findings;
  const team = findTeamPatterns(text, policy.patterns);
  if (team.length === 0) return findings;
  const kept = findings.filter((f) => !team.some((t) => t.start < f.end && f.start < t.end && t.score >= f.score));
  return [...kept, ...team].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The findings the policy reports, each with its severity; off, weak, suppressed and allowlisted ones dropped. */
export function applyPolicy(text: string, findings: readonly Finding[], policy: Policy): PolicyFinding[] {
  const suppressions = parseSuppressions(text);
  const out: PolicyFinding[] = [];
  for (const f of withTeamPatterns(text, findings, policy)) {
    const v = policyVerdict(text, f, policy, suppressions);
    if ('severity' in v) out.push({ ...f, severity: v.severity });
  }
  return out;
}
