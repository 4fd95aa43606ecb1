/**
 * "P.O. Box 101" is one address line. The model reads the number ("101" as a BUILDINGNUMBER) and
 * leaves the words, so the finding, and its replacement, miss what makes it an address. A model
 * finding inside a post-office box phrase grows to the whole phrase, a STREET (the class of the
 * line a P.O. box stands in for).
 */
import { repairAtMatches } from './matchRepairs';
import type { Finding } from '../types';

const POST_BOX = /\b(?:p\.?\s?o\.?\s?box|post\s?(?:office\s)?box|postbox)\s{1,3}\d{1,8}\b/gi;

/** `findings` (decoded: sorted, not overlapping) share `text`'s offsets; so does the result. */
export function wholePostBoxes(text: string, findings: readonly Finding[]): Finding[] {
  if (findings.length === 0 || !/box/i.test(text)) return [...findings];
  return repairAtMatches(text, findings, POST_BOX, (start, end, inside) => {
    // A finding reaching past the phrase (a whole address) is left as is.
    if (inside.some((f) => f.start < start || f.end > end)) return null;
    const best = inside.reduce((a, b) => (b.score > a.score ? b : a));
    return [{ ...best, start, end, label: 'STREET', evidence: { ...best.evidence, rule: 'post-office box' } }];
  });
}
