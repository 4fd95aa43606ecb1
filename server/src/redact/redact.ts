/**
 * Applies a redaction operator to every detected entity of a text and returns both the new text
 * and the edits that produce it, so an editor can apply them as one undoable edit.
 *
 * No part of a value may survive, however the entities lie (Presidio #1925 replaced only the first
 * of several e-mails; #888/#1156 mangled overlaps): entities that overlap or nest are first merged
 * into one range, replaced once, under the label of the entity that covers most of it. Edits come
 * out sorted and non-overlapping; adjacent ranges stay separate edits (LSP and VS Code accept
 * touching edits), so "JohnSmith" tagged FIRSTNAME+LASTNAME becomes "[FIRSTNAME][LASTNAME]".
 *
 * Placeholders default to `[EMAIL]`: short, obviously not data, and what the redaction grammar
 * highlights. `placeholder: 'numbered'` gives `‹EMAIL_1›`, `‹EMAIL_2›`… instead, one number per
 * distinct value, so a reader can still tell which mentions were the same person.
 */
import type { Entity } from '../engine/types';
import { mask, maskKeepingSeparators } from './mask';
import { Pseudonymizer, canonicalValue } from './synthetic';

export type Operator = 'mask' | 'placeholder' | 'synthetic';

export interface RedactOptions {
  operator: Operator;
  /** Secret that makes synthetic pseudonyms reproducible; without it they are random per Redactor. */
  seed?: string;
  /** `[EMAIL]` (default) or `‹EMAIL_1›`. */
  placeholder?: 'label' | 'numbered';
  /** Reuse across calls so one value gets one pseudonym (or number) in every file of a workspace. */
  redactor?: Redactor;
  /** Also replace other occurrences of distinctive values (whole-text redaction); off for a single
   * quick fix or a selection, which must not edit outside what the user pointed at. */
  everyOccurrence?: boolean;
}

export interface RedactEdit {
  start: number;
  end: number;
  newText: string;
  label: string;
}

export interface RedactResult {
  text: string;
  edits: RedactEdit[];
}

/**
 * Holds what must stay consistent across redactions: the pseudonym key and map, and placeholder
 * numbers. Values are kept in memory only, never written anywhere.
 */
export class Redactor {
  readonly pseudonyms: Pseudonymizer;
  private readonly numbers = new Map<string, number>();
  private readonly counters = new Map<string, number>();

  constructor(seed?: string) {
    this.pseudonyms = new Pseudonymizer(seed);
  }

  /** `‹LABEL_n›`, n counting distinct values per label in order of first appearance. */
  numberedPlaceholder(label: string, value: string): string {
    const key = `${label}\u0000${canonicalValue(label, value)}`;
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = (this.counters.get(label) ?? 0) + 1;
      this.counters.set(label, n);
      this.numbers.set(key, n);
    }
    return `‹${label}_${n}›`;
  }

  replacement(operator: Operator, label: string, value: string, placeholder: 'label' | 'numbered' = 'label'): string {
    switch (operator) {
      case 'mask':
        return mask(label, value);
      case 'placeholder':
        return placeholder === 'numbered' ? this.numberedPlaceholder(label, value) : `[${label}]`;
      case 'synthetic':
        return this.pseudonyms.pseudonym(label, value);
    }
  }
}

export interface MergedRange {
  start: number;
  end: number;
  label: string;
  /** The span of the entity whose label the range carries (the rest came from overlapping ones). */
  core: { start: number; end: number };
}

/**
 * Clips entities to the text, drops empty ones, and merges every group of overlapping entities
 * into one range. Its label is the entity covering most of it (then the higher score, then the
 * earlier one), which for a name inside an e-mail is the e-mail.
 */
