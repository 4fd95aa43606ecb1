/**
 * Payment cards: 4-4-4-4(-3), Amex/Diners 4-6-5/4-6-4, or 13–19 contiguous digits; Luhn. A card
 * failing Luhn, or partly masked (4532********7890), counts only right after a card word.
 */
import isLuhnNumber from 'validator/lib/isLuhnNumber';
import type { Finding } from '../types';
import { IMEI_CONTEXT } from './devices';
import { matches } from './matches';
import { before, CONTEXT_ONLY_SCORE, finding, GROUP_BEFORE, type Scan } from './scanner';

const CARD = /(?<![\w.,+\-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?|\d{4}([ -])\d{6}\2\d{4,5}|\d{13,19})(?![\w]|[.,\-]\d)/g;
const CARD_CONTEXT = /\b(?:card|cc|ccn|credit|debit|visa|master ?card|amex|american express|discover|jcb|diners|maestro|unionpay|pan|payment)\b/;

export function scanCards(s: Scan): Finding[] {
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

const MASKED_CARD = /(?<![\w*•.\-])\d{4,6}(?:[ -]?[Xx*•]{1,4}){2,4}[ -]?\d{4}(?![\w*•]|[.\-]\d)/g;
/** "Card" is a common word: it must be close ("credit card number '4532…"). */
const MASK_CONTEXT_CHARS = 24;

/** A card number with some digits masked, only right after a card word (as scanMaskedSsns in ssn.ts). */
export function scanMaskedCards(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { start, end } of matches(s, MASKED_CARD)) {
    if (!CARD_CONTEXT.test(before(s.text, start, MASK_CONTEXT_CHARS))) continue;
    out.push(finding(start, end, 'CREDITCARDNUMBER', CONTEXT_ONLY_SCORE, 'partly masked (card context)'));
  }
  return out;
}
