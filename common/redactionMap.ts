/**
 * The token -> value map of reversible redaction and `restore`, which puts the values back. No
 * dependencies, so the VS Code client can restore without the redaction operators (reversible.ts
 * makes the tokens).
 *
 * Privacy: a map holds the real values. Keep it in memory; whoever persists it must keep it
 * private and out of repositories. Errors name the class, never a value.
 */

const ALNUM = /[\p{L}\p{N}]/u;
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
