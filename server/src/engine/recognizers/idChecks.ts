/**
 * Check digits of national, health and financial identifiers, each as its issuer publishes it.
 * Every scheme has a `check` (does this value carry a valid check digit?) and a `checkDigit`/`make`
 * that computes one: the recognizers judge values with the first, the tests build valid values
 * with the second (so a test cannot pass with a broken algorithm), and redact/synthetic.ts makes
 * pseudonyms that still pass. Inputs are the compact value (separators removed, upper case).
 */
import { luhnCheckDigit, luhnValid } from './checksums';

const digitAt = (s: string, i: number): number => s.charCodeAt(i) - 48;
const weighted = (s: string, weights: readonly number[]): number => weights.reduce((sum, w, i) => sum + w * digitAt(s, i), 0);

/** A calendar date that exists (months 1–12, day within the month, leap years). */
export function dateExists(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// --- Health ------------------------------------------------------------------------------------

/** NPI: Luhn over the card-issuer prefix 80840 and the 10 digits (CMS, NPI check digit spec). */
export const npi = {
  check: (v: string): boolean => /^[12]\d{9}$/.test(v) && luhnValid(`80840${v}`),
  make: (nine: string): string => nine + String(luhnCheckDigit(`80840${nine}`)),
};

/** DEA registration: (d1+d3+d5) + 2·(d2+d4+d6), last digit = d7. */
export const dea = {
  checkDigit: (six: string): number => (digitAt(six, 0) + digitAt(six, 2) + digitAt(six, 4) + 2 * (digitAt(six, 1) + digitAt(six, 3) + digitAt(six, 5))) % 10,
  check: (v: string): boolean => /^[A-Z][A-Z9]\d{7}$/.test(v) && dea.checkDigit(v.slice(2, 8)) === digitAt(v, 8),
  make: (letters: string, six: string): string => letters + six + String(dea.checkDigit(six)),
};

/** US Medicare Beneficiary Identifier: fixed positions of digits and letters (no S, L, O, I, B, Z). */
export const MBI_FORMAT = /^[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y\d]\d[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y\d]\d[AC-HJKMNP-RT-Y]{2}\d{2}$/;

/** UK NHS number: weights 10…2 over nine digits, 11 − sum mod 11 (11 → 0, 10 never issued). */
export const nhs = {
  checkDigit: (nine: string): number => {
    const c = 11 - (weighted(nine, [10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11);
    return c === 11 ? 0 : c;
  },
  check: (v: string): boolean => /^\d{10}$/.test(v) && nhs.checkDigit(v) === digitAt(v, 9),
};

// --- National identifiers ----------------------------------------------------------------------

/** Verhoeff (dihedral group D5), used by Aadhaar. */
const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

export const verhoeff = {
  checkDigit: (payload: string): number => {
    let c = 0;
    for (let i = 0; i < payload.length; i++) c = VERHOEFF_D[c][VERHOEFF_P[(i + 1) % 8][digitAt(payload, payload.length - 1 - i)]];
    return VERHOEFF_INV[c];
  },
  check: (v: string): boolean => {
    let c = 0;
    for (let i = 0; i < v.length; i++) c = VERHOEFF_D[c][VERHOEFF_P[i % 8][digitAt(v, v.length - 1 - i)]];
    return c === 0;
  },
};

export const aadhaar = { check: (v: string): boolean => /^[2-9]\d{11}$/.test(v) && verhoeff.check(v) };

/** Germany Steuer-ID: ISO 7064 MOD 11,10, and in the first ten digits one digit repeated 2–3 times. */
export const steuerId = {
  checkDigit: (ten: string): number => {
    let product = 10;
    for (let i = 0; i < 10; i++) {
      let sum = (digitAt(ten, i) + product) % 10;
      if (sum === 0) sum = 10;
      product = (sum * 2) % 11;
    }
    const c = 11 - product;
    return c === 10 ? 0 : c;
  },
  check: (v: string): boolean => {
    if (!/^[1-9]\d{10}$/.test(v)) return false;
    const counts = new Map<string, number>();
    for (const d of v.slice(0, 10)) counts.set(d, (counts.get(d) ?? 0) + 1);
    const repeated = [...counts.values()].filter((n) => n > 1);
    return repeated.length === 1 && repeated[0] <= 3 && steuerId.checkDigit(v) === digitAt(v, 10);
  },
};

/** Remainder mod 97 of a long digit string, piecewise. */
function mod97(digits: string): number {
  let rem = 0;
  for (let i = 0; i < digits.length; i++) rem = (rem * 10 + digitAt(digits, i)) % 97;
  return rem;
}

/** France NIR (sécurité sociale): key = 97 − (13 digits mod 97); Corsica 2A/2B count as 19/18. */
export const nir = {
  key: (thirteen: string): number => 97 - mod97(thirteen.replace(/^(\d{5})2A/, '$119').replace(/^(\d{5})2B/, '$118')),
  check: (v: string): boolean => {
    if (!/^[12]\d{4}(?:\d{2}|2A|2B)\d{6}\d{2}$/.test(v)) return false;
    const month = Number(v.slice(3, 5));
    if (!((month >= 1 && month <= 12) || month >= 20)) return false;
    return nir.key(v.slice(0, 13)) === Number(v.slice(13));
  },
};

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spain DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter): letter = table[n mod 23]. */
export const dniNie = {
  letter: (digits: string): string => DNI_LETTERS[Number(digits) % 23],
  check: (v: string): boolean => {
    const m = /^([XYZ]?)(\d{7,8})([A-Z])$/.exec(v);
    if (!m || (m[1] ? m[2].length !== 7 : m[2].length !== 8)) return false;
    const n = (m[1] ? String('XYZ'.indexOf(m[1])) : '') + m[2];
    return dniNie.letter(n) === m[3];
  },
};

/** Italy codice fiscale: odd/even position tables, sum mod 26 as a letter; LMNPQRSTUV stand in for digits (omocodia). */
const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
export const CF_FORMAT = /^[A-Z]{6}[\dLMNPQRSTUV]{2}[ABCDEHLMPRST][\dLMNPQRSTUV]{2}[A-Z][\dLMNPQRSTUV]{3}[A-Z]$/;
export const codiceFiscale = {
  checkChar: (fifteen: string): string => {
    let sum = 0;
    for (let i = 0; i < 15; i++) {
      const ch = fifteen[i];
      const idx = /\d/.test(ch) ? digitAt(ch, 0) : ch.charCodeAt(0) - 65;
      sum += i % 2 === 0 ? CF_ODD[idx] : idx;
    }
    return String.fromCharCode(65 + (sum % 26));
  },
  check: (v: string): boolean => CF_FORMAT.test(v) && codiceFiscale.checkChar(v.slice(0, 15)) === v[15],
};

/** Netherlands BSN: 11-test, weights 9…2 and −1. */
export const bsn = {
  check: (v: string): boolean => /^\d{9}$/.test(v) && v !== '000000000' && (weighted(v, [9, 8, 7, 6, 5, 4, 3, 2, -1]) % 11 + 11) % 11 === 0,
};

/** Belgium national number: 97 − (first 9 digits mod 97), with a leading 2 for births from 2000. */
export const belgianNn = {
  key: (nine: string, after2000: boolean): number => 97 - mod97((after2000 ? '2' : '') + nine),
  check: (v: string): boolean => {
    if (!/^\d{11}$/.test(v) || Number(v.slice(2, 4)) > 12 + 40 + 12) return false;
    const key = Number(v.slice(9));
    return belgianNn.key(v.slice(0, 9), false) === key || belgianNn.key(v.slice(0, 9), true) === key;
  },
};

/** Poland PESEL: weights 1,3,7,9 repeating; check = (10 − sum mod 10) mod 10; month carries the century. */
export const pesel = {
  checkDigit: (ten: string): number => (10 - (weighted(ten, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10,
  check: (v: string): boolean => {
    if (!/^\d{11}$/.test(v)) return false;
    const m = Number(v.slice(2, 4));
    const century = [1900, 2000, 2100, 2200, 1800][Math.floor(m / 20)];
    return century !== undefined && dateExists(century + Number(v.slice(0, 2)), m % 20, Number(v.slice(4, 6))) && pesel.checkDigit(v) === digitAt(v, 10);
  },
};

/** Sweden personnummer: YYMMDD + 3 digits + Luhn digit (day + 60 for a coordination number). */
export const personnummer = {
  check: (v: string): boolean => {
    const ten = v.length === 12 ? v.slice(2) : v;
    if (!/^\d{10}$/.test(ten)) return false;
    const day = Number(ten.slice(4, 6));
    return dateExists(2000, Number(ten.slice(2, 4)), day > 60 ? day - 60 : day) && luhnValid(ten);
  },
};

const HETU_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
/** Finland HETU: DDMMYY, century sign, 3 digits, check = table[DDMMYYNNN mod 31]. */
export const hetu = {
  checkChar: (dmy: string, nnn: string): string => HETU_CHARS[Number(dmy + nnn) % 31],
  check: (v: string): boolean => {
    const m = /^(\d{2})(\d{2})(\d{2})[-+A-FU-Y](\d{3})([0-9A-Y])$/.exec(v);
    return !!m && dateExists(2000, Number(m[2]), Number(m[1])) && hetu.checkChar(m[1] + m[2] + m[3], m[4]) === m[5];
  },
};

/** Denmark CPR: DDMMYY-SSSS with a real date (the mod-11 check was dropped in 2007). */
export const cpr = {
  check: (v: string): boolean => /^\d{10}$/.test(v) && dateExists(2000, Number(v.slice(2, 4)), Number(v.slice(0, 2))),
};

/** EAN-13 check digit (weights 1,3 from the left), used by the Swiss AHV number 756.xxxx.xxxx.xx. */
export const ean13 = {
  checkDigit: (twelve: string): number => (10 - (weighted(twelve, [1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3]) % 10)) % 10,
  check: (v: string): boolean => /^\d{13}$/.test(v) && ean13.checkDigit(v) === digitAt(v, 12),
};
export const ahv = { check: (v: string): boolean => v.startsWith('756') && ean13.check(v) };

/** Brazil CPF / CNPJ: two mod-11 check digits each. */
function mod11Digit(payload: string, weights: readonly number[]): number {
  const r = weighted(payload, weights) % 11;
  return r < 2 ? 0 : 11 - r;
}
export const cpf = {
  digits: (nine: string): string => {
    const d1 = mod11Digit(nine, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
    return `${d1}${mod11Digit(nine + d1, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2])}`;
  },
  check: (v: string): boolean => /^\d{11}$/.test(v) && !/^(\d)\1+$/.test(v) && cpf.digits(v.slice(0, 9)) === v.slice(9),
};
export const cnpj = {
  digits: (twelve: string): string => {
    const d1 = mod11Digit(twelve, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    return `${d1}${mod11Digit(twelve + d1, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])}`;
  },
  check: (v: string): boolean => /^\d{14}$/.test(v) && !/^(\d)\1+$/.test(v) && cnpj.digits(v.slice(0, 12)) === v.slice(12),
};

/** Singapore NRIC/FIN: weights 2,7,6,5,4,3,2, offset by series, a letter from the series' table. */
const NRIC_TABLES: Record<string, { offset: number; letters: string }> = {
  S: { offset: 0, letters: 'JZIHGFEDCBA' },
  T: { offset: 4, letters: 'JZIHGFEDCBA' },
  F: { offset: 0, letters: 'XWUTRQPNMLK' },
  G: { offset: 4, letters: 'XWUTRQPNMLK' },
  M: { offset: 3, letters: 'XWUTRQPNJLK' },
};
export const nric = {
  checkLetter: (series: string, seven: string): string => {
    const t = NRIC_TABLES[series];
    return t.letters[(weighted(seven, [2, 7, 6, 5, 4, 3, 2]) + t.offset) % 11];
  },
  check: (v: string): boolean => /^[STFGM]\d{7}[A-Z]$/.test(v) && nric.checkLetter(v[0], v.slice(1, 8)) === v[8],
};

/** Korea RRN: YYMMDD + sex/century digit + 6; check = (11 − weighted sum mod 11) mod 10 (numbers issued before Oct 2020). */
export const koreaRrn = {
  checkDigit: (twelve: string): number => (11 - (weighted(twelve, [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]) % 11)) % 10,
  check: (v: string): boolean => /^\d{6}[1-8]\d{6}$/.test(v) && dateExists(2000, Number(v.slice(2, 4)), Number(v.slice(4, 6))) && koreaRrn.checkDigit(v) === digitAt(v, 12),
};

/** China resident identity card: 17 digits (with a real birth date) + ISO 7064 MOD 11-2 check (0–9, X). */
export const chinaId = {
  checkChar: (seventeen: string): string => {
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += digitAt(seventeen, i) * (2 ** (17 - i) % 11);
    const c = (12 - (sum % 11)) % 11;
    return c === 10 ? 'X' : String(c);
  },
  check: (v: string): boolean => {
    if (!/^[1-9]\d{16}[\dX]$/.test(v)) return false;
    const year = Number(v.slice(6, 10));
    return year >= 1900 && year <= 2099 && dateExists(year, Number(v.slice(10, 12)), Number(v.slice(12, 14))) && chinaId.checkChar(v.slice(0, 17)) === v[17];
  },
};

/** Australia TFN: weights 1,4,3,7,5,8,6,9,10, sum divisible by 11. */
export const tfn = { check: (v: string): boolean => /^\d{9}$/.test(v) && weighted(v, [1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 === 0 };

/** Australia Medicare card: first digit 2–6, weights 1,3,7,9,1,3,7,9 mod 10 as the 9th digit, issue number (and IRN). */
export const medicareAu = {
  checkDigit: (eight: string): number => weighted(eight, [1, 3, 7, 9, 1, 3, 7, 9]) % 10,
  check: (v: string): boolean => /^[2-6]\d{9,10}$/.test(v) && medicareAu.checkDigit(v) === digitAt(v, 8),
};

/** UK National Insurance number: two letters (HMRC's excluded letters and prefixes), six digits, A–D. */
export const NINO_FORMAT = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;

/** Canada SIN: nine digits, Luhn, never starting with 0 or 8. */
export const sin = { check: (v: string): boolean => /^[1-79]\d{8}$/.test(v) && luhnValid(v) };

/** US ITIN: 9XX-GG-XXXX with the group in 50–65, 70–88, 90–92 or 94–99 (IRS). */
export const itin = {
  check: (v: string): boolean => {
    if (!/^9\d{8}$/.test(v)) return false;
    const g = Number(v.slice(3, 5));
    return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94;
  },
};

/** India PAN: 3 letters, the holder type (P person, C company…), a letter, 4 digits, a letter. */
export const PAN_FORMAT = /^[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z]$/;

// --- Financial ---------------------------------------------------------------------------------

/** ABA routing number: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 mod 10, first two digits a Fed district. */
export const aba = {
  checkDigit: (eight: string): number => (10 - (weighted(eight, [3, 7, 1, 3, 7, 1, 3, 7]) % 10)) % 10,
  check: (v: string): boolean => /^(?:0[0-9]|1[0-2]|2[1-9]|3[0-2]|6[1-9]|7[0-2]|80)\d{7}$/.test(v) && aba.checkDigit(v) === digitAt(v, 8),
};

/** US EIN prefixes the IRS assigns (campus codes). */
const EIN_PREFIXES = new Set(
  '01 02 03 04 05 06 10 11 12 13 14 15 16 20 21 22 23 24 25 26 27 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 71 72 73 74 75 76 77 80 81 82 83 84 85 86 87 88 90 91 92 93 94 95 98 99'.split(' '),
);
export const ein = { check: (v: string): boolean => /^\d{9}$/.test(v) && EIN_PREFIXES.has(v.slice(0, 2)) };
