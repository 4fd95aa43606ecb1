import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, regionsFor, scanModeFor, type DocumentKind } from '../../server/src/engine/text/regions';

/** The scanned pieces of `text`, in order. */
function pieces(text: string, kind: DocumentKind): string[] {
  return regionsFor(text, kind).map((r) => text.slice(r.start, r.end));
}

function assertWellFormed(text: string, kind: DocumentKind): void {
  let prevEnd = -1;
  for (const r of regionsFor(text, kind)) {
    assert.ok(r.start < r.end, 'non-empty');
    assert.ok(r.start > prevEnd, 'sorted, non-overlapping, not adjacent');
    assert.ok(r.end <= text.length);
    prevEnd = r.end;
  }
}

test('prose, data and config files are scanned whole', () => {
  const text = 'Contact Jane Doe <jane@example.com>\n';
  for (const kind of [
    { languageId: 'markdown' },
    { languageId: 'plaintext' },
    { path: 'data/users.csv' },
    { path: 'config/app.yaml' },
    { path: '.env' },
    { path: 'server.log' },
    { path: 'settings.ini' },
    { path: 'Cargo.toml' },
    { path: 'page.html' },
    { path: 'feed.xml' },
    { path: 'users.json', languageId: 'json' },
    { path: 'no-extension' },
    {},
  ]) {
    assert.equal(scanModeFor(kind), 'all', JSON.stringify(kind));
    assert.deepEqual(regionsFor(text, kind), [{ start: 0, end: text.length }], JSON.stringify(kind));
  }
  assert.deepEqual(regionsFor('', { languageId: 'markdown' }), []);
});

test('TypeScript: comments and strings, not identifiers', () => {
  const src = [
    'const firstName = "Jane"; // owner: jane@example.com',
    'const customerEmail = user.email;',
    "/* Written by\n   John Smith */ let q = 'it\\'s Ann';",
  ].join('\n');
  assert.deepEqual(pieces(src, { languageId: 'typescript' }), [
    'Jane',
    ' owner: jane@example.com',
    ' Written by\n   John Smith ',
    "it\\'s Ann",
  ]);
  assertWellFormed(src, { languageId: 'typescript' });
});

test('template literals: text parts are strings, ${…} is code (nested strings and templates too)', () => {
  const src = 'const t = `Dear ${user.firstName + "x"}, from ${ {a: `in ${b} ner`}.a } Bob`;';
  assert.deepEqual(pieces(src, { path: 'a.js' }), ['Dear ', 'x', ', from ', 'in ', ' ner', ' Bob']);
});

test('a quote inside a JS regex literal opens no string; division is not a regex', () => {
  const src = "const re = /['\"`]/g; const half = a / 2; // note about Ann\nconst s = 'Bob';";
  assert.deepEqual(pieces(src, { languageId: 'javascript' }), [' note about Ann', 'Bob']);
});

test('an unterminated single-line string stops at the end of its line', () => {
  const src = 'let a = "unterminated\nlet firstName = 1; // Carol';
  assert.deepEqual(pieces(src, { languageId: 'typescript' }), ['unterminated', ' Carol']);
});

test('Python: hash comments, triple quotes, prefixed strings', () => {
  const src = '# maintainer Bob\nx = """multi\nline"""\ny = f"{name} lives in Paris"  # trailing\nz = \'\'\'a\'\'\'';
  assert.deepEqual(pieces(src, { path: 'x.py' }), [
    ' maintainer Bob',
    'multi\nline',
    '{name} lives in Paris',
    ' trailing',
    'a',
  ]);
});

test('Rust: lifetimes and char literals are not strings; raw strings are', () => {
  const src = 'fn f<\'a>(x: &\'a str) -> char { let c = \'"\'; let s = r#"raw "q" str"#; "Hi Ann" } // c';
  assert.deepEqual(pieces(src, { languageId: 'rust' }), ['raw "q" str', 'Hi Ann', ' c']);
});

test('Go raw strings, Java text blocks, C# verbatim strings', () => {
  assert.deepEqual(pieces('s := `raw\nline` + "x" // y', { languageId: 'go' }), ['raw\nline', 'x', ' y']);
  assert.deepEqual(pieces('String s = """\n  Ann\n  """; char c = \'"\';', { path: 'A.java' }), ['\n  Ann\n  ']);
  assert.deepEqual(pieces('var p = @"C:\\a ""q"" b"; // z', { languageId: 'csharp' }), ['C:\\a ""q"" b', ' z']);
});

test('shell: # starts a comment only at a word start', () => {
  const src = 'echo $# ${#arr[@]} # comment by Ann\nname=\'Bob Smith\'\ngreet "Hi $name"';
  assert.deepEqual(pieces(src, { languageId: 'shellscript' }), [' comment by Ann', 'Bob Smith', 'Hi $name']);
});

test('SQL: -- and /* */ comments, doubled-quote escapes', () => {
  const src = "SELECT * FROM t WHERE name = 'O''Brien' -- from Ann\n/* by Bob */";
  assert.deepEqual(pieces(src, { path: 'q.sql' }), ["O''Brien", ' from Ann', ' by Bob ']);
});

test('file names without extension and language ids map to code', () => {
  assert.equal(scanModeFor({ path: '/repo/Dockerfile' }), 'code');
  assert.equal(scanModeFor({ path: 'src/main.cpp' }), 'code');
  assert.equal(scanModeFor({ languageId: 'typescriptreact' }), 'code');
  assert.equal(scanModeFor({ languageId: 'markdown', path: 'x.ts' }), 'all');
});

test('commit messages: # comment lines and everything below the scissors line are dropped', () => {
  const msg = [
    'Fix login for Jane Doe',
    '',
    'Reported by jane@example.com',
    'on Monday',
    '# Please enter the commit message for your changes.',
    '# ------------------------ >8 ------------------------',
    'diff --git a/x b/x',
    '+bob@example.com',
  ].join('\n');
  for (const kind of [{ languageId: 'git-commit' }, { path: '/repo/.git/COMMIT_EDITMSG' }]) {
    assert.equal(scanModeFor(kind), 'commit');
    assert.deepEqual(pieces(msg, kind), ['Fix login for Jane Doe', 'Reported by jane@example.com\non Monday']);
  }
  assert.deepEqual(pieces('Subject\r\n; comment\r\nBody', { languageId: 'git-commit', commentChar: ';' }), [
    'Subject',
    'Body',
  ]);
});

test('regions are well formed on awkward inputs', () => {
  const inputs = ['"', '/*', '`${', '`${`${"', "'", 'r#"', '//', '\\', '/[/', 'a/"b"/c'];
  for (const text of inputs) {
    for (const languageId of ['typescript', 'python', 'rust', 'shellscript', 'sql', 'csharp', 'go']) {
      assertWellFormed(text, { languageId });
    }
  }
});

test('LineIndex: LF, CRLF and lone CR, UTF-16 columns', () => {
  const text = 'a\r\nbé😀c\nd\re';
  const idx = new LineIndex(text);
  assert.equal(idx.lineCount, 4);
  assert.deepEqual(idx.position(0), { line: 0, column: 0 });
  assert.deepEqual(idx.position(3), { line: 1, column: 0 });
  assert.deepEqual(idx.position(text.indexOf('c')), { line: 1, column: 4 });
  assert.deepEqual(idx.position(text.indexOf('d')), { line: 2, column: 0 });
  assert.deepEqual(idx.position(text.indexOf('e')), { line: 3, column: 0 });
  assert.deepEqual(idx.position(text.length), { line: 3, column: 1 });
});
