/**
 * One sweep for repairs tied to a pattern in the text (a clock time, a P.O. box): each match of
 * `pattern` sees the model findings that touch it, and `repair` returns what replaces them, or
 * null to keep them as they are. Findings and matches are both in text order, so the sweep is
 * linear in their number.
 */
import type { Finding } from '../types';

export type MatchRepair = (start: number, end: number, touching: readonly Finding[]) => Finding[] | null;

/** `findings` (decoded: sorted, not overlapping) share `text`'s offsets; so does the result. */
export function repairAtMatches(text: string, findings: readonly Finding[], pattern: RegExp, repair: MatchRepair): Finding[] {
  const out: Finding[] = [];
  let i = 0;
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    while (i < findings.length && findings[i].end <= start) out.push(findings[i++]);
    let j = i;
    while (j < findings.length && findings[j].start < end) j++;
    if (j === i) continue;
    const replaced = repair(start, end, findings.slice(i, j));
    if (replaced === null) continue; // kept: pushed with the findings after them
    out.push(...replaced);
    i = j;
  }
  while (i < findings.length) out.push(findings[i++]);
  return out;
}