export function mergeEntities(textLength: number, entities: readonly Entity[]): MergedRange[] {
  const clean = entities
    .map((e) => ({ ...e, start: Math.max(0, Math.floor(e.start)), end: Math.min(textLength, Math.floor(e.end)) }))
    .filter((e) => Number.isFinite(e.start) && Number.isFinite(e.end) && e.end > e.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const ranges: MergedRange[] = [];
  let i = 0;
  while (i < clean.length) {
    let end = clean[i].end;
    let best = clean[i];
    let j = i + 1;
    for (; j < clean.length && clean[j].start < end; j++) {
      const e = clean[j];
      end = Math.max(end, e.end);
      const len = e.end - e.start;
      const bestLen = best.end - best.start;
      if (len > bestLen || (len === bestLen && e.score > best.score)) best = e;
    }
    ranges.push({ start: clean[i].start, end, label: best.label, core: { start: best.start, end: best.end } });
    i = j;
  }
  return ranges;
}

/**
 * The replacement of one merged range. The core entity gets its class's treatment (a shaped mask,
 * a pseudonym of its class); what overlapping entities added around it gets the class-blind one
 * (every letter and digit masked or scrambled), so shape hints never carry a neighbour's characters.
 */
function replaceRange(redactor: Redactor, options: RedactOptions, text: string, r: MergedRange): string {
  const value = text.slice(r.start, r.end);
  if (options.operator === 'placeholder') return redactor.replacement('placeholder', r.label, value, options.placeholder);
  const before = text.slice(r.start, r.core.start);
  const core = text.slice(r.core.start, r.core.end);
  const after = text.slice(r.core.end, r.end);
  const rest = (part: string): string => {
    if (!/[\p{L}\p{N}]/u.test(part)) return part;
    return options.operator === 'mask' ? maskKeepingSeparators(part) : redactor.pseudonyms.scramble(part);
  };
  return rest(before) + redactor.replacement(options.operator, r.label, core) + rest(after);
}

/** Values this distinctive are redacted wherever else they occur, found or not. */
const DISTINCTIVE = /[\d@]|^.{8,}$/u;

/** Classes whose copies are the same value however they are grouped: "4443-6446…" = "4443 6446…". */
const SEPARATORS_IGNORED = new Set([
  'CREDITCARDNUMBER', 'PHONENUMBER', 'SSN', 'PHONEIMEI', 'ACCOUNTNUMBER', 'PIN', 'CREDITCARDCVV', 'IBAN', 'BIC', 'VEHICLEVIN', 'MAC',
]);
const SEPARATOR = /[\s\-.()/]/u;

function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * A whole-token pattern for the copies of `value`: case-insensitive (ROB.SANDERS@CONTOSO.COM is
 * the address found in lower case), and for numbers of the classes above, any grouping by spaces,
 * dashes, dots, slashes or parentheses (at most two separators between characters, within a line).
 */
function copiesPattern(label: string, value: string): RegExp {
  const body = SEPARATORS_IGNORED.has(label)
    ? [...value].filter((c) => !SEPARATOR.test(c)).map(escapeRegExp).join('[ \\t\\-.()/]{0,2}')
    : escapeRegExp(value);
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * Adds every other whole-token occurrence of a distinctive redacted value, compared the way its
 * class compares: a detector can miss a copy in an odd context (a card right after an IBAN), and
 * a redaction that leaves one copy of a value it removed elsewhere has leaked it.
 */
export function withRepeats(text: string, findings: readonly Entity[]): Entity[] {
  const out = [...findings];
  const seen = new Set<string>();
  for (const f of findings) {
    const value = text.slice(f.start, f.end);
    if (!DISTINCTIVE.test(value)) continue;
    const pattern = copiesPattern(f.label, value);
    const key = pattern.source.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!findings.some((g) => g.start <= start && g.end >= end)) out.push({ ...f, start, end });
    }
  }
  return out;
}

export function redact(text: string, findings: readonly Entity[], options: RedactOptions): RedactResult {
  const redactor = options.redactor ?? new Redactor(options.seed);
  const edits: RedactEdit[] = [];
  let out = '';
  let cursor = 0;
  for (const r of mergeEntities(text.length, options.everyOccurrence ? withRepeats(text, findings) : findings)) {
    const newText = replaceRange(redactor, options, text, r);
    edits.push({ start: r.start, end: r.end, newText, label: r.label });
    out += text.slice(cursor, r.start) + newText;
    cursor = r.end;
  }
  return { text: out + text.slice(cursor), edits };
}
