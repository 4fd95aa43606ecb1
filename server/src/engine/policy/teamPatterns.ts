/// <reference path="./safe-regex.d.ts" />
/**
 * The team's own patterns from `.piilintrc.json`:
 *   "patterns": [{ "label": "EMPLOYEEID", "regex": "EMP-\\d{6}", "context": ["employee"], "score": 0.8 }]
 * A pattern that does not compile, or that can backtrack catastrophically (judged by safe-regex's
 * star-height analysis, not by a home-made test), is refused with an error naming the file and
 * the pattern: they run on every keystroke over whole documents. Context words (read by the
 * recognizers' shared context code: same line, key, column header) raise the score by 0.15.
 * Presets name the classes a regulation cares about and raise them to errors.
 */
import safeRegex from 'safe-regex';
import { contextMatcher, hasContext } from '../recognizers/context';
import type { Finding } from '../types';

export interface TeamPattern {
  label: string;
  regex: string;
  context?: string[];
  score?: number;
}

export interface CompiledPattern {
  label: string;
  re: RegExp;
  words: RegExp | null;
  score: number;
}

const DEFAULT_SCORE = 0.8;
const CONTEXT_BOOST = 0.15;
const LABEL_RE = /^[A-Z][A-Z0-9_]{1,39}$/;

/**
 * Checks and compiles one `patterns[i]` entry: the compiled pattern, or the reason it is refused
 * (the message names the entry by index and label; the regex itself is configuration, not data, so
 * it is quoted).
 */
export function compilePattern(raw: unknown, where: string): CompiledPattern | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return `${where} must be an object with "label" and "regex"`;
  const p = raw as Record<string, unknown>;
  if (typeof p.label !== 'string' || !LABEL_RE.test(p.label)) return `${where}.label must be an upper-case class name such as "EMPLOYEEID"`;
  const name = `${where} (${p.label})`;
  if (typeof p.regex !== 'string' || p.regex === '') return `${name}: "regex" must be a non-empty string`;
  let re: RegExp;
  try {
    re = new RegExp(p.regex, 'gu');
  } catch (e) {
    return `${name}: regex ${JSON.stringify(p.regex)} does not compile (${(e as Error).message})`;
  }
  if (!safeRegex(p.regex)) return `${name}: regex ${JSON.stringify(p.regex)} can backtrack catastrophically (nested repetition); rewrite it without a repeated group that itself repeats`;
  if (re.test('')) return `${name}: regex ${JSON.stringify(p.regex)} matches the empty string`;
  if (p.context !== undefined && (!Array.isArray(p.context) || !p.context.every((w) => typeof w === 'string' && w.trim() !== ''))) {
    return `${name}: "context" must be an array of words`;
  }
  if (p.score !== undefined && (typeof p.score !== 'number' || !(p.score > 0 && p.score <= 1))) return `${name}: "score" must be a number in (0, 1]`;
  const context = (p.context as string[] | undefined) ?? [];
  return { label: p.label, re, words: context.length > 0 ? contextMatcher(context) : null, score: (p.score as number | undefined) ?? DEFAULT_SCORE };
}

/** Findings of the team's patterns over `text`, with their evidence. */
export function findTeamPatterns(text: string, patterns: readonly CompiledPattern[]): Finding[] {
  const out: Finding[] = [];
  for (const p of patterns) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text)) !== null) {
      if (m[0].length === 0) {
        p.re.lastIndex++;
        continue;
      }
      const context = p.words !== null && hasContext(text, m.index, p.words);
      const score = context ? Math.min(0.99, p.score + CONTEXT_BOOST) : p.score;
      out.push({ start: m.index, end: m.index + m[0].length, label: p.label, score, evidence: { recognizer: true, rule: `team pattern${context ? ' (context word)' : ''}` } });
    }
  }
  return out;
}

/** Regulations and the classes each makes errors. */
export const PRESETS: Readonly<Record<string, readonly string[]>> = {
  // HIPAA's Safe Harbor identifiers that PII Lint can see.
  hipaa: ['MRN', 'NPI', 'NATIONALID', 'SSN', 'FIRSTNAME', 'LASTNAME', 'MIDDLENAME', 'DOB', 'STREET', 'CITY', 'ZIPCODE', 'PHONENUMBER', 'EMAIL', 'IPV4', 'IPV6', 'IP', 'ACCOUNTNUMBER', 'VEHICLEVIN', 'VEHICLEVRM', 'PHONEIMEI'],
  // PCI DSS: cardholder data and sensitive authentication data.
  pci: ['CREDITCARDNUMBER', 'CREDITCARDCVV', 'PIN', 'MASKEDNUMBER', 'ACCOUNTNUMBER', 'IBAN'],
  // GDPR: direct identifiers of a natural person and online identifiers.
  gdpr: ['FIRSTNAME', 'LASTNAME', 'MIDDLENAME', 'EMAIL', 'PHONENUMBER', 'STREET', 'DOB', 'NATIONALID', 'SSN', 'IBAN', 'IPV4', 'IPV6', 'IP', 'MAC', 'USERNAME', 'NEARBYGPSCOORDINATE', 'MRN', 'NPI', 'PASSWORD'],
};
