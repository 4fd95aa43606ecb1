/**
 * Checksum and strict-format recognizers: structured PII the model may miss, reported only where a
 * checksum or a strict format proves it. They run on every keystroke over documents of several MB,
 * so every pattern is linear: each quantifier is bounded or followed by nothing that can fail
 * (no nested unbounded repetition), e-mail addresses are found from their '@' outwards instead of
 * by a regex over the local part, and libphonenumber (1.7 s/MB when let loose on a whole text) only
 * sees candidates that survived cheap shape checks.
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
 * Decisions on hard negatives:
 * - Documentation e-mails (user@example.com) are reported like any e-mail; the policy decides.
 * - Dotted quads whose four parts are all single digits (1.2.3.4) read as version numbers and are
 *   dropped unless an IP context word is near (then 0.6); any dotted quad right after a version
 *   word or operator (v, version, ==, @, ^) or before a pre-release tag (-beta) is dropped.
 * - 555-0100…555-0199 (NANP fiction range) is reported as PHONENUMBER with score 0.2.
 * - UUIDs, git SHAs, hex colours, timestamps and XXXX-XXXX masks never match: candidates must start
 *   and end at token boundaries, and hex/alnum neighbours break them. A mask with digits left
 *   (XXX-XX-2409) counts only right after its class name.
 * - Phone numbers with a phone word beside them ("fax", "office") say so in their evidence: that
 *   word outranks the model reading the digits as a postcode (combine.ts).
 * - Phone numbers: international (+44 …) and NANP numbers are checked by libphonenumber directly;
 *   other national formats need a context word ("call", "tel", "fax"…), a trunk 0 or a bracketed
 *   area code, because with a dozen countries to guess from almost any 8 digits are valid somewhere.
 * - Passwords have no checksum: only a secret-shaped value (letters with digits or symbols) right
 *   after "password …" or an "e-mail / " pair is reported, never identifiers or expressions.
 */
import isBIC from 'validator/lib/isBIC';
import isEmail from 'validator/lib/isEmail';
import isIBAN from 'validator/lib/isIBAN';
import isIP from 'validator/lib/isIP';
import isLuhnNumber from 'validator/lib/isLuhnNumber';
import isMACAddress from 'validator/lib/isMACAddress';
import isURL from 'validator/lib/isURL';
import { vinCheckDigit } from './checksums';
import { base58checkVersion, decodeSegwit, eip55Status } from './coinAddress';
import { parseDate } from './dates';
import { matches } from './matches';
import { analyzePhone } from './phone';
import { scanRegistry } from './registry';
import type { Finding, Region } from '../types';
import { appendAll } from '../arrays';
import { mergeRegions } from '../text/regions';

/** Where a scanner runs: `slice` is text[offset, offset + slice.length); context reads `text`. */
interface Scan {
  text: string;
  slice: string;
  offset: number;
  /** Full libphonenumber country guessing left for this call (it is the expensive step). */
  budget: { phoneGuesses: number };
  /** Merged, sorted spans already claimed by stronger recognizers (cards, IBANs, IPs…). */
  taken: Region[];
}

