/**
 * IMEIs: 15 digits (or 2-6-6-1 groups) with Luhn, and only after an IMEI word, which also keeps
 * the card scanner off them.
 */
import isLuhnNumber from 'validator/lib/isLuhnNumber';
import type { Finding } from '../types';
import { matches } from './matches';
import { before, finding, type Scan } from './scanner';

export const IMEI_CONTEXT = /\b(?:imei|imeisv|handset|device id)\b/;
const IMEI = /(?<![\w\-.])(?:\d{15}|\d{2}([ \-])\d{6}\1\d{6}\1\d)(?![\w\-]|\.\d)/g;

export function scanImeis(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, IMEI)) {
    if (IMEI_CONTEXT.test(before(s.text, start)) && isLuhnNumber(m[0].replace(/\D/g, ''))) out.push(finding(start, end, 'PHONEIMEI', 0.98, 'Luhn ✓'));
  }
  return out;
}
