/**
 * Recognizers as data. Each entry says what it finds (label, and `kind` for NATIONALID), the
 * pattern of its candidates, the check that proves one, the context words that raise its score or
 * that it requires, its scores and the published example values it reports low. One runner applies
 * them all, with the one context implementation in context.ts. The hand-written scanners of the
 * other families (cards.ts, banking.ts, phoneNumbers.ts…) run beside it, in recognizers.ts's order.
 */
import type { Finding } from '../types';
import { contextMatcher, contextText, hasContext } from './context';
import { FINANCIAL } from './financialIds';
import { HEALTH } from './health';
import { matches } from './matches';
import { NATIONAL_IDS } from './nationalIds';
import { alnumOnly, type RecognizerSpec } from './spec';

export type { RecognizerSpec } from './spec';
export { alnumOnly } from './spec';

export const EXAMPLE_SCORE = 0.3;

export const REGISTRY: readonly RecognizerSpec[] = [...HEALTH, ...NATIONAL_IDS, ...FINANCIAL];

interface Compiled {
  spec: RecognizerSpec;
  words: RegExp;
}
const COMPILED: readonly Compiled[] = REGISTRY.map((spec) => ({ spec, words: contextMatcher(spec.context.words) }));

/** Titles of the kinds, for messages and hovers: "in-aadhaar" → "India Aadhaar". */
export const KIND_TITLES: Readonly<Record<string, string>> = Object.fromEntries(REGISTRY.filter((r) => r.kind).map((r) => [r.kind as string, r.title]));

/** "NATIONALID (UK NHS number)": the class with the scheme a recognizer proved, for messages. */
export function labelWithKind(label: string, kind?: string): string {
  return kind ? `${label} (${KIND_TITLES[kind] ?? kind})` : label;
}

export interface SpecScan {
  text: string;
  slice: string;
  offset: number;
}

/** Runs one spec over a slice: pattern, check, context, score. */
export function runSpec(c: Compiled, s: SpecScan): Finding[] {
  const { spec, words } = c;
  const out: Finding[] = [];
  for (const { m, start } of matches(s, spec.pattern)) {
    const value = m[0];
    const compact = (spec.compact ?? alnumOnly)(value);
    if (spec.validate && !spec.validate(compact)) continue;
    const context = hasContext(s.text, start, words);
    if (!context && spec.context.required && !spec.context.standalone?.test(value)) continue;
    const example = spec.examples?.includes(compact) ?? false;
    const score = example ? EXAMPLE_SCORE : context ? spec.score.context : spec.score.alone;
    const validator = `${spec.title}: ${spec.check}${context ? ' (context word)' : ''}${example ? ' (published example number)' : ''}`;
    const f: Finding = { start, end: start + value.length, label: spec.label, score, evidence: { recognizer: true, validator } };
    if (spec.kind) f.kind = spec.kind;
    out.push(f);
  }
  return out;
}

/** The text read for context words, once per text (a document's regions share it). */
let wordsCache: { text: string; read: string } | null = null;

function contextRead(text: string): string {
  if (wordsCache?.text !== text) wordsCache = { text, read: contextText(text) };
  return wordsCache.read;
}

/**
 * All registry recognizers over a slice of `text` (context is read from the whole text). A
 * recognizer that requires context words and has no standalone layout is skipped where none of
 * its words occurs in the whole text: most texts mention no passport, NHS or PESEL at all, and
 * its digit pattern would otherwise test every number.
 */
export function scanRegistry(s: SpecScan): Finding[] {
  const read = contextRead(s.text);
  return COMPILED.flatMap((c) => (c.spec.context.required && !c.spec.context.standalone && !c.words.test(read) ? [] : runSpec(c, s)));
}
