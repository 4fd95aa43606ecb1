/**
 * Text machines write that a small model reads as people: timestamps ("Thu, 19 Dec 2022 17:06:38
 * +1100" gave a FIRSTNAME and a PHONENUMBER), licence identifiers (`GPL-2`, `BSD-3-Clause` as
 * vehicle registrations), file names and paths (`tsconfig.json`), versions (`2.5.0-1+deb12u1`) and
 * package names with an architecture (`libc6:amd64`). Decoding rules over the characters around a
 * model guess; checksum-proven recognizer findings never pass through here.
 */
import type { Region } from '../types';

const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\\.?';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const CLOCK = '\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?';
const ZONE = '(?:\\s*(?:[+-]\\d{4}|[+-]\\d{2}:\\d{2}|Z|UTC|GMT|[A-Z]{3,4}))?';

/** RFC 2822 (mail, Debian changelogs), ctime/`date`, ISO 8601 and syslog time stamps. */
const TIMESTAMP = new RegExp(
  [
    `\\b${WEEKDAY},?\\s+\\d{1,2}\\s+${MONTH}\\s+\\d{4}(?:\\s+${CLOCK})?${ZONE}`,
    `\\b${WEEKDAY}\\s+${MONTH}\\s+\\d{1,2}\\s+${CLOCK}(?:\\s+\\d{4})?${ZONE}(?:\\s+\\d{4})?`,
    `\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]${CLOCK})?${ZONE}`,
    `\\b${MONTH}\\s+\\d{1,2}\\s+${CLOCK}`,
    `\\b${WEEKDAY},?\\s+${MONTH}\\s+\\d{1,2},?\\s+\\d{4}`,
  ].join('|'),
  'g',
);

