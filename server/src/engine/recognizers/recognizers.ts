/**
 * Checksum and strict-format recognizers: structured PII the model may miss, reported only where a
 * checksum or a strict format proves it. One module per family, each with its decisions on hard
 * negatives (email.ts, cards.ts, banking.ts, ssn.ts, network.ts, coins.ts, vehicles.ts, devices.ts,
 * phoneNumbers.ts, secrets.ts, and registry.ts for the identifiers it holds as data); this module
 * runs them in their order and settles their overlaps. They run on every keystroke over documents
 * of several MB, so every pattern is linear: each quantifier is bounded or followed by nothing that
 * can fail (no nested unbounded repetition).
 *
 * Scores: 0.99 for a checksum that proves the value (Luhn with an issuer prefix, mod-97, base58check,
 * bech32, EIP-55); 0.9–0.98 for strict formats (e-mail, IPv4/IPv6, SSN rules, a NANP number);
 * 0.5–0.85 for weaker evidence that needs a context word (0.55: a card, SSN or IBAN whose checksum
 * or rules fail, or partly masked, right after "card"/"SSN"/"IBAN" — mistyped, made up or
 * truncated, still most of a real one);
 * 0.2–0.3 for values that are real-looking but not personal (555-01xx fiction numbers,
 * loopback/broadcast addresses) so the policy layer can show them to whoever lowers the
 * threshold, and explain itself, rather than silently drop them.
 *
 * UUIDs, git SHAs, hex colours, timestamps and XXXX-XXXX masks never match: candidates must start
 * and end at token boundaries, and hex/alnum neighbours break them.
 */
import type { Finding, Region } from '../types';
import { appendAll } from '../arrays';
import { mergeRegions } from '../text/regions';
import { scanAccountNumbers, scanBics, scanIbans } from './banking';
import { scanCards, scanMaskedCards } from './cards';
import { scanCoins } from './coins';
import { scanImeis } from './devices';
import { scanEmails } from './email';
import { scanIpv4, scanIpv6, scanMacs, scanUrls } from './network';
import { PHONE_GUESS_BUDGET, scanPhones } from './phoneNumbers';
import { scanRegistry } from './registry';
import type { Scan } from './scanner';
import { scanPasswords } from './secrets';
import { scanMaskedSsns, scanSsns } from './ssn';
import { scanVins } from './vehicles';

/** Phone numbers, passwords and account numbers run last: a card's, an IBAN's, an IP's, an e-mail's claim wins. */
const SCANNERS = [
  scanEmails, scanCards, scanIbans, scanSsns, scanMaskedSsns, scanMaskedCards, scanIpv4, scanIpv6, scanMacs, scanBics, scanCoins,
  scanVins, scanImeis, scanUrls, scanRegistry,
];

/**
 * One finding per stretch of text: where findings overlap, the higher score wins (then the longer
 * span). A URL is exempt: it may contain an e-mail or an IP, and both are worth reporting.
 */
function resolveOverlaps(findings: Finding[]): Finding[] {
  const urls = findings.filter((f) => f.label === 'URL');
  const rest = findings.filter((f) => f.label !== 'URL').sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  // Overlaps are local, so resolve connected clusters one at a time (linear in the finding count).
  let i = 0;
  while (i < rest.length) {
    let j = i + 1;
    let clusterEnd = rest[i].end;
    while (j < rest.length && rest[j].start < clusterEnd) clusterEnd = Math.max(clusterEnd, rest[j++].end);
    const cluster = rest.slice(i, j).sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start));
    const chosen: Finding[] = [];
    for (const f of cluster) if (chosen.every((c) => f.end <= c.start || f.start >= c.end)) chosen.push(f);
    appendAll(kept, chosen);
    i = j;
  }
  return appendAll(kept, urls).sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Finds structured PII proven by a checksum or strict format. `regions` limits where values may
 * lie (context words are still read from the whole text: `ssn = "123-45-6789"` in code has its
 * value in a string literal and its context in the identifier). Offsets are UTF-16, sorted by start.
 */
export function recognize(text: string, regions?: Region[]): Finding[] {
  const all: Finding[] = [];
  const budget = { phoneGuesses: PHONE_GUESS_BUDGET };
  for (const r of regions ? mergeRegions(text.length, regions) : [{ start: 0, end: text.length }]) {
    const scan: Scan = { text, slice: text.slice(r.start, r.end), offset: r.start, budget, taken: [] };
    const strong: Finding[] = [];
    for (const scanner of SCANNERS) appendAll(strong, scanner(scan));
    scan.taken = mergeRegions(text.length, strong.filter((f) => f.label !== 'URL'));
    appendAll(appendAll(appendAll(appendAll(all, strong), scanPhones(scan)), scanPasswords(scan)), scanAccountNumbers(scan));
  }
  return resolveOverlaps(all);
}
