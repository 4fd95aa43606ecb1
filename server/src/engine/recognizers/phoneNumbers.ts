/**
 * Phone numbers. libphonenumber (1.7 s/MB when let loose on a whole text) only sees candidates
 * that survived cheap shape checks.
 *
 * - International (+44 …) and NANP numbers are checked by libphonenumber directly; other national
 *   formats need a context word ("call", "tel", "fax"…), a trunk 0 or a bracketed area code,
 *   because with a dozen countries to guess from almost any 8 digits are valid somewhere.
 * - 555-0100…555-0199 (NANP fiction range) is reported as PHONENUMBER with score 0.2.
 * - Phone numbers with a phone word beside them ("fax", "office") say so in their evidence: that
 *   word outranks the model reading the digits as a postcode (combine.ts).
 */
import { isNamedIsbn } from './isbn';
import type { Finding } from '../types';
import { appendAll } from '../arrays';
import { parseDate } from './dates';
import { matches } from './matches';
import { analyzePhone } from './phone';
import { before, finding, GROUP_BEFORE, isTaken, VERSION_BEFORE, type Scan } from './scanner';
import { phoneWordBeside } from '../text/phoneWords';

/** At most this many phone candidates per call get the full multi-country libphonenumber check. */
export const PHONE_GUESS_BUDGET = 500;

const PHONE = /(?<![\w+@#$%&\/.\-]|\d,)(?:\+ ?)?(?:\(\d{1,5}\) ?\d{1,15}|\(\d{1,5}\) ?|\d{1,15})(?:(?:[ .\-]|\) ?| ?\()\d{1,15}\)?){0,7}(?: ?(?:x|ext\.?|extension|#) ?\d{1,6})?(?![\w@]|[.,:\/\-]\d)/gi;

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

/**
 * A bare run of 9–15 digits (no +, no brackets, no separators) with no phone word beside it: a
 * ticket, policy or record number, not a phone number, whoever reads it as one.
 */
export function isBareDigitRun(text: string, start: number, end: number): boolean {
  return /^\d{9,15}$/.test(text.slice(start, end)) && !phoneWordBeside(text, start, end);
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
  const context = knownContext ?? phoneWordBeside(s.text, c.start, c.end);
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
  const context = phoneWordBeside(s.text, c.start, c.end);
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

export function scanPhones(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, PHONE)) {
    const c = { start, end, value: m[0] };
    const { digits } = phoneShape(c.value);
    if (digits.length < MIN_PHONE_DIGITS || GROUP_BEFORE.test(s.text.slice(Math.max(0, start - 12), start)) || isNamedIsbn(s.text, start, end)) continue;
    const f = digits.length <= 15 && !isTaken(s, start, end) ? scorePhone(s, c) : null;
    if (f) out.push(f);
    else if (c.value.includes(' ') && digits.length >= 14) appendAll(out, splitRun(s, c));
  }
  return out;
}
