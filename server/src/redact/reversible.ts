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
import { RedactionMap } from '../../../common/redactionMap';

export { RedactionMap, restore, type MapEntry, type RestoreResult } from '../../../common/redactionMap';

export type ReversibleOperator = 'placeholder' | 'synthetic';

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
