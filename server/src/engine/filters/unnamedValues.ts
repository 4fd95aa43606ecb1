/**
 * Values that are personal only when the text says what they are. A model reads a PASSWORD into a
 * plain word (`openjdk` opening a Debian changelog entry) and a VEHICLEVRM into any short code of
 * letters and digits (`W83627EHF`, a sensor chip; `DDR4 SPD`). Passwords people write down are
 * either named on their line ("password: …", "PIN") or look like secrets (letters with digits or
 * symbols, nannigalaxy's `W!nter2024`); a registration mark is a car's only beside a word for one
 * ("plate", "registration", "vehicle"). Without that word, such a guess is the text's own word.
 * A bare year is a birth date only beside a word for one. In technical files (fileContext.ts)
 * every password and user name needs its word.
 */
import type { Finding } from '../types';

interface NeedsName {
  /**
   * Which of the class's values need the word (a secret-shaped password does not). `technical`:
   * in code, data, logs and the like every value does — `X509`, `libxau6-udeb` and `LZ4` are the
   * file's own tokens, and a leaked secret there stands beside its key (the secret recognizers').
   */
  applies(value: string, technical: boolean): boolean;
  words: RegExp;
  /** The word may also follow the value ("AB12 CDE, the blue van"). */
  orAfter: boolean;
}

const NEEDS_NAME: Record<string, NeedsName> = {
  PASSWORD: {
    applies: (value, technical) => technical || /^[\p{L}-]+$/u.test(value),
    words: /(?:pass(?:word|wd|phrase|code)|\bpass\b\s*(?:is\b|[:=])|pwd|\bpw\b|\bpin\b|secret|credential|kennwort|passwort|mot de passe|contrase[ñn]a|clave|senha|wachtwoord|parola|has[łl]o|l[öo]senord)/i,
    orAfter: false,
  },
  VEHICLEVRM: {
    applies: () => true,
    words: /(?:plate|registration|\breg\b|\bvrm\b|licen[cs]e|vehicle|\bcar\b|\bvan\b|truck|lorry|motorbike|motorcycle|scooter|taxi|parked|parking|kennzeichen|immatriculation|matr[ií]cula|targa|kenteken|rejestracyjn)/i,
    orAfter: true,
  },
  // A user name in code, a log or a changelog is a word of the program's (`Element`, `Debconf`,
  // `pam_cap`) unless the line says whose account it is.
  USERNAME: {
    applies: (_value, technical) => technical,
    words: /\b(?:user(?:name|id)?s?|login|logon|log in|sign(?:ed)? in|handle|account|nick(?:name)?|uid|owner|member|profile)\b/i,
    orAfter: true,
  },
  // A bare year is a date of birth only beside a word for one ("born 1962"); `2002` in a tag is a year.
  DOB: {
    applies: (value) => /^\d{4}$/.test(value.trim()),
    words: /\b(?:born|birth|birthday|dob|d\.o\.b|geboren|nacid[oa]|nat[oa])\b|\bnée?(?![a-z])|\bb\.\s/i,
    orAfter: false,
  },
};
/** How far back on its line the word may stand ("password for the staging box is …"), and after. */
const BEFORE = 80;
const AFTER = 40;

export function isUnnamedValue(text: string, f: Finding, technical = false): boolean {
  const rule = NEEDS_NAME[f.label];
  if (!rule || !rule.applies(text.slice(f.start, f.end), technical)) return false;
  const before = text.slice(Math.max(0, f.start - BEFORE), f.start);
  if (rule.words.test(before.slice(before.lastIndexOf('\n') + 1))) return false;
  return !(rule.orAfter && rule.words.test(text.slice(f.end, f.end + AFTER).split('\n')[0] ?? ''));
}
