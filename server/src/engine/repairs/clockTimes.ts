/**
 * A clock time is one value. The model sometimes reads "09:33:20" in pieces: "33" as a TIME and
 * "20" as a BUILDINGNUMBER (seen after "When: 2014-02-13", before a "Where:" line), or runs a DATE
 * into the hour ("1990-12-30 04"). When the model saw a time or date in the pieces they become the
 * whole clock time, a TIME; pieces it read only as other things (house numbers) are dropped:
 * digits between colons are no address. A date running into the hour ends before it.
 */
import { repairAtMatches } from './matchRepairs';
import type { Finding } from '../types';

/** hh:mm or hh:mm:ss, not part of a longer run of digits and colons (IPv6, ratios like 1:2:3:4). */
const CLOCK = /(?<![\d:])(?:[01]?\d|2[0-4]):[0-5]\d(?::[0-5]\d)?(?![\d:])/g;
const TIME_LABELS = new Set(['TIME', 'DATE', 'DOB']);

/** `findings` (decoded: sorted, not overlapping) share `text`'s offsets; so does the result. */
export function wholeClockTimes(text: string, findings: readonly Finding[]): Finding[] {
  if (findings.length === 0 || !text.includes(':')) return [...findings];
  return repairAtMatches(text, findings, CLOCK, (start, end, touching) => {
    // A time already read whole, or a finding running past the time: left as is.
    if (touching.some((f) => f.end > end) || (touching.length === 1 && touching[0].start === start && touching[0].end === end)) return null;
    const out: Finding[] = [];
    for (const f of touching) {
      if (f.start >= start) continue;
      // A date running into the hour keeps what lies before the time.
      const kept = text.slice(f.start, start).trimEnd().length;
      if (kept > 0) out.push({ ...f, end: f.start + kept });
    }
    const times = touching.filter((f) => TIME_LABELS.has(f.label));
    if (times.length > 0) {
      const best = times.reduce((a, b) => (b.score > a.score ? b : a));
      out.push({ ...best, start, end, label: 'TIME', evidence: { ...best.evidence, rule: 'whole clock time' } });
    }
    return out;
  });
}