/** Where `text` holds time stamps. */
export function timestampRegions(text: string): Region[] {
  const out: Region[] = [];
  for (const m of text.matchAll(TIMESTAMP)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** Characters a machine token is made of: no whitespace, quotes, brackets or commas. */
const TOKEN_CHAR = /[A-Za-z0-9._\-+~:/@#%=]/;

/** The run of token characters around [start, end), trimmed of sentence punctuation at its ends. */
export function enclosingToken(text: string, start: number, end: number): { start: number; end: number; value: string } {
  let s = start;
  let e = end;
  // A guess may start or end on a bracket or quote ("(20230209.2326"): the token is inside it.
  while (s < e && !TOKEN_CHAR.test(text[s] as string)) s++;
  while (e > s && !TOKEN_CHAR.test(text[e - 1] as string)) e--;
  start = s;
  end = e;
  const lo = Math.max(0, start - 200);
  const hi = Math.min(text.length, end + 200);
  while (s > lo && TOKEN_CHAR.test(text[s - 1] as string)) s--;
  while (e < hi && TOKEN_CHAR.test(text[e] as string)) e++;
  while (e > end && /[.:,]/.test(text[e - 1] as string)) e--;
  while (s < start && /[.:]/.test(text[s] as string)) s++;
  return { start: s, end: e, value: text.slice(s, e) };
}

/** SPDX licence identifiers and expressions' parts, also cut short (`BSD-3`, `Apache-2`, `BlueOak`). */
const SPDX =
  /^(?:MIT(?:-0)?|ISC|0BSD|Unlicense|WTFPL|Zlib|Beerware|PostgreSQL|OpenSSL|curl|X11|JSON|Vim|Ruby|PHP-3\.01?|Python-2\.0(?:\.1)?|PSF-2\.0|CNRI-Python|BlueOak(?:-1\.0\.0)?|CC0(?:-1\.0)?|CC-BY(?:-(?:SA|NC|ND))*(?:-[1-4]\.0)?|Artistic(?:-[12]\.0)?|(?:A|L)?GPL(?:-?[123](?:\.[01])?)?(?:\+|-only|-or-later)?|GFDL(?:-1\.[123])?(?:-only|-or-later)?|BSD(?:-[1234])?(?:-Clause)?(?:-[A-Za-z]+)*|Apache(?:-[12](?:\.[01])?)?|MPL(?:-[12](?:\.[01])?)?|EPL(?:-[12](?:\.0)?)?|EUPL(?:-1\.[12])?|CDDL(?:-1\.[01])?|OFL(?:-1\.[01])?|UPL(?:-1\.0)?|BSL(?:-1\.0)?|MS-PL|MS-RL|Unicode-(?:DFS-2016|3\.0)|LicenseRef-[\w.-]+)$/i;

export function isLicenceId(token: string): boolean {
  return SPDX.test(token.replace(/^[("']+|[)"',;]+$/g, ''));
}

/** A known file extension at the end of a token: `tsconfig.json`, `man.1.gz`. */
const FILE_EXT =
  /\.(?:[cm]?[jt]sx?|json5?|ya?ml|toml|ini|cfg|conf|md|txt|rst|html?|css|scss|less|xml|svg|png|jpe?g|gif|py|pyc|rb|pl|pm|sh|bash|zsh|c|h|cc|cpp|hpp|go|rs|java|kt|swift|lock|log|gz|xz|bz2|zst|zip|tar|tgz|deb|rpm|so|a|o|dll|exe|bin|map|d\.ts|wasm|node|pem|crt|key|pub|sql|csv|tsv|proto|[1-9])$/i;
/** Debian/semver versions: digit-led dotted groups with an optional revision, epoch or suffix. */
const VERSION = /^(?:\d+:)?v?\d+(?:\.\d+)+(?:[-+~][0-9A-Za-z.+~-]*)?$|^\d+(?:\.\d+)*[-+~][0-9A-Za-z.+~-]*\d[0-9A-Za-z.+~-]*$/;
const ARCH = /^(?:amd64|arm64|armhf|armel|i386|i686|x86_64|x86-64|aarch64|ppc64el|ppc64le|s390x|riscv64|mips64el|noarch|all)$/i;
/** `libc6:amd64`, `python3.11:all`: a Debian package with its architecture. */
const PACKAGE_ARCH = /^[a-z0-9][a-z0-9.+-]*:(?:amd64|arm64|armhf|armel|i386|ppc64el|s390x|riscv64|mips64el|all)$/;
/** A constant (`GNUTLS_X509`, `O_RDONLY`), or a C type (`u_int16_t`, `int32`). */
const CONSTANT = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[a-z][a-z0-9_]*_t$|^u?int(?:8|16|32|64|128)$/;
/** An issue-tracker key or reference (`JDK-8316138`, `CVE-2024-1234`, `#1029404`, `GH-12`). */
const ISSUE_KEY = /^[A-Z][A-Z0-9]+-\d+(?:-\d+)?$|^#\d+$/;
/** A path: a slash after a word character or a dot (`lib/index.js`), or leading one (`/038-pinentry_1.2.deb`, what is left of `.../038-…` once its dots are trimmed). */
const PATH = /(?:^|[\w.~])\/[\w.]/;
/** A pinned package (`google-cloud-cli=528.0.0-0`, `requests==2.31.0`). */
const PIN = /^[\w.+-]+={1,2}v?\d[\w.+~:-]*$/;
/** Sigils that mark a name in doc comments and templates (`@GNUTLS_X509:`, `%TRUE`, `$HOME`), and a trailing colon or `=`. */
const SIGILS = /^[@%#$&]+|[:=]+$/g;

/**
 * Whether a token is a machine's, never a person's: a path (a `/` between word characters), a
 * file name with a known extension, a version or a pinned package, an architecture or
 * package:arch, a constant (also as a doc comment's `@NAME:`) or an issue key.
 * An e-mail-like token (`@` inside) is left to the recognizers.
 */
export function isMachineToken(token: string): boolean {
  if (token.includes('@') && /\w@\w/.test(token)) return false;
  if (PATH.test(token) || PIN.test(token)) return true;
  const bare = token.replace(SIGILS, '');
  if (bare !== token && bare !== '' && CONSTANT.test(bare)) return true;
  if (FILE_EXT.test(token) && /^[\w.+~:-]+$/.test(token) && /\w\.\w/.test(token)) return true;
  return VERSION.test(token) || ARCH.test(token) || PACKAGE_ARCH.test(token) || CONSTANT.test(token) || ISSUE_KEY.test(token);
}
