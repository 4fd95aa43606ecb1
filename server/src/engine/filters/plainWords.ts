/**
 * Model guesses that are plain words, not names. In text that capitalises, names are capitalised:
 * a lone lower-case dictionary word the model read as a name, company or place ("fan" of "a huge
 * Megan Payne fan", "impressed" after a garbled dash, "facility") is that word. Lines written all
 * in lower case ("says richard leblanc") say nothing by their casing, so their findings stay; that
 * check needs the model's lexicon for the dictionary bit. And the first half of a contraction
 * ("Don" of "Don't") is no name, whatever the model's lexicon. A sentence's first word is
 * capitalised whatever it is, so a weak guess there ("Met" of "Met Maria Kowalski…") that the
 * lexicon knows only as a dictionary word — no name, place, street or company list — is that word.
 */
import { Lex, type Lexicon } from '../features';
import type { Finding } from '../types';

/** Classes whose values are proper names, always capitalised by writers who capitalise. */
const PROPER_NAMES = new Set(['FIRSTNAME', 'LASTNAME', 'MIDDLENAME', 'COMPANYNAME', 'CITY', 'STATE', 'COUNTY', 'STREET']);
const LOWER_WORD = /^\p{Ll}+$/u;
const UPPER = /\p{Lu}/u;

/** How far along its line a finding looks for capitals: a minified one-line file is not one sentence. */
const REACH = 200;

/** The line around [start, end) (at most REACH characters each side), without the finding itself. */
function lineAround(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - REACH), start);
  const after = text.slice(end, end + REACH);
  return before.slice(before.lastIndexOf('\n') + 1) + after.slice(0, after.includes('\n') ? after.indexOf('\n') : after.length);
}

/** "'t", "'ll", "'re", "'ve", "'d", "'m" right after a word: a contraction ("Don't", "Won't"). */
const CONTRACTION = /^['’](?:t|ll|re|ve|d|m)(?![\p{L}\p{N}])/u;

/** Below this, a sentence-initial word the lexicon lists only in its dictionary is not trusted as a name. */
const SENTENCE_START_TRUST = 0.8;
const NAME_LISTS = Lex.FIRST_NAME | Lex.LAST_NAME | Lex.PLACE | Lex.STREET_WORD | Lex.COMPANY_WORD;

/** Whether [start] begins a sentence: only blanks since the line start, or after . ! ? and a blank. */
function startsSentence(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - REACH), start);
  const line = before.slice(before.lastIndexOf('\n') + 1);
  return /^\s*$/.test(line) || /[.!?]["'’”)]?\s+$/u.test(line);
}

/** Whether model finding `f` is a plain word: a contraction's first half, or a lower-case dictionary word on a line that capitalises. */
export function isPlainWordGuess(text: string, f: Finding, lexicon: Lexicon | null, norm: (word: string) => string): boolean {
  if (f.evidence.recognizer || !PROPER_NAMES.has(f.label)) return false;
  if (CONTRACTION.test(text.slice(f.end, f.end + 4))) return true;
  if (!lexicon) return false;
  const value = text.slice(f.start, f.end);
  if (f.score < SENTENCE_START_TRUST && /^\p{Lu}\p{Ll}+$/u.test(value) && startsSentence(text, f.start)) {
    const bits = lexicon.bits(norm(value));
    if (bits & Lex.DICTIONARY && !(bits & NAME_LISTS)) return true;
  }
  if (!LOWER_WORD.test(value) || !(lexicon.bits(norm(value)) & Lex.DICTIONARY)) return false;
  return UPPER.test(lineAround(text, f.start, f.end));
}
