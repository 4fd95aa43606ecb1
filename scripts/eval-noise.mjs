#!/usr/bin/env node
/**
 * `npm run eval:noise`: how loud PII Lint is on real developer files nobody here wrote.
 *
 *   node scripts/eval-noise.mjs [--model DIR] [--corpus DIR] [--rebuild] [--top N] [--by-category] [--examples CATEGORY|all] [--check]
 *
 * Scans the corpus of scripts/noise-corpus.mjs (assembled first when missing, or with --rebuild)
 * with `pii-lint scan` and default settings, and prints per category: lines, findings that are
 * false positives per 1,000 lines, findings that are real people (counted apart), and whether
 * the planted values were found; then the most frequent false-positive patterns.
 *
 * "Real people" are what these files do hold: an e-mail address anywhere (a maintainer's), and any
 * finding on an attribution line — copyright and licence holders, authors and maintainers, Debian
 * changelog trailers and `[ Name ]` lines, thanks and credits, GitHub @handles in changelogs, a man
 * page's AUTHOR/COPYRIGHT/REPORTING BUGS sections — and a name found elsewhere that the corpus
 * writes, somewhere, with its e-mail address ("Helmut Grohne <…>"), and a changelog entry's
 * credit ("(Emmanuel Bourg)", "report by …"). Everything else flagged is a false positive.
 * Lockfiles are skipped by default; they are also scanned with "skipGenerated": [] as a separate row.
 * --check exits 1 when a category is over 0.5 per 1,000 lines or a planted value is missed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const TARGET = 0.5;

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const flag = (name) => process.argv.includes(name);

const CORPUS = resolve(option('--corpus', join(tmpdir(), 'pii-lint-noise')));
const MODEL = option('--model', undefined);
const TOP = Number(option('--top', '25'));

if (!existsSync(CLI)) {
  console.error('dist/cli.js is missing: run `npm run build` (npm run eval:noise does).');
  process.exit(2);
}
if (flag('--rebuild') || !existsSync(join(CORPUS, 'planted.json'))) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'noise-corpus.mjs'), '--out', CORPUS], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(2);
}

const planted = JSON.parse(readFileSync(join(CORPUS, 'planted.json'), 'utf8'));
const categories = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function scan(paths, config) {
  const args = [CLI, 'scan', '--format', 'json', '--no-ignore', '--fail-on', 'never', '--allow-unscanned', ...paths];
  if (MODEL) args.push('--model', resolve(MODEL));
  if (config) args.push('--config', config);
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: CORPUS, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(2);
  }
  return { report: JSON.parse(r.stdout), seconds: (Date.now() - started) / 1000 };
}

const fileCache = new Map();
function linesOf(path) {
  let lines = fileCache.get(path);
  if (!lines) {
    lines = readFileSync(join(CORPUS, path), 'utf8').split(/\r\n|\n|\r/);
    fileCache.set(path, lines);
  }
  return lines;
}

const ATTRIBUTION =
  /(?<![A-Za-z])(?:copyright|\(c\)|author(?:s|ed)?|maintain(?:er|ers|ed)|contributors?|written by|thanks?|credits?|patch(?:es)? (?:by|from)|(?:reported|suggested|signed-off|co-authored|reviewed|acked|tested|helped)[ -]by|uploaders?|sponsor(?:ed)?|originally by|ported by|wrote:)(?![A-Za-z])|©|@author\b|<[^<>\s]+@[^<>\s]+>/i;
/** Keys under which a data file names people (package.json's author, contributors, maintainers). */
const PERSON_PARENT = /["']?(?:author|authors|contributors|maintainers|maintainer|owners?)["']?\s*:/i;
/** Debian changelog: the trailer line and the `[ Name ]` lines of team uploads. */
const CHANGELOG_PERSON = /^ -- .+<.+>|^\s*\[ ?[^\]]+ ?\]\s*$/;
const GITHUB_HANDLE = /(?:^|[\s(\[,])@[A-Za-z0-9][A-Za-z0-9-]{0,38}\b|github\.com\/[A-Za-z0-9-]+(?:\s|\)|$)/;
const MAN_PERSON_SECTION = /^\.S[Hh]\s+"?(?:AUTHORS?|COPYRIGHT|REPORTING BUGS|BUGS|HISTORY|THANKS|CREDITS)\b/i;

/** A Markdown heading (`## Contributors`) or a setext one's text line, whose section names people. */
const DOC_PERSON_SECTION = /^(?:#{1,6}[ \t]+|<h\d>)?.*\b(?:contributors?|collaborators?|backers?|sponsors?|donors?|supporters?|authors?|maintainers?|team|thanks|credits?|acknowledge?ments?|people|who uses|funding)\b/i;

/** A signature: a name alone on its line with an e-mail address alone on the next ("Mike Frysinger\nvapier@gentoo.org"). */
function isSignature(path, line) {
  const lines = linesOf(path);
  return /^\s*\S+@\S+\.\w+\s*$/.test(lines[line + 1] ?? '') && /^\s*[\p{Lu}][\p{L}'’.-]*(?:\s+[\p{L}'’.-]+){0,3}\s*$/u.test(lines[line] ?? '');
}

/**
 * Sections that name people: a man page's AUTHOR-like ones (`.SH AUTHOR`), a Markdown document's
 * Contributors, Sponsors… (`## Contributors`, `<h3>`, or a setext heading's text line). What
 * starts a section, and which headings are about people.
 */
const SECTIONS = {
  man: { heading: (lines, i) => /^\.S[Hh]\b/.test(lines[i]), person: MAN_PERSON_SECTION },
  doc: {
    heading: (lines, i) => /^#{1,6}[ \t]/.test(lines[i]) || /^<h\d>/.test(lines[i]) || (/^(?:=+|-+)[ \t]*$/.test(lines[i + 1] ?? '') && lines[i].trim() !== ''),
    person: DOC_PERSON_SECTION,
  },
};
const sectionLines = new Map();
/** Whether a line (0-based) of a file lies inside a section of `kind` that names people. */
function inPersonSection(kind, path, line) {
  const key = `${kind}:${path}`;
  let set = sectionLines.get(key);
  if (!set) {
    const { heading, person } = SECTIONS[kind];
    set = new Set();
    let inside = false;
    const lines = linesOf(path);
    lines.forEach((l, i) => {
      if (heading(lines, i)) inside = person.test(l);
      else if (inside) set.add(i);
    });
    sectionLines.set(key, set);
  }
  return set.has(line);
}

/**
 * Full names the corpus itself shows as people: written with an e-mail address (`Helmut Grohne
 * <helmut@…>`, `__author__ = "Guido van Rossum <guido@…>"`). The same name elsewhere (a changelog's
 * "(Helmut Grohne)", a licence's history) is that person, not a false positive.
 */
const NAME_WITH_ADDRESS = /(\p{Lu}[\p{L}.'’-]*(?:[ \t]+[\p{L}.'’-]+){1,3})[ \t]*<[^<>\s@]+@[^<>\s]+>/gu;
const NAME_CLASSES = new Set(['FIRSTNAME', 'LASTNAME', 'MIDDLENAME']);
let knownNames = null;
function namesOfPeople() {
  if (knownNames) return knownNames;
  knownNames = new Set();
  for (const c of categories) {
    for (const f of readdirSync(join(CORPUS, c), { recursive: true, withFileTypes: true })) {
      if (!f.isFile()) continue;
      const rel = join(f.parentPath ?? f.path, f.name).slice(CORPUS.length + 1);
      if (planted.some((p) => p.path === rel)) continue; // the planted values are not the corpus's people
      for (const line of linesOf(rel)) for (const m of line.matchAll(NAME_WITH_ADDRESS)) knownNames.add(m[1].replace(/\s+/g, ' '));
    }
  }
  return knownNames;
}

