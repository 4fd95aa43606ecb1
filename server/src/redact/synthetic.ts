/**
 * The `synthetic` operator: replace a value with a realistic one of the same class and format
 * (Luhn-valid card of the same length and grouping, mod-97-valid IBAN of the same country, a date
 * in the same format…), so redacted documents still parse, validate and read naturally.
 *
 * Consistency without reversibility: the same original value always gets the same pseudonym
 * within one Pseudonymizer, because its random choices are seeded from an HMAC of the value
 * under a secret key (the caller's seed, or random bytes). A plain hash of a phone number or SSN
 * is reversible by enumeration (presidio #1845); an HMAC is not without the key. Pseudonyms are
 * kept apart (two originals never share one) and never equal or contain their original.
 *
 * Where a class has a reserved range, pseudonyms come from it, so a pseudonym can never be some
 * real person's value: IPs from the documentation networks (RFC 5737 / RFC 3849), e-mails at
 * example.com/.net/.org (RFC 2606), North-American phone numbers from 555-01xx, MAC addresses
 * with the locally-administered bit set.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Faker, base, en } from '@faker-js/faker';
import { ibanCheckDigits, luhnCheckDigit, vinCheckDigit } from '../engine/recognizers/checksums';
import { base58checkEncode, base58checkVersion, decodeSegwit, encodeSegwit, toEip55 } from '../engine/recognizers/coinAddress';
import { parseDate, renderDate, daysInMonth } from '../engine/recognizers/dates';
import { alnumOnly, REGISTRY, type RecognizerSpec } from '../engine/recognizers/registry';

type Case = 'lower' | 'upper' | 'title' | 'mixed';

function caseOf(s: string): Case {
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (!letters) return 'mixed';
  if (letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return 'upper';
  if (letters === letters.toLowerCase()) return 'lower';
  if (/^\p{Lu}[\p{Ll}'’-]*(?:[\s-]\p{Lu}[\p{Ll}'’-]*)*$/u.test(s.trim())) return 'title';
  return 'mixed';
}

function applyCase(s: string, c: Case): string {
  if (c === 'upper') return s.toUpperCase();
  if (c === 'lower') return s.toLowerCase();
  return s;
}

/**
 * Writes `digits` into the non-digit skeleton of `layout` (same separators, same places). Letters
 * have no business in a number's span, but if a detector put some there they are not kept either.
 */
function layoutDigits(layout: string, digits: string, d?: Draw): string {
  let i = 0;
  return layout.replace(/\d|\p{L}/gu, (ch) => {
    if (/\d/.test(ch)) return digits[i++] ?? '0';
    return d ? d.shape(ch) : ch;
  });
}

/** The value reduced to what identifies it, so "4111 1111…" and "4111-1111…" are one value. */
export function canonicalValue(label: string, value: string): string {
  const v = value.trim().normalize('NFC');
  switch (label) {
    case 'CREDITCARDNUMBER':
    case 'PHONENUMBER':
    case 'SSN':
    case 'PHONEIMEI':
    case 'ACCOUNTNUMBER':
    case 'PIN':
    case 'CREDITCARDCVV':
      return /\d/.test(v) ? v.replace(/\D/g, '') : v.toLowerCase();
    case 'IBAN':
    case 'BIC':
    case 'VEHICLEVIN':
    case 'MAC':
      return v.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
    case 'BITCOINADDRESS':
    case 'LITECOINADDRESS':
      return /^(bc|tb|ltc|tltc)1/i.test(v) ? v.toLowerCase() : v;
    default:
      return v.toLowerCase().replace(/\s+/g, ' ');
  }
}

/** Random choices for one pseudonym, all drawn from a Faker seeded by the HMAC. */
class Draw {
  constructor(readonly faker: Faker) {}

  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  pick<T>(items: readonly T[]): T {
    return this.faker.helpers.arrayElement(items);
  }

  bytes(n: number): Uint8Array {
    return Uint8Array.from({ length: n }, () => this.int(0, 255));
  }

