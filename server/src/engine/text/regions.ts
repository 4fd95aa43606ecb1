/**
 * Which parts of a document are worth scanning.
 *
 * Prose, data and config files are scanned whole. In source code only comments and string literals
 * are: an identifier such as `firstName` or `customerEmail` is a name for data, not data. Commit
 * messages are scanned minus git's `#` comment lines and everything below the scissors line.
 *
 * The code lexer is deliberately small: one linear pass per comment/string syntax family, no
 * parser. When it guesses wrong (an exotic literal form) the damage stays local: single-line
 * strings end at the line break, and only template literals, triple quotes, raw strings and block
 * comments may span lines.
 */
import type { Region } from '../types';

export interface DocumentKind {
  /** VS Code language id, e.g. "typescript", "python", "git-commit", "markdown". */
  languageId?: string;
  /** File path or URI path; its extension/name is used when languageId is absent or unknown. */
  path?: string;
  /** git's core.commentChar for commit messages (default "#"). */
  commentChar?: string;
}

/** How a document is scanned: all of it, comments and strings only, or as a commit message. */
export type ScanMode = 'all' | 'code' | 'commit';

/** A string literal form: opener, closer and how the closer is escaped inside it. */
interface StringForm {
  open: string;
  close: string;
  /** 'backslash': \x escapes the next char; 'double': the closer written twice; 'none': raw. */
  escape: 'backslash' | 'double' | 'none';
  /** May span line breaks (otherwise an unterminated literal ends at the end of its line). */
  multiline: boolean;
  /** JavaScript template literal: `${ … }` holds code, not string content. */
  template?: boolean;
}

interface Syntax {
  lineComments: string[];
  blockComments: Array<[open: string, close: string]>;
  /** Longest openers first where one is a prefix of another ("""" before "). */
  strings: StringForm[];
  /** Shell: `#` starts a comment only at the start of a word (not in `$#` or `${#x}`). */
  hashNeedsWordStart?: boolean;
  /** C-family char literals ('a', '\n'): skipped, so that a lone `'` (a Rust lifetime) is harmless. */
  charLiterals?: boolean;
  /** JavaScript regular-expression literals, skipped so that a quote inside one opens nothing. */
  regexLiterals?: boolean;
  /** Rust raw strings r"…", r#"…"#. */
  rustRawStrings?: boolean;
}

const DQ: StringForm = { open: '"', close: '"', escape: 'backslash', multiline: false };
const SQ: StringForm = { open: "'", close: "'", escape: 'backslash', multiline: false };
const BACKTICK_TEMPLATE: StringForm = { open: '`', close: '`', escape: 'backslash', multiline: true, template: true };
const TRIPLE_DQ: StringForm = { open: '"""', close: '"""', escape: 'backslash', multiline: true };
const TRIPLE_SQ: StringForm = { open: "'''", close: "'''", escape: 'backslash', multiline: true };
const C_BLOCK: [string, string] = ['/*', '*/'];