/** A name-class finding inside a full name the corpus shows with an address. */
function isKnownPerson(f, text) {
  if (!NAME_CLASSES.has(f.label) || f.line !== f.endLine) return false;
  const norm = text.replace(/\s+/g, ' ');
  const value = text.slice(f.column - 1, f.endColumn - 1);
  for (const name of namesOfPeople()) {
    if (` ${name} `.includes(` ${value} `) && norm.includes(name)) return true;
  }
  return false;
}

/**
 * Changelogs and code comments credit people in their own way: "(Emmanuel Bourg)" closing a
 * changelog entry, "report by Gabriel Ravier", "from Helmut", "thanks to A B and C D", a script's
 * "# Adapted from zgrep … by Anibal Monsalve Salazar" — the names may wrap onto the next line. A
 * name-class finding after such a word (or, in changelogs, an open parenthesis), with only
 * capitalised words, commas and "and" between, is a credited person.
 */
const CREDIT_BEFORE = /(?:\(|\b(?:by|from|[Tt]hanks(?: to)?))\s*(?:(?:\p{Lu}[\p{L}'’.-]*|and|,)\s*){0,8}$/u;
const COMMENT_CREDIT_BEFORE = /\b(?:by|based on|[Tt]hanks(?: to)?)\s*(?:(?:\p{Lu}[\p{L}'’.-]*|and|,)\s*){0,8}$/u;
function isCredit(f, changelog) {
  if (!NAME_CLASSES.has(f.label)) return false;
  const lines = linesOf(f.path);
  const before = `${lines[f.line - 2] ?? ''} ${(lines[f.line - 1] ?? '').slice(0, f.column - 1)}`;
  return (changelog ? CREDIT_BEFORE : COMMENT_CREDIT_BEFORE).test(before);
}

/**
 * People found by reading the findings, that no rule above marks: real people named in running
 * text (the YAML specification's example records list baseball players; the Python licence's
 * history quotes Richard Stallman; a Debian changelog credits Kevin Locke), and the made-up people
 * of sample records, who are personal data in form (the LGPL's sample signature "Ty Coon"; the
 * YAML spec's invoice with its customer's address). A finding counts as one of these when its
 * value is part of an entry and its line holds the whole entry. Printed apart ("by review").
 */
const REVIEWED_PEOPLE = [
  'Mark McGwire', 'Sammy Sosa', 'Ken Griffey', 'Ken Griff', // baseball players (YAML spec examples)
  '458 Walkman Dr', 'Suite #292', 'Royal Oak', '48046', // the YAML spec invoice's customer address
  'Ty Coon', // the LGPL's sample signature
  'Richard Stallman', // Python's LICENSE history
  'Kevin Locke', 'Vincent Lefevre', // credited in Debian changelog entries
];
function isReviewedPerson(f, text) {
  const value = valueOf(f);
  return REVIEWED_PEOPLE.some((entry) => entry.includes(value) && text.includes(entry));
}

/** A line of a list that an attribution opens and has not closed yet (`__credits__ = ('GvR, …',` then its names). */
function inAttributionList(path, line) {
  const lines = linesOf(path);
  for (let i = line - 1; i >= 0 && i >= line - 6; i--) {
    const l = lines[i] ?? '';
    if (/[)\]]\s*[,;]?\s*$/.test(l)) return false;
    if (ATTRIBUTION.test(l) && /[([]/.test(l)) return true;
  }
  return false;
}

function isPlanted(f) {
  return planted.find((p) => p.path === f.path && p.line === f.line);
}

/** Inside an author/contributors/maintainers object or list: brackets (JSON) or indentation (YAML) back up. */
function underPersonKey(path, line) {
  const lines = linesOf(path);
  let depth = 0;
  const indent = (l) => /^\s*/.exec(l)[0].length;
  let want = indent(lines[line] ?? '');
  for (let i = line; i >= 0 && i > line - 200; i--) {
    const l = lines[i] ?? '';
    if (i < line) {
      depth += (l.match(/[\]}]/g) ?? []).length - (l.match(/[[{]/g) ?? []).length;
      if (depth < 0 || (l.trim() !== '' && indent(l) < want && !/[[{]\s*$/.test(l) && !l.trim().startsWith('-'))) {
        if (PERSON_PARENT.test(l)) return true;
        depth = 0;
        want = indent(l);
        if (want === 0) return false;
      }
    }
  }
  return PERSON_PARENT.test(lines[line] ?? '');
}

function classify(category, f) {
  if (isPlanted(f)) return 'planted';
  const text = linesOf(f.path)[f.line - 1] ?? '';
  if (category === 'configs' && underPersonKey(f.path, f.line - 1)) return 'person';
  if (f.label === 'EMAIL') return 'person';
  if (ATTRIBUTION.test(text) || inAttributionList(f.path, f.line - 1)) return 'person';
  if (category === 'changelogs' && (CHANGELOG_PERSON.test(text) || GITHUB_HANDLE.test(text))) return 'person';
  if (isCredit(f, category === 'changelogs')) return 'person';
  if (category === 'man-pages' && inPersonSection('man', f.path, f.line - 1)) return 'person';
  if (category === 'docs' && (inPersonSection('doc', f.path, f.line - 1) || isSignature(f.path, f.line - 1))) return 'person';
  if (isKnownPerson(f, text)) return 'person';
  if (isReviewedPerson(f, text)) return 'reviewed';
  return 'fp';
}

function valueOf(f) {
  const lines = linesOf(f.path);
  if (f.line !== f.endLine) return `${(lines[f.line - 1] ?? '').slice(f.column - 1)}…`;
  return (lines[f.line - 1] ?? '').slice(f.column - 1, f.endColumn - 1);
}

function lineCount(category) {
  let n = 0;
  for (const f of readdirSync(join(CORPUS, category), { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const rel = join(f.parentPath ?? f.path, f.name).slice(CORPUS.length + 1);
    n += linesOf(rel).length;
  }
  return n - planted.filter((p) => p.path.startsWith(`${category}/`)).length;
}

const { report, seconds } = scan(categories);
const rows = [];
const fps = [];
const byCategory = (findings, category) => findings.filter((f) => f.path.startsWith(`${category}/`));

function summarize(category, findings, note = '') {
  const lines = lineCount(category);
  const kinds = { fp: [], person: [], reviewed: [], planted: [] };
  for (const f of findings) kinds[classify(category, f)].push(f);
  const plants = planted.filter((p) => p.path.startsWith(`${category}/`));
  const found = plants.filter((p) =>
    findings.some((f) => f.path === p.path && f.line === p.line && p.labels.includes(f.label) && f.column < p.column + p.length && f.endColumn > p.column),
  );
  for (const p of plants) if (!found.includes(p)) console.error(`  planted ${p.kind} not found: ${p.path}:${p.line}`);
  rows.push({ category: category + note, lines, fp: kinds.fp.length, per1k: (kinds.fp.length * 1000) / lines, person: kinds.person.length + kinds.reviewed.length, reviewed: kinds.reviewed.length, planted: `${found.length}/${plants.length}` });
  for (const f of kinds.fp) fps.push({ category, label: f.label, value: valueOf(f), where: `${f.path}:${f.line}`, line: (linesOf(f.path)[f.line - 1] ?? '').trim().slice(0, 140) });
  return { missed: plants.length - found.length };
}

let missed = 0;
for (const c of categories) missed += summarize(c, byCategory(report.findings, c)).missed;

// Lockfiles again, scanned as if skipGenerated were []: what skipping them by default hides.
if (categories.includes('lockfiles')) {
  const dir = mkdtempSync(join(tmpdir(), 'pii-lint-noise-config-'));
  const config = join(dir, '.piilintrc.json');
  writeFileSync(config, JSON.stringify({ skipGenerated: [] }));
  const again = scan(['lockfiles'], config);
  rmSync(dir, { recursive: true, force: true });
  summarize('lockfiles', again.report.findings, ' (scanned anyway)');
}

const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);
console.log(`\nPII Lint noise on real developer files (${CORPUS}), default settings${MODEL ? `, model ${MODEL}` : ''}; scan ${seconds.toFixed(0)} s\n`);
console.log(`${pad('category', 30)}${padl('lines', 8)}${padl('false pos.', 12)}${padl('per 1,000', 11)}${padl('people', 8)}${padl('(review)', 9)}${padl('planted', 9)}  target`);
for (const r of rows) {
  const met = r.per1k <= TARGET ? 'met' : 'NOT met';
  console.log(`${pad(r.category, 30)}${padl(r.lines.toLocaleString('en-US'), 8)}${padl(r.fp, 12)}${padl(r.per1k.toFixed(2), 11)}${padl(r.person, 8)}${padl(r.reviewed, 9)}${padl(r.planted, 9)}  ${r.category.includes('anyway') ? '-' : met}`);
}
const totalLines = rows.filter((r) => !r.category.includes('anyway')).reduce((s, r) => s + r.lines, 0);
const totalFp = rows.filter((r) => !r.category.includes('anyway')).reduce((s, r) => s + r.fp, 0);
console.log(`${pad('all (default settings)', 30)}${padl(totalLines.toLocaleString('en-US'), 8)}${padl(totalFp, 12)}${padl(((totalFp * 1000) / totalLines).toFixed(2), 11)}`);

const patterns = new Map();
for (const f of fps) {
  const key = `${f.label} ${JSON.stringify(f.value.length > 40 ? `${f.value.slice(0, 40)}…` : f.value)}`;
  const e = patterns.get(key) ?? { n: 0, categories: new Set() };
  e.n++;
  e.categories.add(f.category);
  patterns.set(key, e);
}
console.log(`\nTop false-positive patterns (of ${fps.length}):`);
for (const [key, e] of [...patterns].sort((a, b) => b[1].n - a[1].n).slice(0, TOP)) {
  console.log(`${padl(e.n, 5)}  ${key}  [${[...e.categories].join(', ')}]`);
}
if (flag('--by-category')) {
  for (const c of categories) {
    const mine = new Map();
    for (const f of fps.filter((x) => x.category === c)) {
      const key = `${f.label} ${JSON.stringify(f.value.length > 40 ? `${f.value.slice(0, 40)}…` : f.value)}`;
      mine.set(key, (mine.get(key) ?? 0) + 1);
    }
    if (mine.size === 0) continue;
    console.log(`\n${c}:`);
    for (const [key, n] of [...mine].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${padl(n, 5)}  ${key}`);
  }
}
const examples = option('--examples', undefined);
if (examples) {
  console.log(`\nFalse positives in ${examples}, with their lines:`);
  for (const f of fps.filter((x) => examples === 'all' || x.category === examples)) console.log(`${f.where}: ${f.label} ${JSON.stringify(f.value)} | ${f.line}`);
}
const labels = new Map();
for (const f of fps) labels.set(f.label, (labels.get(f.label) ?? 0) + 1);
console.log(`\nFalse positives by class: ${[...labels].sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ')}`);

if (flag('--check')) {
  const over = rows.filter((r) => !r.category.includes('anyway') && r.per1k > TARGET);
  if (over.length > 0 || missed > 0) {
    console.error(`\nnot met: ${over.map((r) => r.category).join(', ') || 'every category ≤ 0.5'}; planted missed: ${missed}`);
    process.exit(1);
  }
}
