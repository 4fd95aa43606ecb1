/**
 * Phone-number evidence from libphonenumber-js ('max' metadata: per-country number plans, not just
 * lengths). Shared by validators.ts (a verdict on a model span) and phoneNumbers.ts (which also
 * needs to know how strong the evidence is: an international number that libphonenumber calls
 * valid is strong; "valid somewhere" for a national number is weak, because with a dozen number
 * plans to choose from almost any 8-digit string is valid in one of them).
 */
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';

/**
 * Countries tried, in order, for numbers written without a country code. NANP first: it is the
 * most common in English text and its plan is strict (area and exchange codes never start 0/1).
 */
export const NATIONAL_GUESSES: readonly CountryCode[] = ['US', 'GB', 'DE', 'FR', 'IN', 'AU', 'IT', 'ES', 'NL', 'BR', 'CH', 'SE', 'JP', 'MX', 'ZA', 'IE'];

export interface PhoneAnalysis {
  /** Written with + or 00 and a country code. */
  international: boolean;
  status: 'valid' | 'possible' | 'invalid';
  /** Country whose plan accepted it (the first guess that did, for national numbers). */
  country?: CountryCode;
  callingCode?: string;
  /** North American 555-0100…555-0199, reserved for fiction and documentation. */
  fictional: boolean;
  /** Digits of the national number (without country code and extension). */
  nationalDigits: string;
}

const FICTIONAL_NANP = /^(?:\d{3})?55501\d\d$/;

function describe(p: PhoneNumber, international: boolean, status: PhoneAnalysis['status']): PhoneAnalysis {
  const nationalDigits = String(p.nationalNumber);
  return {
    international,
    status,
    country: p.country,
    callingCode: String(p.countryCallingCode),
    fictional: p.countryCallingCode === '1' && FICTIONAL_NANP.test(nationalDigits),
    nationalDigits,
  };
}

/**
 * Analyses one phone-shaped string. `guesses` limits the national-number countries tried (the
 * recognizer passes only the NANP guess when it has no other reason to believe a number is a phone).
 */
export function analyzePhone(value: string, guesses: readonly CountryCode[] = NATIONAL_GUESSES): PhoneAnalysis {
  // Recognizers re-run on every keystroke over mostly unchanged text, and one parse costs
  // 20–100 µs: remember recent answers (the key holds the value only in memory, never logged).
  const key = `${guesses.join(',')}|${value}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const result = analyzeUncached(value, guesses);
  cache.set(key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return result;
}

const CACHE_SIZE = 4096;
/** Least-recently-used first (Map keeps insertion order; a hit is re-inserted). */
const cache = new Map<string, PhoneAnalysis>();

function analyzeUncached(value: string, guesses: readonly CountryCode[]): PhoneAnalysis {
  const trimmed = value.trim();
  const international = /^(?:\+|00[1-9])/.test(trimmed);
  if (international) {
    const p = parsePhoneNumberFromString(trimmed.replace(/^00/, '+'));
    if (!p) return { international, status: 'invalid', fictional: false, nationalDigits: '' };
    return describe(p, true, p.isValid() ? 'valid' : p.isPossible() ? 'possible' : 'invalid');
  }
  // 555-01xx is checked before guessing: other countries' plans may accept the same digits.
  const mainDigits = trimmed.split(/\s*(?:x|ext\.?|extension|#)\s*\d/i)[0].replace(/\D/g, '');
  if (FICTIONAL_NANP.test(mainDigits.replace(/^1(?=\d{10}$)/, ''))) {
    const p = parsePhoneNumberFromString(trimmed, 'US');
    if (p) return { ...describe(p, false, p.isValid() ? 'valid' : 'possible'), fictional: true };
  }
  let possible: PhoneNumber | undefined;
  for (const country of guesses) {
    const p = parsePhoneNumberFromString(trimmed, country);
    if (!p) continue;
    if (p.isValid()) return describe(p, false, 'valid');
    if (!possible && p.isPossible()) possible = p;
  }
  // A 7-digit NANP local number (555-0100) is only "possible", but still recognisably fictional.
  if (possible) return describe(possible, false, 'possible');
  return { international: false, status: 'invalid', fictional: false, nationalDigits: mainDigits };
}