const SYNTAX = {
  js: {
    lineComments: ['//'],
    blockComments: [C_BLOCK],
    strings: [BACKTICK_TEMPLATE, DQ, SQ],
    regexLiterals: true,
  },
  c: { lineComments: ['//'], blockComments: [C_BLOCK], strings: [DQ], charLiterals: true },
  java: { lineComments: ['//'], blockComments: [C_BLOCK], strings: [TRIPLE_DQ, DQ], charLiterals: true },
  csharp: {
    lineComments: ['//'],
    blockComments: [C_BLOCK],
    strings: [
      { open: '"""', close: '"""', escape: 'none', multiline: true },
      { open: '@"', close: '"', escape: 'double', multiline: true },
      { open: '$@"', close: '"', escape: 'double', multiline: true },
      { open: '@$"', close: '"', escape: 'double', multiline: true },
      DQ,
    ],
    charLiterals: true,
  },
  go: {
    lineComments: ['//'],
    blockComments: [C_BLOCK],
    strings: [{ open: '`', close: '`', escape: 'none', multiline: true }, DQ],
    charLiterals: true,
  },
  rust: {
    lineComments: ['//'],
    blockComments: [C_BLOCK],
    strings: [{ ...DQ, multiline: true }],
    charLiterals: true,
    rustRawStrings: true,
  },
  swift: { lineComments: ['//'], blockComments: [C_BLOCK], strings: [TRIPLE_DQ, DQ] },
  kotlin: {
    lineComments: ['//'],
    blockComments: [C_BLOCK],
    strings: [{ open: '"""', close: '"""', escape: 'none', multiline: true }, DQ],
    charLiterals: true,
  },
  css: { lineComments: [], blockComments: [C_BLOCK], strings: [DQ, SQ] },
  scss: { lineComments: ['//'], blockComments: [C_BLOCK], strings: [DQ, SQ] },
  php: { lineComments: ['//', '#'], blockComments: [C_BLOCK], strings: [DQ, { ...SQ, multiline: true }] },
  python: { lineComments: ['#'], blockComments: [], strings: [TRIPLE_DQ, TRIPLE_SQ, DQ, SQ] },
  ruby: { lineComments: ['#'], blockComments: [['=begin', '=end']], strings: [DQ, SQ] },
  shell: {
    lineComments: ['#'],
    blockComments: [],
    strings: [
      { open: '"', close: '"', escape: 'backslash', multiline: true },
      { open: "'", close: "'", escape: 'none', multiline: true },
    ],
    hashNeedsWordStart: true,
  },
  powershell: {
    lineComments: ['#'],
    blockComments: [['<#', '#>']],
    strings: [
      { open: '"', close: '"', escape: 'double', multiline: true },
      { open: "'", close: "'", escape: 'double', multiline: true },
    ],
  },
  hash: { lineComments: ['#'], blockComments: [], strings: [DQ, SQ] },
  sql: {
    lineComments: ['--'],
    blockComments: [C_BLOCK],
    strings: [{ open: "'", close: "'", escape: 'double', multiline: true }],
  },
  lua: {
    lineComments: ['--'],
    blockComments: [['--[[', ']]']],
    strings: [{ open: '[[', close: ']]', escape: 'none', multiline: true }, DQ, SQ],
  },
  haskell: { lineComments: ['--'], blockComments: [['{-', '-}']], strings: [DQ] },
} satisfies Record<string, Syntax>;

type SyntaxName = keyof typeof SYNTAX;

/** VS Code language ids (and common aliases) of source code, by syntax family. */
const LANGUAGE_SYNTAX: Record<string, SyntaxName> = {
  javascript: 'js', javascriptreact: 'js', typescript: 'js', typescriptreact: 'js', js: 'js', ts: 'js',
  jsx: 'js', tsx: 'js', mjs: 'js', cjs: 'js', mts: 'js', cts: 'js',
  c: 'c', cpp: 'c', 'objective-c': 'c', 'objective-cpp': 'c', cuda: 'c', 'cuda-cpp': 'c', h: 'c', hpp: 'c',
  cc: 'c', cxx: 'c', hh: 'c', m: 'c', mm: 'c', cu: 'c', glsl: 'c', hlsl: 'c', proto: 'c', proto3: 'c',
  java: 'java', scala: 'java', groovy: 'java', dart: 'java', sc: 'java', gradle: 'java',
  csharp: 'csharp', cs: 'csharp',
  go: 'go',
  rust: 'rust', rs: 'rust',
  swift: 'swift',
  kotlin: 'kotlin', kt: 'kotlin', kts: 'kotlin',
  css: 'css',
  scss: 'scss', less: 'scss', sass: 'scss',
  php: 'php',
  python: 'python', py: 'python', pyi: 'python', pyw: 'python',
  ruby: 'ruby', rb: 'ruby', rake: 'ruby', gemspec: 'ruby',
  shellscript: 'shell', sh: 'shell', bash: 'shell', zsh: 'shell', ksh: 'shell', fish: 'shell',
  powershell: 'powershell', ps1: 'powershell', psm1: 'powershell',
  perl: 'hash', perl6: 'hash', pl: 'hash', pm: 'hash', r: 'hash', elixir: 'hash', ex: 'hash', exs: 'hash',
  coffeescript: 'hash', coffee: 'hash', nim: 'hash', julia: 'hash', jl: 'hash', makefile: 'hash',
  mk: 'hash', dockerfile: 'hash', cmake: 'hash', tcl: 'hash', crystal: 'hash', cr: 'hash',
  sql: 'sql', plsql: 'sql', pgsql: 'sql', mysql: 'sql',
  lua: 'lua',
  haskell: 'haskell', hs: 'haskell', elm: 'haskell',
};

