/**
 * Completes a person's name the model found only half of. A small model recognises first names
 * (lists of them are short and shared across languages) far better than surnames from an
 * unfamiliar locale: "Stephanie Ishibashi" came out as FIRSTNAME "Stephanie" alone. A capitalised
 * word right after a first name, that is no dictionary word, is that person's surname.
 *
 * Needs the model's lexicon to tell dictionary words ("Maria Please…") from names; models without
 * one (Hugging Face exports) are left as they are.
 */
import { Lex, type Lexicon } from '../features';
import { legalFormAfter } from './legalForms';
import type { Word } from '../tokenize';
import type { Finding } from '../types';

/** A surname found this way is a little less certain than the first name it follows. */
export const COMPLETION_FACTOR = 0.9;
const SURNAME = /^\p{Lu}[\p{L}\p{M}]*$/u;
/** After a lower-case first name ("says richard leblanc"), the writer does not capitalise names. */
const LOWER_SURNAME = /^\p{Ll}[\p{L}\p{M}]*$/u;
const ALL_CAPS = /^[\p{Lu}\p{M}]+$/u;
/** Joiners inside a surname: "Ellis-Ingram", "O'Neil". */
const JOINERS = new Set(['-', "'", '’']);

/** The surname starting at word `i` (parts joined by hyphens or apostrophes), or null. */
function surnameAt(text: string, words: readonly Word[], i: number, shape: RegExp): { start: number; end: number } | null {
  const first = words[i];
  if (!first || !shape.test(text.slice(first.start, first.end))) return null;
  let end = first.end;
  let j = i + 1;
  while (j + 1 < words.length && words[j].start === end && JOINERS.has(text.slice(words[j].start, words[j].end)) && words[j + 1].start === words[j].end) {
    const part = text.slice(words[j + 1].start, words[j + 1].end);
    if (!/^[\p{L}\p{M}]+$/u.test(part)) break;
    end = words[j + 1].end;
    j += 2;
  }
  return { start: first.start, end };
}

/** A one-word COMPANYNAME that is no company word and has no legal form after it ("Lamovec", not "Acme Inc"). */
function isSurnameAsCompany(text: string, o: Finding, bits: number): boolean {
  return o.label === 'COMPANYNAME' && !(bits & Lex.COMPANY_WORD) && !/\s/.test(text.slice(o.start, o.end)) && legalFormAfter(text, o.end) === null;
}

/**
 * Adds a LASTNAME after every capitalised FIRSTNAME that is followed, after one space, by a
 * capitalised word that the dictionary does not know (unless as a surname), and after a lower-case
 * FIRSTNAME by such a lower-case word ("richard leblanc"); a weaker finding on
 * that word (a doubted LASTNAME, a STREET under its threshold) becomes the surname.
 * `findings` (decoded: sorted, not overlapping) and `words` share `text`'s offsets.
 */
export function completeNames(text: string, words: readonly Word[], findings: readonly Finding[], lexicon: Lexicon | null): Finding[] {
  if (!lexicon || !findings.some((f) => f.label === 'FIRSTNAME')) return [...findings];
  const wordAt = new Map<number, number>();
  words.forEach((w, i) => wordAt.set(w.start, i));
  const out = [...findings];
  const added: Finding[] = [];
  findings.forEach((f, k) => {
    if (f.label !== 'FIRSTNAME' || text[f.end] !== ' ') return;
    const firstName = text.slice(f.start, f.end);
    const shape = /^\p{Lu}/u.test(firstName) ? SURNAME : LOWER_SURNAME.test(firstName) ? LOWER_SURNAME : null;
    const i = wordAt.get(f.end + 1);
    if (i === undefined || !shape) return;
    const span = surnameAt(text, words, i, shape);
    if (!span) return;
    const value = text.slice(span.start, span.end);
    // "JOHN CEO": an all-caps word is a surname only in an all-caps name.
    if (ALL_CAPS.test(value) && !ALL_CAPS.test(firstName)) return;
    const bits = lexicon.bits(words[i].norm);
    // Capitalised, a dictionary word may still be a surname ("Baker"); lower-case it is taken as the word ("so", "just").
    if (bits & Lex.DICTIONARY && (!(bits & Lex.LAST_NAME) || shape === LOWER_SURNAME)) return;
    const score = f.score * COMPLETION_FACTOR;
    // Decoded findings do not overlap and are sorted: only the ones right after f can touch the word.
    let m = k + 1;
    while (m < findings.length && findings[m].start < span.end) m++;
    const overlapping = m - (k + 1);
    const o = findings[k + 1];
    if (overlapping === 0) {
      added.push({ start: span.start, end: span.end, label: 'LASTNAME', score, evidence: { rule: 'follows a first name' } });
    } else if (overlapping === 1 && o && o.start >= span.start && o.end <= span.end && (o.score < score || isSurnameAsCompany(text, o, bits))) {
      // A weaker guess on the same word (a doubted LASTNAME, a STREET under its threshold), or a
      // one-word "company" right after a first name ("Kevin Lamovec"): the first name in front
      // of it is the stronger evidence.
      out[k + 1] = { start: span.start, end: span.end, label: 'LASTNAME', score, evidence: { ...o.evidence, rule: 'follows a first name' } };
    }
  });
  if (added.length === 0) return out;
  return [...out, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}
