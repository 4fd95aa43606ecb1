/**
 * Reversible redaction, for LLM prompts and logs: redact a text, send it, then put the real values
 * back into the answer. Each redacted value gets a token — a numbered placeholder `[EMAIL_1]` or a
 * synthetic pseudonym — and a RedactionMap remembers token → value, so `restore` can undo it in
 * any text that quotes the tokens, in any order and any number of times.
 *
 * Privacy: the map holds the real values. It lives in memory; whoever persists it (the CLI's
 * `--map`) must keep it private and out of repositories. Nothing here logs or prints a value.
 *
 * Engine-independent: findings come in as plain entities, from this project's engine or any other.
 */
import type { Entity } from '../engine/types';
import { mergeEntities, Redactor, withRepeats } from './redact';

export type ReversibleOperator = 'placeholder' | 'synthetic';

export interface MapEntry {
  /** What the redacted text holds instead of the value. */
  token: string;
  /** The real value. */
  value: string;
  label: string;
}

/** One-to-one token ↔ value pairs, added to across redactions so a value keeps its token. */
export class RedactionMap {
  private readonly byToken = new Map<string, MapEntry>();
  private readonly byValue = new Map<string, MapEntry>();

  constructor(entries: readonly MapEntry[] = []) {
    for (const e of entries) this.add(e);
  }

  get size(): number {
    return this.byToken.size;
  }

  entries(): MapEntry[] {
    return [...this.byToken.values()];
  }

  tokenFor(value: string): string | undefined {
    return this.byValue.get(value)?.token;
  }

  hasToken(token: string): boolean {
    return this.byToken.has(token);
  }

  /** Throws when the pair would make restoring ambiguous (one token, two values, or the reverse). */
  add(entry: MapEntry): void {
    const { token, value, label } = entry;
    if (typeof token !== 'string' || typeof value !== 'string' || typeof label !== 'string' || token === '' || value === '') {
      throw new Error('a map entry needs a non-empty token, value and label');
    }
    if (token === value) throw new Error(`a ${label} token equals its value`);
    const sameToken = this.byToken.get(token);
    const sameValue = this.byValue.get(value);
    if (sameToken && sameToken.value !== value) throw new Error(`the ${label} token is mapped to two values`);
    if (sameValue && sameValue.token !== token) throw new Error(`a ${label} value is mapped to two tokens`);
    if (sameToken) return;
    const copy = { token, value, label };
    this.byToken.set(token, copy);
    this.byValue.set(value, copy);
  }
}

export interface ReversibleOptions {
  operator: ReversibleOperator;
  /** Tokens already given out (a conversation's earlier prompts); new values are added to it. */
  map?: RedactionMap;
  /** Seed for synthetic pseudonyms; without it they are random per Redactor. */
  seed?: string;
  redactor?: Redactor;
}

export interface ReversibleResult {
  text: string;
  map: RedactionMap;
  /** Values replaced in this text (every occurrence counts). */
  replaced: number;
}

const ALNUM = /[\p{L}\p{N}]/u;
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `[LABEL_n]` with the least n > 0 that is neither in the map nor already in the text. */
function freshPlaceholder(label: string, map: RedactionMap, text: string, next: Map<string, number>): string {
  for (let n = next.get(label) ?? 1; ; n++) {
    const token = `[${label}_${n}]`;
    if (!map.hasToken(token) && !text.includes(token)) {
      next.set(label, n + 1);
      return token;
    }
  }
}

/**
 * Replaces every finding (and every other whole-token copy of a distinctive value, as whole-text
 * redaction does) with its token. Overlapping and nested findings become one value under the
 * label of the widest; adjacent ones stay two. A pseudonym that could be confused with the text's
 * own words (it occurs in the text, or is taken) falls back to a placeholder.
 */
export function redactReversibly(text: string, findings: readonly Entity[], options: ReversibleOptions): ReversibleResult {
  const map = options.map ?? new RedactionMap();
  const redactor = options.redactor ?? new Redactor(options.seed);
  const next = new Map<string, number>();
  let out = '';
  let cursor = 0;
  let replaced = 0;
  for (const r of mergeEntities(text.length, withRepeats(text, findings))) {
    const value = text.slice(r.start, r.end);
    let token = map.tokenFor(value);
    if (token === undefined) {
      if (options.operator === 'synthetic') {
        const pseudonym = redactor.pseudonyms.pseudonym(r.label, value);
        const usable = pseudonym.trim() !== '' && pseudonym !== value && !map.hasToken(pseudonym) && !text.includes(pseudonym);
        token = usable ? pseudonym : freshPlaceholder(r.label, map, text, next);
      } else {
        token = freshPlaceholder(r.label, map, text, next);
      }
      map.add({ token, value, label: r.label });
    }
    out += text.slice(cursor, r.start) + token;
    cursor = r.end;
    replaced++;
  }
  return { text: out + text.slice(cursor), map, replaced };
}

export interface RestoreResult {
  text: string;
  /** Tokens replaced by their values (every occurrence counts). */
  restored: number;
}

/**
 * Puts the values back: every occurrence of every token, longest token first, in one pass (a
 * restored value is never read again as a token). A token that starts or ends with a letter or
 * digit — a pseudonym — is only taken as a whole word, so "Ann" never restores inside "Annual".
 */
export function restore(text: string, map: RedactionMap): RestoreResult {
  const entries = map.entries().sort((a, b) => b.token.length - a.token.length);
  if (entries.length === 0) return { text, restored: 0 };
  const alternatives = entries.map(({ token }) => {
    const before = ALNUM.test(token[0] ?? '') ? '(?<![\\p{L}\\p{N}])' : '';
    const after = ALNUM.test(token[token.length - 1] ?? '') ? '(?![\\p{L}\\p{N}])' : '';
    return `${before}${escapeRegExp(token)}${after}`;
  });
  const values = new Map(entries.map((e) => [e.token, e.value]));
  let restored = 0;
  const out = text.replace(new RegExp(alternatives.join('|'), 'gu'), (token) => {
    restored++;
    return values.get(token) ?? token;
  });
  return { text: out, restored };
}