/** File names (no extension) that are code. */
const FILE_NAME_SYNTAX: Record<string, SyntaxName> = {
  makefile: 'hash', gnumakefile: 'hash', dockerfile: 'hash', containerfile: 'hash', rakefile: 'ruby',
  gemfile: 'ruby', jenkinsfile: 'java', vagrantfile: 'ruby', justfile: 'hash',
};

/** Files whose whole content is a commit/tag message being edited. */
const COMMIT_FILE_NAMES = new Set(['COMMIT_EDITMSG', 'MERGE_MSG', 'SQUASH_MSG', 'TAG_EDITMSG', 'EDIT_DESCRIPTION']);

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

function syntaxForPath(path: string): SyntaxName | undefined {
  const name = baseName(path);
  const byName = FILE_NAME_SYNTAX[name.toLowerCase()];
  if (byName) return byName;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return LANGUAGE_SYNTAX[name.slice(dot + 1).toLowerCase()];
}

function syntaxFor(kind: DocumentKind): SyntaxName | undefined {
  // An editor's language id is the user's choice and wins over the file name.
  const id = kind.languageId?.toLowerCase();
  if (id) return Object.hasOwn(LANGUAGE_SYNTAX, id) ? LANGUAGE_SYNTAX[id] : undefined;
  return kind.path ? syntaxForPath(kind.path) : undefined;
}

/** How a document of this kind is scanned. Unknown kinds are scanned whole: missing PII is worse. */
export function scanModeFor(kind: DocumentKind): ScanMode {
  if (kind.languageId === 'git-commit' || kind.languageId === 'git-rebase-msg') return 'commit';
  if (kind.path && COMMIT_FILE_NAMES.has(baseName(kind.path))) return 'commit';
  return syntaxFor(kind) ? 'code' : 'all';
}

/** Whether `span` lies wholly inside one of `regions`. */
export function inAnyRegion(regions: readonly Region[], span: Region): boolean {
  return regions.some((r) => span.start >= r.start && span.end <= r.end);
}

/** The ranges of `text` to scan: sorted, non-overlapping, non-empty, half-open UTF-16 ranges. */
export function regionsFor(text: string, kind: DocumentKind): Region[] {
  if (text.length === 0) return [];
  const mode = scanModeFor(kind);
  if (mode === 'commit') return commitMessageRegions(text, kind.commentChar ?? '#');
  const syntax = mode === 'code' ? syntaxFor(kind) : undefined;
  if (!syntax) return [{ start: 0, end: text.length }];
  return codeRegions(text, SYNTAX[syntax]);
}

// ---------------------------------------------------------------------------------------------
// Commit messages

/**
 * Commit message minus git's comment lines and everything from the scissors line on (what
 * `git commit --cleanup=scissors|strip` drops). Consecutive kept lines form one region so the
 * model sees a paragraph, not a line at a time.
 */
function commitMessageRegions(text: string, commentChar: string): Region[] {
  const scissors = `${commentChar} ------------------------ >8 ------------------------`;
  const regions: Region[] = [];
  let runStart = -1;
  let runEnd = -1;
  let pos = 0;
  while (pos < text.length) {
    const { end, next } = lineAt(text, pos);
    const line = text.slice(pos, end);
    if (line === scissors || line.trimEnd() === scissors) break;
    const isComment = commentChar !== '' && line.startsWith(commentChar);
    if (isComment || line.trim() === '') {
      if (runStart >= 0) regions.push({ start: runStart, end: runEnd });
      runStart = -1;
    } else {
      if (runStart < 0) runStart = pos;
      runEnd = end;
    }
    pos = next;
  }
  if (runStart >= 0) regions.push({ start: runStart, end: runEnd });
  return regions;
}

