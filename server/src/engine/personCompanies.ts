/**
 * A person the model took for a company. Sentences about companies and about people share their
 * shapes ("… by Klimek Kozłowski", "Producer Joseph Farmer explained"), and the small model
 * sometimes answers COMPANYNAME for a plain name. A COMPANYNAME of one capitalised word the
 * lexicon lists only as a first name, or of a first name and a word the dictionary does not know,
 * with no company word in it or legal form after it, is read as that person: FIRSTNAME (and
 * LASTNAME). Runs before name completion, so "Joseph" alone still gets "Farmer". Models
 * without a lexicon are left as they are.
 */
import { Lex, onlyAFirstName, type Lexicon } from './features';
import { legalFormAfter } from './legalForms';
import type { Finding } from './types';

const WORD = /^\p{Lu}[\p{Ll}\p{M}]+(?:[-'’]\p{Lu}?[\p{Ll}\p{M}]+)?$/u;
const RULE = 'a first name, not a company';

/**
 * Two words: a first name (a place or street too, like "Elizabeth" or "Douglas", but no dictionary
 * or company word) and a second word that is no dictionary, street or company word ("Balashova",
 * not "Mills" or "Technologies").
 */
function firstNameBeforeSurname(first: number, last: number): boolean {
  return (first & Lex.FIRST_NAME) !== 0 && (first & (Lex.DICTIONARY | Lex.COMPANY_WORD)) === 0 && (last & (Lex.DICTIONARY | Lex.STREET_WORD | Lex.COMPANY_WORD)) === 0;
}

/** `findings` (decoded: sorted, not overlapping) share `text`'s offsets; so does the result. */
export function personsNotCompanies(text: string, findings: readonly Finding[], lexicon: Lexicon | null, norm: (word: string) => string): Finding[] {
  if (!lexicon || !findings.some((f) => f.label === 'COMPANYNAME')) return [...findings];
  const out: Finding[] = [];
  for (const f of findings) {
    const words = f.label === 'COMPANYNAME' ? text.slice(f.start, f.end).split(' ') : [];
    const first = words[0] ?? '';
    const last = words[1] ?? '';
    const isPerson =
      (words.length === 1 || words.length === 2) &&
      words.every((w) => WORD.test(w)) &&
      (words.length === 1 ? onlyAFirstName(lexicon.bits(norm(first))) : firstNameBeforeSurname(lexicon.bits(norm(first)), lexicon.bits(norm(last)))) &&
      legalFormAfter(text, f.end) === null;
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
