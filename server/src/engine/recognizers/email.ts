/**
 * E-mail addresses, found from each '@' outwards, bounded by RFC 5321 lengths (64 local, 253
 * domain), instead of by a regex over the local part: the scan stays linear.
 *
 * Documentation e-mails (user@example.com) are reported like any e-mail; the policy decides.
 */
import isEmail from 'validator/lib/isEmail';
import type { Finding } from '../types';
import { finding, type Scan } from './scanner';

const LOCAL_CHAR = /[\p{L}\p{N}._%+\-]/u;
const DOMAIN_CHAR = /[\p{L}\p{N}.\-]/u;

export function scanEmails(s: Scan): Finding[] {
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
