#!/usr/bin/env node
/**
 * Assembles the false-positive corpus for `npm run eval:noise` from files this machine already has,
 * none written by this project: JavaScript and TypeScript of the npm packages under node_modules,
 * Python's standard library, shell and Perl scripts, C headers, any Go, Debian's logs, lockfiles,
 * configs (YAML, TOML, INI, JSON, Dockerfiles, CI files), changelogs, man pages, licence texts and
 * documentation (packages' READMEs and Markdown docs).
 *
 *   node scripts/noise-corpus.mjs [--out DIR] [--lines N] [--seed S]
 *
 * Files are picked in a fixed pseudo-random order (sha1 of the path), so a machine gives the same
 * corpus every time, spread over many packages rather than the first few. `--seed` orders by
 * sha1(seed + path) instead: another sample of the same machine, to check on files the rules were
 * not tuned on (a held-out corpus). Each category stops
 * near N lines (default 6,000). Then a few values are planted, one line each, in some files of each
 * category (an e-mail, a phone, a card, a name in a comment): `planted.json` says where, and the
 * evaluation checks they are still found. Lockfiles get none: they are skipped by default.
 * The corpus is written to DIR (default: $TMPDIR/pii-lint-noise), one folder per category, each
 * file under its own numbered folder with its original name (lockfile and language detection
 * read names). `manifest.json` lists where every file came from.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const OUT = resolve(option('--out', join(tmpdir(), 'pii-lint-noise')));
const TARGET_LINES = Number(option('--lines', '6000'));
/** node_modules to read packages from: this checkout's (a symlink to the shared one is fine). */
const NODE_MODULES = join(ROOT, 'node_modules');

/** Every file under `dir` (no symlinked folders), up to `limit` files, optionally filtered by name. */
function walk(dir, accept, limit = 200000) {
  const out = [];
  const stack = [dir];
  while (stack.length > 0 && out.length < limit) {
    const d = stack.pop();
    let names;
    try {
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const name of names) {
      const p = join(d, name);
      let st;
      try {
        st = lstatSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) stack.push(p);
      else if (st.isFile() && accept(p, st)) out.push(p);
    }
  }
  return out;
}

/** "@scope/name" or "name": the npm package a node_modules path belongs to (the innermost). */
function packageOf(p) {
  const tail = p.split('/node_modules/').pop();
  const parts = tail.split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

const SEED = option('--seed', '');
const order = (p) => createHash('sha1').update(SEED + p).digest('hex');

function readText(p) {
  let bytes = readFileSync(p);
  if (p.endsWith('.gz')) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      return null;
    }
  }
  if (bytes.subarray(0, 8000).includes(0)) return null;
  const text = bytes.toString('utf8');
  return text.includes('\uFFFD') ? null : text;
}

/** Scripts and stylesheets that are bundles: long lines. The scanner skips them; so does the corpus. */
function looksMinified(text) {
  const lines = text.split('\n');
  return text.length / lines.length > 300 || lines.some((l) => l.length > 2000);
}

const isShellScript = (p, st) => {
  if (st.size > 60000 || st.size < 200) return false;
  try {
    const head = readFileSync(p, { encoding: 'latin1' }).slice(0, 40);
    return /^#!\s*\/(?:usr\/)?bin\/(?:env\s+)?(?:ba|da)?sh\b/.test(head);
  } catch {
    return false;
  }
};

const inNodeModules = (accept) => walk(NODE_MODULES, (p, st) => !p.includes('/.bin/') && accept(p, st));
const sized = (st, max = 120000) => st.size > 300 && st.size < max;

