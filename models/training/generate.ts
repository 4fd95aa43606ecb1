/**
 * Synthetic PII corpus generator (seeded, deterministic).
 *
 *   npx tsx models/training/generate.ts --n 60000 --seed 1 --out models/training/work/corpus.jsonl
 *
 * Writes JSONL lines {text, spans: [{start, end, label}], template, split} with UTF-16 offsets and
 * ai4privacy labels. `split` is "train" or "test"; test examples are built only from held-out
 * templates/keys/frames (about 15% of template ids, chosen by hash), so the test F1 measures
 * generalisation to phrasing the model never saw.
 */
import { createWriteStream, readFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Faker, allLocales } from '@faker-js/faker';
import { SENTENCES, GREETINGS, SIGNATURES, CODE, KEYS, NEGATIVE } from './templates';
import { EVERYDAY, loadFiller } from './filler';
import { transliterate, NON_LATIN } from './translit';

const ROOT = resolve(__dirname, '../..');

// ---------- args ----------
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const N = Number(args.get('n') ?? 50000);
const SEED = Number(args.get('seed') ?? process.env.SEED ?? 1);
const OUT = args.get('out') ?? resolve(ROOT, 'models/training/work/corpus.jsonl');
const TEST_FRAC = Number(args.get('test-frac') ?? 0.1);
const HOLDOUT = 0.15;

// ---------- rng ----------
function mulberry32(a: number): () => number {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED * 7919 + 17);
const ri = (n: number): number => Math.floor(rand() * n);
const pick = <T>(a: readonly T[]): T => a[ri(a.length)];
const chance = (p: number): boolean => rand() < p;
function weighted<T>(items: Array<[T, number]>): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rand() * total;
  for (const [v, w] of items) if ((r -= w) <= 0) return v;
  return items[items.length - 1][0];
}
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}
/** Held-out template ids: fixed by hash (independent of seed, so splits stay comparable across runs). */
const heldOut = (id: string): boolean => hash('holdout:' + id) < HOLDOUT;

// ---------- locales ----------
const LOCALES: Array<[string, number]> = [
  ['en_US', 14], ['en_GB', 6], ['en_CA', 2], ['en_AU', 2], ['en_IE', 1], ['en_IN', 1], ['it', 8], ['nl', 6], ['nl_BE', 1],
  ['el', 5], ['es', 7], ['es_MX', 2], ['de', 7], ['de_AT', 1], ['de_CH', 1], ['fr', 6], ['fr_CA', 1], ['fr_BE', 1],
  ['pt_BR', 3], ['pt_PT', 2], ['pl', 2], ['sv', 1], ['da', 1], ['nb_NO', 1], ['fi', 1], ['cs_CZ', 1], ['sk', 1],
  ['ro', 1], ['hr', 1], ['hu', 1], ['tr', 1], ['ru', 1], ['uk', 1], ['lv', 1], ['sl_SI', 1], ['af_ZA', 1],
  ['id_ID', 1], ['vi', 1], ['en_NG', 1], ['en_ZA', 1],
];
const fakers = new Map<string, Faker>();
function fakerFor(loc: string): Faker {
  let f = fakers.get(loc);
  if (!f) {
    const defs = [(allLocales as any)[loc], allLocales.en, allLocales.base].filter(Boolean);
    f = new Faker({ locale: defs });
    fakers.set(loc, f);
  }
  return f;
}
const EN = fakerFor('en_US');
for (const [loc] of LOCALES) fakerFor(loc);
fakerFor('en_GB');
const LATIN_ONLY = /^[\p{Script=Latin}\p{M}\p{N}\p{P}\p{Zs}\p{S}]*$/u;

const WORDY_FIRST = ['Will', 'Grace', 'Jordan', 'Paris', 'Hope', 'Faith', 'Joy', 'Mark', 'Bill', 'Rose', 'April', 'June', 'May', 'Summer', 'Hunter', 'Chase', 'Dawn', 'Amber', 'Sky', 'Brook', 'Crystal', 'Frank', 'Rich', 'Victor', 'Art', 'Pat', 'Sandy', 'Ray', 'Wade', 'Cliff', 'Glen', 'Heath', 'Lane', 'Page', 'Gene', 'Drew', 'Miles', 'Reed', 'Grant', 'Florence', 'Sydney', 'Austin', 'Victoria', 'Georgia', 'Carolina', 'Lourdes', 'Mercedes', 'Angel', 'Sunny', 'Jack', 'Bob', 'Ernest', 'Earl', 'Homer', 'Holly', 'Ivy', 'Iris', 'Olive', 'Pearl', 'Ruby', 'Jade', 'Violet', 'Daisy', 'Robin', 'Gale', 'Destiny', 'Harmony', 'Trinity'];
const WORDY_LAST = ['Smith', 'Baker', 'Miller', 'Young', 'King', 'Wood', 'Stone', 'Hill', 'Green', 'Brown', 'White', 'Black', 'Long', 'Rich', 'Price', 'Cook', 'Fisher', 'Hunter', 'Parker', 'Carpenter', 'Mason', 'Bishop', 'Church', 'Little', 'Moore', 'Bell', 'Strong', 'Snow', 'Winter', 'Summers', 'Fox', 'Wolf', 'Bird', 'Day', 'Knight', 'Rose', 'Lamb', 'Lord', 'Gray', 'Ward', 'Frost', 'Hope', 'Bank', 'Street', 'Cross', 'Ford', 'Banks', 'Brooks', 'Marsh', 'Field', 'Fields', 'Waters', 'Sharp', 'Bean', 'Nice', 'Best', 'Good', 'Love', 'Means', 'Wise', 'Rich', 'Power', 'Moon', 'Sun', 'Rossi', 'Bianchi', 'Ferrari', 'de Vries', 'van Dijk', 'Bakker', 'Visser', 'Müller', 'Schmidt', 'Papadopoulos', 'García', 'López'];
const PREFIXES = ['Mr.', 'Mrs.', 'Ms.', 'Miss', 'Dr.', 'Prof.', 'Mr', 'Mrs', 'Ms', 'Dr', 'Mx.', 'Sir', 'Rev.', 'Herr', 'Frau', 'Sig.', 'Sig.ra', 'Dott.', 'Sr.', 'Sra.', 'M.', 'Mme', 'Dhr.', 'Mevr.', 'Κος', 'Κα'];

function safe<T>(a: () => T, b: () => T): T {
  try {
    return a();
  } catch {
    return b();
  }
}

type Casing = 'keep' | 'lower' | 'title' | 'upper';
const cap = (w: string): string => (w ? w[0].toUpperCase() + w.slice(1) : w);

