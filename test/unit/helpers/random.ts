/** Deterministic randomness for property tests: failures reproduce from the seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

/** Pieces chosen to stress offsets: surrogate pairs, lone surrogates, combining marks, RTL, CJK, emoji, CRLF, NUL. */
const PIECES = [
  'a', 'Z', 'é', 'e\u0301', '\u0301', 'ß', 'İ', 'Σ', 'ς', 'ΟΔΥΣΣΕΥΣ', 'Ǆ', 'ﬁ',
  '😀', '👩‍💻', '🇩🇪', '\ud83d', '\ude00', '北', '京', '𠀀', 'م', 'שלום', '\u200f', '\u200d',
  ' ', '  ', '\t', '\n', '\r\n', '\u0000', '\u00a0', '\u2028', '\ufeff', '\ufffd',
  '.', ',', '@', '-', '[SEP]', '[CLS]', '##', 'john', 'Smith', '4111 1111 1111 1111', 'a@b.co', '12', 'x'.repeat(120),
];

export function randomUnicode(rnd: () => number, pieces: number): string {
  let s = '';
  for (let i = 0; i < pieces; i++) {
    if (rnd() < 0.15) s += String.fromCharCode(Math.floor(rnd() * 0xffff));
    else s += PIECES[Math.floor(rnd() * PIECES.length)];
  }
  return s;
}

/** `i` does not fall between the two halves of a surrogate pair (what every reported offset must respect). */
export function onBoundary(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return true;
  const a = text.charCodeAt(i - 1);
  const b = text.charCodeAt(i);
  return !(a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff);
}
