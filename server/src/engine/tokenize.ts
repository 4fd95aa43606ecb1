/**
 * BERT tokenization with exact UTF-16 offsets.
 *
 * `@huggingface/tokenizers` returns ids but no character offsets, so we do BERT's normalization and
 * pre-tokenization ourselves, keeping for every normalized character the original range it came
 * from, then hand each word to the library's WordPiece model. Words never pass through the
 * library's added-token splitter, so a literal "[SEP]" typed by a user stays plain text.
 */
import { Tokenizer } from '@huggingface/tokenizers';

export interface Word {
  /** Original range [start, end) in UTF-16 units. */
  start: number;
  end: number;
  /** Normalized form (lower-cased, accents stripped when the tokenizer does so). */
  norm: string;
}

export interface Token {
  id: number;
  start: number;
  end: number;
  /** Index into `Tokenized.words`. */
  word: number;
  /** First sub-token of its word. */
  first: boolean;
}

export interface Tokenized {
  words: Word[];
  tokens: Token[];
}

export interface SpecialIds {
  cls: number;
  sep: number;
  pad: number;
  unk: number;
}

interface NormalizerConfig {
  lowercase: boolean;
  stripAccents: boolean;
  chineseChars: boolean;
}

/** Longest word WordPiece accepts; longer words (keys, JWTs) are cut into chunks instead of [UNK]. */
const MAX_WORD_CHARS = 100;
const PUNCT_RE = /[\p{P}\p{S}]/u;
const WHITESPACE_RE = /\s/u;
const CONTROL_RE = /[\p{Cc}\p{Cf}\uFFFD]/u;
const MARK_RE = /\p{Mn}/gu;
const LETTER_RE = /\p{L}/u;

function isChineseChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** Punctuation in BERT's sense: all ASCII non-alphanumerics, plus Unicode punctuation; we add symbols (emoji) so they never glue to a name. */
function isPunctuation(ch: string, cp: number): boolean {
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
    return true;
  }
  return PUNCT_RE.test(ch);
}

interface TokenizerJson {
  normalizer?: { type?: string; lowercase?: boolean; strip_accents?: boolean | null; handle_chinese_chars?: boolean; normalizers?: unknown[] } | null;
  model?: { type?: string };
}

function readNormalizer(json: TokenizerJson): NormalizerConfig {
  const n = json.normalizer;
  if (n && n.type === 'BertNormalizer') {
    const lowercase = n.lowercase ?? true;
    return { lowercase, stripAccents: n.strip_accents ?? lowercase, chineseChars: n.handle_chinese_chars ?? true };
  }
  // Sequences of Lowercase/StripAccents/NFD normalizers are how some exports spell the same thing.
  const parts = n && Array.isArray(n.normalizers) ? (n.normalizers as Array<{ type?: string }>).map((p) => p.type) : [];
  return { lowercase: parts.includes('Lowercase'), stripAccents: parts.includes('StripAccents'), chineseChars: true };
}

export class BertTokenizer {
  readonly special: SpecialIds;
  private readonly lib: Tokenizer;
  private readonly norm: NormalizerConfig;
  private readonly pieceCache = new Map<string, Array<[id: number, length: number]>>();

  constructor(json: TokenizerJson, config: object = {}) {
    if (json.model?.type !== 'WordPiece') {
      throw new Error(`unsupported tokenizer model "${json.model?.type ?? 'unknown'}": PII Lint reads WordPiece (BERT-family) tokenizers`);
    }
    this.lib = new Tokenizer(json, config);
    this.norm = readNormalizer(json);
    const id = (t: string): number => {
      const v = this.lib.token_to_id(t);
      if (v === undefined) throw new Error(`tokenizer.json lacks the ${t} token`);
      return v;
    };
    this.special = { cls: id('[CLS]'), sep: id('[SEP]'), pad: id('[PAD]'), unk: id('[UNK]') };
  }

  get vocabSize(): number {
    return this.lib.model?.vocab.length ?? 0;
  }

  /** Normalizes one code point the way BertNormalizer does (Greek final sigma handled by the caller). */
  private normalizeChar(ch: string): string {
    let s = this.norm.lowercase ? ch.toLowerCase() : ch;
    if (this.norm.stripAccents) s = s.normalize('NFD').replace(MARK_RE, '');
    return s;
  }