  /** Letters -> random letters of the same case, digits -> random digits, the rest kept. */
  shape(value: string): string {
    let out = '';
    for (const ch of value) {
      if (/\d/.test(ch)) out += String(this.int(0, 9));
      else if (/\p{Lu}/u.test(ch)) out += String.fromCharCode(65 + this.int(0, 25));
      else if (/\p{L}/u.test(ch)) out += String.fromCharCode(97 + this.int(0, 25));
      else out += ch;
    }
    return out;
  }
}

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const VIN_YEAR_CHARS = 'ABCDEFGHJKLMNPRSTVWXY123456789';
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DOC_NETS = ['192.0.2', '198.51.100', '203.0.113'];
const EXAMPLE_DOMAINS = ['example.com', 'example.net', 'example.org'];

function card(d: Draw, value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 2) return d.shape(value);
  // Keep the major industry identifier (first digit) so a "Visa" stays a Visa-looking number.
  const payload = digits[0] + d.digits(digits.length - 2);
  return layoutDigits(value, payload + luhnCheckDigit(payload), d);
}

function iban(d: Draw, value: string): string {
  const compact = value.replace(/[^0-9A-Za-z]/g, '');
  if (compact.length < 5 || !/^[A-Za-z]{2}\d{2}/.test(compact)) return d.shape(value);
  const country = compact.slice(0, 2).toUpperCase();
  // Same character class per position keeps the country's BBAN format (validator checks it).
  const bban = d.shape(compact.slice(4)).toUpperCase();
  const full = country + ibanCheckDigits(country, bban) + bban;
  let i = 0;
  const lower = caseOf(compact) === 'lower';
  return value.replace(/[\p{L}\p{N}]/gu, (original) => {
    const ch = /[0-9A-Za-z]/.test(original) ? full[i++] : d.shape(original);
    return lower ? ch.toLowerCase() : ch;
  });
}

