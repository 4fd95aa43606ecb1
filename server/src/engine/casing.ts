/**
 * In text that capitalises, names are capitalised. A lone lower-case dictionary word the model
 * read as a name, company or place ("fan" of "a huge Megan Payne fan", "impressed" after a garbled
 * dash, "facility") is that word, not personal data. Lines written all in lower case ("says
 * richard leblanc") say nothing by their casing, so their findings stay. Needs the model's
 * lexicon for the dictionary bit; models without one are left as they are.
 */
import { Lex, type Lexicon } from './features';
import type { Finding } from './types';

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

/** Whether model finding `f` is a lower-case dictionary word on a line that capitalises. */
export function isLowerCaseWordGuess(text: string, f: Finding, lexicon: Lexicon | null, norm: (word: string) => string): boolean {
  if (!lexicon || f.evidence.recognizer || !PROPER_NAMES.has(f.label)) return false;
  const value = text.slice(f.start, f.end);
  if (!LOWER_WORD.test(value) || !(lexicon.bits(norm(value)) & Lex.DICTIONARY)) return false;
  return UPPER.test(lineAround(text, f.start, f.end));
}
