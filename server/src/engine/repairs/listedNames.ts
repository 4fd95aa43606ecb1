/**
 * A first name from the lexicon that the model passed over. A small model learns names from the
 * sentences around them, and a sentence shape it never saw can hide a plain name: "Jennifer is
 * very happy." gave nothing, while "Jennifer is kind." was found. A capitalised word the lexicon
 * lists as a first name, and as nothing else (no dictionary word like "Grace", no place, street or
 * company word), is reported as a possible FIRSTNAME at a modest score, with the rule as evidence.
 * Models without a lexicon (Hugging Face exports) are left as they are.
 */
import { onlyAFirstName, type Lexicon } from '../features';
import type { Word } from '../tokenize';
import type { Finding } from '../types';

/** Under what the model gives names it is sure of; at the editor's FIRSTNAME threshold (19 of 21 are names on the dev sets). */
export const LISTED_NAME_SCORE = 0.6;
const TITLE_CASE = /^\p{Lu}\p{Ll}[\p{Ll}\p{M}]+$/u;

/** `findings` (decoded: sorted, not overlapping) and `words` share `text`'s offsets; so does the result. */
export function addListedFirstNames(text: string, words: readonly Word[], findings: readonly Finding[], lexicon: Lexicon | null): Finding[] {
  if (!lexicon) return [...findings];
  const added: Finding[] = [];
  let k = 0;
  for (const w of words) {
    while (k < findings.length && findings[k].end <= w.start) k++;
    if (k < findings.length && findings[k].start < w.end) continue; // the model read this word
    if (!TITLE_CASE.test(text.slice(w.start, w.end))) continue;
    if (!onlyAFirstName(lexicon.bits(w.norm))) continue;
    // Inside a word joined by hyphens or apostrophes ("Jean-Pierre" read in part, "O'Neil") the model's reading stands.
    if (/[-'’\p{L}\p{N}]/u.test(text[w.start - 1] ?? '') || /[-'’\p{L}\p{N}]/u.test(text[w.end] ?? '')) continue;
    added.push({ start: w.start, end: w.end, label: 'FIRSTNAME', score: LISTED_NAME_SCORE, evidence: { rule: 'listed first name' } });
  }
  if (added.length === 0) return [...findings];
  return [...findings, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}
