/**
 * Code that reads like prose to a model: JSDoc parameter names (`@param thisArg`) and identifiers
 * (`firstName`, `user_name`) are not people or places, even inside a comment. Only model guesses
 * of word-like classes are dropped here; checksum-proven values are never touched.
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

/** A lower-case word right after "@" is a doc tag or a decorator (`@param`, `@override`). */
const TAG_WORD = /^[a-z]+$/;

export function isCodeLike(text: string, f: Finding): boolean {
  if (f.evidence.recognizer || !WORDLIKE.has(f.label)) return false;
  const value = text.slice(f.start, f.end);
  if (IDENTIFIER.test(value)) return true;
  if (text[f.start - 1] === '@' && TAG_WORD.test(value)) return true;
  return DOC_TAG_BEFORE.test(text.slice(Math.max(0, f.start - 60), f.start));
}
