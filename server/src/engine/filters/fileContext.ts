/**
 * A document's findings read with what its file type says (after the engine, before the policy):
 *
 * - everywhere: time stamps, licence identifiers and machine tokens (paths, file names, versions,
 *   architectures, constants) are not people (machineTokens.ts), nor is a man page's roff markup;
 * - source code: an ALL-CAPS word or phrase (`EOF`, a Unicode character's `HARD SIGN`) is a name
 *   for something, not someone, and so is a word the file uses as code (`new Promise(`); man
 *   pages: their ALL-CAPS placeholders (`ACCOUNT`);
 * - data and config files: a value is read with its key (keyContext.ts): keys and the values of
 *   software keys are dropped, values of personal keys raised;
 * - logs: tokens with digits glued to letters (`libsasl2`, `amd64`) and bare numbers are the
 *   machine's;
 * - code, logs and data: a lower-case word-like guess (`cppcheck`, `group`) is a program's word;
 *   anywhere, a lower-case word before `(` is a call (`malloc(`);
 * - licence texts (LICENSE, COPYING, or a text opening with a licence's words) are boilerplate:
 *   outside their copyright, author and contributor lines, addresses and organisations (the FSF's
 *   in every GPL) are the licence's; only people's names are still reported. The same holds for
 *   a licence notice's lines in any file (a GPL header comment);
 * - technical files (all of the above but plain text: code, data, logs, man pages, licences,
 *   changelogs, a project's docs — README, `docs/`): names only in full, places with an address, companies under a key, passwords and
 *   user names named (technicalGuesses.ts); values shown as examples, private and test-fixture
 *   IPs and a changelog's dotted versions are not someone's (examples.ts, `isMachineAddress`),
 *   nor a national-format number with no phone word (`isUnnamedNationalNumber`);
 * - anywhere: a letter alone is nobody.
 *
 * Only model guesses change, and of the recognizers' findings only format-only ones as examples
 * or machines' addresses; checksum-proven values (cards, IBANs…) are proof.
 */
import { keyedLines, keyVerdict, type KeyedSpan } from './keyContext';
import { enclosingToken, isLicenceId, isMachineToken, timestampRegions } from './machineTokens';
import { inAnyRegion, scanModeFor, type DocumentKind } from '../text/regions';
import { PERSON_NAME_CLASSES } from '../labels';
import { exampleRegions, exampleValues } from './examples';
import { phoneWordBeside } from '../text/phoneWords';
import { TechnicalGuesses } from './technicalGuesses';
import type { Finding } from '../types';

const DATA_EXT = /\.(?:json|jsonc|json5|ya?ml|toml|ini|cfg|conf|cnf|properties|env|lock)$/i;
const DATA_LANGUAGES = new Set(['json', 'jsonc', 'json5', 'yaml', 'toml', 'ini', 'properties', 'dotenv', 'dockercompose']);
const LOG_NAME = /\.log(?:\.\d+)?$|(?:^|[\\/])(?:syslog|messages|auth\.log|kern\.log|dmesg)(?:\.\d+)?$|[\\/]var[\\/]log[\\/]/i;
/** Word-like classes, where a code word or a log token can be mistaken for a value. */
const WORDLIKE = new Set([
  'FIRSTNAME', 'LASTNAME', 'MIDDLENAME', 'PREFIX', 'CITY', 'STREET', 'STATE', 'COUNTY', 'COMPANYNAME', 'JOBTITLE', 'JOBAREA',
  'JOBTYPE', 'ACCOUNTNAME', 'USERNAME', 'SEX', 'GENDER', 'EYECOLOR', 'CURRENCYNAME', 'ORDINALDIRECTION', 'USERAGENT', 'VEHICLEVRM',
]);
const TIME_CLASSES = new Set(['DATE', 'TIME']);
/** Raised by this much when a personal key says so (model guesses only). */
const KEY_BOOST = 0.15;