function phone(d: Draw, value: string): string {
  const [main, ...ext] = value.split(/(?=\s?(?:x|ext\.?|extension|#)\s?\d)/i);
  const digits = main.replace(/\D/g, '');
  const intl = /^\s*\+/.test(main) ? 'plus' : /^\s*00[1-9]/.test(main) ? '00' : null;
  let keep = 0;
  let national = digits;
  if (intl) {
    // Keep the country calling code: +1 / +44 / +353 (1–3 digits; NANP and the common cases).
    keep = intl === '00' ? 2 : 0;
    const rest = digits.slice(keep);
    const cc = rest.startsWith('1') || rest.startsWith('7') ? 1 : /^(?:2[0-7]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])/.test(rest) ? 2 : 3;
    keep += cc;
    national = digits.slice(keep);
  }
  const isNanp = intl ? digits.slice(intl === '00' ? 2 : 0).startsWith('1') : /^1?[2-9]\d{2}[2-9]\d{6}$/.test(digits) || digits.length === 7;
  let newNational: string;
  if (isNanp && (national.length === 10 || national.length === 11 || national.length === 7)) {
    // NANP pseudonyms come from 555-0100…555-0199, reserved for fiction: never a real line.
    const area = `${d.int(2, 9)}${d.digits(2)}`;
    const line = `55501${d.digits(2)}`;
    newNational = national.length === 7 ? line : (national.length === 11 ? '1' : '') + area + line;
  } else {
    // Keep a trunk 0 and the first digit after it (mobile vs landline), randomise the rest.
    const head = national.match(/^0?\d/)?.[0] ?? '';
    newNational = head + d.digits(national.length - head.length);
  }
  const newDigits = digits.slice(0, keep) + newNational;
  const newExt = ext.map((e) => e.replace(/^(\s?(?:x|ext\.?|extension|#)\s?)([^]*)$/i, (_all, marker: string, rest: string) => marker + d.shape(rest)));
  return layoutDigits(main, newDigits, d) + newExt.join('');
}

function email(d: Draw, value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return d.shape(value);
  const local = value.slice(0, at);
  // Each alphabetic part becomes a name-like word, digits stay digits, separators stay put.
  const parts = local.split(/([._+\-])/);
  let wordIndex = 0;
  const newLocal = parts
    .map((p) => {
      if (/^[._+\-]$/.test(p) || p === '') return p;
      if (/^\d+$/.test(p)) return d.digits(p.length);
      const word = (wordIndex++ === 0 ? d.faker.person.firstName() : d.faker.person.lastName()).replace(/[^A-Za-z]/g, '');
      const c = caseOf(p);
      const trailingDigits = p.match(/\d+$/)?.[0];
      return applyCase(c === 'title' || c === 'mixed' ? word : word.toLowerCase(), c === 'upper' ? 'upper' : 'mixed') + (trailingDigits ? d.digits(trailingDigits.length) : '');
    })
    .join('');
  return `${newLocal}@${d.pick(EXAMPLE_DOMAINS)}`;
}

function dateValue(d: Draw, value: string, birth: boolean): string {
  const parsed = parseDate(value);
  // Free-form dates ("last Tuesday", or a span that is not only a date): every letter and digit
  // replaced, so nothing of the original survives.
  if (!parsed) return /\d/.test(value) ? d.shape(value) : `${d.int(1950, 2020)}-0${d.int(1, 9)}-1${d.int(0, 9)}`;
  const year = birth ? d.int(1940, 2005) : Math.max(1000, parsed.year + d.int(-5, 5));
  const month = d.int(1, 12);
  // 05/03/2024 reads as either day or month first; a day ≤ 12 keeps both readings valid dates.
  const day = d.int(1, parsed.ambiguous ? 12 : daysInMonth(year, month));
  const leading = value.match(/^\s*/)?.[0] ?? '';
  const trailing = value.match(/\s*$/)?.[0] ?? '';
  return leading + renderDate(parsed.parts, year, month, day) + trailing;
}

function time(d: Draw, value: string): string {
  const m = /^(\s*)(\d{1,2})([:.h])(\d{2})(?:([:.])(\d{2}))?(\s?[AaPp]\.?[Mm]\.?)?(\s*)$/.exec(value);
  if (!m) return d.shape(value);
  const [, lead, h, sep, , sep2, sec, ampm, trail] = m;
  const hour = ampm ? d.int(1, 12) : d.int(0, 23);
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  const minutes = pad(d.int(0, 59), 2);
  const seconds = sec ? `${sep2}${pad(d.int(0, 59), 2)}` : '';
  const meridiem = ampm ? ampm.replace(/[AaPp]/, (c) => (c === c.toUpperCase() ? d.pick(['A', 'P']) : d.pick(['a', 'p']))) : '';
  return `${lead}${pad(hour, h.length)}${sep}${minutes}${seconds}${meridiem}${trail}`;
}

function ipv4(d: Draw): string {
  return `${d.pick(DOC_NETS)}.${d.int(1, 254)}`;
}

function ipv6(d: Draw, value: string): string {
  const groups = () => d.int(0, 0xffff).toString(16);
  const upper = caseOf(value) === 'upper';
  let out: string;
  if (value.includes('::')) {
    const explicit = value.split(/:+/).filter((g) => g.length > 0).length;
    const tail = Array.from({ length: Math.max(1, Math.min(5, explicit - 2)) }, groups);
    out = `2001:db8::${tail.join(':')}`;
  } else {
    out = `2001:db8:${Array.from({ length: 6 }, groups).join(':')}`;
  }
  return upper ? out.toUpperCase() : out;
}

function mac(d: Draw, value: string): string {
  if (!/^\s*[0-9A-Fa-f]{2}(?:[:.\-]?[0-9A-Fa-f]{2}){5}\s*$/.test(value)) return d.shape(value);
  const bytes = d.bytes(6);
  bytes[0] = (bytes[0] & 0xfc) | 0x02; // locally administered, unicast: no vendor's real OUI
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  let i = 0;
  const upper = /[A-F]/.test(value);
  return value.replace(/[0-9A-Fa-f]/g, () => (upper ? hex[i++].toUpperCase() : hex[i++]));
}

function bic(d: Draw, value: string): string {
  const v = value.trim();
  if (v.length < 8) return d.shape(value);
  const bank = Array.from({ length: 4 }, () => String.fromCharCode(65 + d.int(0, 25))).join('');
  const rest = d.shape(v.slice(6, 8)).toUpperCase();
  const branch = v.length > 8 ? (/^x{3}$/i.test(v.slice(8)) ? v.slice(8) : d.shape(v.slice(8)).toUpperCase()) : '';
  return value.replace(v, bank + v.slice(4, 6).toUpperCase() + rest + branch);
}

function coin(d: Draw, value: string, hrps: readonly string[], fallbackVersion: number): string {
  const v = value.trim();
  const segwit = decodeSegwit(v, hrps);
  if (segwit) {
    const out = encodeSegwit({ ...segwit, program: d.bytes(segwit.program.length) });
    return value.replace(v, v === v.toUpperCase() ? out.toUpperCase() : out);
  }
  const version = base58checkVersion(v);
  if (version !== null || /^[13mn2LM][1-9A-HJ-NP-Za-km-z]{25,34}$/.test(v)) {
    return value.replace(v, base58checkEncode(version ?? fallbackVersion, d.bytes(20)));
  }
  return value.replace(/[\p{L}\p{N}]/gu, () => B58[d.int(0, B58.length - 1)]);
}

function ethereum(d: Draw, value: string): string {
  const v = value.trim();
  const hex = '0x' + [...d.bytes(20)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const body = v.slice(2);
  const out = body === body.toLowerCase() ? hex : body === body.toUpperCase() ? '0x' + hex.slice(2).toUpperCase() : toEip55(hex);
  return value.replace(v, out);
}

function vin(d: Draw, value: string): string {
  const v = value.trim();
  const chars = Array.from({ length: 17 }, () => VIN_CHARS[d.int(0, VIN_CHARS.length - 1)]);
  chars[9] = VIN_YEAR_CHARS[d.int(0, VIN_YEAR_CHARS.length - 1)];
  chars[8] = '0';
  chars[8] = vinCheckDigit(chars.join('')) ?? '0';
  return value.replace(v, chars.join(''));
}

function ssn(d: Draw, value: string): string {
  let area = d.int(1, 899);
  if (area === 666) area = 667;
  const digits = String(area).padStart(3, '0') + String(d.int(1, 99)).padStart(2, '0') + String(d.int(1, 9999)).padStart(4, '0');
  return /\d{9}/.test(value.replace(/\D/g, '')) ? layoutDigits(value, digits, d) : d.shape(value);
}

function imei(d: Draw, value: string): string {
  const n = value.replace(/\D/g, '').length;
  if (n !== 15) return d.shape(value);
  const payload = d.digits(14);
  return layoutDigits(value, payload + luhnCheckDigit(payload), d);
}

function url(d: Draw, value: string): string {
  const m = /^(\s*)([a-z][a-z0-9+.-]*:\/\/)?([^/?#\s]*)([^\s]*?)(\s*)$/i.exec(value);
  if (!m) return d.shape(value);
  const [, lead, scheme, , path, trail] = m;
  const segments = path.split('/').filter((s) => s.length > 0).length;
  const newPath = segments ? '/' + Array.from({ length: Math.min(segments, 4) }, () => d.faker.word.noun().toLowerCase()).join('/') : path.startsWith('/') ? '/' : '';
  return `${lead}${scheme ?? ''}${d.pick(EXAMPLE_DOMAINS)}${newPath}${trail}`;
}

function coordinates(d: Draw, value: string): string {
  let index = 0;
  // Hemisphere letters (N, 51°W) stay; any word in the span is scrambled like the numbers.
  return value.replace(/\p{L}{2,}/gu, (w) => d.shape(w)).replace(/-?\d+(?:\.(\d+))?/g, (num, decimals: string | undefined) => {
    const limit = index++ % 2 === 0 ? 90 : 180;
    const places = decimals?.length ?? 0;
    const n = d.faker.number.float({ min: -limit, max: limit, fractionDigits: places });
    return n.toFixed(places);
  });
}

/** A name-like value from faker, in the original's letter case. */
function styled(value: string, make: () => string): string {
  const c = caseOf(value);
  const lead = value.match(/^\s*/)?.[0] ?? '';
  const trail = value.match(/\s*$/)?.[0] ?? '';
  return lead + applyCase(make(), c) + trail;
}

function person(d: Draw, label: string, value: string): string {
  const f = d.faker.person;
  if (label === 'PREFIX') return styled(value, () => f.prefix());
  // A multi-word FIRSTNAME span is usually a whole name.
  const words = value.trim().split(/\s+/).length;
  if (words > 1) return styled(value, () => `${f.firstName()} ${f.lastName()}`);
  if (label === 'LASTNAME') return styled(value, () => f.lastName());
  if (label === 'MIDDLENAME') return styled(value, () => f.middleName());
  return styled(value, () => f.firstName());
}

function fullMatch(re: RegExp, value: string): boolean {
  re.lastIndex = 0;
  const m = re.exec(value);
  return m !== null && m.index === 0 && m[0].length === value.length;
}

function passes(spec: RecognizerSpec, value: string): boolean {
  return fullMatch(spec.pattern, value) && (spec.validate?.((spec.compact ?? alnumOnly)(value)) ?? true);
}

/** Draws before a registry pseudonym gives up on the check (mod 97 needs ~100, dates and a check ~100). */
const REGISTRY_DRAWS = 5000;

/**
 * A value a registry recognizer proved (an NHS number, a PESEL…) is replaced by one of the same
 * layout that passes the same check: same-shape draws until one does. The scheme is read off the
 * value itself, so the kind need not travel with the finding.
 */
function registryValue(d: Draw, label: string, value: string): string | null {
  const spec = REGISTRY.find((r) => r.label === label && passes(r, value));
  if (!spec) return null;
  for (let i = 0; i < REGISTRY_DRAWS; i++) {
    // Some schemes fix their first characters (AHV's 756, an ITIN's 9): keep 0–3 of them.
    const keep = i % 4;
    const candidate = value.slice(0, keep) + d.shape(value.slice(keep));
    if (candidate !== value && passes(spec, candidate)) return candidate;
  }
  return null;
}

/** Generates one candidate pseudonym for `value` of class `label`. */
function generate(d: Draw, label: string, value: string): string {
  const f = d.faker;
  const proven = registryValue(d, label, value);
  if (proven !== null) return proven;
  switch (label) {
    case 'CREDITCARDNUMBER':
      return card(d, value);
    case 'IBAN':
      return iban(d, value);
    case 'PHONENUMBER':
      return phone(d, value);
    case 'EMAIL':
      return email(d, value);
    case 'FIRSTNAME':
    case 'LASTNAME':
    case 'MIDDLENAME':
    case 'PREFIX':
      return person(d, label, value);
    case 'DATE':
      return dateValue(d, value, false);
    case 'DOB':
      return dateValue(d, value, true);
    case 'TIME':
      return time(d, value);
    case 'IPV4':
      return ipv4(d);
    case 'IPV6':
      return ipv6(d, value);
    case 'IP':
      return value.includes(':') ? ipv6(d, value) : ipv4(d);
    case 'MAC':
      return mac(d, value);
    case 'BIC':
      return bic(d, value);
    case 'BITCOINADDRESS':
      return coin(d, value, ['bc', 'tb'], 0x00);
    case 'LITECOINADDRESS':
      return coin(d, value, ['ltc', 'tltc'], 0x30);
    case 'ETHEREUMADDRESS':
      return ethereum(d, value);
    case 'VEHICLEVIN':
      return vin(d, value);
    case 'SSN':
      return ssn(d, value);
    case 'PHONEIMEI':
      return imei(d, value);
    case 'URL':
      return url(d, value);
    case 'NEARBYGPSCOORDINATE':
      return coordinates(d, value);
    case 'USERNAME':
      return styled(value, () => f.internet.username());
    case 'ACCOUNTNAME':
      return styled(value, () => f.finance.accountName());
    case 'PASSWORD':
      return f.internet.password({ length: Math.max(8, [...value].length) });
    case 'USERAGENT':
      return f.internet.userAgent();
    case 'STREET':
      return styled(value, () => f.location.street());
    case 'SECONDARYADDRESS':
      return styled(value, () => f.location.secondaryAddress());
    case 'CITY':
      return styled(value, () => f.location.city());
    case 'STATE':
      return styled(value, () => f.location.state({ abbreviated: value.trim().length <= 3 }));
    case 'COUNTY':
      return styled(value, () => f.location.county());
    case 'ORDINALDIRECTION':
      return styled(value, () => f.location.ordinalDirection());
    case 'COMPANYNAME':
      return styled(value, () => f.company.name());
    case 'JOBTITLE':
      return styled(value, () => f.person.jobTitle());
    case 'JOBAREA':
      return styled(value, () => f.person.jobArea());
    case 'JOBTYPE':
      return styled(value, () => f.person.jobType());
    case 'GENDER':
      return styled(value, () => f.person.gender());
    case 'SEX':
      return styled(value, () => f.person.sex());
    case 'EYECOLOR':
      return styled(value, () => f.color.human());
    case 'CREDITCARDISSUER':
      return styled(value, () => f.finance.creditCardIssuer());
    case 'CURRENCYCODE':
      return styled(value, () => f.finance.currencyCode());
    case 'CURRENCY':
    case 'CURRENCYNAME':
      return styled(value, () => f.finance.currencyName());
    case 'CURRENCYSYMBOL':
      return f.finance.currencySymbol();
    case 'VEHICLEVRM':
      return /^[A-Z0-9 ]+$/.test(value.trim()) ? d.shape(value) : styled(value, () => f.vehicle.vrm());
    default:
      // ZIPCODE, BUILDINGNUMBER, ACCOUNTNUMBER, PIN, CVV, AGE, HEIGHT, AMOUNT, MASKEDNUMBER, …:
      // same characters classes in the same places.
      return d.shape(value);
  }
}

/** Internal label whose generator is the class-blind shape replacement. */
const SCRAMBLE = '\u0000SCRAMBLE';

/** Attempts before a pseudonym may repeat one already given to another value (tiny domains). */
const MAX_ATTEMPTS = 24;

export class Pseudonymizer {
  private readonly key: Buffer;
  private readonly faker = new Faker({ locale: [en, base] });
  /** (label, canonical original) -> pseudonym. */
  private readonly given = new Map<string, string>();
  /** (label, canonical pseudonym) -> canonical original it was given to. */
  private readonly taken = new Map<string, string>();

  /** `seed`: secret that makes pseudonyms reproducible across runs; without it they are not. */
  constructor(seed?: string) {
    this.key = seed === undefined ? randomBytes(32) : Buffer.from(seed, 'utf8');
  }

  private draw(label: string, canonical: string, attempt: number): Draw {
    const mac = createHmac('sha256', this.key).update(`${label}\u0000${canonical}\u0000${attempt}`).digest();
    const words: number[] = [];
    for (let i = 0; i < mac.length; i += 4) words.push(mac.readUInt32BE(i));
    this.faker.seed(words);
    return new Draw(this.faker);
  }

  /** The pseudonym of `value` (detected as `label`): stable, distinct, never the original. */
  pseudonym(label: string, value: string): string {
    const canonical = canonicalValue(label, value);
    const memoKey = `${label}\u0000${canonical}\u0000${value}`;
    const known = this.given.get(memoKey);
    if (known !== undefined) return known;
    const original = canonical.toLowerCase();
    let result: string | undefined;
    let fallback: string | undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && result === undefined; attempt++) {
      const candidate = generate(this.draw(label, canonical, attempt), label, value);
      const c = canonicalValue(label, candidate);
      const lower = c.toLowerCase();
      if (lower === original || (original.length >= 3 && lower.includes(original))) continue;
      fallback ??= candidate;
      const owner = this.taken.get(`${label}\u0000${c}`);
      if (owner === undefined || owner === canonical) result = candidate;
    }
    // Tiny domains (SEX: two values) can run out of distinct pseudonyms; never out of non-equal
    // ones unless the class has a single value, where the generic shape replacement takes over.
    result ??= fallback ?? this.shapeFallback(label, canonical, value);
    this.given.set(memoKey, result);
    this.taken.set(`${label}\u0000${canonicalValue(label, result)}`, canonical);
    return result;
  }

  /** Letters and digits replaced at random (keyed like pseudonyms), for text of no known class. */
  scramble(value: string): string {
    return this.pseudonym(SCRAMBLE, value);
  }

  private shapeFallback(label: string, canonical: string, value: string): string {
    for (let attempt = MAX_ATTEMPTS; attempt < MAX_ATTEMPTS * 2; attempt++) {
      const s = this.draw(label, canonical, attempt).shape(value);
      if (s.toLowerCase() !== value.toLowerCase()) return s;
    }
    return value.replace(/[\p{L}\p{N}]/gu, '*');
  }
}