/** End of the line starting at `pos` (before its line break) and the start of the next line. */
function lineAt(text: string, pos: number): { end: number; next: number } {
  let i = pos;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (i >= text.length) return { end: i, next: i };
  const next = text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
  return { end: i, next };
}

// ---------------------------------------------------------------------------------------------
// Source code

const IDENT_CHAR = /[\p{L}\p{N}_$]/u;

/** Characters after which a `/` starts a regular expression rather than a division. */
const REGEX_PRECEDERS = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
const REGEX_KEYWORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

function isLineBreak(ch: string | undefined): boolean {
  return ch === '\n' || ch === '\r';
}

class RegionList {
  readonly items: Region[] = [];
  add(start: number, end: number): void {
    if (end <= start) return;
    const last = this.items[this.items.length - 1];
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      return;
    }
    this.items.push({ start, end });
  }
}

/**
 * One pass over the code: comment bodies and string contents become regions, everything else is
 * skipped. Template literals keep a stack so that `${ … }` code (with its own strings and nested
 * templates) is lexed as code and the literal resumes at the matching brace.
 */
function codeRegions(text: string, syntax: Syntax): Region[] {
  const out = new RegionList();
  const n = text.length;
  /** Brace depth inside each open template substitution; the top is the innermost. */
  const templateStack: number[] = [];
  let i = 0;
  /** Last significant code character, for the regex-vs-division guess. */
  let prevSignificant = '';
  let prevWord = '';

  /** Scans a string body from `start` (just past the opener); returns the index just past the closer. */
  const scanString = (form: StringForm, start: number): number => {
    let j = start;
    const segmentStart = start;
    while (j < n) {
      const ch = text[j];
      if (form.escape === 'backslash' && ch === '\\') {
        j += 2;
        continue;
      }
      if (text.startsWith(form.close, j)) {
        if (form.escape === 'double' && text.startsWith(form.close, j + form.close.length)) {
          j += form.close.length * 2;
          continue;
        }
        out.add(segmentStart, j);
        return j + form.close.length;
      }
      if (form.template && ch === '$' && text[j + 1] === '{') {
        out.add(segmentStart, j);
        // The substitution is code: the caller's loop lexes it and resumes the literal at `}`.
        templateStack.push(0);
        return -(j + 2) - 1;
      }
      if (!form.multiline && isLineBreak(ch)) {
        out.add(segmentStart, j);
        return j;
      }
      j++;
    }
    out.add(segmentStart, n);
    return n;
  };

  const enterString = (form: StringForm, bodyStart: number): void => {
    const r = scanString(form, bodyStart);
    if (r < 0) {
      i = -r - 1;
      prevSignificant = '{';
    } else {
      i = r;
      prevSignificant = '"';
    }
    prevWord = '';
  };

  outer: while (i < n) {
    const ch = text[i] as string;

    // Inside a template substitution: braces nest; the matching `}` resumes the template literal.
    if (templateStack.length > 0) {
      if (ch === '{') {
        templateStack[templateStack.length - 1]!++;
      } else if (ch === '}') {
        if (templateStack[templateStack.length - 1] === 0) {
          templateStack.pop();
          enterString(BACKTICK_TEMPLATE, i + 1);
          continue;
        }
        templateStack[templateStack.length - 1]!--;
      }
    }

    for (const [open, close] of syntax.blockComments) {
      if (text.startsWith(open, i)) {
        const bodyStart = i + open.length;
        const closeAt = text.indexOf(close, bodyStart);
        const bodyEnd = closeAt < 0 ? n : closeAt;
        out.add(bodyStart, bodyEnd);
        i = closeAt < 0 ? n : closeAt + close.length;
        continue outer;
      }
    }

    for (const marker of syntax.lineComments) {
      if (!text.startsWith(marker, i)) continue;
      if (marker === '#' && syntax.hashNeedsWordStart && i > 0 && !/\s/.test(text[i - 1] as string)) continue;
      const bodyStart = i + marker.length;
      let end = bodyStart;
      while (end < n && !isLineBreak(text[end])) end++;
      out.add(bodyStart, end);
      i = end;
      continue outer;
    }

    if (syntax.rustRawStrings && (ch === 'r' || ch === 'b' || ch === 'c') && !IDENT_CHAR.test(text[i - 1] ?? ' ')) {
      const m = /^[bc]?r(#*)"/.exec(text.slice(i, i + 260));
      if (m) {
        const hashes = m[1] ?? '';
        const bodyStart = i + m[0].length;
        const closer = `"${hashes}`;
        const closeAt = text.indexOf(closer, bodyStart);
        out.add(bodyStart, closeAt < 0 ? n : closeAt);
        i = closeAt < 0 ? n : closeAt + closer.length;
        prevSignificant = '"';
        continue;
      }
    }

    for (const form of syntax.strings) {
      if (text.startsWith(form.open, i)) {
        enterString(form, i + form.open.length);
        continue outer;
      }
    }

    if (syntax.charLiterals && ch === "'") {
      const m = /^'(?:\\(?:u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|.)|[^'\\\r\n]{1,2})'/u.exec(
        text.slice(i, i + 16),
      );
      i += m ? m[0].length : 1;
      prevSignificant = m ? '"' : "'";
      continue;
    }

    if (syntax.regexLiterals && ch === '/' && regexMayStart(prevSignificant, prevWord)) {
      const end = skipRegexLiteral(text, i);
      if (end > 0) {
        i = end;
        prevSignificant = '/';
        prevWord = '';
        continue;
      }
    }

    if (IDENT_CHAR.test(ch)) {
      let j = i + 1;
      while (j < n && IDENT_CHAR.test(text[j] as string)) j++;
      prevWord = text.slice(i, j);
      prevSignificant = 'a';
      i = j;
      continue;
    }
    if (!/\s/.test(ch)) {
      prevSignificant = ch;
      prevWord = '';
    }
    i++;
  }
  return out.items;
}

