/**
 * Bank identifiers: IBANs (per-country format and mod-97), BICs and account numbers, the last two
 * with a context word only.
 */
import isBIC from 'validator/lib/isBIC';
import isIBAN from 'validator/lib/isIBAN';
import type { Finding } from '../types';
import { matches } from './matches';
import { before, CONTEXT_ONLY_SCORE, finding, isTaken, type Scan } from './scanner';

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

export function scanIbans(s: Scan): Finding[] {
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

// BIC (with context only: an 8-letter upper-case word is more often an acronym).

const BIC = /(?<![A-Za-z0-9])[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![A-Za-z0-9])/g;
const BIC_CONTEXT = /\b(?:bic|swift|bank identifier|bank code)\b/;

export function scanBics(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, BIC)) {
    if (isBIC(m[0]) && BIC_CONTEXT.test(before(s.text, start, 40))) out.push(finding(start, end, 'BIC', 0.9, 'BIC format ✓'));
  }
  return out;
}

// Account numbers: no checksum either (IBANs have their own scanner), so only a value with six or
// more digits right after "account number", "acct no", "A/C", "ACCNUM:" and the like.

const ACCOUNT_KEY = /\b(?:(?:bank|checking|savings|current|customer|recipient|deposit)\s)?(?:account\s(?:number|num|no\.?|#)|acct\.?(?:\s?(?:number|no\.?|#))?|a\/c(?:\sno\.?)?|acc(?:num|no)?\s?:)(?:\s{1,3}(?:is|was|of))?\s{0,3}[:#=]?\s{0,3}(?=\S)/gi;
const ACCOUNT_VALUE = /^(['"`]?)([A-Za-z0-9][A-Za-z0-9-]{5,33})\1(?![\w@])/;

export function scanAccountNumbers(s: Scan): Finding[] {
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