export type FileFlavour = 'data' | 'log' | 'code' | 'man' | 'licence' | 'changelog' | 'docs' | 'text';

/**
 * Files that are about software rather than about someone: what a model reads there as a person,
 * a place or a company is far more often a product (`Vera` fonts, `Maxim` chips, `Thunderbird`)
 * than in prose, so a guess needs more to stand on (technicalGuesses.ts), and examples and
 * machines' addresses are told apart from someone's (examples.ts, `isMachineAddress`).
 */
const TECHNICAL: ReadonlySet<FileFlavour> = new Set(['data', 'log', 'code', 'man', 'licence', 'changelog', 'docs']);
const CHANGELOG_NAME = /^(?:changelog|changes|news|history)(?:[._-][\w.-]*)?$/i;
/**
 * A project's documentation: its README and the like by name, or a text document in a `docs/`
 * folder. Other Markdown and text files (notes, drafts) are read as prose: what people write there
 * about people is what PII Lint is for.
 */
const DOCS_NAME = /^(?:readme|contributing|code_of_conduct|security|support|install|upgrading|migrating|migration)(?:[._-][\w.-]*)?$/i;
const DOCS_FOLDER = /(?:^|[\\/])docs?[\\/](?:[^\\/]+[\\/])*[^\\/]+\.(?:md|markdown|mdx|rst|adoc|txt)$/i;

/** A man page's source: `ls.1`, `acct.5`, `gcloud_compute.1`, `printf.3p` (optionally gzipped). */
const MAN_NAME = /\.[1-9][a-z]{0,3}(?:\.gz)?$/;
const LICENCE_NAME = /^(?:licen[cs]e|copying|copyright|unlicense|notice)(?:[._-][\w.-]*)?$/i;
/** Opening words of the common licence texts. */
const LICENCE_TEXT = /GNU (?:LESSER |AFFERO |LIBRARY )?GENERAL PUBLIC LICENSE|Apache License|Permission is hereby granted|Redistribution and use in source and binary forms|Mozilla Public License|Creative Commons|Artistic License|ISC License|The MIT License|Eclipse Public License|Permission to use, copy, modify/;
/** A line of a licence notice as code and scripts carry it in their header comment (the GPL's "write to the Free Software Foundation, Inc., 51 Franklin Street…"). */
const LICENCE_NOTICE_LINE = /GNU (?:Lesser |Library |Affero )?General Public License|write to the Free Software|WITHOUT ANY WARRANTY|MERCHANTABILITY|Temple Place|Franklin St(?:reet)?, Fifth Floor|Licensed under the Apache License|SPDX-License-Identifier/i;
/** A roff request at a line's start (`.RE`, `.TP 2m`, `.SH`): a man page's markup. */
const ROFF_REQUEST = /^\.[A-Za-z]{1,3}(?=[ \t\r\n]|$)/;
/** Where a licence names people: its copyright, author and contributor lines. */
const LICENCE_PERSON_LINE = /copyright|\(c\)|©|author|contributor|written by|maintain/i;

/** `text`, when given, lets a script without an extension show itself by its `#!` line. */
export function fileFlavour(kind: DocumentKind, text?: string): FileFlavour {
  const path = kind.path ?? '';
  const name = path.split(/[\\/]/).pop() ?? '';
  if (kind.languageId === 'log' || LOG_NAME.test(path)) return 'log';
  if (DATA_LANGUAGES.has(kind.languageId ?? '') || DATA_EXT.test(name) || /^\.env(?:\.|$)/.test(name)) return 'data';
  const mode = scanModeFor(kind);
  if (mode === 'code' || (mode === 'all' && text?.startsWith('#!'))) return 'code';
  if (MAN_NAME.test(name)) return 'man';
  if (LICENCE_NAME.test(name)) return 'licence';
  if (CHANGELOG_NAME.test(name) || kind.languageId === 'debian-changelog') return 'changelog';
  if (DOCS_NAME.test(name) || DOCS_FOLDER.test(path)) return 'docs';
  return 'text';
}