  /** BERT pre-tokenization: split on whitespace and punctuation, CJK characters stand alone. */
  words(text: string): Word[] {
    const words: Word[] = [];
    let cur: Word | null = null;
    const close = (): void => {
      if (cur && cur.norm.length > 0) words.push(cur);
      cur = null;
    };
    let i = 0;
    while (i < text.length) {
      const cp = text.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      const ch = text.slice(i, i + len);
      if (WHITESPACE_RE.test(ch) || CONTROL_RE.test(ch)) {
        close();
      } else if (isPunctuation(ch, cp) || (this.norm.chineseChars && isChineseChar(cp))) {
        close();
        words.push({ start: i, end: i + len, norm: this.normalizeChar(ch) || ch });
      } else {
        let n: string;
        if (ch === 'Σ' && this.norm.lowercase) {
          // Final sigma: preceded by a letter in this word, not followed by one.
          const next = text.codePointAt(i + 1);
          const before: Word | null = cur;
          const followedByLetter = next !== undefined && LETTER_RE.test(String.fromCodePoint(next));
          n = before !== null && (before as Word).norm.length > 0 && !followedByLetter ? 'ς' : 'σ';
        } else {
          n = this.normalizeChar(ch);
        }
        if (cur === null) {
          if (n.length === 0) {
            // A lone combining mark: attach it to the previous word when adjacent, else drop it.
            const prev = words[words.length - 1];
            if (prev && prev.end === i && !isPunctuation(text.slice(prev.start, prev.end), text.codePointAt(prev.start)!)) prev.end = i + len;
            i += len;
            continue;
          }
          cur = { start: i, end: i + len, norm: n };
        } else {
          cur.norm += n;
          cur.end = i + len;
        }
      }
      i += len;
    }
    close();
    return words;
  }

  /** WordPiece ids for a normalized word, with each piece's length in normalized UTF-16 units. */
  private pieces(norm: string): Array<[number, number]> {
    const hit = this.pieceCache.get(norm);
    if (hit) return hit;
    const model = this.lib.model!;
    const out: Array<[number, number]> = [];
    const chars = [...norm];
    for (let c = 0; c < chars.length; c += MAX_WORD_CHARS) {
      const chunk = chars.slice(c, c + MAX_WORD_CHARS).join('');
      const toks = model.encode([chunk]);
      if (toks.length === 1 && toks[0] === model.unk_token) {
        out.push([this.special.unk, chunk.length]);
        continue;
      }
      for (const t of toks) {
        const piece = t.startsWith('##') ? t.slice(2) : t;
        out.push([model.tokens_to_ids.get(t) ?? this.special.unk, piece.length]);
      }
    }
    if (this.pieceCache.size > 50_000) this.pieceCache.clear();
    this.pieceCache.set(norm, out);
    return out;
  }

  /** Words and sub-word tokens of `text`, each with its exact original range. No special tokens. */
  tokenize(text: string): Tokenized {
    const words = this.words(text);
    const tokens: Token[] = [];
    words.forEach((w, wi) => {
      const ps = this.pieces(w.norm);
      if (ps.length === 1) {
        tokens.push({ id: ps[0][0], start: w.start, end: w.end, word: wi, first: true });
        return;
      }
      // Map normalized positions back to the original. A character that normalization expands
      // ("ﬁ" -> "fi") can be cut by a piece boundary: both pieces then cover the whole character.
      const [starts, ends] = this.normOffsets(text, w);
      let pos = 0;
      ps.forEach(([id, len], k) => {
        const last = Math.min(pos + len, starts.length) - 1;
        const s = k === 0 ? w.start : starts[Math.min(pos, starts.length - 1)];
        const e = k === ps.length - 1 ? w.end : ends[Math.max(last, 0)];
        tokens.push({ id, start: s, end: Math.max(e, s + 1), word: wi, first: k === 0 });
        pos += len;
      });
    });
    return { words, tokens };
  }

  /** For each UTF-16 position of `w.norm`, the original range of the character it came from. */
  private normOffsets(text: string, w: Word): [number[], number[]] {
    const starts: number[] = [];
    const ends: number[] = [];
    let i = w.start;
    while (i < w.end) {
      const cp = text.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      const ch = text.slice(i, i + len);
      if (!(WHITESPACE_RE.test(ch) || CONTROL_RE.test(ch))) {
        const n = ch === 'Σ' && this.norm.lowercase ? 'σ' : this.normalizeChar(ch);
        for (let k = 0; k < n.length; k++) {
          starts.push(i);
          ends.push(i + len);
        }
        // A stripped combining mark belongs to the character before it.
        if (n.length === 0 && ends.length > 0) ends[ends.length - 1] = i + len;
      }
      i += len;
    }
    return [starts, ends];
  }
}