function applyCase(s: string, c: Casing): string {
  if (c === 'lower') return s.toLowerCase();
  if (c === 'upper') return s.toUpperCase();
  if (c === 'title') return s.toLowerCase().replace(/(^|[\s\-'’.(])(\p{L})/gu, (_, a, b) => a + b.toUpperCase());
  return s;
}
const CASED_CLASSES = new Set(['FIRSTNAME', 'LASTNAME', 'MIDDLENAME', 'PREFIX', 'STREET', 'SECONDARYADDRESS', 'CITY', 'STATE', 'COUNTY', 'COMPANYNAME', 'JOBTITLE', 'ACCOUNTNAME', 'BUILDINGNUMBER', 'ZIPCODE', 'EMAIL', 'USERNAME']);

// ---------- persons and values ----------
interface Person {
  first: string;
  middle: string;
  last: string;
  prefix: string;
  sex: 'female' | 'male';
}

class Ctx {
  persons: Person[] = [];
  values = new Map<string, string>();
  constructor(
    public f: Faker,
    public loc: string,
    public casing: Casing,
  ) {}
  person(i: number): Person {
    while (this.persons.length <= i) {
      const f = chance(0.2) ? fakerFor(weighted(LOCALES)) : this.f;
      const sex = chance(0.5) ? 'female' : 'male';
      const first = chance(0.05) ? pick(WORDY_FIRST) : f.person.firstName(sex);
      // A quarter of surnames come from another locale than the first name (mixed families).
      const lf = chance(0.25) ? fakerFor(weighted(LOCALES)) : f;
      const last = chance(0.04) ? pick(WORDY_LAST) : lf.person.lastName(sex);
      const middle = chance(0.5) ? f.person.firstName(sex) : safe(() => f.person.middleName(sex), () => EN.person.middleName(sex));
      const prefix = chance(0.6) ? pick(PREFIXES) : safe(() => f.person.prefix(sex), () => pick(PREFIXES));
      const p = { first, middle, last, prefix, sex } as Person;
      // Greek/Cyrillic names: often written in Latin letters.
      if (NON_LATIN.test(first + last) && chance(0.6)) {
        p.first = transliterate(first);
        p.middle = transliterate(middle);
        p.last = transliterate(last);
        if (NON_LATIN.test(prefix)) p.prefix = pick(PREFIXES.slice(0, 10));
      }
      this.persons.push(p);
    }
    return this.persons[i];
  }
  caseFor(label: string): Casing {
    if (!CASED_CLASSES.has(label)) return 'keep';
    if (chance(0.1)) return pick<Casing>(['keep', 'lower', 'title', 'upper']);
    return this.casing;
  }
}

const ascii = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9]/g, '');

function emailFor(ctx: Ctx, p: Person): string {
  const f = ctx.f;
  let first = ascii(p.first).toLowerCase();
  let last = ascii(p.last).toLowerCase();
  if (!first) first = ascii(EN.person.firstName()).toLowerCase();
  if (!last) last = ascii(EN.person.lastName()).toLowerCase();
  const local = weighted<string>([
    [`${first}.${last}`, 4], [`${first}${last}`, 2], [`${first[0]}${last}`, 2], [`${first}_${last}`, 1], [`${first}${ri(100)}`, 2],
    [`${last}.${first}`, 1], [`${first}`, 1], [`${first}.${last}${ri(1000)}`, 1], [ascii(f.internet.username()).toLowerCase() || first, 2],
  ]);
  const domain = weighted<string>([
    [f.internet.domainName(), 4], [pick(['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'proton.me', 'gmx.de', 'web.de', 'libero.it', 'orange.fr', 'live.nl', 'yahoo.gr', 'hotmail.es', 'mail.ru', 'aol.com']), 5],
    [`${ascii(EN.company.name()).toLowerCase().slice(0, 14) || 'acme'}.${pick(['com', 'io', 'co.uk', 'de', 'it', 'nl', 'gr', 'es', 'org', 'net', 'eu'])}`, 3],
  ]);
  return `${local}@${domain}`;
}

function digits(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(ri(10));
  return s;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function dateStr(d: Date): string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const mon = MONTHS[m - 1];
  const ord = (n: number): string => n + (n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th');
  return weighted<string>([
    [`${y}-${p2(m)}-${p2(day)}`, 3], [`${p2(m)}/${p2(day)}/${y}`, 2], [`${p2(day)}/${p2(m)}/${y}`, 2], [`${day}.${m}.${y}`, 1],
    [`${p2(day)}.${p2(m)}.${y}`, 1], [`${mon} ${day}, ${y}`, 2], [`${day} ${mon} ${y}`, 2], [`${mon.slice(0, 3)} ${day}, ${y}`, 1],
    [`${ord(day)} ${mon} ${y}`, 1], [`${mon} ${ord(day)}`, 1], [`${m}/${day}/${String(y).slice(2)}`, 1], [`${day}-${mon.slice(0, 3)}-${y}`, 1],
    [`${day} ${mon.slice(0, 3).toLowerCase()} ${y}`, 1], [`${p2(day)}-${p2(m)}-${y}`, 1],
  ]);
}
function timeStr(): string {
  const h = ri(24);
  const m = ri(60);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return weighted<string>([
    [`${p2(h)}:${p2(m)}`, 4], [`${h12}:${p2(m)} ${h < 12 ? 'AM' : 'PM'}`, 2], [`${h12}:${p2(m)}${h < 12 ? 'am' : 'pm'}`, 1],
    [`${p2(h)}:${p2(m)}:${p2(ri(60))}`, 2], [`${h12}${h < 12 ? 'am' : 'pm'}`, 1], [`${h12} ${h < 12 ? 'a.m.' : 'p.m.'}`, 1], [`${h}h${p2(m)}`, 1],
  ]);
}

function phone(f: Faker): string {
  return weighted<() => string>([
    [() => f.phone.number(), 5],
    [() => f.phone.number({ style: 'international' }), 2],
    [() => `+${pick(['1', '44', '39', '31', '30', '34', '49', '33', '351', '48', '46', '41', '43', '32'])} ${digits(3)} ${digits(3)} ${digits(4)}`, 2],
    [() => `(${digits(3)}) ${digits(3)}-${digits(4)}`, 1],
    [() => `${digits(3)}.${digits(3)}.${digits(4)}`, 1],
    [() => `0${digits(3)} ${digits(6)}`, 1],
    // v4: extensions, US international prefix, short national and dotted/dashed groupings
    [() => `${digits(3)}-${digits(3)}-${digits(4)}x${digits(2 + ri(4))}`, 1],
    [() => `001-${digits(3)}-${digits(3)}-${digits(4)}${chance(0.4) ? 'x' + digits(3 + ri(3)) : ''}`, 1],
    [() => `${digits(3)}.${digits(3)}.${digits(4)}x${digits(3 + ri(2))}`, 0.5],
    [() => `(${digits(2)}) ${digits(3)}-${digits(3)}`, 0.5],
    [() => `${digits(2)}-${digits(2)}-${digits(2)}-${digits(2)}`, 0.5],
    [() => `0${digits(2)} ${digits(4)} ${digits(4)}`, 0.5],
    [() => `${digits(2)} ${digits(6)}`, 0.5],
    [() => `+${digits(2)} ${digits(2)} ${digits(3)} ${digits(2)} ${digits(2)}`, 0.5],
    [() => `${digits(3)} ${digits(3)} ${digits(4)}`, 0.5],
  ])();
}

function ssn(): string {
  let area = 1 + ri(899);
  if (area === 666) area = 667;
  const a = String(area).padStart(3, '0');
  const g = String(1 + ri(99)).padStart(2, '0');
  const s = String(1 + ri(9999)).padStart(4, '0');
  return weighted<string>([[`${a}-${g}-${s}`, 6], [`${a}${g}${s}`, 1], [`${a} ${g} ${s}`, 1]]);
}

function card(f: Faker): string {
  const issuer = pick(['visa', 'mastercard', 'amex', 'discover', 'jcb', 'diners_club', 'maestro']);
  let n = f.finance.creditCardNumber({ issuer }).replace(/[^0-9]/g, '');
  if (n.length < 13) n = f.finance.creditCardNumber('visa').replace(/[^0-9]/g, '');
  return weighted<string>([
    [n, 3], [n.replace(/(\d{4})(?=\d)/g, '$1 '), 3], [n.replace(/(\d{4})(?=\d)/g, '$1-'), 2],
  ]);
}

function username(ctx: Ctx, p: Person): string {
  const first = ascii(p.first).toLowerCase() || 'user';
  const last = ascii(p.last).toLowerCase() || 'x';
  return weighted<string>([
    [ctx.f.internet.username({ firstName: ascii(p.first) || undefined, lastName: ascii(p.last) || undefined }), 4],
    [`${first}${last[0]}`, 1], [`${first[0]}${last}`, 2], [`${first}_${ri(100)}`, 1], [`${last}${ri(1000)}`, 1],
    [EN.internet.username(), 2], [`${EN.word.adjective()}_${EN.word.noun()}${ri(100)}`, 1],
  ]);
}

function password(ctx: Ctx): string {
  return weighted<string>([
    [ctx.f.internet.password({ length: 8 + ri(10) }), 4],
    [`${pick(WORDY_FIRST)}${ri(10000)}${pick(['!', '@', '#', '$', '?', ''])}`, 2],
    [`${EN.word.noun()}${pick(['_', '-', '.', ''])}${EN.word.noun()}${ri(100)}`, 2],
    [EN.internet.password({ length: 12, memorable: true }), 1],
    [EN.string.alphanumeric(16 + ri(16)), 1],
  ]);
}

function url(ctx: Ctx, p: Person): string {
  const user = username(ctx, p).replace(/[^A-Za-z0-9_.-]/g, '');
  return weighted<string>([
    [ctx.f.internet.url(), 2],
    [`https://www.linkedin.com/in/${user.toLowerCase()}`, 2],
    [`https://github.com/${user}`, 2],
    [`https://twitter.com/${user}`, 1],
    [`https://www.facebook.com/${user.toLowerCase()}`, 1],
    [`${ctx.f.internet.url()}/${EN.word.noun()}/${ri(100000)}`, 1],
    [`https://instagram.com/${user.toLowerCase()}`, 1],
    [`www.${ctx.f.internet.domainName()}`, 1],
  ]);
}

const STREET_LEAD: Record<string, string[]> = {
  it: ['Via', 'Viale', 'Piazza', 'Corso', 'Largo', 'Vicolo', 'Piazzale', 'Strada'],
  es: ['Calle', 'Avenida', 'Plaza', 'Paseo', 'Camino', 'Carrera', 'Ronda'],
  es_MX: ['Calle', 'Avenida', 'Privada', 'Calzada'],
  fr: ['Rue', 'Avenue', 'Boulevard', 'Place', 'Chemin', 'Allée', 'Impasse', 'Quai'],
  pt_BR: ['Rua', 'Avenida', 'Travessa', 'Alameda', 'Praça'],
  pt_PT: ['Rua', 'Avenida', 'Travessa', 'Largo', 'Praça'],
  el: ['Odos', 'Leoforos', 'Plateia', 'οδός', 'Λεωφόρος'],
  ro: ['Strada', 'Bulevardul', 'Aleea', 'Calea'],
};
const STREET_TAIL: Record<string, string[]> = {
  de: ['straße', 'str.', 'weg', 'platz', 'allee', 'gasse', 'ring'],
  de_AT: ['gasse', 'straße', 'weg', 'platz'],
  de_CH: ['strasse', 'weg', 'gasse', 'platz'],
  nl: ['straat', 'laan', 'weg', 'plein', 'gracht', 'kade', 'singel', 'dreef'],
  nl_BE: ['straat', 'laan', 'steenweg', 'plein'],
  sv: ['gatan', 'vägen', 'gränd'],
  da: ['gade', 'vej', 'allé'],
  nb_NO: ['gata', 'veien', 'gate'],
};
/** Street names: faker's, plus "Via Goffredo Mameli" / "Van Goghstraat"-style compositions. */
function streetName(f: Faker, loc: string): string {
  if (chance(0.5)) return f.location.street();
  const lead = STREET_LEAD[loc];
  const tail = STREET_TAIL[loc];
  let s: string;
  if (lead) s = `${pick(lead)} ${chance(0.6) ? f.person.firstName() + ' ' : ''}${f.person.lastName()}`;
  else if (tail) s = `${chance(0.3) ? f.person.firstName() + ' ' : ''}${f.person.lastName()}${pick(tail)}`;
  else s = f.location.street();
  return NON_LATIN.test(s) && chance(0.6) ? transliterate(s) : s;
}

function countyFor(ctx: Ctx): string {
  const l = (allLocales as any)[ctx.loc]?.location;
  if (l?.county) return ctx.f.location.county();
  return pick([EN, fakerFor('en_GB')]).location.county();
}

/** Invented brand names: "Solarlist", "Genability", "Itriage" (most companies are not "X Inc."). */
const BRAND_HEADS = ['solar', 'data', 'geo', 'bio', 'med', 'health', 'cloud', 'quant', 'net', 'open', 'smart', 'green', 'blue', 'nova', 'zen', 'opti', 'inno', 'tele', 'info', 'eco', 'terra', 'aqua', 'hyper', 'meta', 'omni', 'pixel', 'lend', 'muck', 'gen', 'home', 'trip', 'park', 'job', 'code', 'shop', 'car', 'food', 'fin', 'insur', 'legal'];
const BRAND_TAILS = ['list', 'ability', 'ify', 'ly', 'io', 'doo', 'rock', 'hub', 'base', 'works', 'sense', 'logic', 'mind', 'gate', 'wise', 'scape', 'tech', 'labs', 'ster', 'era', 'ia', 'ex', 'igo', 'ara', 'ico', 'map', 'vibe', 'rise', 'nest', 'box'];
const INDUSTRY = ['Health', 'Analytics', 'Data', 'Labs', 'Bioscience', 'Traffic', 'App', 'Technologies', 'Solutions', 'Systems', 'Networks', 'Media', 'Capital', 'Partners', 'Consulting', 'Energy', 'Logistics', 'Software', 'Digital', 'Research', 'Group', 'International', 'Corporation', 'Foundation', 'Pharma', 'Ventures', 'Insurance', 'Bank', 'Motors', 'Airlines'];
function brandName(): string {
  const w = pick(BRAND_HEADS) + pick(BRAND_TAILS);
  return w[0].toUpperCase() + w.slice(1);
}

/** Shop, restaurant and trade names: "Kessel Food Market", "Dee's Drive-In", "The Flying Bear". */
const SHOP_KINDS = ['Cafe', 'Diner', 'Bakery', 'Deli', 'Food Market', 'Grocery', 'Auto Parts', 'Auto Repair', 'Lawn Care', 'Garden Maintenance', 'Garden Centre', 'Interior Design', 'Menswear', 'Boutique', 'Record Shop', 'Books', 'Hardware', 'Pharmacy', 'Pizzeria', 'Bistro', 'Tavern', 'Pub', 'Grill', 'Salon', 'Barbers', 'Dry Cleaners', 'Florist', 'Pet Supplies', 'Home Centers', 'Furniture', 'Appliances', 'Accessories', 'Cafeteria', 'Drive-In', 'Steakhouse', 'Plumbing', 'Electric', 'Roofing', 'Realty', 'Travel', 'Fitness', 'Toys', 'Outfitters', 'Bike Shop', 'Tailors', 'Music', 'Liquors', 'Motel', 'Inn', 'Dental Care', 'Day Care'];
const SHOP_ADJ = ['Golden', 'Silver', 'Platinum', 'Little', 'Big', 'Happy', 'Flying', 'Jolly', 'Red', 'Green', 'Blue', 'Royal', 'Sunny', 'Lucky', 'Old Town', 'Corner', 'Family', 'Second Time', 'Rainbow', 'Main Street', 'Village', 'Urban', 'Classic', 'Fresh', 'Quick', 'Best', 'Prime', 'White', 'Black', 'Wild'];
const SHOP_NOUN = ['Bear', 'Rabbit', 'Fox', 'Owl', 'Farmer', 'Anchor', 'Lantern', 'Oak', 'Pine', 'Kettle', 'Spoon', 'Wheel', 'Barrel', 'Acorn', 'Harbor', 'Lion', 'Crown', 'Mill', 'Bridge', 'Garden', 'Star', 'Moon', 'River', 'Stone', 'Willow'];
function shopName(f: Faker): string {
  return weighted<() => string>([
    [() => `${f.person.lastName()}'s ${pick(SHOP_KINDS)}`, 2],
    [() => `${f.person.firstName()}'s ${pick(SHOP_KINDS)}`, 1],
    [() => `The ${pick(SHOP_ADJ)} ${pick(SHOP_NOUN)}`, 2],
    [() => `${pick(SHOP_ADJ)} ${pick(SHOP_KINDS)}`, 2],
    [() => `${pick(SHOP_NOUN)} & ${pick(SHOP_NOUN)}`, 1],
    [() => `${f.person.lastName()} ${pick(SHOP_KINDS)}`, 2],
    [() => `${cap(EN.word.noun())} ${pick(SHOP_KINDS)}`, 1],
    [() => `${brandName()} ${pick(SHOP_KINDS)}`, 1],
  ])();
}

function companyName(f: Faker): string {
  return weighted<() => string>([
    [() => shopName(f), 1.5],
    [() => brandName(), 3],
    [() => `${chance(0.5) ? brandName() : f.person.lastName()} ${pick(INDUSTRY)}`, 3],
    [() => `${cap(EN.word.noun())} ${pick(INDUSTRY)}`, 1],
    [() => `${f.person.lastName()}-${f.person.lastName()}`, 1],
    [() => `${f.person.lastName()}, ${f.person.lastName()} and ${f.person.lastName()}`, 1],
    [() => `${cap(EN.word.adjective())} ${cap(EN.word.noun())}`, 1],
    [() => `${String.fromCharCode(65 + ri(26))}${String.fromCharCode(65 + ri(26))} ${f.person.lastName()}`, 0.5],
    [() => f.company.name(), 5],
    [() => `${f.person.lastName()} ${pick(['Inc.', 'LLC', 'Ltd', 'GmbH', 'S.p.A.', 'B.V.', 'S.A.', 'AG', '& Co.', 'Group', 'Holdings', 'Partners', 'Consulting', 'S.r.l.', 'SARL', 'plc'])}`, 3],
    [() => `${cap(EN.word.adjective())} ${EN.word.noun()} ${pick(['Inc.', 'Ltd.', 'Labs', 'Systems', 'Solutions', 'Technologies', 'Studio', 'Foods', 'Logistics'])}`, 2],
  ])();
}

/** One value for an atomic class. */
function value(label: string, ctx: Ctx, pi: number): string {
  try {
    return valueWith(label, ctx, pi, ctx.f);
  } catch (e) {
    if (String(e).includes('no value for')) throw e;
    return valueWith(label, ctx, pi, EN);
  }
}
function valueWith(label: string, ctx: Ctx, pi: number, f: Faker): string {
  const p = (): Person => ctx.person(pi);
  switch (label) {
    case 'FIRSTNAME': return p().first;
    case 'LASTNAME': return p().last;
    case 'MIDDLENAME': return p().middle;
    case 'PREFIX': return p().prefix;
    case 'EMAIL': return chance(0.8) ? emailFor(ctx, p()) : f.internet.email();
    case 'USERNAME': return username(ctx, p());
    case 'PASSWORD': return password(ctx);
    case 'PHONENUMBER': return phone(f);
    case 'PHONEIMEI': return f.phone.imei();
    case 'STREET': return streetName(f, ctx.loc);
    case 'BUILDINGNUMBER': return f.location.buildingNumber().trim();
    case 'SECONDARYADDRESS': return f.location.secondaryAddress();
    case 'CITY': { const c = f.location.city(); return NON_LATIN.test(c) && chance(0.6) ? transliterate(c) : c; }
    case 'STATE': return chance(0.25) ? f.location.state({ abbreviated: true }) : f.location.state();
    case 'COUNTY': return countyFor(ctx);
    case 'ZIPCODE': return f.location.zipCode();
    case 'COMPANYNAME': return companyName(f);
    case 'JOBTITLE': return chance(0.5) ? EN.person.jobTitle() : pick(['nurse', 'software engineer', 'teacher', 'accountant', 'lawyer', 'HR manager', 'data analyst', 'pharmacist', 'sales representative', 'electrician', 'project manager', 'receptionist', 'CEO', 'CTO', 'marketing director', 'general practitioner', 'paralegal', 'cashier', 'driver', 'architect', 'dentist', 'financial advisor']);
    case 'JOBAREA': return EN.person.jobArea();
    case 'JOBTYPE': return EN.person.jobType();
    case 'DATE': return dateStr(f.date.between({ from: '2015-01-01', to: '2027-12-31' }));
    case 'DOB': return dateStr(f.date.birthdate({ mode: 'age', min: 1, max: 95 }));
    case 'TIME': return timeStr();
    case 'AGE': return String(1 + ri(95));
    case 'SEX': return pick(['female', 'male', 'F', 'M', 'Female', 'Male']);
    case 'GENDER': return EN.person.gender();
    case 'EYECOLOR': return pick(['blue', 'brown', 'green', 'hazel', 'grey', 'amber', 'Blue', 'Brown']);
    case 'HEIGHT': return pick([`${150 + ri(50)} cm`, `${4 + ri(3)}'${ri(12)}"`, `${1 + ri(2)}.${digits(2)} m`, `${5 + ri(2)} ft ${ri(12)} in`]);
    case 'IBAN': return chance(0.4) ? f.finance.iban({ formatted: true }) : f.finance.iban();
    case 'BIC': return f.finance.bic({ includeBranchCode: chance(0.4) });
    case 'CREDITCARDNUMBER': return card(f);
    case 'CREDITCARDCVV': return f.finance.creditCardCVV();
    case 'CREDITCARDISSUER': return pick(['Visa', 'Mastercard', 'American Express', 'Amex', 'Discover', 'Maestro', 'JCB', 'Diners Club', 'VISA']);
    case 'PIN': return digits(4 + (chance(0.2) ? 2 : 0));
    case 'SSN': return ssn();
    case 'IP': return chance(0.7) ? f.internet.ipv4() : f.internet.ipv6();
    case 'IPV4': return f.internet.ipv4();
    case 'IPV6': return chance(0.8) ? f.internet.ipv6() : f.internet.ipv6().replace(/(:0{1,4})+:/, '::').replace(/^([0-9a-f]{1,4}:[0-9a-f]{1,4}):.*:([0-9a-f]{1,4})$/, '$1::$2');
    case 'MAC': return chance(0.7) ? f.internet.mac() : f.internet.mac(pick(['-', ''])).toUpperCase();
    case 'URL': return url(ctx, p());
    case 'USERAGENT': return f.internet.userAgent();
    case 'ACCOUNTNUMBER': return chance(0.7) ? f.finance.accountNumber(8 + ri(5)) : `${digits(4)}-${digits(4)}-${digits(2)}`;
    case 'ACCOUNTNAME': return f.finance.accountName();
    case 'AMOUNT': return pick([f.finance.amount(), f.finance.amount({ dec: 0 }), f.finance.amount({ min: 1000, max: 100000 }), Number(f.finance.amount({ min: 1000, max: 900000 })).toLocaleString('en-US'), f.finance.amount().replace('.', ',')]);
    case 'BITCOINADDRESS': return f.finance.bitcoinAddress();
    case 'ETHEREUMADDRESS': return f.finance.ethereumAddress();
    case 'LITECOINADDRESS': return f.finance.litecoinAddress();
    case 'VEHICLEVIN': return f.vehicle.vin();
    case 'VEHICLEVRM': return chance(0.5) ? f.vehicle.vrm() : `${EN.string.alpha({ length: 2, casing: 'upper' })}-${digits(3)}-${EN.string.alpha({ length: 2, casing: 'upper' })}`;
    case 'NEARBYGPSCOORDINATE': return f.location.nearbyGPSCoordinate().join(', ');
    case 'ORDINALDIRECTION': return f.location.ordinalDirection();
    case 'CURRENCYCODE': return f.finance.currencyCode();
    case 'CURRENCYSYMBOL': return pick(['$', '€', '£', '¥', '₹', 'CHF', 'kr']);
    case 'CURRENCYNAME': return f.finance.currencyName();
    default: throw new Error('no value for ' + label);
  }
}

// ---------- text builder ----------
interface Span {
  start: number;
  end: number;
  label: string;
}
class Builder {
  text = '';
  spans: Span[] = [];
  lit(s: string): void {
    this.text += s;
  }
  ent(label: string, v: string): void {
    const t = v.trim();
    if (!t) return;
    const start = this.text.length;
    this.text += t;
    this.spans.push({ start, end: this.text.length, label });
  }
}

/** A person's name in one of many formats, each part its own span. */
function emitName(b: Builder, ctx: Ctx, pi: number, full: boolean): void {
  const p = ctx.person(pi);
  const c = (l: string): Casing => ctx.caseFor(l);
  const F = (): void => b.ent('FIRSTNAME', applyCase(p.first, c('FIRSTNAME')));
  const L = (): void => b.ent('LASTNAME', applyCase(p.last, c('LASTNAME')));
  const M = (): void => b.ent('MIDDLENAME', applyCase(p.middle, c('MIDDLENAME')));
  const P = (): void => b.ent('PREFIX', applyCase(p.prefix, c('PREFIX')));
  const fmt = weighted<string>(
    full
      ? [['FL', 10], ['FML', 2], ['PFL', 2], ['LcF', 1], ['FIL', 1]]
      : [['FL', 10], ['FML', 2], ['PFL', 2], ['PL', 2], ['LcF', 2], ['F', 2], ['LF', 1], ['FIL', 1], ['PFML', 1], ['iL', 1]],
  );
  switch (fmt) {
    case 'FL': F(); b.lit(' '); L(); break;
    case 'FML': F(); b.lit(' '); M(); b.lit(' '); L(); break;
    case 'PFL': P(); b.lit(' '); F(); b.lit(' '); L(); break;
    case 'PL': P(); b.lit(' '); L(); break;
    case 'LcF': L(); b.lit(', '); F(); break;
    case 'F': F(); break;
    case 'LF': L(); b.lit(' '); F(); break;
    case 'FIL': F(); b.lit(' '); b.ent('MIDDLENAME', p.middle[0].toUpperCase() + '.'); b.lit(' '); L(); break;
    case 'PFML': P(); b.lit(' '); F(); b.lit(' '); M(); b.lit(' '); L(); break;
    case 'iL': b.ent('FIRSTNAME', p.first[0].toUpperCase() + '.'); b.lit(' '); L(); break;
  }
}

function emitAddress(b: Builder, ctx: Ctx, inline: boolean): void {
  const e = (l: string): void => b.ent(l, applyCase(value(l, ctx, 0), ctx.caseFor(l)));
  const sep = inline ? pick([', ', ', ', ' ', ' - ']) : pick(['\n', '\n', '\n ', ', \n']);
  const eu = !/^en/.test(ctx.loc) || chance(0.15);
  const parts: Array<() => void> = [];
  const streetLine = (): void => {
    if (eu && chance(0.8)) { e('STREET'); b.lit(' '); e('BUILDINGNUMBER'); }
    else { e('BUILDINGNUMBER'); b.lit(' '); e('STREET'); }
    if (chance(0.1)) { b.lit(' '); e('BUILDINGNUMBER'); }
  };
  parts.push(streetLine);
  if (chance(0.35)) parts.push(() => e('SECONDARYADDRESS'));
  const cityLine = weighted<() => void>([
    [() => { e('ZIPCODE'); b.lit(' '); e('CITY'); }, eu ? 4 : 1],
    [() => { e('CITY'); b.lit(', '); e('STATE'); b.lit(' '); e('ZIPCODE'); }, eu ? 1 : 4],
    [() => { e('CITY'); }, 2],
    [() => { e('CITY'); b.lit(' '); e('ZIPCODE'); }, 1],
    [() => { e('ZIPCODE'); b.lit(' '); e('CITY'); b.lit(' ('); e('STATE'); b.lit(')'); }, ctx.loc === 'it' ? 2 : 0.2],
    [() => { e('CITY'); b.lit(', '); e('STATE'); }, 1],
    [() => { e('CITY'); b.lit(', '); e('COUNTY'); b.lit(' '); e('ZIPCODE'); }, ctx.loc === 'en_GB' ? 2 : 0.2],
  ]);
  parts.push(cityLine);
  // Countries are no ai4privacy class: part of the address text, but unlabelled.
  if (chance(0.2)) {
    const country = chance(0.3) ? pick(['USA', 'Italy', 'Italia', 'Nederland', 'Deutschland', 'Greece', 'España', 'France', 'UK']) : EN.location.country();
    parts.push(() => {
      b.lit(applyCase(country, ctx.caseFor('CITY')));
      if (chance(0.3)) { b.lit(' '); e('ZIPCODE'); }
    });
  }
  if (chance(0.05)) return emitMilitaryAddress(b, ctx, sep);
  if (chance(0.05)) parts[0] = () => { b.lit(pick(['P.O. Box ', 'PO Box ', 'Postbox ', 'Box '])); b.ent('BUILDINGNUMBER', String(1 + ri(9999))); };
  parts.forEach((fn, i) => {
    if (i > 0) b.lit(sep);
    fn();
  });
}

/** US military mail ("PSC 8139, Box 3699 / APO AE 99874"): unit and box as the street line. */
function emitMilitaryAddress(b: Builder, ctx: Ctx, sep: string): void {
  const c = (l: string, v: string): void => b.ent(l, applyCase(v, ctx.caseFor(l)));
  weighted<() => void>([
    [() => c('STREET', `PSC ${digits(4)}, Box ${digits(4)}`), 1],
    [() => c('STREET', `Unit ${digits(4)} Box ${digits(4)}`), 1],
    [() => c('STREET', `${pick(['USNS', 'USS', 'USNV', 'USCGC'])} ${EN.person.lastName()}`), 1],
  ])();
  b.lit(sep.includes('\n') ? '\n' : ' ');
  c('CITY', pick(['APO', 'FPO', 'DPO']));
  b.lit(' ');
  c('STATE', pick(['AE', 'AA', 'AP']));
  b.lit(' ');
  c('ZIPCODE', digits(5));
}

function emitMoney(b: Builder, ctx: Ctx): void {
  const amt = value('AMOUNT', ctx, 0);
  weighted<() => void>([
    [() => { b.ent('CURRENCYSYMBOL', pick(['$', '€', '£', '¥', '₹'])); b.ent('AMOUNT', amt); }, 4],
    [() => { b.ent('AMOUNT', amt); b.lit(' '); b.ent('CURRENCYCODE', pick(['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'PLN', 'JPY'])); }, 2],
    [() => { b.ent('CURRENCYCODE', pick(['EUR', 'USD', 'GBP', 'CHF'])); b.lit(' '); b.ent('AMOUNT', amt); }, 1],
    [() => { b.ent('AMOUNT', amt); b.lit(' '); b.ent('CURRENCYSYMBOL', pick(['€', '$', 'kr'])); }, 1],
    [() => { b.ent('AMOUNT', amt); b.lit(' '); b.ent('CURRENCYNAME', pick(['euros', 'dollars', 'pounds', 'Euro', 'US dollars'])); }, 1],
  ])();
}

const SLOT = /\{([A-Z0-9]+?)([23]?)\}/g;
function render(b: Builder, tpl: string, ctx: Ctx): void {
  let last = 0;
  for (const m of tpl.matchAll(SLOT)) {
    b.lit(tpl.slice(last, m.index));
    last = m.index! + m[0].length;
    const slot = m[1];
    const pi = m[2] ? Number(m[2]) - 1 : 0;
    const key = slot + pi;
    if (slot === 'NAME' || slot === 'FULLNAME') emitName(b, ctx, pi, slot === 'FULLNAME');
    else if (slot === 'ADDRESS') emitAddress(b, ctx, chance(0.6));
    else if (slot === 'MONEY') emitMoney(b, ctx);
    else {
      // Same slot twice in one template (e.g. '{LASTNAME}, {FIRSTNAME}' repeated) reuses the value.
      let v = ctx.values.get(key);
      if (v === undefined || !['FIRSTNAME', 'LASTNAME', 'MIDDLENAME', 'PREFIX', 'EMAIL', 'USERNAME'].includes(slot)) {
        v = applyCase(value(slot, ctx, pi), ctx.caseFor(slot));
        ctx.values.set(key, v);
      }
      b.ent(slot, v);
    }
  }
  b.lit(tpl.slice(last));
}

// ---------- negatives' fake tokens ----------
function negToken(name: string): string {
  switch (name) {
    case 'INT': return String(ri(chance(0.5) ? 100 : 10000));
    case 'UUID': return EN.string.uuid();
    case 'SHA': return EN.git.commitSha({ length: chance(0.5) ? 7 : 40 });
    case 'SHA256': return EN.string.hexadecimal({ length: 64, casing: 'lower', prefix: '' });
    case 'HEXSHORT': return EN.string.hexadecimal({ length: 8 + ri(8), casing: 'lower', prefix: '' });
    case 'VERSION': return (chance(0.3) ? 'v' : '') + EN.system.semver();
    case 'HEX': return EN.color.rgb({ casing: pick(['lower', 'upper']) as any });
    case 'ISO': return pick(['2024-03-01T12:00:00Z', '2023-11-17 08:15:42,123', '[2025-01-09 10:11:12]', '2024-07-22T16:45:03.512Z']);
    case 'PORT': return String(pick([80, 443, 3000, 5432, 6379, 8000, 8080, 8443, 9090, 27017]));
    case 'FIELD': return pick(['firstName', 'lastName', 'user_email', 'phoneNumber', 'billingAddress', 'zip_code', 'cardNumber', 'dateOfBirth', 'userName', 'ssn', 'iban', 'street_name', 'city', 'fullName', 'getEmail()', 'passwordHash']);
    default: return name;
  }
}
function renderNegative(tpl: string): string {
  return tpl.replace(/\{([A-Z0-9]+)\}/g, (_, n) => negToken(n));
}

// ---------- corpus pools ----------
interface Tpl {
  id: string;
  text: string;
}
function pools(list: Tpl[]): { train: Tpl[]; test: Tpl[] } {
  const train = list.filter((t) => !heldOut(t.id));
  const test = list.filter((t) => heldOut(t.id));
  return { train, test: test.length ? test : train };
}
const sentenceList: Tpl[] = Object.entries(SENTENCES).flatMap(([g, ts]) => ts.map((text, i) => ({ id: `s:${g}:${i}`, text })));
const POOLS = {
  sent: pools(sentenceList),
  greet: pools(GREETINGS.map((text, i) => ({ id: `greet:${i}`, text }))),
  sig: pools(SIGNATURES.map((text, i) => ({ id: `sig:${i}`, text }))),
  code: pools(CODE.map((text, i) => ({ id: `code:${i}`, text }))),
  neg: pools(NEGATIVE.map((text, i) => ({ id: `neg:${i}`, text }))),
};
const keyPools: Record<string, { train: string[]; test: string[] }> = {};
for (const [cls, keys] of Object.entries(KEYS)) {
  const train = keys.filter((k) => !heldOut(`key:${cls}:${k}`));
  const test = keys.filter((k) => heldOut(`key:${cls}:${k}`));
  keyPools[cls] = { train: train.length ? train : keys, test: test.length ? test : train };
}

// ---------- filler ----------
const lexWords = JSON.parse(readFileSync(process.env.PII_LINT_LEXICON ?? resolve(ROOT, 'models/pii-lint-mini/lexicon.json'), 'utf8')).words as Record<string, number>;
const firstNames = new Set(Object.keys(lexWords).filter((k) => lexWords[k] & 1 && !(lexWords[k] & 16)));
const DOC_FILLER = loadFiller(ROOT, firstNames);
function filler(): string {
  return weighted<() => string>([
    [() => pick(DOC_FILLER), 5],
    [() => pick(EVERYDAY), 4],
    [() => EN.hacker.phrase(), 1],
    [() => EN.company.catchPhrase() + '.', 0.5],
    [() => EN.commerce.productDescription(), 0.5],
  ])();
}
function fillers(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(filler());
  return out.join(' ');
}

// ---------- situations ----------
type Split = 'train' | 'test';
interface Example {
  text: string;
  spans: Span[];
  template: string;
  split: Split;
}

function kvLine(b: Builder, ctx: Ctx, cls: string, split: Split, style: string, ids: string[]): void {
  const key = pick(keyPools[cls][split]);
  ids.push(`key:${cls}:${key}`);
  const emit = (): void => {
    if (cls === 'NAME') emitName(b, ctx, 0, true);
    else if (cls === 'ADDRESS') emitAddress(b, ctx, true);
    else if (cls === 'MONEY') emitMoney(b, ctx);
    else render(b, `{${cls}}`, ctx);
  };
  switch (style) {
    case 'colon': b.lit(`${key}: `); emit(); break;
    case 'eq': b.lit(`${key.replace(/\s+/g, '_').toUpperCase()}=`); emit(); break;
    case 'json': b.lit(`"${key.replace(/\s+/g, '_')}": "`); emit(); b.lit('"'); break;
    case 'yaml': b.lit(`${key.replace(/\s+/g, '_').toLowerCase()}: `); emit(); break;
    case 'md': b.lit(`- **${key}:** `); emit(); break;
    case 'table': b.lit(`| ${key} | `); emit(); b.lit(' |'); break;
    case 'xml': { const k = key.replace(/[^A-Za-z]/g, '') || 'field'; b.lit(`<${k}>`); emit(); b.lit(`</${k}>`); break; }
  }
}

const KV_SETS: string[][] = [
  ['NAME', 'EMAIL', 'PHONENUMBER'], ['FIRSTNAME', 'LASTNAME', 'DOB', 'ADDRESS'], ['NAME', 'DOB', 'SSN', 'PHONENUMBER'],
  ['USERNAME', 'PASSWORD', 'IPV4'], ['NAME', 'IBAN', 'BIC', 'MONEY'], ['NAME', 'CREDITCARDNUMBER', 'CREDITCARDCVV', 'DATE'],
  ['NAME', 'JOBTITLE', 'COMPANYNAME', 'EMAIL'], ['STREET', 'BUILDINGNUMBER', 'ZIPCODE', 'CITY', 'STATE'], ['NAME', 'AGE', 'GENDER', 'CITY'],
  ['VEHICLEVRM', 'VEHICLEVIN', 'NAME'], ['ACCOUNTNAME', 'ACCOUNTNUMBER', 'MONEY'], ['EMAIL', 'URL', 'USERNAME'], ['MAC', 'IPV4', 'IPV6'],
  ['BITCOINADDRESS', 'ETHEREUMADDRESS', 'MONEY'], ['NAME', 'ADDRESS', 'PHONENUMBER', 'EMAIL'], ['FIRSTNAME', 'MIDDLENAME', 'LASTNAME', 'SEX', 'DOB'],
  ['NAME', 'DATE', 'TIME'], ['COMPANYNAME', 'ADDRESS', 'PHONENUMBER'], ['USERNAME', 'EMAIL', 'PASSWORD', 'USERAGENT'], ['NAME', 'PHONEIMEI', 'PIN'],
  ['PREFIX', 'FIRSTNAME', 'LASTNAME', 'COUNTY', 'ZIPCODE'],
];

function kvBlock(b: Builder, ctx: Ctx, split: Split, ids: string[]): void {
  const style = pick(['colon', 'colon', 'eq', 'json', 'yaml', 'md', 'table', 'xml']);
  ids.push(`kv:${style}`);
  let set = pick(KV_SETS).filter(() => chance(0.85));
  if (!set.length) set = ['NAME'];
  if (style === 'json') b.lit(pick(['{', '{\n  ', '  {"id": ' + ri(9999) + ', ']));
  set.forEach((cls, i) => {
    if (i > 0) b.lit(style === 'json' ? pick([', ', ',\n  ']) : style === 'xml' ? '' : '\n');
    kvLine(b, ctx, cls, split, style, ids);
  });
  if (style === 'json') b.lit(pick(['}', '\n}', ' },']));
}

function csvBlock(b: Builder, ctx: Ctx, ids: string[]): void {
  const sets = [['FIRSTNAME', 'LASTNAME', 'EMAIL'], ['NAME', 'PHONENUMBER', 'CITY'], ['EMAIL', 'IPV4', 'DATE'], ['NAME', 'IBAN', 'AMOUNT'], ['FIRSTNAME', 'LASTNAME', 'DOB', 'ZIPCODE']];
  const cols = pick(sets);
  ids.push('csv');
  const delim = pick([',', ';', '\t', '|']);
  b.lit(cols.map((c) => pick(KEYS[c] ?? [c.toLowerCase()]).replace(/\s+/g, '_').toLowerCase()).join(delim) + '\n');
  const rows = 1 + ri(3);
  for (let r = 0; r < rows; r++) {
    const rowCtx = new Ctx(ctx.f, ctx.loc, ctx.casing);
    cols.forEach((c, i) => {
      if (i > 0) b.lit(delim);
      if (c === 'NAME') emitName(b, rowCtx, 0, true);
      else render(b, `{${c}}`, rowCtx);
    });
    b.lit('\n');
  }
}

function sentencesBlock(b: Builder, ctx: Ctx, split: Split, ids: string[], n: number): void {
  for (let i = 0; i < n; i++) {
    if (i > 0 || b.text.length) b.lit(pick([' ', ' ', '\n', '\n\n']));
    if (chance(0.35)) { b.lit(fillers(1 + ri(2))); b.lit(' '); }
    const t = pick(POOLS.sent[split]);
    ids.push(t.id);
    render(b, t.text, ctx);
    if (chance(0.3)) { b.lit(' '); b.lit(fillers(1)); }
  }
}

function example(split: Split): Example {
  const loc = weighted(LOCALES);
  const f = fakerFor(loc);
  const casing = weighted<Casing>([['keep', 60], ['lower', 25], ['title', 7], ['upper', 8]]);
  const ctx = new Ctx(f, loc, casing);
  const b = new Builder();
  const ids: string[] = [];
  const situation = weighted<string>([
    ['negative', 28], ['prose', 20], ['email', 12], ['chat', 6], ['kv', 12], ['code', 10], ['csv', 3], ['commit', 3], ['mixed', 6],
  ]);
  ids.push(situation);
  switch (situation) {
    case 'negative': {
      const n = 1 + ri(4);
      for (let i = 0; i < n; i++) {
        if (i > 0) b.lit(pick([' ', '\n', '\n\n']));
        if (chance(0.5)) b.lit(fillers(1 + ri(2)));
        else {
          const t = pick(POOLS.neg[split]);
          ids.push(t.id);
          b.lit(renderNegative(t.text));
        }
      }
      break;
    }
    case 'prose':
      sentencesBlock(b, ctx, split, ids, 1 + ri(3));
      break;
    case 'email': {
      const g = pick(POOLS.greet[split]);
      ids.push(g.id);
      const gctx = new Ctx(f, loc, casing);
      render(b, g.text, gctx);
      b.lit(pick(['\n\n', '\n', ' ']));
      sentencesBlock(b, ctx, split, ids, 1 + ri(2));
      b.lit(pick(['\n\n', '\n']));
      const s = pick(POOLS.sig[split]);
      ids.push(s.id);
      render(b, s.text, new Ctx(f, loc, casing));
      break;
    }
    case 'chat': {
      const n = 2 + ri(3);
      const speakers = [new Ctx(f, loc, casing), new Ctx(f, loc, casing)];
      for (let i = 0; i < n; i++) {
        if (i > 0) b.lit('\n');
        const sp = speakers[i % 2];
        if (chance(0.6)) { b.lit(pick(['', '[' + timeStr() + '] '])); render(b, '{FIRSTNAME}', sp); b.lit(': '); }
        if (chance(0.5)) {
          const t = pick(POOLS.sent[split]);
          ids.push(t.id);
          render(b, chance(0.5) ? t.text.toLowerCase().replace(/\{[a-z0-9]+\}/g, (m) => m.toUpperCase()) : t.text, ctx);
        } else b.lit(pick(EVERYDAY).toLowerCase());
      }
      break;
    }
    case 'kv':
      if (chance(0.3)) b.lit(pick(['Ticket #' + ri(99999) + '\n', 'Customer record\n', 'Patient intake form\n', 'New employee\n', 'Order details:\n', '---\n', '[user]\n']));
      kvBlock(b, ctx, split, ids);
      if (chance(0.3)) { b.lit('\n'); b.lit(fillers(1)); }
      break;
    case 'code': {
      const n = 1 + ri(3);
      for (let i = 0; i < n; i++) {
        if (i > 0) b.lit('\n');
        if (chance(0.3)) b.lit(renderNegative(pick(POOLS.neg[split]).text) + '\n');
        const t = pick(POOLS.code[split]);
        ids.push(t.id);
        render(b, t.text, i === 0 ? ctx : new Ctx(f, loc, casing));
      }
      break;
    }
    case 'csv':
      csvBlock(b, ctx, ids);
      break;
    case 'commit': {
      b.lit(pick(['Fix ', 'Update ', 'Add ', 'Refactor ', 'Remove ']) + EN.git.commitMessage().toLowerCase() + '\n\n');
      if (chance(0.5)) b.lit(fillers(1) + '\n\n');
      const t = pick(POOLS.code[split].filter((x) => /-by:|Fix address|Hotfix/.test(x.text)).concat(POOLS.code[split].slice(0, 1)));
      ids.push(t.id);
      render(b, t.text, ctx);
      break;
    }
    case 'mixed':
      sentencesBlock(b, ctx, split, ids, 1);
      b.lit('\n');
      kvBlock(b, ctx, split, ids);
      break;
  }
  let text = b.text;
  if (chance(0.1)) text = text.toLowerCase(); // offsets unchanged only if lengths match
  if (text.length !== b.text.length) text = b.text;
  return { text, spans: b.spans, template: ids.join('|'), split };
}

// ---------- main ----------
mkdirSync(dirname(OUT), { recursive: true });
const out = createWriteStream(OUT);
const counts: Record<string, number> = {};
let negatives = 0;
for (let i = 0; i < N; i++) {
  const split: Split = rand() < TEST_FRAC ? 'test' : 'train';
  // Re-seed faker per example from our rng so output is a pure function of SEED.
  const ex = (() => {
    const s = ri(2 ** 31);
    for (const f of fakers.values()) f.seed(s);
    EN.seed(s);
    return example(split);
  })();
  if (!ex.spans.length) negatives++;
  for (const s of ex.spans) counts[s.label] = (counts[s.label] ?? 0) + 1;
  out.write(JSON.stringify(ex) + '\n');
}
out.end();
console.error(`generated ${N} examples (seed ${SEED}) -> ${OUT}; ${negatives} without PII; filler sentences ${DOC_FILLER.length}`);
console.error(Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}:${v}`).join(' '));
void LATIN_ONLY;