/** Category -> candidate files (unordered) and the name each copy keeps. */
const CATEGORIES = {
  javascript: () => inNodeModules((p, st) => /\.(?:c|m)?js$/.test(p) && !/\.min\.js$/.test(p) && sized(st)),
  typescript: () => inNodeModules((p, st) => /\.(?:d\.)?(?:c|m)?ts$/.test(p) && sized(st) && !/\/typescript\/lib\/lib\./.test(p)),
  python: () => walk('/usr/lib', (p, st) => /\/python3[^/]*\/(?!.*site-packages|.*dist-packages).*\.py$/.test(p) && sized(st)),
  shell: () => [...walk('/usr/bin', isShellScript), ...walk('/usr/sbin', isShellScript), ...walk('/usr/share', (p, st) => /\.(?:sh|bash)$/.test(p) && sized(st))],
  perl: () => walk('/usr/share/perl', (p, st) => /\.p[lm]$/.test(p) && sized(st)).concat(walk('/usr/share/perl5', (p, st) => /\.p[lm]$/.test(p) && sized(st))),
  'c-headers': () => walk('/usr/include', (p, st) => /\.h$/.test(p) && sized(st)),
  go: () => walk('/usr/share', (p, st) => /\.go$/.test(p) && sized(st)).concat(walk('/usr/lib', (p, st) => /\.go$/.test(p) && sized(st))),
  logs: () => walk('/var/log', (p, st) => /\.log(?:\.\d+)?$/.test(p) && st.size > 0 && st.size < 20_000_000),
  lockfiles: () =>
    [join(ROOT, 'package-lock.json'), join(NODE_MODULES, '.package-lock.json')]
      .filter((p) => existsSync(p))
      .concat(inNodeModules((p) => /\/(?:yarn\.lock|package-lock\.json|pnpm-lock\.yaml|Cargo\.lock|poetry\.lock|Pipfile\.lock)$/.test(p)))
      .concat(walk('/usr/lib', (p) => /\/(?:yarn\.lock|Cargo\.lock|poetry\.lock|Pipfile\.lock)$/.test(p))),
  configs: () =>
    inNodeModules((p, st) => /(?:\.ya?ml|\.toml|\/tsconfig\.json|\/package\.json|\.editorconfig|\/Dockerfile|\.env\.example)$/.test(p) && sized(st, 40000))
      .concat(walk('/etc', (p, st) => /\.(?:conf|cnf|ya?ml|toml|ini)$/.test(p) && sized(st, 40000)))
      .concat(walk('/usr/share', (p, st) => /(?:\.ya?ml|\.toml|\/Dockerfile)$/.test(p) && sized(st, 40000))),
  changelogs: () =>
    walk('/usr/share/doc', (p) => /\/changelog(?:\.Debian)?\.gz$/.test(p)).concat(inNodeModules((p, st) => /\/(?:CHANGELOG|HISTORY|History|NEWS)(?:\.md)?$/.test(p) && sized(st))),
  'man-pages': () => walk('/usr/share/man/man1', (p) => /\.1\.gz$/.test(p)).concat(walk('/usr/share/man/man5', (p) => /\.5\.gz$/.test(p))),
  docs: () =>
    inNodeModules((p, st) => /\/(?:README|Readme|readme)(?:\.md|\.markdown)?$|\/docs?\/[^/]+\.md$/.test(p) && sized(st)).concat(
      walk('/usr/share/doc', (p, st) => /\/(?:README|NEWS\.md|[^/]+\.md)(?:\.Debian)?(?:\.gz)?$/.test(p) && !/changelog/i.test(p) && sized(st)),
    ),
  licences: () => walk('/usr/share/common-licenses', () => true).concat(inNodeModules((p, st) => /\/(?:LICENSE|LICENCE|COPYING)(?:\.md|\.txt)?$/i.test(p) && sized(st))),
};

/** Categories whose files each hold at most this many lines (one large file must not be the category). */
const MAX_FILE_LINES = 1500;

/** Lines planted per category, in that category's comment or line syntax. */
const PLANTS = [
  { kind: 'EMAIL', labels: ['EMAIL'], text: 'Escalations go to maria.gonzalez@contoso.com after hours.', value: 'maria.gonzalez@contoso.com' },
  { kind: 'PHONE', labels: ['PHONENUMBER'], text: 'If the nightly build breaks, call +49 30 2758 4410.', value: '+49 30 2758 4410' },
  { kind: 'CARD', labels: ['CREDITCARDNUMBER'], text: 'The test charge went to card 4539 1488 0343 6467 by mistake.', value: '4539 1488 0343 6467' },
  { kind: 'NAME', labels: ['FIRSTNAME', 'LASTNAME', 'MIDDLENAME'], text: 'Ask Jennifer Alvarez before changing this threshold.', value: 'Jennifer Alvarez' },
];

