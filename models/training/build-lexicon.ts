/**
 * Builds models/pii-lint-mini/lexicon.json: normalized word -> OR of Lex bits.
 *
 *   npx tsx models/training/build-lexicon.ts [OUT=models/pii-lint-mini/lexicon.json]
 *
 * Sources (all offline, deterministic): faker's locale data (MIT) for names, places, street words
 * and company suffixes, restricted to Latin/Greek/Cyrillic script; /usr/share/dict/american-english
 * (wamerican, public-domain-style SCOWL licence) for the DICTIONARY bit. Keys are normalized exactly
 * like the engine's tokenizer (BertTokenizer.words(...).norm), so lookups at inference match.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { allLocales } from '@faker-js/faker';
import { BertTokenizer } from '../../server/src/engine/tokenize';
import { Lex, type LexiconFile } from '../../server/src/engine/features';
import { transliterate, NON_LATIN } from './translit';

const ROOT = resolve(__dirname, '../..');
const out = process.argv[2] ?? resolve(ROOT, 'models/pii-lint-mini/lexicon.json');
const tok = new BertTokenizer(JSON.parse(readFileSync(resolve(ROOT, 'models/pii-lint-mini/tokenizer.json'), 'utf8')));

const SCRIPT_OK = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{M}\p{Nd}'’.\- ]+$/u;
const words = new Map<string, number>();

/** Function words that multi-word faker entries ("The Gambia", "Isle of Wight") would otherwise tag. */
const STOP = new Set('the of and or in on at to for a an by with from as is it be de la le les el los las del di da do das dos der die den von van y e et und en al au du upon saint st'.split(' '));

function add(text: string, bit: number, minLen = 2): void {
  if (typeof text !== 'string' || !SCRIPT_OK.test(text) || text.includes('{{')) return;
  if (NON_LATIN.test(text) && bit !== Lex.DICTIONARY) addWords(transliterate(text), bit, minLen);
  addWords(text, bit, minLen);
}

function addWords(text: string, bit: number, minLen: number): void {
  const ws = tok.words(text);
  for (const w of ws) {
    if (w.norm.length < minLen || !/\p{L}/u.test(w.norm)) continue;
    // Particles keep their bit only as a list's single-word entry (e.g. a surname list's "De").
    if (bit !== Lex.DICTIONARY && bit !== Lex.STREET_WORD && STOP.has(w.norm) && ws.length > 1) continue;
    words.set(w.norm, (words.get(w.norm) ?? 0) | bit);
  }
}

/** Flattens faker definitions: arrays, {male,female,generic} objects, weighted {value,weight} entries. */
function strings(v: unknown): string[] {
  if (v == null) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('value' in o && 'weight' in o) return strings(o.value);
    return Object.values(o).flatMap(strings);
  }
  return [];
}

const locales = Object.entries(allLocales) as Array<[string, any]>;
for (const [, def] of locales) {
  const p = def.person ?? {};
  for (const s of strings(p.first_name)) add(s, Lex.FIRST_NAME);
  for (const s of strings(p.middle_name)) add(s, Lex.FIRST_NAME);
  for (const s of strings(p.last_name)) add(s, Lex.LAST_NAME);
  const l = def.location ?? {};
  for (const k of ['city_name', 'state', 'country', 'county', 'continent']) for (const s of strings(l[k])) add(s, Lex.PLACE);
  for (const k of ['street_suffix', 'street_prefix']) for (const s of strings(l[k])) add(s, Lex.STREET_WORD);
  const c = def.company ?? {};
  for (const k of ['legal_entity_type', 'suffix', 'category']) {
    if (k === 'category') continue;
    for (const s of strings(c[k])) add(s, Lex.COMPANY_WORD);
  }
}

const STREET_WORDS = `street st avenue ave av avda avenida road rd lane ln drive dr boulevard blvd court ct place pl square sq
terrace way parkway pkwy highway hwy route circle cir crescent close row mews alley trail plaza piazza piazzale via viale vicolo
corso largo strada contrada borgo rue chemin allee boulevard quai impasse route place cours strasse straße str gasse weg platz allee
ring damm ufer chaussee calle carrera camino paseo plaza avenida ronda travesia rua travessa largo praca estrada straat laan weg
plein gracht kade singel dreef steeg ulica ul aleja plac οδος οδός λεωφορος λεωφόρος πλατεια πλατεία улица ул проспект переулок
площадь шоссе bulevar ulice namesti utca ut gata gatan vagen vägen gade vej vei veien tie katu suite apt apartment unit floor fl`;
for (const s of STREET_WORDS.split(/\s+/)) add(s, Lex.STREET_WORD);

const COMPANY_WORDS = `inc inc. incorporated llc llp lp ltd ltd. limited plc corp corporation co company gmbh ag kg ohg ug mbh sa sas sarl
srl spa s.p.a bv nv ab as asa oy oyj aps kft sp zoo pty pvt pte group holdings holding partners associates sons brothers
industries enterprises solutions technologies systems labs laboratories ventures capital consulting services international
global trust foundation bank`;
for (const s of COMPANY_WORDS.split(/\s+/)) add(s, Lex.COMPANY_WORD);

const DICT = '/usr/share/dict/american-english';
if (!existsSync(DICT)) throw new Error(`${DICT} missing: apt-get install wamerican`);
for (const line of readFileSync(DICT, 'utf8').split('\n')) {
  const w = line.trim();
  if (!w || w.endsWith("'s") || w !== w.toLowerCase()) continue; // lower-case entries only: proper nouns are capitalized there
  add(w, Lex.DICTIONARY);
}

const sorted = Object.fromEntries([...words.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const file: LexiconFile = { version: 1, words: sorted };
const json = JSON.stringify(file);
writeFileSync(out, json + '\n');
const counts: Record<string, number> = {};
for (const [name, bit] of Object.entries(Lex)) counts[name] = [...words.values()].filter((b) => b & bit).length;
console.log(`lexicon: ${words.size} words, ${(json.length / 1e6).toFixed(2)} MB ->`, out, counts);
