/**
 * Checksum and format evidence for a detected value: does this "card number" pass Luhn, does this
 * "IBAN" pass mod-97 for its country's format? The verdict adjusts a model finding's confidence
 * (combine.ts) and names the proof in hovers, so `validator` is written for people: "Luhn ✓".
 *
 * `validator` and `libphonenumber-js` do the checking wherever they can; checksums.ts,
 * coinAddress.ts and dates.ts cover what they cannot (VIN, base58check/bech32/EIP-55, calendars).
 *
 * null means "no evidence either way": the class has no validator (FIRSTNAME), or the value is in
 * a form no rule speaks about (a DATE like "last Tuesday", a phone number that is possible but not
 * valid under any plan we tried). A `valid: false` verdict halves a model's score, so it is only
 * given when a rule positively fails.
 */
import isBIC from 'validator/lib/isBIC';
import isEmail from 'validator/lib/isEmail';
import isIBAN from 'validator/lib/isIBAN';
import isIP from 'validator/lib/isIP';
import isLuhnNumber from 'validator/lib/isLuhnNumber';
import isMACAddress from 'validator/lib/isMACAddress';
import isURL from 'validator/lib/isURL';
import { vinCheckDigit } from './checksums';
import { base58checkVersion, decodeSegwit, eip55Status } from './coinAddress';
import { isDateShaped, parseDate } from './dates';
import { analyzePhone } from './phone';

export interface Verdict {
  valid: boolean;
  /** Human-readable name of the proof, shown in hovers: "Luhn ✓", "IBAN mod-97 ✗". */
  validator: string;
}

const ok = (validator: string): Verdict => ({ valid: true, validator });
const fail = (validator: string): Verdict => ({ valid: false, validator });
const verdict = (valid: boolean, name: string): Verdict => (valid ? ok(`${name} ✓`) : fail(`${name} ✗`));

/** Digits of a number written with spaces or dashes between groups; null if anything else is in it. */
function groupedDigits(value: string): string | null {
  return /^\d(?:[ -]?\d)*$/.test(value) ? value.replace(/[ -]/g, '') : null;
}

function creditCard(value: string): Verdict {
  const digits = groupedDigits(value);
  if (!digits || digits.length < 13 || digits.length > 19) return fail('card number format ✗');
  return verdict(isLuhnNumber(digits), 'Luhn');
}

