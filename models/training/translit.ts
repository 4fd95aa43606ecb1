/** Rough Greek/Cyrillic -> Latin transliteration, so names appear in both scripts (e.g. Παπαδόπουλος -> Papadopoulos). */
const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x', ο: 'o', π: 'p',
  ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};
const GREEK_PAIRS: Array<[string, string]> = [['ου', 'ou'], ['αι', 'ai'], ['ει', 'ei'], ['οι', 'oi'], ['μπ', 'b'], ['ντ', 'nt'], ['γκ', 'gk'], ['αυ', 'av'], ['ευ', 'ev']];
const CYR: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'yo', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

export function transliterate(s: string): string {
  let out = '';
  const src = s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    const lower = ch.toLowerCase();
    const upper = ch !== lower;
    let rep: string | undefined;
    const pair = GREEK_PAIRS.find(([g]) => src.slice(i, i + 2).toLowerCase() === g);
    if (pair) {
      rep = pair[1];
      i++;
    } else rep = GREEK[lower] ?? CYR[lower];
    if (rep === undefined) out += ch;
    else out += upper && rep ? rep[0].toUpperCase() + rep.slice(1) : rep;
  }
  return out;
}

export const NON_LATIN = /[\p{Script=Greek}\p{Script=Cyrillic}]/u;
