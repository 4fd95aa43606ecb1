/**
 * US Social Security numbers: ddd-dd-dddd on its own; ddd dd dddd, ddd.dd.dddd and 9 digits only
 * after an SSN word. A number failing the SSA's rules, or partly masked (XXX-XX-2409), counts
 * only right after its class name.
 */
import type { Finding } from '../types';
import { matches } from './matches';
import { before, CONTEXT_ONLY_SCORE, finding, type Scan } from './scanner';

const SSN_DASHED = /(?<![\w\-])(\d{3})-(\d{2})-(\d{4})(?![\w\-]|\.\d)/g;
const SSN_OTHER = /(?<![\w\-.])(\d{3})([ .]?)(\d{2})\2(\d{4})(?![\w\-]|\.\d)/g;
const SSN_CONTEXT = /\b(?:ssn|ss#|ss no|social security|social sec|soc\.? sec)/;

function ssnRulesOk(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/** Numbers printed in SSA advertising and on a 1938 wallet insert, and the keyboard sequence: examples, not people. */
const EXAMPLE_SSNS = new Set(['078051120', '219099999', '123456789']);

/** An SSN with some digits masked: "XXX-XX-2409". */
const MASKED_SSN = /(?<![\w\-*•])([\dXx*•]{3})-([\dXx*•]{2})-([\dXx*•]{4})(?![\w\-*•])/g;

/**
 * What is left visible of a masked SSN or card still points at one person's (the last four
 * digits are what identity checks ask for). Reported only right after the class's name, and only
 * with whole groups masked and digits shown.
 */
export function scanMaskedSsns(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, MASKED_SSN)) {
    const groups = [m[1], m[2], m[3]];
    const masked = groups.filter((g) => /^[Xx*•]+$/.test(g)).length;
    const shown = groups.filter((g) => /^\d+$/.test(g)).length;
    if (masked === 0 || shown === 0 || masked + shown < 3 || !SSN_CONTEXT.test(before(s.text, start))) continue;
    out.push(finding(start, end, 'SSN', CONTEXT_ONLY_SCORE, 'partly masked (SSN context)'));
  }
  return out;
}

export function scanSsns(s: Scan): Finding[] {
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
