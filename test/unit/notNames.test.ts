import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropNotNames } from '../../server/src/engine/repairs/notNames';
import type { Finding } from '../../server/src/engine/types';

/** The text's name guesses, given as [value, label] in order (each at its first occurrence after the previous one). */
function guesses(text: string, specs: Array<[string, string]>): Finding[] {
  let from = 0;
  return specs.map(([value, label]) => {
    const start = text.indexOf(value, from);
    assert.ok(start >= 0, value);
    from = start + value.length;
    return { start, end: start + value.length, label, score: 0.9, evidence: { model: 0.9 } };
  });
}
const after = (text: string, specs: Array<[string, string]>): string[] =>
  dropNotNames(text, guesses(text, specs)).map((f) => `${text.slice(f.start, f.end)}:${f.label}`);

test('a title before a name is a PREFIX; a title ending a name stays a name', () => {
  assert.deepEqual(after('Biden versus Nebraska. General Prelogar.', [['General', 'FIRSTNAME'], ['Prelogar', 'LASTNAME']]), ['General:PREFIX', 'Prelogar:LASTNAME']);
  assert.deepEqual(after('Mr. Chief Justice, and may it please the Court', [['Justice', 'FIRSTNAME']]), ['Justice:PREFIX']);
  assert.deepEqual(after('a speech by Martin Luther King in 1963', [['Martin', 'FIRSTNAME'], ['Luther', 'MIDDLENAME'], ['King', 'LASTNAME']]), ['Martin:FIRSTNAME', 'Luther:MIDDLENAME', 'King:LASTNAME']);
});

test('a language alone is no person; a language-named person is', () => {
  assert.deepEqual(after('books in other languages like German, Hebrew, and Japanese.', [['German', 'FIRSTNAME'], ['Hebrew', 'FIRSTNAME'], ['Japanese', 'LASTNAME']]), []);
  assert.deepEqual(after('Ask John French or German Titov.', [['John', 'FIRSTNAME'], ['French', 'LASTNAME'], ['German', 'FIRSTNAME']]), ['John:FIRSTNAME', 'French:LASTNAME', 'German:FIRSTNAME']);
});

test('a month in a date is no person; June who speaks is', () => {
  assert.deepEqual(after('16 July 1860 – 30 April 1943, and in June it is hot; May 2 too', [['April', 'FIRSTNAME'], ['June', 'FIRSTNAME'], ['May', 'FIRSTNAME']]), []);
  assert.deepEqual(after('June said the invoice is late.', [['June', 'FIRSTNAME']]), ['June:FIRSTNAME']);
});

test('other classes, several words and lower-case guesses are left alone', () => {
  assert.deepEqual(after('General Motors and german beer', [['General Motors', 'COMPANYNAME'], ['german', 'FIRSTNAME']]), ['General Motors:COMPANYNAME', 'german:FIRSTNAME']);
});