/** How a planted line is written in a file of a category (null: nothing planted there). */
function plantLine(category, file, text) {
  switch (category) {
    case 'javascript':
    case 'typescript':
    case 'c-headers':
    case 'go':
      return `// ${text}`;
    case 'python':
    case 'shell':
    case 'perl':
      return `# ${text}`;
    case 'configs':
      return /\.(?:ya?ml|toml|conf|cnf|ini)$|Dockerfile$|\.env\.example$/.test(file) ? `# ${text}` : null;
    case 'logs':
      return `2024-03-01 10:22:13 note: ${text}`;
    case 'changelogs':
      return `  * ${text}`;
    case 'man-pages':
    case 'docs':
      return text;
    case 'licences':
      return text;
    default:
      return null;
  }
}

function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const manifest = {};
  const planted = [];
  for (const [category, find] of Object.entries(CATEGORIES)) {
    const candidates = [...new Set(find())].sort((a, b) => (order(a) < order(b) ? -1 : 1));
    const chosen = [];
    let lines = 0;
    const packagesSeen = new Map();
    for (const src of candidates) {
      if (lines >= TARGET_LINES) break;
      // At most two files of one npm package or one folder: breadth over depth.
      const pkg = src.includes('/node_modules/') ? packageOf(src) : ['man-pages', 'logs'].includes(category) ? src : dirname(src);
      if ((packagesSeen.get(pkg) ?? 0) >= 2) continue;
      const text = readText(src);
      if (text === null || text.trim() === '') continue;
      if (['javascript', 'typescript'].includes(category) && looksMinified(text)) continue;
      let n = text.split('\n').length;
      let kept = text;
      // A long log is read from its start (any part of a log is a log); other long files are passed over.
      if (category === 'logs' && n > MAX_FILE_LINES) {
        kept = text.split('\n').slice(0, MAX_FILE_LINES).join('\n');
        n = MAX_FILE_LINES;
      } else if (category !== 'lockfiles' && n > MAX_FILE_LINES) continue;
      packagesSeen.set(pkg, (packagesSeen.get(pkg) ?? 0) + 1);
      chosen.push({ src, text: kept, n });
      lines += n;
    }
    const dir = join(OUT, category);
    const entries = [];
    let plantedHere = 0;
    chosen.forEach(({ src, text }, i) => {
      const name = basename(src).replace(/\.gz$/, '');
      const rel = join(category, String(i).padStart(4, '0'), name);
      let body = text;
      // Plant one value in every third file that can hold one, until each value is planted once.
      const plant = plantedHere < PLANTS.length && i % 3 === 0 ? PLANTS[plantedHere] : undefined;
      if (plant) {
        const line = plantLine(category, name, plant.text);
        if (line !== null) {
          plantedHere++;
          const rows = text.split('\n');
          const at = Math.floor(rows.length / 2);
          // Inside a Python docstring or a C comment, a "#"/"//" line is still text: fine either way.
          rows.splice(at, 0, line);
          body = rows.join('\n');
          planted.push({ path: rel, line: at + 1, kind: plant.kind, labels: plant.labels, column: line.indexOf(plant.value) + 1, length: plant.value.length });
        }
      }
      mkdirSync(join(OUT, dirname(rel)), { recursive: true });
      writeFileSync(join(OUT, rel), body);
      entries.push({ path: rel, source: src });
    });
    manifest[category] = entries;
    process.stderr.write(`${category}: ${chosen.length} files, ${chosen.reduce((s, c) => s + c.n, 0)} lines\n`);
    if (chosen.length === 0) rmSync(dir, { recursive: true, force: true });
  }
  writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  writeFileSync(join(OUT, 'planted.json'), `${JSON.stringify(planted, null, 1)}\n`);
  process.stderr.write(`corpus: ${OUT} (${planted.length} planted values)\n`);
}

main();
