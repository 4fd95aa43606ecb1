/**
 * What the scanners of recognizers.ts share: the slice of text a scanner runs on, the spans
 * stronger scanners already claimed, the finding they report and the context they read.
 */
import type { Finding, Region } from '../types';

/** Where a scanner runs: `slice` is text[offset, offset + slice.length); context reads `text`. */
export interface Scan {
  text: string;
  slice: string;
  offset: number;
  /** Full libphonenumber country guessing left for this call (it is the expensive step). */
  budget: { phoneGuesses: number };
  /** Merged, sorted spans already claimed by stronger recognizers (cards, IBANs, IPs…). */
  taken: Region[];
}

/** True when [start, end) overlaps a taken span (binary search: documents hold many findings). */
export function isTaken(s: Scan, start: number, end: number): boolean {
  let lo = 0;
  let hi = s.taken.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.taken[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < s.taken.length && s.taken[lo].start < end;
}

/** A value of the right shape right after its class's name whose checksum or rules fail. */
export const CONTEXT_ONLY_SCORE = 0.55;

export function finding(start: number, end: number, label: string, score: number, validator: string): Finding {
  return { start, end, label, score, evidence: { recognizer: true, validator } };
}

/** Lower-cased text before `start` (up to `n` chars): where people write "SSN:", "call", "IBAN". */
export function before(text: string, start: number, n = 48): string {
  return text.slice(Math.max(0, start - n), start).toLowerCase();
}

export function after(text: string, end: number, n = 20): string {
  return text.slice(end, end + n).toLowerCase();
}

/** The token before a grouped number, when only a separator stands between them ("DE89 3704…"). */
export const GROUP_BEFORE = /[A-Za-z0-9]*\d[A-Za-z0-9]*[ -]$/;

/** A version word or operator before a number: "v 1.2.3.4", "version: 10.15.7.1234". */
export const VERSION_BEFORE = /(?:\bv|\bversion|\bver\.?|\brelease|\brev\.?|\bbuild|\bfirmware|\bfw|[@=^~<>])\s*[:=]?\s*$/;
