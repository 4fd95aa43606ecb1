/**
 * The filter stage: model guesses that are not personal data go, whatever their score — a guess
 * alone in a one-token region (a table of string literals), code read as prose (identifiers, doc
 * tags, a licence header), a plain dictionary word, a password or a registration mark with
 * nothing naming it one. Only model guesses are looked at; the
 * recognizers come later and are never filtered.
 */
import type { Lexicon } from '../features';
import type { Finding, Region } from '../types';
import { appendAll } from '../arrays';
import { bareRegions, isBareLiteralGuess, isCodeLike } from './codeContext';
import { isUnnamedValue } from './unnamedValues';
import { isPlainWordGuess } from './plainWords';

/** Model findings of one of the scanned regions (the same object as in `regions`), in text offsets. */
export interface RegionFindings {
  region: Region;
  findings: Finding[];
}

/** The guesses that stay, in the order given. `regions` (sorted) are those the scan covered; `norm` keys a word as the lexicon does. */
export function keepPersonalGuesses(
  text: string,
  regions: readonly Region[],
  guesses: readonly RegionFindings[],
  lexicon: Lexicon | null,
  norm: (word: string) => string,
): Finding[] {
  const bare = bareRegions(text, regions);
  const kept: Finding[] = [];
  for (const { region, findings } of guesses) {
    const inTable = bare.get(region);
    appendAll(kept, inTable === undefined ? findings : findings.filter((f) => !isBareLiteralGuess(text, f, inTable, lexicon, norm)));
  }
  return kept.filter((f) => !isCodeLike(text, f) && !isPlainWordGuess(text, f, lexicon, norm) && !isUnnamedValue(text, f));
}
