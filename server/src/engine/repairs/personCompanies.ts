/**
 * A person the model took for a company. Sentences about companies and about people share their
 * shapes ("… by Klimek Kozłowski", "Producer Joseph Farmer explained"), and the small model
 * sometimes answers COMPANYNAME for a plain name. A COMPANYNAME of one capitalised word the
 * lexicon lists only as a first name (or any first name followed by a surname-like word), or of a
 * first name and a surname-like word, with no company word in it or legal form after it, is read
 * as that person: FIRSTNAME (and LASTNAME). Runs before name completion, so "Joseph" alone still
 * gets "Farmer". Models without a lexicon are left as they are.
 */
import { Lex, onlyAFirstName, type Lexicon } from '../features';
import { legalFormAfter } from './legalForms';
import type { Finding } from '../types';

const WORD = /^\p{Lu}[\p{Ll}\p{M}]+(?:[-'’]\p{Lu}?[\p{Ll}\p{M}]+)?$/u;
const RULE = 'a first name, not a company';

/** A surname's lexicon bits: no dictionary, street, company or place word ("Balashova", not "Mills" or "Nevada"). */
const surnameLike = (bits: number): boolean => (bits & (Lex.DICTIONARY | Lex.STREET_WORD | Lex.COMPANY_WORD | Lex.PLACE)) === 0;
/** A first name's lexicon bits, even one that is also a place or a word ("Elizabeth", "Tony"), never a company word. */
const firstNameLike = (bits: number): boolean => (bits & Lex.FIRST_NAME) !== 0 && (bits & Lex.COMPANY_WORD) === 0;

/** `findings` (decoded: sorted, not overlapping) share `text`'s offsets; so does the result. */
export function personsNotCompanies(text: string, findings: readonly Finding[], lexicon: Lexicon | null, norm: (word: string) => string): Finding[] {
  if (!lexicon || !findings.some((f) => f.label === 'COMPANYNAME')) return [...findings];
  const out: Finding[] = [];
  for (const f of findings) {
    const words = f.label === 'COMPANYNAME' ? text.slice(f.start, f.end).split(' ') : [];
    if (words.length === 0 || words.length > 2) {
      out.push(f);
      continue;
    }
    const first = words[0] ?? '';
    const last = words[1] ?? '';
    const firstBits = lexicon.bits(norm(first));
    // One word: only a first name, or any first name with a surname-like word after it ("Francisco Umkhayev").
    const surnameAfter = (): boolean => {
      const next = /^ (\p{Lu}[\p{Ll}\p{M}]+)(?![\p{L}\p{M}])/u.exec(text.slice(f.end, f.end + 40))?.[1];
      return next !== undefined && surnameLike(lexicon.bits(norm(next)));
    };
    const named = last
      ? firstNameLike(firstBits) && surnameLike(lexicon.bits(norm(last)))
      : onlyAFirstName(firstBits) || (firstNameLike(firstBits) && surnameAfter());
    const isPerson = named && words.every((w) => WORD.test(w)) && legalFormAfter(text, f.end) === null;
    if (!isPerson) {
      out.push(f);
      continue;
    }
    const evidence = { ...f.evidence, rule: RULE };
    out.push({ ...f, end: f.start + first.length, label: 'FIRSTNAME', evidence });
    if (last) out.push({ ...f, start: f.end - last.length, label: 'LASTNAME', evidence });
  }
  return out;
}
