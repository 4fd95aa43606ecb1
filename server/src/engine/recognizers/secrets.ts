/**
 * Passwords: no checksum, so only a value right after its context ("password: …", "password is
 * '…'", "jane@x.io / …") that looks like a secret (letters with digits or symbols), never an
 * identifier or an expression (`password = process.env.DB_PASS`, `${pwd}`).
 */
import type { Finding } from '../types';
import { finding, isTaken, type Scan } from './scanner';

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

export function scanPasswords(s: Scan): Finding[] {
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
