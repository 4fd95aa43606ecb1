/**
 * Words a name model reads as names that are something else in their sentence (the commonest
 * wrong PERSON guesses on real prose):
 * - a title ("General Prelogar", "Chief Justice", "Emperor Norton") is a PREFIX, unless it ends a
 *   name ("Martin Luther King");
 * - a language alone ("books in German, Hebrew, and Japanese") is no person: a name guess that is
 *   a language's English name with no name beside it ("John French", "German Titov" stay);
 * - a month in a date ("30 April 1943", "in June") is no person ("June said" stays).
 * Only one-word guesses of the name classes are looked at.
 */
import type { Finding } from '../types';
import { PERSON_NAME_CLASSES } from '../labels';

const TITLES = new Set([
  'general', 'justice', 'major', 'emperor', 'empress', 'colonel', 'captain', 'judge', 'president', 'senator', 'governor', 'chief',
  'king', 'queen', 'pope', 'saint', 'sir', 'lord', 'lady', 'professor', 'doctor', 'mayor', 'sergeant', 'lieutenant', 'admiral',
  'bishop', 'archbishop', 'cardinal', 'father', 'brigadier', 'commander', 'marshal', 'prince', 'princess', 'duke', 'duchess',
  'baron', 'baroness', 'rabbi', 'reverend', 'chancellor', 'ambassador', 'pastor', 'corporal', 'private', 'sheriff', 'constable',
]);
let languages: Set<string> | undefined;
/**
 * English names of the ISO 639-1 languages ("German", "Hebrew", "Japanese"), from the runtime's ICU
 * data; made on first use (13 ms), not at every start of the CLI and the hooks.
 */
function languageNames(): Set<string> {
  if (languages) return languages;
  const names = new Set<string>();
  const display = new Intl.DisplayNames(['en'], { type: 'language' });
  for (let a = 97; a <= 122; a++) {
    for (let b = 97; b <= 122; b++) {
      const code = String.fromCharCode(a, b);
      try {
        const name = display.of(code);
        if (name && name !== code && /^[A-Z][a-z]+$/.test(name)) names.add(name);
      } catch {
        // not a language code
      }
    }
  }
  languages = names;
  return names;
}
const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
const DATE_WORD_BEFORE = /\b(?:in|on|of|since|until|till|by|from|during|early|late|mid|between|and|through|last|next|this|each|every)\s+$/i;

/** Another name part right before `f` (a space apart). */
function followsName(text: string, prev: Finding | undefined, f: Finding): boolean {
  return prev !== undefined && PERSON_NAME_CLASSES.has(prev.label) && /^ {1,2}$/.test(text.slice(prev.end, f.start));
}

/** A capitalised word right after `f`: the name goes on. */
function nameGoesOn(text: string, f: Finding): boolean {
  return /^ \p{Lu}\p{Ll}/u.test(text.slice(f.end, f.end + 3));
}

function inDate(text: string, f: Finding): boolean {
  const before = text.slice(Math.max(0, f.start - 16), f.start);
  return /\d,?\s+$/.test(before) || /^,?\s+\d/.test(text.slice(f.end, f.end + 4)) || DATE_WORD_BEFORE.test(before);
}

/** `findings` (sorted, not overlapping) share `text`'s offsets; so does the result. */
export function dropNotNames(text: string, findings: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  findings.forEach((f, k) => {
    const value = text.slice(f.start, f.end);
    if (!PERSON_NAME_CLASSES.has(f.label) || !/^\p{Lu}\p{Ll}+$/u.test(value)) {
      out.push(f);
      return;
    }
    const prev = findings[k - 1];
    const word = value.toLowerCase();
    if (TITLES.has(word) && !followsName(text, prev, f)) {
      out.push({ ...f, label: 'PREFIX', evidence: { ...f.evidence, rule: 'a title, not a name' } });
    } else if (languageNames().has(value) && !followsName(text, prev, f) && !nameGoesOn(text, f)) {
      return; // a language
    } else if (MONTHS.has(word) && inDate(text, f)) {
      return; // a month
    } else {
      out.push(f);
    }
  });
  return out;
}