function regexMayStart(prevSignificant: string, prevWord: string): boolean {
  if (prevSignificant === '') return true;
  if (prevSignificant === 'a') return REGEX_KEYWORDS.has(prevWord);
  return REGEX_PRECEDERS.has(prevSignificant);
}

/** End (exclusive) of a regex literal starting at `start`, or -1 when it isn't one on this line. */
function skipRegexLiteral(text: string, start: number): number {
  const next = text[start + 1];
  if (next === '/' || next === '*' || next === undefined || isLineBreak(next)) return -1;
  let inClass = false;
  for (let j = start + 1; j < text.length; j++) {
    const ch = text[j];
    if (isLineBreak(ch)) return -1;
    if (ch === '\\') {
      j++;
    } else if (ch === '[') {
      inClass = true;
    } else if (ch === ']') {
      inClass = false;
    } else if (ch === '/' && !inClass) {
      let k = j + 1;
      while (k < text.length && /[a-z]/i.test(text[k] as string)) k++;
      return k;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Lines

/**
 * Offsets <-> lines for one text. Line breaks are \r\n, \n and a lone \r (as in VS Code), so a
 * CRLF file reports the same lines and columns as its LF twin. Lines and columns are 0-based here.
 */
export class LineIndex {
  /** Offset where each line starts. */
  readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) {
        this.starts.push(i + 1);
      } else if (ch === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line containing `offset` (an offset inside a CRLF pair belongs to its line). */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** 0-based line and UTF-16 column of `offset`. */
  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - (this.starts[line] as number) };
  }
}

/** Regions clipped to [0, length), sorted, with overlapping or touching ones merged. */
export function mergeRegions(length: number, regions: readonly Region[]): Region[] {
  const sorted = regions
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(length, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: Region[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}
