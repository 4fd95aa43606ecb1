/**
 * Token probabilities -> entities with exact character offsets.
 *
 * Aggregation is per word (Hugging Face's "average" strategy): a word's tag is the argmax of its
 * sub-tokens' mean probabilities, so an entity never starts or ends inside a word. Consecutive
 * words of one class join into an entity unless a B- tag starts a new one. An entity's score is
 * the mean, over its words, of the probability mass of its class (B- plus I-): how sure the model
 * is that these words are that kind of PII, whatever the boundary tags.
 */
import { entityClass } from '../labels';
import type { Tokenized } from '../tokenize';
import type { Finding } from '../types';

interface TagInfo {
  cls: string | null;
  begin: boolean;
}

export class TagSet {
  readonly tags: TagInfo[];
  /** For each class, the tag indices that carry it. */
  private readonly byClass = new Map<string, number[]>();

  constructor(labels: string[]) {
    this.tags = labels.map((l) => {
      if (l === 'O' || l === 'OTHER' || l === 'O-') return { cls: null, begin: false };
      return { cls: entityClass(l), begin: /^[BSU]-/.test(l) };
    });
    this.tags.forEach((t, i) => {
      if (!t.cls) return;
      const list = this.byClass.get(t.cls) ?? [];
      list.push(i);
      this.byClass.set(t.cls, list);
    });
  }

  classMass(probs: Float32Array, offset: number, cls: string): number {
    let s = 0;
    for (const i of this.byClass.get(cls) ?? []) s += probs[offset + i];
    return s;
  }
}

/** Softmax of each row of [rows, n] logits, in place. */
export function softmaxRows(logits: Float32Array, n: number): Float32Array {
  for (let r = 0; r * n < logits.length; r++) {
    const o = r * n;
    let max = -Infinity;
    for (let i = 0; i < n; i++) max = Math.max(max, logits[o + i]);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const e = Math.exp(logits[o + i] - max);
      logits[o + i] = e;
      sum += e;
    }
    for (let i = 0; i < n; i++) logits[o + i] /= sum;
  }
  return logits;
}

const HAS_ALNUM = /[\p{L}\p{N}]/u;
const LEAD_KEEP = new Set(['(', '+', '[']);
const TRAIL_KEEP = new Set([')', ']']);
/** Whitespace allowed between two words of one entity (addresses span lines). */
const JOIN_GAP = /^[ \t\u00a0]*(\r?\n[ \t\u00a0]*)?$/;

/**
 * @param probs row-major [tokens, tags] probabilities, rows aligned with `tok.tokens`
 */
export function decodeEntities(text: string, tok: Tokenized, probs: Float32Array, tags: TagSet): Finding[] {
  const nTags = tags.tags.length;
  const nWords = tok.words.length;
  // Mean probabilities per word.
  const wordProbs = new Float32Array(nWords * nTags);
  const counts = new Uint16Array(nWords);
  tok.tokens.forEach((t, ti) => {
    counts[t.word]++;
    const wo = t.word * nTags;
    const to = ti * nTags;
    for (let i = 0; i < nTags; i++) wordProbs[wo + i] += probs[to + i];
  });
  const wordTag = new Int32Array(nWords).fill(-1);
  for (let w = 0; w < nWords; w++) {
    if (!counts[w]) continue;
    const wo = w * nTags;
    let best = 0;
    for (let i = 0; i < nTags; i++) {
      wordProbs[wo + i] /= counts[w];
      if (wordProbs[wo + i] > wordProbs[wo + best]) best = i;
    }
    wordTag[w] = best;
  }

  // Group words into spans of one class; a B- tag or a gap wider than a line break starts a new one.
  const spans: Array<{ cls: string; first: number; last: number }> = [];
  let open = false;
  for (let w = 0; w < nWords; w++) {
    const t = wordTag[w] >= 0 ? tags.tags[wordTag[w]] : null;
    if (!t || !t.cls) {
      open = false;
      continue;
    }
    const prev = spans[spans.length - 1];
    if (open && prev.cls === t.cls && !t.begin && JOIN_GAP.test(text.slice(tok.words[prev.last].end, tok.words[w].start))) {
      prev.last = w;
    } else {
      spans.push({ cls: t.cls, first: w, last: w });
      open = true;
    }
  }
  const out: Finding[] = [];
  for (const sp of spans) {
    const f = finish(text, tok, wordProbs, nTags, tags, sp.cls, sp.first, sp.last);
    if (f) out.push(f);
  }
  return out;
}

function finish(
  text: string,
  tok: Tokenized,
  wordProbs: Float32Array,
  nTags: number,
  tags: TagSet,
  cls: string,
  first: number,
  last: number,
): Finding | null {
  const isPunct = (w: number): boolean => !HAS_ALNUM.test(text.slice(tok.words[w].start, tok.words[w].end));
  while (first <= last && isPunct(first) && !LEAD_KEEP.has(text.slice(tok.words[first].start, tok.words[first].end))) first++;
  while (last >= first && isPunct(last) && !TRAIL_KEEP.has(text.slice(tok.words[last].start, tok.words[last].end))) last--;
  if (first > last) return null;
  let sum = 0;
  let n = 0;
  for (let w = first; w <= last; w++) {
    if (isPunct(w)) continue;
    sum += tags.classMass(wordProbs, w * nTags, cls);
    n++;
  }
  if (n === 0) return null;
  const score = sum / n;
  return { start: tok.words[first].start, end: tok.words[last].end, label: cls, score, evidence: { model: score } };
}

/** Address parts that only mean something beside the rest of an address. */
const NEEDS_ADDRESS = new Set(['BUILDINGNUMBER']);
const ADDRESS_PARTS = new Set(['STREET', 'SECONDARYADDRESS', 'CITY', 'ZIPCODE', 'STATE', 'COUNTY']);
/** How far (in characters) a building number may sit from the street it belongs to. */
const ADDRESS_REACH = 40;

/** Drops a lone building number ("the square root of 2"): without a street, a city or a postcode
 * nearby it is just a number. Input sorted by start. */
export function dropOrphanParts(findings: Finding[]): Finding[] {
  const parts = findings.filter((f) => ADDRESS_PARTS.has(f.label));
  return findings.filter(
    (f) => !NEEDS_ADDRESS.has(f.label) || parts.some((p) => p.start - f.end <= ADDRESS_REACH && f.start - p.end <= ADDRESS_REACH),
  );
}
