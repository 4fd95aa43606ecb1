/**
 * Values that are personal only when the text says what they are. A model reads a PASSWORD into a
 * plain word (`openjdk` opening a Debian changelog entry) and a VEHICLEVRM into any short code of
 * letters and digits (`W83627EHF`, a sensor chip; `DDR4 SPD`). Passwords people write down are
 * either named on their line ("password: …", "PIN") or look like secrets (letters with digits or
 * symbols, nannigalaxy's `W!nter2024`); a registration mark is a car's only beside a word for one
 * ("plate", "registration", "vehicle"). Without that word, such a guess is the text's own word.
 */
import type { Finding } from '../types';

interface NeedsName {
  /** Which of the class's values need the word (a secret-shaped password does not). */
  applies(value: string): boolean;
  words: RegExp;
  /** The word may also follow the value ("AB12 CDE, the blue van"). */
  orAfter: boolean;
}

const NEEDS_NAME: Record<string, NeedsName> = {
  PASSWORD: {
    applies: (value) => /^[\p{L}-]+$/u.test(value),
    words: /(?:pass(?:word|wd|phrase|code)?|pwd|\bpw\b|\bpin\b|secret|credential|kennwort|passwort|mot de passe|contrase[ñn]a|clave|senha|wachtwoord|parola|has[łl]o|l[öo]senord)/i,
    orAfter: false,
  },
  VEHICLEVRM: {
    applies: () => true,
    words: /(?:plate|registration|\breg\b|\bvrm\b|licen[cs]e|vehicle|\bcar\b|\bvan\b|truck|lorry|motorbike|motorcycle|scooter|taxi|parked|parking|kennzeichen|immatriculation|matr[ií]cula|targa|kenteken|rejestracyjn)/i,
    orAfter: true,
  },
};
/** How far back on its line the word may stand ("password for the staging box is …"), and after. */
const BEFORE = 80;
const AFTER = 40;

export function isUnnamedValue(text: string, f: Finding): boolean {
  const rule = NEEDS_NAME[f.label];
  if (!rule || !rule.applies(text.slice(f.start, f.end))) return false;
  const before = text.slice(Math.max(0, f.start - BEFORE), f.start);
  if (rule.words.test(before.slice(before.lastIndexOf('\n') + 1))) return false;
  return !(rule.orAfter && rule.words.test(text.slice(f.end, f.end + AFTER).split('\n')[0] ?? ''));
}
