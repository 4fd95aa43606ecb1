/**
 * Check-digit arithmetic that both sides need: validators.ts checks values with it (where the
 * `validator` package has no equivalent) and redact/synthetic.ts computes check digits so that
 * pseudonyms stay checksum-valid. `validator` only answers yes/no, it cannot compute a check digit.
 */

/** Luhn (ISO/IEC 7812-1) check digit for a digit string that does not yet carry one. */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  // Walking from the right, the digit next to the (future) check digit is doubled first.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when a digit string (check digit last) passes Luhn. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}

/** ISO 7064 mod 97-10 remainder of an alphanumeric string (A=10 … Z=35), computed piecewise. */
function mod97(alnum: string): number {
  let rem = 0;
  for (const ch of alnum.toUpperCase()) {
    const code = ch.charCodeAt(0);
    const v = code >= 65 ? code - 55 : code - 48;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem;
}

/** The two IBAN check digits for a country code and a BBAN (ISO 13616). */
export function ibanCheckDigits(country: string, bban: string): string {
  const check = 98 - mod97(`${bban}${country}00`);
  return String(check).padStart(2, '0');
}

/** True when a compact IBAN (no spaces) passes mod-97. Format per country is validator's job. */
export function ibanMod97Valid(compact: string): boolean {
  if (!/^[A-Za-z]{2}\d{2}[A-Za-z0-9]+$/.test(compact)) return false;
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1;
}

const VIN_VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** VIN check digit ('0'–'9' or 'X') per 49 CFR 565 / ISO 3779 (North America); null if not VIN-shaped. */
export function vinCheckDigit(vin: string): string | null {
  const v = vin.toUpperCase();
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(v)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = v[i];
    const value = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : VIN_VALUES[ch];
    sum += value * VIN_WEIGHTS[i];
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}
