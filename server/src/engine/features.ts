/**
 * Word-level input features for models that declare them (the built-in model does; Hugging Face
 * exports don't and get only input_ids/attention_mask). Lower-cased word ids lose capitalisation
 * and say nothing about unseen names; shape and list membership transfer to text nobody trained on.
 */
import type { Tokenized } from './tokenize';

/** Shape classes of a word, from its original (un-normalized) text. 0 is padding/special tokens. */
export const Shape = {
  PAD: 0,
  LOWER: 1,
  CAPITALIZED: 2,
  UPPER: 3,
  SINGLE_UPPER: 4,
  DIGITS: 5,
  ALNUM: 6,
  PUNCT: 7,
  SYMBOL: 8,
  MIXED_CASE: 9,
  UNCASED_LETTERS: 10,
} as const;
export const SHAPE_COUNT = 16;

/** Lexicon membership bits (a word may be in several lists). */
export const Lex = {
  FIRST_NAME: 1,
  LAST_NAME: 2,
  PLACE: 4,
  STREET_WORD: 8,
  DICTIONARY: 16,
  COMPANY_WORD: 32,
} as const;
export const LEX_COUNT = 64;

/** A word the lexicon lists as a first name and as nothing else (no dictionary word like "Grace", no place, street or company word). */
export function onlyAFirstName(bits: number): boolean {
  return (bits & Lex.FIRST_NAME) !== 0 && (bits & (Lex.DICTIONARY | Lex.PLACE | Lex.STREET_WORD | Lex.COMPANY_WORD)) === 0;
}

export interface LexiconFile {
  version: 1;
  /** normalized word -> OR of Lex bits */
  words: Record<string, number>;
}

export class Lexicon {
  /** The parsed object itself: copying its ~100k entries into a Map took 200 ms of every cold start. */
  private readonly words: Record<string, number>;
  constructor(file: LexiconFile) {
    this.words = file.words;
  }
  bits(norm: string): number {
    // Own keys only: "constructor" or "__proto__" typed in a document are not lexicon entries.
    return Object.hasOwn(this.words, norm) ? (this.words[norm] ?? 0) : 0;
  }
}

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const PUNCT = /\p{P}/u;

export function wordShape(w: string): number {
  let upper = 0;
  let lower = 0;
  let letters = 0;
  let digits = 0;
  let punct = 0;
  for (const ch of w) {
    if (LETTER.test(ch)) {
      letters++;
      if (UPPER.test(ch)) upper++;
      else if (LOWER.test(ch)) lower++;
    } else if (DIGIT.test(ch)) digits++;
    else if (PUNCT.test(ch)) punct++;
  }
  if (letters === 0 && digits === 0) return punct > 0 ? Shape.PUNCT : Shape.SYMBOL;
  if (letters === 0) return Shape.DIGITS;
  if (digits > 0) return Shape.ALNUM;
  if (upper === 0 && lower === 0) return Shape.UNCASED_LETTERS;
  if (upper === 0) return Shape.LOWER;
  if (lower === 0) return upper === 1 ? Shape.SINGLE_UPPER : Shape.UPPER;
  const first = [...w][0];
  if (UPPER.test(first) && upper === 1) return Shape.CAPITALIZED;
  return Shape.MIXED_CASE;
}

export interface TokenFeatures {
  shape: number[];
  lex: number[];
}

/** Per-token features (every sub-token carries its word's), aligned with `tok.tokens`. */
export function tokenFeatures(text: string, tok: Tokenized, lexicon: Lexicon | null): TokenFeatures {
  const wordShapes = tok.words.map((w) => wordShape(text.slice(w.start, w.end)));
  const wordLex = tok.words.map((w) => (lexicon ? lexicon.bits(w.norm) : 0));
  return {
    shape: tok.tokens.map((t) => wordShapes[t.word]),
    lex: tok.tokens.map((t) => wordLex[t.word]),
  };
}