/** True when [start, end) overlaps a taken span (binary search: documents hold many findings). */
function isTaken(s: Scan, start: number, end: number): boolean {
  let lo = 0;
  let hi = s.taken.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.taken[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < s.taken.length && s.taken[lo].start < end;
}

/** At most this many phone candidates per call get the full multi-country libphonenumber check. */
export const PHONE_GUESS_BUDGET = 500;

/** A value of the right shape right after its class's name whose checksum or rules fail. */
const CONTEXT_ONLY_SCORE = 0.55;

function finding(start: number, end: number, label: string, score: number, validator: string): Finding {
  return { start, end, label, score, evidence: { recognizer: true, validator } };
}

/** Lower-cased text before `start` (up to `n` chars): where people write "SSN:", "call", "IBAN". */
function before(text: string, start: number, n = 48): string {
  return text.slice(Math.max(0, start - n), start).toLowerCase();
}

function after(text: string, end: number, n = 20): string {
  return text.slice(end, end + n).toLowerCase();
}


// ---------------------------------------------------------------------------------------------
// E-mail: from each '@' outwards, bounded by RFC 5321 lengths (64 local, 253 domain).

const LOCAL_CHAR = /[\p{L}\p{N}._%+\-]/u;
const DOMAIN_CHAR = /[\p{L}\p{N}.\-]/u;

function scanEmails(s: Scan): Finding[] {
  const out: Finding[] = [];
  const str = s.slice;
  let at = str.indexOf('@');
  while (at >= 0) {
    let l = at;
    while (l > 0 && at - l <= 64 && LOCAL_CHAR.test(str[l - 1])) l--;
    let r = at + 1;
    while (r < str.length && r - at <= 254 && DOMAIN_CHAR.test(str[r])) r++;
    while (l < at && str[l] === '.') l++;
    while (r > at + 1 && (str[r - 1] === '.' || str[r - 1] === '-')) r--;
    const local = str.slice(l, at);
    const domain = str.slice(at + 1, r);
    const tooLong = at - l > 64 || r - at > 254;
    // icon@2x.png is a retina asset name, not an address.
    const asset = /^\d+(?:\.\d+)?x\./i.test(domain);
    let next = at + 1;
    if (local && !tooLong && !asset && /\.[\p{L}]{2,}$/u.test(domain) && isEmail(`${local}@${domain}`)) {
      out.push(finding(s.offset + l, s.offset + r, 'EMAIL', 0.98, 'email format ✓'));
      next = r;
    }
    at = str.indexOf('@', next);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Payment cards: 4-4-4-4(-3), Amex/Diners 4-6-5/4-6-4, or 13–19 contiguous digits; Luhn.

const CARD = /(?<![\w.,+\-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?|\d{4}([ -])\d{6}\2\d{4,5}|\d{13,19})(?![\w]|[.,\-]\d)/g;
const CARD_CONTEXT = /\b(?:card|cc|ccn|credit|debit|visa|master ?card|amex|american express|discover|jcb|diners|maestro|unionpay|pan|payment)\b/;
const IMEI_CONTEXT = /\b(?:imei|imeisv|handset|device id)\b/;

/** The token before a grouped number, when only a separator stands between them ("DE89 3704…"). */
const GROUP_BEFORE = /[A-Za-z0-9]*\d[A-Za-z0-9]*[ -]$/;

function scanCards(s: Scan): Finding[] {
  const out: Finding[] = [];
  let lastCardEnd = -1;
  for (const { m, start } of matches(s, CARD)) {
    const sep = m[1] ?? m[2];
    // Digits that continue a grouped sequence (an IBAN's BBAN, a longer account number) are not a
    // card, unless what they continue is the previous card (a space-separated list of cards).
    if (sep && start - 1 !== lastCardEnd && GROUP_BEFORE.test(s.text.slice(Math.max(0, start - 12), start))) continue;
    // A 16-digit card followed by a short group (4111 1111 1111 1111 23): try without that group too.
    const readings = [m[0]];
    if (sep && m[0].split(sep).length === 5) readings.push(m[0].slice(0, m[0].lastIndexOf(sep)));
    const ctx = before(s.text, start);
    if (IMEI_CONTEXT.test(ctx)) continue; // the IMEI scanner owns it
    for (const value of readings) {
      const digits = value.replace(/[ -]/g, '');
      if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits)) continue;
      if (!isLuhnNumber(digits)) {
        // A grouped 16-digit number right after "card": mistyped or made up, it still shows most
        // of a card (one wrong digit fails Luhn) — reported, with its failed checksum said.
        if (sep && digits.length === 16 && /^[2-6]/.test(digits) && CARD_CONTEXT.test(ctx)) {
          out.push(finding(start, start + value.length, 'CREDITCARDNUMBER', CONTEXT_ONLY_SCORE, 'Luhn ✗ (card context)'));
          lastCardEnd = start + value.length;
          break;
        }
        continue;
      }
      const e = start + value.length;
      // Issuer (ISO/IEC 7812 major industry identifier 2–6: Mir, Amex/JCB/Diners, Visa, Mastercard,
      // Discover/UnionPay/Maestro). 1… is where millisecond timestamps live, so it needs context.
      if (/^[2-6]/.test(digits)) out.push(finding(start, e, 'CREDITCARDNUMBER', sep ? 0.99 : 0.97, 'Luhn ✓'));
      else if (CARD_CONTEXT.test(ctx)) out.push(finding(start, e, 'CREDITCARDNUMBER', 0.85, 'Luhn ✓ (no known issuer prefix)'));
      else continue;
      lastCardEnd = e;
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// IBAN: country code + check digits, then up to 30 alphanumerics, spaces allowed between groups.
// The end is not known from the pattern (a following word may be alphanumeric too), so each
// group boundary is tried, longest first, against validator's per-country format + mod-97.

const IBAN_START = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?=[ ]?[A-Za-z0-9])/g;
const ALNUM = /[A-Za-z0-9]/;
const IBAN_CONTEXT = /\b(?:iban|bank account(?: number| no\.?)?)\W*$/;

/** Where the groups after `begin` stop looking like an IBAN's (digits, or up to four capitals: "NWBK"). */
function ibanLikeEnd(str: string, begin: number, ends: readonly number[]): number {
  let end = ends[0];
  for (let k = 1; k < ends.length; k++) {
    const group = str.slice(ends[k - 1] + 1, ends[k]);
    if (!/\d/.test(group) && !/^[A-Z]{1,4}$/.test(group)) break;
    end = ends[k];
  }
  return end;
}

function scanIbans(s: Scan): Finding[] {
  const out: Finding[] = [];
  const str = s.slice;
  IBAN_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IBAN_START.exec(str)) !== null) {
    const begin = m.index;
    const ends: number[] = [];
    let i = begin + 4;
    let count = 4;
    while (i < str.length && count < 34) {
      if (ALNUM.test(str[i])) {
        i++;
        count++;
      } else if (str[i] === ' ' && i + 1 < str.length && ALNUM.test(str[i + 1])) {
        ends.push(i);
        i++;
      } else break;
    }
    if (i >= str.length || !ALNUM.test(str[i])) ends.push(i);
    let found = false;
    for (let k = ends.length - 1; k >= 0 && !found; k--) {
      const compact = str.slice(begin, ends[k]).replace(/ /g, '').toUpperCase();
      if (compact.length >= 15 && isIBAN(compact)) {
        out.push(finding(s.offset + begin, s.offset + ends[k], 'IBAN', 0.99, 'IBAN mod-97 ✓'));
        IBAN_START.lastIndex = ends[k];
        found = true;
      }
    }
    // "IBAN IN60 SBK000000000000000A": no valid IBAN (a made-up country format or a typo), but
    // written down as someone's IBAN — reported, with its failed check said, like cards and SSNs.
    // The context word comes first: "ab12"-like starts are everywhere in code.
    if (found || !IBAN_CONTEXT.test(before(str, begin, 32))) continue;
    const end = ibanLikeEnd(str, begin, ends);
    const compact = str.slice(begin, end).replace(/ /g, '');
    if (compact.length >= 15 && (compact.match(/\d/g)?.length ?? 0) >= 10) {
      out.push(finding(s.offset + begin, s.offset + end, 'IBAN', CONTEXT_ONLY_SCORE, 'IBAN format/mod-97 ✗ (IBAN context)'));
      IBAN_START.lastIndex = end;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// US SSN: ddd-dd-dddd on its own; ddd dd dddd, ddd.dd.dddd and 9 digits only after an SSN word.

const SSN_DASHED = /(?<![\w\-])(\d{3})-(\d{2})-(\d{4})(?![\w\-]|\.\d)/g;
const SSN_OTHER = /(?<![\w\-.])(\d{3})([ .]?)(\d{2})\2(\d{4})(?![\w\-]|\.\d)/g;
const SSN_CONTEXT = /\b(?:ssn|ss#|ss no|social security|social sec|soc\.? sec)/;

function ssnRulesOk(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/** Numbers printed in SSA advertising and on a 1938 wallet insert, and the keyboard sequence: examples, not people. */
const EXAMPLE_SSNS = new Set(['078051120', '219099999', '123456789']);

/** An SSN or a card number with some digits masked: "XXX-XX-2409", "4532********7890". */
const MASKED_SSN = /(?<![\w\-*•])([\dXx*•]{3})-([\dXx*•]{2})-([\dXx*•]{4})(?![\w\-*•])/g;
const MASKED_CARD = /(?<![\w*•.\-])\d{4,6}(?:[ -]?[Xx*•]{1,4}){2,4}[ -]?\d{4}(?![\w*•]|[.\-]\d)/g;
/** "Card" is a common word: it must be close ("credit card number '4532…"). */
const MASK_CONTEXT_CHARS = 24;

/**
 * What is left visible of a masked SSN or card still points at one person's (the last four
 * digits are what identity checks ask for). Reported only right after the class's name, and only
 * with whole groups masked and digits shown.
 */
function scanMasked(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, MASKED_SSN)) {
    const groups = [m[1], m[2], m[3]];
    const masked = groups.filter((g) => /^[Xx*•]+$/.test(g)).length;
    const shown = groups.filter((g) => /^\d+$/.test(g)).length;
    if (masked === 0 || shown === 0 || masked + shown < 3 || !SSN_CONTEXT.test(before(s.text, start))) continue;
    out.push(finding(start, end, 'SSN', CONTEXT_ONLY_SCORE, 'partly masked (SSN context)'));
  }
  for (const { start, end } of matches(s, MASKED_CARD)) {
    if (!CARD_CONTEXT.test(before(s.text, start, MASK_CONTEXT_CHARS))) continue;
    out.push(finding(start, end, 'CREDITCARDNUMBER', CONTEXT_ONLY_SCORE, 'partly masked (card context)'));
  }
  return out;
}

function scanSsns(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, SSN_DASHED)) {
    if (!ssnRulesOk(m[1], m[2], m[3])) {
      // "SSN 937-42-6810": never issued, but written down as someone's SSN.
      if (SSN_CONTEXT.test(before(s.text, start))) out.push(finding(start, end, 'SSN', CONTEXT_ONLY_SCORE, 'SSN rules ✗ (SSN context)'));
      continue;
    }
    if (EXAMPLE_SSNS.has(m[1] + m[2] + m[3])) {
      out.push(finding(start, end, 'SSN', 0.3, 'SSN rules ✓ (well-known example number)'));
      continue;
    }
    out.push(finding(start, end, 'SSN', SSN_CONTEXT.test(before(s.text, start)) ? 0.97 : 0.9, 'SSN area/group/serial ✓'));
  }
  for (const { m, start, end } of matches(s, SSN_OTHER)) {
    if (!ssnRulesOk(m[1], m[3], m[4]) || !SSN_CONTEXT.test(before(s.text, start))) continue;
    out.push(finding(start, end, 'SSN', 0.85, 'SSN area/group/serial ✓'));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// IPv4 / IPv6.

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');
const IP_CONTEXT = /\b(?:ip|ipv4|ipv6|ip address|addr|address|host|hostname|server|gateway|dns|subnet|router|client|remote|src|dst|source|destination|connect(?:ed|ion)?|ping|inet|proxy|firewall|login|logged|visitor|user)\b/;
const VERSION_BEFORE = /(?:\bv|\bversion|\bver\.?|\brelease|\brev\.?|\bbuild|\bfirmware|\bfw|[@=^~<>])\s*[:=]?\s*$/;
const VERSION_AFTER = /^-(?:alpha|beta|rc|dev|pre|snapshot|final|release)/;

function ipv4Special(ip: string): boolean {
  return /^(?:0\.0\.0\.0|127\.\d+\.\d+\.\d+|255\.255\.255\.255|255\.255\.\d+\.\d+)$/.test(ip);
}

function scanIpv4(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, IPV4)) {
    const ctxBefore = before(s.text, start, 24);
    if (VERSION_BEFORE.test(ctxBefore) || VERSION_AFTER.test(after(s.text, end))) continue;
    const ipContext = IP_CONTEXT.test(before(s.text, start, 40));
    if (ipv4Special(m[0])) {
      out.push(finding(start, end, 'IPV4', 0.3, 'IPv4 format ✓ (loopback/broadcast/netmask)'));
    } else if (/^\d\.\d\.\d\.\d$/.test(m[0])) {
      if (ipContext) out.push(finding(start, end, 'IPV4', 0.6, 'IPv4 format ✓ (version-like)'));
    } else {
      out.push(finding(start, end, 'IPV4', ipContext ? 0.95 : 0.9, 'IPv4 format ✓'));
    }
  }
  return out;
}

const IPV6 = /(?<![\w:.])[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}(?![\w:]|\.\w)/g;

function scanIpv6(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start } of matches(s, IPV6)) {
    const value = m[0].replace(/\.+$/, '');
    if (value.indexOf(':') === value.lastIndexOf(':') || !isIP(value, 6)) continue;
    const groups = value.split(/:+/).filter((g) => g.length > 0);
    // a::b and dead::beef are IPv6 on paper; real addresses have ≥ 3 groups or a 4-digit prefix (fe80::1).
    if (groups.length < 3 && !(groups.length > 0 && groups[0].length >= 3)) continue;
    const end = start + value.length;
    if (/^(?:0*:)*:?0*1?$/.test(value) || value === '::') {
      out.push(finding(start, end, 'IPV6', 0.3, 'IPv6 format ✓ (loopback/unspecified)'));
    } else {
      out.push(finding(start, end, 'IPV6', groups.length >= 5 ? 0.95 : 0.8, 'IPv6 format ✓'));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// MAC: 6 hex pairs with ':' or '-', or Cisco's xxxx.xxxx.xxxx (which needs a hex letter or context,
// as 1234.5678.9012 is more often a number).

const MAC_PAIRS = /(?<![\w:.\-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![\w:\-]|\.\w)/g;
const MAC_DOTTED = /(?<![\w:.\-])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w:\-]|\.\w)/g;
const MAC_CONTEXT = /\b(?:mac|hwaddr|ether|hardware address|bssid|wifi|wi-fi)\b/;

function scanMacs(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const re of [MAC_PAIRS, MAC_DOTTED]) {
    for (const { m, start, end } of matches(s, re)) {
      if (!isMACAddress(m[0])) continue;
      if (re === MAC_DOTTED && !/[a-f]/i.test(m[0]) && !MAC_CONTEXT.test(before(s.text, start))) continue;
      const hex = m[0].replace(/[^0-9a-f]/gi, '').toLowerCase();
      if (hex === '000000000000' || hex === 'ffffffffffff') out.push(finding(start, end, 'MAC', 0.3, 'MAC address format ✓ (null/broadcast)'));
      else out.push(finding(start, end, 'MAC', MAC_CONTEXT.test(before(s.text, start)) ? 0.95 : 0.9, 'MAC address format ✓'));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Phone numbers.

const PHONE = /(?<![\w+@#$%&\/.\-]|\d,)(?:\+ ?)?(?:\(\d{1,5}\) ?\d{1,15}|\(\d{1,5}\) ?|\d{1,15})(?:(?:[ .\-]|\) ?| ?\()\d{1,15}\)?){0,7}(?: ?(?:x|ext\.?|extension|#) ?\d{1,6})?(?![\w@]|[.,:\/\-]\d)/gi;
const PHONE_CONTEXT = /\b(?:phone|tel|telephone|mobile|mob|cell|cellphone|fax|call|calling|called|contact|reach|dial|whatsapp|sms|text me|ring|hotline|answering|direct line|phone number|contact number|mobile number)\b/;
const PHONE_CONTEXT_AFTER = /^\W{0,3}(?:office|home|work|mobile|cell|fax|tel|phone)\b/;

interface PhoneShape {
  /** The number without its extension. */
  main: string;
  digits: string;
  /** Digit-group lengths: [3, 3, 4] for 415-555-2671. */
  groups: number[];
  grouped: boolean;
}

function phoneShape(value: string): PhoneShape {
  const main = value.split(/ ?(?:x|ext\.?|extension|#) ?(?=\d)/i)[0];
  const groups = main.split(/\D+/).filter((g) => g.length > 0).map((g) => g.length);
  return { main, digits: main.replace(/\D/g, ''), groups, grouped: groups.length > 1 };
}

/** NANP layouts: (415) 555-2671, 415.555.2671, 1-415-555-2671, 4155552671. */
function nanpLayout(shape: PhoneShape): boolean {
  const g = shape.groups.join(',');
  const digitsOk = /^1?[2-9]\d{2}[2-9]\d{6}$/.test(shape.digits);
  return digitsOk && (g === '3,3,4' || g === '1,3,3,4' || g === '10' || g === '11' || g === '3,7');
}

/** Dates, versions and repeated digits that have the shape of a phone number. */
function notAPhone(shape: PhoneShape, text: string, start: number): boolean {
  const { main } = shape;
  if (/^(\d)\1+$/.test(shape.digits)) return true;
  // Dots: 833.719.3994 and 01.23.45.67.89 are phones; 10.15.7.1234 is not.
  if (main.includes('.') && !/^\+?(?:\d{3}\.\d{3}\.\d{4}|\d{2}(?:\.\d{2}){3,4}|\d{1,3}(?:\.\d{2,4}){2,4})$/.test(main)) return true;
  if (VERSION_BEFORE.test(before(text, start, 24))) return true;
  return shape.groups.length === 3 && (parseDate(main) !== null || parseDate(main.replace(/ /g, '-')) !== null);
}

interface PhoneCandidate {
  start: number;
  end: number;
  value: string;
}

/** Six-digit numbers count only in groups (33 93 31, 361 234) and next to a phone word. */
const MIN_PHONE_DIGITS = 6;
const SHORT_GROUPS = /^(?:2,2,2|3,3)$/;

/** Evidence rule of a phone number with "call", "tel", "fax", "office"… right next to it. */
export const PHONE_WORD_RULE = 'phone word next to it';

function phoneContext(text: string, start: number, end: number): boolean {
  return PHONE_CONTEXT.test(before(text, start)) || PHONE_CONTEXT_AFTER.test(after(text, end));
}

/**
 * A bare run of 9–15 digits (no +, no brackets, no separators) with no phone word beside it: a
 * ticket, policy or record number, not a phone number, whoever reads it as one.
 */
export function isBareDigitRun(text: string, start: number, end: number): boolean {
  return /^\d{9,15}$/.test(text.slice(start, end)) && !phoneContext(text, start, end);
}

/**
 * Scores one candidate, or null to drop it. Cheap shape tests come first: libphonenumber is only
 * asked about numbers that are international, NANP-laid-out, 555-01xx, written the national way
 * (trunk 0, bracketed area code) or next to a phone word.
 */
function scorePhone(s: Scan, c: PhoneCandidate, knownContext?: boolean): Finding | null {
  const shape = phoneShape(c.value);
  const { digits, grouped } = shape;
  if (digits.length < MIN_PHONE_DIGITS || digits.length > 15) return null;
  // "00" dials out only in a grouped number: a bare 0044… run is as often a record number.
  const international = /^\+/.test(c.value) || (grouped && /^00[1-9]/.test(c.value));
  const nanp = !international && nanpLayout(shape);
  const fictional7 = /^555[ .\-]?01\d\d$/.test(shape.main);
  const national = grouped && /^\(?0|^\(/.test(c.value);
  const context = knownContext ?? phoneContext(s.text, c.start, c.end);
  if (!international && !nanp && !fictional7 && !national && !context) return null;
  if (digits.length < 7 && !(context && SHORT_GROUPS.test(shape.groups.join(',')))) return null;
  if (notAPhone(shape, s.text, c.start)) return null;
  const make = (score: number, validator: string): Finding => {
    const f = finding(c.start, c.end, 'PHONENUMBER', score, validator);
    return context ? { ...f, evidence: { ...f.evidence, rule: PHONE_WORD_RULE } } : f;
  };
  if (fictional7) return make(0.2, 'libphonenumber: fictional 555-01xx range');

  if (international) {
    const a = analyzePhone(c.value, []);
    if (a.fictional) return make(0.2, 'libphonenumber: fictional 555-01xx range');
    if (a.status === 'valid') return make(0.95, `libphonenumber ✓ (+${a.callingCode})`);
    if (a.status === 'possible') return make(context ? 0.75 : 0.6, `libphonenumber: possible (+${a.callingCode})`);
    return null;
  }
  if (nanp) {
    const a = analyzePhone(c.value, ['US']);
    if (a.fictional) return make(0.2, 'libphonenumber: fictional 555-01xx range');
    if (a.status === 'valid') {
      if (grouped) return make(context ? 0.95 : 0.9, 'libphonenumber ✓ (national, US)');
      // A bare run of digits without a phone word is an order, ticket or record number as often.
      return context ? make(0.85, 'libphonenumber ✓ (national, US)') : null;
    }
  }
  if (!context && !national) return null;
  if (s.budget.phoneGuesses <= 0) return null;
  s.budget.phoneGuesses--;
  const a = analyzePhone(c.value);
  if (a.status === 'valid') return make(context ? 0.8 : 0.55, `libphonenumber ✓ (national, ${a.country} guessed)`);
  if (!context || !grouped) return null;
  // A 7-digit NANP local number (481 7531) has no area code, so libphonenumber cannot place it.
  if (/^[2-9]\d{2}[ .\-]\d{4}$/.test(c.value)) return make(0.6, 'NANP local number format');
  // Six-digit plans (Greenland, the Faroes, Andorra…), written in pairs or triples after "call" or before "office".
  if (digits.length === 6) return make(0.6, 'six-digit number format');
  if (a.status === 'possible') return make(0.5, `libphonenumber: possible length (${a.country} guessed)`);
  return null;
}

/**
 * Splits a run like "415-555-2671 415-555-2672" (space is also a group separator) at spaces into
 * the longest sub-runs that score, left to right. Only runs longer than a phone number get here;
 * each start tries only the few ends that give 7–15 digits.
 */
function splitRun(s: Scan, c: PhoneCandidate): Finding[] {
  const out: Finding[] = [];
  const pieces: Array<{ start: number; end: number; digits: number }> = [];
  const re = /[^ ]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(c.value)) !== null) pieces.push({ start: m.index, end: m.index + m[0].length, digits: m[0].replace(/\D/g, '').length });
  const context = phoneContext(s.text, c.start, c.end);
  let i = 0;
  while (i < pieces.length) {
    let count = 0;
    let last = i;
    while (last < pieces.length && count + pieces[last].digits <= 15) count += pieces[last++].digits;
    let found: Finding | null = null;
    let j = last - 1;
    for (; j >= i && count >= 7; count -= pieces[j--].digits) {
      // Without a phone word only international, national (0…, (…)) and NANP/555 lengths can pass.
      const first = c.value[pieces[i].start];
      if (!context && first !== '+' && first !== '0' && first !== '(' && count !== 10 && count !== 11 && count !== 7) continue;
      const start = c.start + pieces[i].start;
      const end = c.start + pieces[j].end;
      if (!isTaken(s, start, end)) found = scorePhone(s, { start, end, value: c.value.slice(pieces[i].start, pieces[j].end) }, context);
      if (found) break;
    }
    if (found) {
      out.push(found);
      i = j + 1;
    } else i++;
  }
  return out;
}

function scanPhones(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, PHONE)) {
    const c = { start, end, value: m[0] };
    const { digits } = phoneShape(c.value);
    if (digits.length < MIN_PHONE_DIGITS || GROUP_BEFORE.test(s.text.slice(Math.max(0, start - 12), start))) continue;
    const f = digits.length <= 15 && !isTaken(s, start, end) ? scorePhone(s, c) : null;
    if (f) out.push(f);
    else if (c.value.includes(' ') && digits.length >= 14) appendAll(out, splitRun(s, c));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// BIC (with context only: an 8-letter upper-case word is more often an acronym).

const BIC = /(?<![A-Za-z0-9])[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![A-Za-z0-9])/g;
const BIC_CONTEXT = /\b(?:bic|swift|bank identifier|bank code)\b/;

function scanBics(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, BIC)) {
    if (isBIC(m[0]) && BIC_CONTEXT.test(before(s.text, start, 40))) out.push(finding(start, end, 'BIC', 0.9, 'BIC format ✓'));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cryptocurrency addresses: only with a valid checksum (or single-case Ethereum, format only).

const BASE58_ADDRESS = /(?<![A-Za-z0-9])[13mn2LM][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/g;
const BECH32_ADDRESS = /(?<![A-Za-z0-9])(?:bc|tb|ltc|tltc)1[02-9ac-hj-np-z]{6,87}(?![A-Za-z0-9])/gi;
const ETH_ADDRESS = /(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])/g;

function scanCoins(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, BASE58_ADDRESS)) {
    const version = base58checkVersion(m[0]);
    if (version === null) continue;
    if ([0x00, 0x05, 0x6f, 0xc4].includes(version)) out.push(finding(start, end, 'BITCOINADDRESS', 0.99, 'base58check ✓'));
    else if (version === 0x30 || version === 0x32) out.push(finding(start, end, 'LITECOINADDRESS', 0.99, 'base58check ✓'));
  }
  for (const { m, start, end } of matches(s, BECH32_ADDRESS)) {
    const lower = m[0].toLowerCase();
    const ltc = lower.startsWith('ltc1') || lower.startsWith('tltc1');
    if (decodeSegwit(m[0], ltc ? ['ltc', 'tltc'] : ['bc', 'tb'])) {
      out.push(finding(start, end, ltc ? 'LITECOINADDRESS' : 'BITCOINADDRESS', 0.99, 'bech32 ✓'));
    }
  }
  for (const { m, start, end } of matches(s, ETH_ADDRESS)) {
    const status = eip55Status(m[0]);
    if (status === 'checksum') out.push(finding(start, end, 'ETHEREUMADDRESS', 0.99, 'EIP-55 checksum ✓'));
    else if (status === 'no-checksum') out.push(finding(start, end, 'ETHEREUMADDRESS', 0.8, 'Ethereum address format (no EIP-55 checksum)'));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// VIN: 17 upper-case characters without I/O/Q, a letter and digits in it, a possible model year.

const VIN = /(?<![A-Za-z0-9])[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9])/g;
const VIN_CONTEXT = /\b(?:vin|vehicle|chassis|car|truck|motorbike|frame number)\b/;

function scanVins(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, VIN)) {
    const v = m[0];
    if (!/[A-Z]/.test(v) || !/\d.*\d/.test(v) || /[IOQUZ0]/.test(v[9])) continue;
    const context = VIN_CONTEXT.test(before(s.text, start));
    if (vinCheckDigit(v) === v[8]) out.push(finding(start, end, 'VEHICLEVIN', context ? 0.97 : 0.9, 'VIN check digit ✓'));
    else if (context && !/^[1-5]/.test(v)) out.push(finding(start, end, 'VEHICLEVIN', 0.6, 'VIN format (non-North-American, check digit not required)'));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// URL (http/https only).

const URL_RE = /\bhttps?:\/\/[^\s<>"'`{}|\\^\[\]]{1,2048}/gi;

function scanUrls(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start } of matches(s, URL_RE)) {
    let value = m[0].replace(/[.,;:!?'"*]+$/, '');
    // A closing bracket belongs to the URL only when the URL opened one: (see https://x.y/a).
    while (value.endsWith(')') && (value.match(/\(/g)?.length ?? 0) < (value.match(/\)/g)?.length ?? 0)) {
      value = value.slice(0, -1).replace(/[.,;:!?'"*]+$/, '');
    }
    if (isURL(value, { require_protocol: true, protocols: ['http', 'https'] })) out.push(finding(start, start + value.length, 'URL', 0.8, 'URL format ✓'));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// IMEI: 15 digits (or 2-6-6-1 groups) with Luhn, and only after an IMEI word.

const IMEI = /(?<![\w\-.])(?:\d{15}|\d{2}([ \-])\d{6}\1\d{6}\1\d)(?![\w\-]|\.\d)/g;

function scanImeis(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, IMEI)) {
    if (IMEI_CONTEXT.test(before(s.text, start)) && isLuhnNumber(m[0].replace(/\D/g, ''))) out.push(finding(start, end, 'PHONEIMEI', 0.98, 'Luhn ✓'));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Passwords: no checksum, so only a value right after its context ("password: …", "password is
// '…'", "jane@x.io / …") that looks like a secret (letters with digits or symbols), never an
// identifier or an expression (`password = process.env.DB_PASS`, `${pwd}`).

const PASSWORD_KEY = /\b(?:password|passwd|passcode|passphrase|pwd)\b(?:\s{1,3}(?:is|was|of|to|set to|changed to|reset to)){0,2}\s{0,3}[:=]?\s{0,3}(?=\S)/gi;
/** An e-mail, then " / " and the password: how leaked credentials are written. */
const CREDENTIAL_PAIR = /[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8} \/ (?=\S)/g;
const SECRET_VALUE = /^(['"`]?)([^\s'"`]{6,64})\1/;
const SECRET_MARK = /[0-9!@#$%^&*?~+=|]/;
const NOT_SECRET = /[(){}[\]<>]|:\/\/|^(?:process\.env|os\.environ|env\.)/;
/** Well-known sample passwords: reported low, like the example SSNs. */
const SAMPLE_PASSWORDS = new Set(['password1', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'changeme1', 'secret123', 'hunter2', 'abc12345', 'qwerty123', 'letmein1']);
/** How far before a region a password keyword may stand (`password = "…"`: the key is code, the value a string). */
const KEY_REACH = 40;

function scanPasswords(s: Scan): Finding[] {
  const out: Finding[] = [];
  const base = Math.max(0, s.offset - KEY_REACH);
  const hay = s.text.slice(base, s.offset + s.slice.length);
  for (const re of [PASSWORD_KEY, CREDENTIAL_PAIR]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(hay)) !== null) {
      const at = m.index + m[0].length;
      // The closing quote may lie just outside the region (the region is the string's inside).
      const v = SECRET_VALUE.exec(s.text.slice(base + at, base + at + 66));
      if (!v) continue;
      const quote = v[1] ?? '';
      // A sentence's full stop or comma is not part of an unquoted value.
      const value = quote ? (v[2] ?? '') : (v[2] ?? '').replace(/[.,;:)]+$/, '');
      if (value.length < 6 || !/\p{L}/u.test(value) || !SECRET_MARK.test(value) || NOT_SECRET.test(value)) continue;
      const start = base + at + quote.length;
      const end = start + value.length;
      if (start < s.offset || end > s.offset + s.slice.length || isTaken(s, start, end)) continue;
      if (SAMPLE_PASSWORDS.has(value.toLowerCase())) out.push(finding(start, end, 'PASSWORD', 0.3, 'password context ✓ (well-known sample password)'));
      else out.push(finding(start, end, 'PASSWORD', quote || re === CREDENTIAL_PAIR ? 0.9 : 0.85, 'password context ✓'));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Account numbers: no checksum either (IBANs have their own scanner), so only a value with six or
// more digits right after "account number", "acct no", "A/C", "ACCNUM:" and the like.

const ACCOUNT_KEY = /\b(?:(?:bank|checking|savings|current|customer|recipient|deposit)\s)?(?:account\s(?:number|num|no\.?|#)|acct\.?(?:\s?(?:number|no\.?|#))?|a\/c(?:\sno\.?)?|acc(?:num|no)?\s?:)(?:\s{1,3}(?:is|was|of))?\s{0,3}[:#=]?\s{0,3}(?=\S)/gi;
const ACCOUNT_VALUE = /^(['"`]?)([A-Za-z0-9][A-Za-z0-9-]{5,33})\1(?![\w@])/;

function scanAccountNumbers(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { end: at } of matches(s, ACCOUNT_KEY)) {
    const v = ACCOUNT_VALUE.exec(s.text.slice(at, at + 38));
    if (!v) continue;
    const value = v[2].replace(/-+$/, '');
    const digits = value.replace(/\D/g, '');
    if (digits.length < 6 || /^(\d)\1+$/.test(digits)) continue;
    const start = at + v[1].length;
    const end = start + value.length;
    if (end > s.offset + s.slice.length || isTaken(s, start, end)) continue;
    out.push(finding(start, end, 'ACCOUNTNUMBER', 0.85, 'account number context ✓'));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Phone numbers, passwords and account numbers run last: a card's, an IBAN's, an IP's, an e-mail's claim wins. */
const SCANNERS = [scanEmails, scanCards, scanIbans, scanSsns, scanMasked, scanIpv4, scanIpv6, scanMacs, scanBics, scanCoins, scanVins, scanImeis, scanUrls, scanRegistry];


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
