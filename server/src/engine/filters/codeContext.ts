/**
 * Code that reads like prose to a model: JSDoc parameter names (`@param thisArg`) and identifiers
 * (`firstName`, `user_name`) are not people or places, even inside a comment, and a licence
 * header's copyright holder is meant to be there. Only model guesses are dropped here (word-like
 * classes, plus doc tags of any class); checksum-proven values are never touched.
 */
import { Lex, type Lexicon } from '../features';
import type { Finding, Region } from '../types';

/** Classes whose values are words, where an identifier can be mistaken for one. */
const WORDLIKE = new Set([
  'FIRSTNAME', 'LASTNAME', 'MIDDLENAME', 'PREFIX', 'CITY', 'STREET', 'STATE', 'COUNTY', 'COMPANYNAME',
  'JOBTITLE', 'JOBAREA', 'JOBTYPE', 'ACCOUNTNAME', 'SEX', 'GENDER', 'EYECOLOR', 'CURRENCYNAME', 'ORDINALDIRECTION',
]);
/** lowerCamelCase (`thisArg`) or snake_case / kebab identifiers with an inner capital or underscore. */
const IDENTIFIER = /^(?:[a-z]+[A-Z][A-Za-z0-9]*|[A-Za-z]+_[A-Za-z0-9_]+)$/;
/** JSDoc/TSDoc/PHPDoc tags followed by a name: `@param {string} name`, `@property name`. */
const DOC_TAG_BEFORE = /@(?:param|arg|argument|property|prop|typedef|template|callback|member|name|throws|see|link)\s+(?:\{[^}\n]*\}\s*)?\[?$/;

/** Doc-comment tags and lint directives (`@param`, `@returns`): never a username or a name. */
const DOC_TAGS = new Set([
  'param', 'arg', 'argument', 'returns', 'return', 'type', 'typedef', 'property', 'prop', 'template', 'throws', 'see',
  'link', 'example', 'deprecated', 'since', 'override', 'default', 'defaultvalue', 'remarks', 'inheritdoc', 'internal',
  'private', 'public', 'protected', 'readonly', 'async', 'callback', 'member', 'name', 'description', 'summary', 'todo',
]);
/** The first word of a parameter's description (`@param x A numeric expression.`). */
const DOC_DESCRIPTION_START = /@(?:param|arg|argument|property|prop)\s+(?:\{[^}\n]*\}\s*)?\[?[\w$.]+\]?\s+(?:-\s+)?$/;
/** A licence header: whoever holds the copyright is meant to be named there. */
const COPYRIGHT_LINE = /(?:copyright|\(c\)|©)/i;
/** A lower-case word glued by a hyphen to another (`max-len`, `no-cors`): a kebab-case identifier. */
function isKebabPart(text: string, f: Finding, value: string): boolean {
  if (!/^[a-z]+$/.test(value)) return false;
  return (text[f.start - 1] === '-' && /[a-z0-9]/.test(text[f.start - 2] ?? '')) || (text[f.end] === '-' && /[a-z0-9]/.test(text[f.end + 1] ?? ''));
}
/** Letters then digits (`X25519`, `sha256`): an identifier, not a phone number. */
const LETTERS_THEN_DIGITS = /^[A-Za-z]+\d+$/;

export function isCodeLike(text: string, f: Finding): boolean {
  if (f.evidence.recognizer) return false;
  const value = text.slice(f.start, f.end);
  // `@param`, `@returns`: the tag (and a guess that starts with it) is code, whatever the class.
  if (text[f.start - 1] === '@' && DOC_TAGS.has(value.split(/\s/)[0]?.toLowerCase() ?? '')) return true;
  const before = text.slice(Math.max(0, f.start - 60), f.start);
  if (DOC_TAG_BEFORE.test(before)) return true;
  if (f.label === 'PHONENUMBER') return LETTERS_THEN_DIGITS.test(value);
  if (!WORDLIKE.has(f.label)) return false;
  if (IDENTIFIER.test(value) || DOC_DESCRIPTION_START.test(before) || isKebabPart(text, f, value)) return true;
  const lineStart = text.lastIndexOf('\n', f.start - 1) + 1;
  return COPYRIGHT_LINE.test(text.slice(lineStart, f.start));
}

const CAPITALISED = /^\p{Lu}\p{Ll}+$/u;
const NAME_BITS = Lex.FIRST_NAME | Lex.LAST_NAME | Lex.PLACE;
/** What separates the cells of a table of literals: `', '`, `" | "`, `': '`. */
const CELL_GAP = /^[\s'"`,;:|()[\]{}+]*$/;
const CELL_REACH = 8;

const WS = /\s/;

/** A region that is one token (no whitespace inside): a string literal such as `'Adlm'` or `'bg-BG'`. */
function isBare(text: string, r: Region): boolean {
  // Whitespace after the first token ends it: prose answers within a few characters, without
  // copying a whole chunk on every scan.
  let i = r.start;
  while (i < r.end && WS.test(text[i]!)) i++;
  while (i < r.end && !WS.test(text[i]!)) i++;
  while (i < r.end && WS.test(text[i]!)) i++;
  return i >= r.end;
}

/**
 * Regions of one token that the model saw nothing around, marked `true` when they also sit in a
 * table of such literals (`['Adlm', 'Afak', …]`, `"rgba8unorm" | "bgra8unorm"`). `regions` are sorted.
 */
export function bareRegions(text: string, regions: readonly Region[]): Map<Region, boolean> {
  const out = new Map<Region, boolean>();
  const bare = regions.map((r) => isBare(text, r));
  const near = (a: Region, b: Region): boolean => b.start - a.end <= CELL_REACH && CELL_GAP.test(text.slice(a.end, b.start));
  regions.forEach((r, i) => {
    if (!bare[i]) return;
    const prev = i > 0 && bare[i - 1] && near(regions[i - 1]!, r);
    const next = i + 1 < regions.length && bare[i + 1] && near(r, regions[i + 1]!);
    out.set(r, Boolean(prev || next));
  });
  return out;
}

/**
 * A model guess in a one-token region: the model had no context, and code is full of tables of
 * codes (`'Adlm'`, `'010'`, `'AM'`). Only a capitalised word the lexicon knows as a name or place,
 * alone rather than in a table, is kept: `name = "Maria"`, not `['Sara', 'Hani', 'Marc']` (ISO
 * 15924 script codes). Without a lexicon every such guess goes.
 */
export function isBareLiteralGuess(text: string, f: Finding, inTable: boolean, lexicon: Lexicon | null, norm: (word: string) => string): boolean {
  if (f.evidence.recognizer) return false;
  const value = text.slice(f.start, f.end);
  if (inTable || !WORDLIKE.has(f.label) || !lexicon || !CAPITALISED.test(value)) return true;
  return (lexicon.bits(norm(value)) & NAME_BITS) === 0;
}
