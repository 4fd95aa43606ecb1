/**
 * Code that reads like prose to a model: JSDoc parameter names (`@param thisArg`) and identifiers
 * (`firstName`, `user_name`) are not people or places, even inside a comment, and a licence
 * header's copyright holder is meant to be there. Only model guesses are dropped here (word-like
 * classes, plus doc tags of any class); checksum-proven values are never touched.
 */
import type { Finding } from './types';

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
  if (IDENTIFIER.test(value) || DOC_DESCRIPTION_START.test(before)) return true;
  const lineStart = text.lastIndexOf('\n', f.start - 1) + 1;
  return COPYRIGHT_LINE.test(text.slice(lineStart, f.start));
}
