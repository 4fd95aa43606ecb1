/**
 * The `mask` operator: hide a value but keep enough of its shape that a reader still knows what
 * stood there. E-mails keep the first letter and the top-level domain (`j***@***.com`, a fixed
 * three stars so the length does not leak); card numbers keep the last four digits, as receipts
 * do (`**** **** **** 1234`); everything else becomes one `*` per letter or digit with separators,
 * spaces and punctuation kept (`***-**-****`, `**** *****`).
 */

const MASK = '*';
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** One `*` per letter or digit (per code point, so an astral letter is one star); the rest kept. */
export function maskKeepingSeparators(value: string): string {
  let out = '';
  for (const ch of value) out += LETTER_OR_DIGIT.test(ch) ? MASK : ch;
  return out;
}

function maskEmail(value: string): string | null {
  const at = value.lastIndexOf('@');
  if (at <= 0) return null;
  const first = [...value.slice(0, at)][0];
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot >= 0 ? domain.slice(dot + 1) : '';
  if (!tld || !/^[\p{L}]{2,}$/u.test(tld)) return `${first}***@***`;
  return `${first}***@***.${tld}`;
}

function maskCard(value: string): string | null {
  const digits = value.replace(/\D/g, '').length;
  // With fewer than 12 digits the last four would be a third of the number: mask it all.
  if (digits < 12) return null;
  let seen = 0;
  let out = '';
  for (const ch of value) {
    if (ch >= '0' && ch <= '9') {
      seen++;
      out += seen > digits - 4 ? ch : MASK;
    } else out += LETTER_OR_DIGIT.test(ch) ? MASK : ch;
  }
  return out;
}

/** Masks `value` detected as `label` (an ai4privacy class; any other label gets the generic mask). */
export function mask(label: string, value: string): string {
  if (label === 'EMAIL') return maskEmail(value) ?? maskKeepingSeparators(value);
  if (label === 'CREDITCARDNUMBER') return maskCard(value) ?? maskKeepingSeparators(value);
  return maskKeepingSeparators(value);
}