function imei(value: string): Verdict {
  const digits = groupedDigits(value.replace(/\//g, '-'));
  // IMEI: 15 digits, the last a Luhn check digit. IMEISV (16 digits) has no check digit.
  if (digits?.length === 16) return ok('IMEISV format (no check digit)');
  if (!digits || digits.length !== 15) return fail('IMEI format ✗');
  return verdict(isLuhnNumber(digits), 'Luhn');
}

function iban(value: string): Verdict {
  const compact = value.replace(/[ -]/g, '');
  return verdict(isIBAN(compact.toUpperCase()), 'IBAN mod-97');
}

/** US SSN rules (SSA): area not 000, 666 or 9xx; group not 00; serial not 0000. */
function ssn(value: string): Verdict {
  const m = /^(\d{3})[- .]?(\d{2})[- .]?(\d{4})$/.exec(value.trim());
  if (!m) return fail('SSN format ✗');
  const [, area, group, serial] = m;
  const valid = area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
  return verdict(valid, 'SSN area/group/serial');
}

function vin(value: string): Verdict {
  const v = value.trim().toUpperCase();
  const check = vinCheckDigit(v);
  if (check === null) return fail('VIN format ✗');
  if (check === v[8]) return ok('VIN check digit ✓');
  // The check digit is mandatory in North America (WMI 1–5); elsewhere position 9 is often
  // a plain character, so a well-formed VIN is accepted on its format alone.
  if (/^[1-5]/.test(v)) return fail('VIN check digit ✗');
  return ok('VIN format (non-North-American, check digit not required)');
}

function bitcoin(value: string): Verdict {
  const v = value.trim();
  if (/^(bc|tb)1/i.test(v)) return verdict(decodeSegwit(v, ['bc', 'tb']) !== null, 'bech32');
  const version = base58checkVersion(v);
  // 0x00 P2PKH, 0x05 P2SH, 0x6f/0xc4 their testnet forms.
  return verdict(version !== null && [0x00, 0x05, 0x6f, 0xc4].includes(version), 'base58check');
}

function litecoin(value: string): Verdict {
  const v = value.trim();
  if (/^(ltc|tltc)1/i.test(v)) return verdict(decodeSegwit(v, ['ltc', 'tltc']) !== null, 'bech32');
  const version = base58checkVersion(v);
  // 0x30 'L' P2PKH, 0x32 'M' P2SH, 0x05 legacy '3' P2SH (shared with Bitcoin).
  return verdict(version !== null && [0x30, 0x32, 0x05].includes(version), 'base58check');
}

function ethereum(value: string): Verdict {
  const status = eip55Status(value.trim());
  if (status === 'checksum') return ok('EIP-55 checksum ✓');
  if (status === 'no-checksum') return ok('Ethereum address format (single case, no EIP-55 checksum)');
  return fail(/^0x[0-9a-f]{40}$/i.test(value.trim()) ? 'EIP-55 checksum ✗' : 'Ethereum address format ✗');
}

function phone(value: string): Verdict | null {
  const a = analyzePhone(value);
  if (a.fictional) return ok('libphonenumber: fictional 555-01xx range');
  if (a.status === 'valid') return ok(`libphonenumber ✓ (${a.international ? `+${a.callingCode}` : `national, ${a.country}`})`);
  if (a.status === 'possible') return null;
  return fail('libphonenumber ✗');
}

/** ISO 4217 codes (from the runtime's ICU data) and the common crypto tickers. */
let currencyCodes: Set<string> | null = null;
function isCurrencyCode(value: string): boolean {
  currencyCodes ??= new Set([...Intl.supportedValuesOf('currency'), 'BTC', 'ETH', 'LTC', 'XRP', 'USDT', 'USDC', 'DOGE', 'XMR', 'BCH', 'ADA', 'SOL']);
  return currencyCodes.has(value.toUpperCase());
}

/** "2 months", "10th": a span of time or a bare ordinal is no date and no time of day. */
const DURATION = /^\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)$/i;
const BARE_ORDINAL = /^\d{1,3}(?:st|nd|rd|th)$/i;

function notADate(value: string): Verdict | null {
  if (DURATION.test(value)) return fail('a duration, no date ✗');
  if (BARE_ORDINAL.test(value)) return fail('an ordinal alone, no date ✗');
  return null;
}

function date(value: string, birth: boolean): Verdict | null {
  const not = notADate(value);
  if (not) return not;
  const d = parseDate(value);
  if (!d) {
    // Date-shaped but no real day (2024-02-30, 13/13/2020, February 30, 2024): a positive failure.
    return isDateShaped(value) ? fail('calendar date ✗') : null;
  }
  if (birth) {
    const now = new Date();
    const age = now.getUTCFullYear() - d.year;
    if (age < 0 || age > 130) return fail('plausible birth date ✗');
    return ok('calendar date ✓');
  }
  return verdict(d.year >= 1000 && d.year <= 2999, 'calendar date');
}

const USER_AGENT_PRODUCT = /[A-Za-z][\w.+-]*\/\d/;

/** A UTF-16 surrogate without its partner: `validator` calls encodeURI, which throws on these. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function validateEntity(label: string, value: string): Verdict | null {
  // U+FFFD fails every format check the way the lone surrogate should.
  const v = value.trim().replace(LONE_SURROGATE, '\ufffd');
  switch (label) {
    case 'CREDITCARDNUMBER':
      return creditCard(v);
    case 'PHONEIMEI':
      return imei(v);
    case 'IBAN':
      return iban(v);
    case 'IPV4':
      return verdict(isIP(v, 4), 'IPv4 format');
    case 'IPV6':
      return verdict(isIP(v, 6), 'IPv6 format');
    case 'IP':
      return verdict(isIP(v), 'IP address format');
    case 'EMAIL':
      return verdict(isEmail(v), 'email format');
    case 'MAC':
      return verdict(isMACAddress(v, { eui: '48' }) || isMACAddress(v, { eui: '64' }), 'MAC address format');
    case 'BIC':
      return verdict(isBIC(v.toUpperCase()), 'BIC format');
    case 'URL':
      return verdict(isURL(v, { require_protocol: true, protocols: ['http', 'https', 'ftp'] }), 'URL format');
    case 'VEHICLEVIN':
      return vin(v);
    case 'BITCOINADDRESS':
      return bitcoin(v);
    case 'LITECOINADDRESS':
      return litecoin(v);
    case 'ETHEREUMADDRESS':
      return ethereum(v);
    case 'SSN':
      return ssn(v);
    case 'PHONENUMBER':
      return phone(v);
    case 'DATE':
      return date(v, false);
    case 'DOB':
      return date(v, true);
    case 'TIME':
      return notADate(v);
    case 'CURRENCYCODE':
      return verdict(isCurrencyCode(v), 'ISO 4217 code');
    case 'CREDITCARDCVV':
      // A card's security code is 3 digits (4 on American Express); `8317507` is a bug number.
      return /^\d{3,4}$/.test(v) ? null : fail('3 or 4 digits ✗');
    case 'USERAGENT':
      // A user agent names a product with its version (`Mozilla/5.0`, `curl/8.5.0`); a bare
      // version (`528.0.0`, `gnupg_2.2.40` in an apt log) is not one. A pass proves nothing more.
      return USER_AGENT_PRODUCT.test(v) ? null : fail('user agent product/version ✗');
    default:
      return null;
  }
}