/** A licence file by its name, or a plain-text file that opens with a licence's words. */
function isLicence(flavour: FileFlavour, text: string): boolean {
  return flavour === 'licence' || (flavour === 'text' && LICENCE_TEXT.test(text.slice(0, 3000)));
}

function lineAround(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

/** The line holding `offset` with the lines before and after it. */
function linesAround(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', text.lastIndexOf('\n', offset - 1) - 1) + 1;
  const next = text.indexOf('\n', offset);
  const end = next < 0 ? -1 : text.indexOf('\n', next + 1);
  return text.slice(start, end < 0 ? text.length : end);
}

/** Inside a licence notice's lines (not one naming a copyright holder or author). */
function inLicenceNotice(text: string, f: Finding): boolean {
  return LICENCE_NOTICE_LINE.test(linesAround(text, f.start)) && !LICENCE_PERSON_LINE.test(lineAround(text, f.start));
}

/** On the request name of a roff control line. */
function onRoffRequest(text: string, f: Finding): boolean {
  const lineStart = text.lastIndexOf('\n', f.start - 1) + 1;
  const m = ROFF_REQUEST.exec(text.slice(lineStart, lineStart + 8));
  return m !== null && f.start < lineStart + m[0].length;
}

const ALL_CAPS = /^[A-Z][A-Z0-9]+(?:[ _-][A-Z0-9]+)*$/;

/**
 * Whether the file uses a word as code: called, dereferenced, constructed, extended or a type
 * argument (`new Promise(`, `Element.prototype`). Each word's answer is kept: a document's scan
 * asks about the same few words many times, and each answer reads the whole text.
 */
class UsedAsCode {
  private readonly known = new Map<string, boolean>();

  constructor(private readonly text: string) {}

  test(value: string): boolean {
    if (!/^[A-Za-z_$][\w$]*$/.test(value)) return false;
    let used = this.known.get(value);
    if (used === undefined) {
      const v = value.replace(/\$/g, '\\$');
      used = new RegExp(`(?<![\\w$])${v}(?:\\(|\\.[A-Za-z_$]|<[A-Z])|\\b(?:new|instanceof|extends|implements)\\s+${v}(?![\\w$])|<${v}[>,]`).test(this.text);
      this.known.set(value, used);
    }
    return used;
  }
}

/**
 * A word-like guess the way code and logs write words: lower case (`cppcheck`, `lazr.uri`, a
 * cipher list's `arcfour blowfish cast5`), or a call (`malloc(`).
 */
function isCodeWord(text: string, f: Finding, value: string): boolean {
  return /^[\p{Ll}\d_.-]+(?:\s+[\p{Ll}\d_.-]+)*$/u.test(value) || /^\s*\(/.test(text.slice(f.end, f.end + 2));
}

/**
 * Private, shared, link-local, documentation and benchmarking IPv4 ranges (RFC 1918, 6598, 3927,
 * 5737, 2544): in a technical file a LAN's or an example's machines, nobody's connection.
 */
const PRIVATE_IPV4 = /^(?:10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.|100\.(?:6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.|198\.1[89]\.)/;
/** Tests and fixtures by their path (`test/`, `__tests__/`, `parse.test.js`): a URI parser's tests are made of addresses. */
const TEST_PATH = /(?:^|[\\/])(?:tests?|specs?|__tests__|fixtures?|testdata|test-data)[\\/]|[._-](?:test|spec)s?\.[A-Za-z0-9]+$/i;
/** What a changelog line says when a dotted quad on it is an address; otherwise it is a version (`libXext 1.0.99.4`). */
const NETWORK_WORDS = /\b(?:ip|ipv4|address(?:es)?|hosts?|hostname|servers?|dns|gateway|subnet|netmask|routes?|ping|connect\w*|listen\w*|bind|proxy|firewall|nameservers?)\b/i;
const IP_CLASSES = new Set(['IPV4', 'IPV6', 'IP']);
/**
 * A changelog entry's category label (`- [Dev Deps] update …`, `* [Fix] …`): a bracket opening a
 * list item with the entry after it. Debian's `[ Cyril Brulebois ]`, alone on its line, is not one.
 */
const ENTRY_LABEL = /^[ \t]*(?:[-*+][ \t]+)?\[([^\]\n]{1,40})\][ \t]+\S/;

function inEntryLabel(text: string, f: Finding): boolean {
  const lineStart = text.lastIndexOf('\n', f.start - 1) + 1;
  const m = ENTRY_LABEL.exec(text.slice(lineStart, lineStart + 200));
  if (!m) return false;
  const open = lineStart + m[0].indexOf('[');
  return f.start > open && f.end <= open + 1 + (m[1] as string).length;
}

/**
 * A number written the national way (no `+`, no `00`) with no phone word beside it. In technical
 * files digit groups are counts, sizes, dumps and citations ("3 973 193 d/m", `<Buffer 0a 00 00>`,
 * "499 U.S. 340 (1991)") that libphonenumber validates for some country it guesses; a phone number
 * there is written internationally or named ("call 030 2758 4410").
 */
function isUnnamedNationalNumber(text: string, f: Finding, value: string): boolean {
  return f.label === 'PHONENUMBER' && !/^\s*(?:\+|00[1-9])/.test(value) && !phoneWordBeside(text, f.start, f.end);
}

/** An address a technical file holds as infrastructure, a fixture or a version, not as someone's. */
function isMachineAddress(text: string, f: Finding, value: string, flavour: FileFlavour, testFile: boolean): boolean {
  if (!IP_CLASSES.has(f.label)) return false;
  if (testFile) return true;
  if (f.label !== 'IPV4') return false;
  return PRIVATE_IPV4.test(value) || (flavour === 'changelog' && !NETWORK_WORDS.test(lineAround(text, f.start)));
}

/** The keyed line a finding is on (binary search over line starts). */
function spanAt(spans: readonly KeyedSpan[], offset: number): KeyedSpan | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  let found: KeyedSpan | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid] as KeyedSpan;
    if (s.keyStart <= offset) {
      found = s;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found && offset <= found.valueEnd ? found : undefined;
}

/** Logs: `libsasl2`, `amd64`, `1.gz`, `15`: letters glued to digits, or no letters at all. */
function isLogToken(token: string, label: string): boolean {
  if (label === 'PHONENUMBER' || label === 'DATE' || label === 'TIME') return false;
  return /[A-Za-z]\d|\d[A-Za-z]/.test(token) || !/[A-Za-z]/.test(token);
}

/**
 * Format recognizers without a checksum: an example phone or address looks like a real one. Not
 * e-mails: the worst leak to miss, and example addresses are mostly `example.com`'s, held low
 * already (placeholders.ts).
 */
const EXAMPLE_PRONE = new Set(['PHONENUMBER', 'IPV4', 'IPV6', 'IP', 'MAC', 'URL']);
const canBeExample = (f: Finding): boolean => !f.evidence.recognizer || EXAMPLE_PRONE.has(f.label);

/** The findings of one document, read with its file type; see the module comment. */
export function refineForFile(text: string, findings: readonly Finding[], kind: DocumentKind): Finding[] {
  const flavour = fileFlavour(kind, text);
  const technical = TECHNICAL.has(flavour);
  if (!technical && findings.every((f) => f.evidence.recognizer)) return [...findings];
  const testFile = TEST_PATH.test(kind.path ?? '');
  const examples = technical ? exampleValues(text, findings.filter(canBeExample), exampleRegions(text, { man: flavour === 'man', fences: flavour === 'docs' || flavour === 'code' })) : new Set<string>();
  const stamps = timestampRegions(text);
  const spans = flavour === 'data' ? keyedLines(text) : [];
  const licence = isLicence(flavour, text);
  const codeWords = new UsedAsCode(text);
  const out: Finding[] = [];
  /** Raised by a personal key: the key is what the technical-file rule would ask for. */
  const keyed = new Set<Finding>();
  for (const f of findings) {
    const value = text.slice(f.start, f.end);
    if (examples.size > 0 && canBeExample(f) && examples.has(value)) continue;
    if (technical && (isMachineAddress(text, f, value, flavour, testFile) || isUnnamedNationalNumber(text, f, value))) continue;
    if (f.evidence.recognizer) {
      out.push(f);
      continue;
    }
    if (!TIME_CLASSES.has(f.label) && inAnyRegion(stamps, f)) continue;
    // roff's font escapes glue to the word they style: a guess that starts on the escape's
    // letter (`f5gcloud` of `\f5gcloud`), or on a request (`.RE`), is a man page's markup.
    if ((text[f.start - 1] === '\\' && /^f[A-Z0-9]/.test(value)) || onRoffRequest(text, f)) continue;
    // A licence notice in a header comment: its organisations and addresses are the licence's.
    if (!PERSON_NAME_CLASSES.has(f.label) && inLicenceNotice(text, f)) continue;
    const token = enclosingToken(text, f.start, f.end).value;
    if (isLicenceId(token) || isLicenceId(value) || isMachineToken(token)) continue;
    // Data files: the key decides first (a personal key keeps even a lower-case value).
    if (flavour === 'data') {
      const span = spanAt(spans, f.start);
      if (span) {
        const lineValue = text.slice(span.valueStart, span.valueEnd).replace(/^["']|["'],?\s*$/g, '');
        const verdict = keyVerdict(span, f.start, f.end, lineValue);
        if (verdict === 'key' || verdict === 'not-personal') continue;
        if (verdict === 'personal') {
          const raised = { ...f, score: Math.min(0.99, f.score + KEY_BOOST), evidence: { ...f.evidence, rule: f.evidence.rule ?? `value of a "${span.key === 'name-of-person' ? 'name' : span.key}" key` } };
          keyed.add(raised);
          out.push(raised);
          continue;
        }
      }
    }
    if (flavour === 'changelog' && inEntryLabel(text, f)) continue;
    // A letter alone (`B` of "A to B", `s` of "-s") is no one's name, place or firm.
    if (WORDLIKE.has(f.label) && /^\p{L}$/u.test(value)) continue;
    // Technical files: an ALL-CAPS word is a name for something (`EOF`, a Unicode character's
    // `HARD SIGN`, a man page's `ACCOUNT` placeholder, a licence's `BEOPEN`), not someone.
    if (technical && WORDLIKE.has(f.label) && ALL_CAPS.test(value)) continue;
    if (flavour === 'code' && WORDLIKE.has(f.label) && codeWords.test(value)) continue;
    if (WORDLIKE.has(f.label) && technical && flavour !== 'licence' && isCodeWord(text, f, value)) continue;
    if (WORDLIKE.has(f.label) && /^\s*\(/.test(text.slice(f.end, f.end + 2)) && /^[\p{Ll}\d_]+$/u.test(value)) continue;
    if (flavour === 'log' && isLogToken(token, f.label)) continue;
    // A person's name is worth reporting even in boilerplate (a name added to a licence file is news).
    if (licence && !PERSON_NAME_CLASSES.has(f.label) && !LICENCE_PERSON_LINE.test(lineAround(text, f.start))) continue;
    out.push(f);
  }
  if (!technical) return out;
  // What stays of the guesses decides which are alone: `6` of "debhelper 6" is a house number
  // only while `debhelper` passed for a street.
  const guesses = new TechnicalGuesses(text, out.filter((f) => !f.evidence.recognizer));
  return out.filter((f) => f.evidence.recognizer || keyed.has(f) || !guesses.isNoise(f));
}
