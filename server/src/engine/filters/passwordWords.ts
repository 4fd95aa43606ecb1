/**
 * A PASSWORD the model reads into a plain word: `openjdk` opening a Debian changelog entry, a
 * command's name in a man page. Passwords people write down are either named on their line
 * ("password: …", "pwd", "passphrase", "PIN") or look like secrets (letters with digits or
 * symbols, nannigalaxy's `W!nter2024`); a word of letters alone with nothing naming it a password
 * is a program's, a package's or a person's word.
 */
import type { Finding } from '../types';

/** Words that name a password, in the languages of the scheme's data. */
const PASSWORD_WORD = /(?:pass(?:word|wd|phrase|code)?|pwd|\bpw\b|\bpin\b|secret|credential|kennwort|passwort|mot de passe|contrase[ñn]a|clave|senha|wachtwoord|parola|has[łl]o|l[öo]senord)/i;
/** How far back on its line a password's name may stand ("password for the staging box is …"). */
const REACH = 80;

export function isUnnamedWordPassword(text: string, f: Finding): boolean {
  if (f.label !== 'PASSWORD') return false;
  if (!/^[\p{L}-]+$/u.test(text.slice(f.start, f.end))) return false;
  const before = text.slice(Math.max(0, f.start - REACH), f.start);
  return !PASSWORD_WORD.test(before.slice(before.lastIndexOf('\n') + 1));
}
