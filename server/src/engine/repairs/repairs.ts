/**
 * Repairs of what a small model gets wrong, applied in order to the decoded findings of one
 * region. Each lives in its own module with its own tests; this list is their one order.
 */
import { wholeClockTimes } from './clockTimes';
import type { Lexicon } from '../features';
import { completeLegalForms } from './legalForms';
import { addListedFirstNames } from './listedNames';
import { completeNames } from './nameCompletion';
import { dropNotNames } from './notNames';
import { personsNotCompanies } from './personCompanies';
import { wholePostBoxes } from './postBoxes';
import type { Word } from '../tokenize';
import type { Finding } from '../types';

/**
 * `decoded` (sorted, not overlapping) and `words` share `text`'s offsets; so does the result.
 * `norm` keys a word as the lexicon does. A model without a lexicon gets only the lexicon-free repairs.
 */
export function repairFindings(text: string, words: readonly Word[], decoded: readonly Finding[], lexicon: Lexicon | null, norm: (word: string) => string): Finding[] {
  const repairs: Array<(found: Finding[]) => Finding[]> = [
    (f) => addListedFirstNames(text, words, f, lexicon),
    (f) => personsNotCompanies(text, f, lexicon, norm),
    (f) => dropNotNames(text, f),
    (f) => completeNames(text, words, f, lexicon),
    (f) => completeLegalForms(text, f),
    (f) => wholeClockTimes(text, f),
    (f) => wholePostBoxes(text, f),
  ];
  return repairs.reduce((f, repair) => repair(f), [...decoded]);
}
