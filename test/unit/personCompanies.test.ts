import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Lexicon, type LexiconFile } from '../../server/src/engine/features';
import { personsNotCompanies } from '../../server/src/engine/repairs/personCompanies';
import type { Finding } from '../../server/src/engine/types';

// The built-in model's lexicon: the rule reads its first-name list.
const lexicon = new Lexicon(JSON.parse(readFileSync(join(__dirname, '..', '..', 'models', 'pii-lint-mini', 'lexicon.json'), 'utf8')) as LexiconFile);
const norm = (w: string): string => w.toLowerCase();
const company = (text: string, value: string, score = 0.6): Finding => {
  const start = text.indexOf(value);
  assert.ok(start >= 0, value);
  return { start, end: start + value.length, label: 'COMPANYNAME', score, evidence: { model: score } };
};
const run = (text: string, value: string, lex: Lexicon | null = lexicon): Array<[string, string, number]> =>
  personsNotCompanies(text, [company(text, value)], lex, norm).map((f) => [text.slice(f.start, f.end), f.label, f.score]);

test('a "company" that is a listed first name and a surname is that person', () => {
  const text = 'Producer Jeremy Oohara explained it';
  assert.deepEqual(run(text, 'Jeremy Oohara'), [['Jeremy', 'FIRSTNAME', 0.6], ['Oohara', 'LASTNAME', 0.6]]);
  const out = personsNotCompanies(text, [company(text, 'Jeremy Oohara')], lexicon, norm);
  assert.equal(out[0].evidence.rule, 'a first name, not a company');
  assert.deepEqual(run('Kimberly said so', 'Kimberly'), [['Kimberly', 'FIRSTNAME', 0.6]]);
  // One word that is also a place, with a surname-like word after it; two words whose first is also a dictionary word.
  assert.deepEqual(run('Producer Francisco Umkhayev explained', 'Francisco'), [['Francisco', 'FIRSTNAME', 0.6]]);
  // A surname-like word after it with letters beyond ASCII.
  assert.deepEqual(run('by Francisco Ćaćić today', 'Francisco'), [['Francisco', 'FIRSTNAME', 0.6]]);
  assert.deepEqual(run('the verses from Tony Shervashidze', 'Tony Shervashidze'), [['Tony', 'FIRSTNAME', 0.6], ['Shervashidze', 'LASTNAME', 0.6]]);
  // Two words: a first name that is also a place, before a word no dictionary knows.
  assert.deepEqual(run('the assistant to Elizabeth Balashova, and', 'Elizabeth Balashova'), [['Elizabeth', 'FIRSTNAME', 0.6], ['Balashova', 'LASTNAME', 0.6]]);
});

test('company words, legal forms, three words, dictionary or place first words, no lexicon: still a company', () => {
  for (const [text, value] of [
    ['Jeremy Technologies is hiring', 'Jeremy Technologies'],
    ['Jeremy Oohara Group', 'Jeremy Oohara Group'],
    ['Grace Hopper Labs', 'Grace Hopper'],
    ['Paris Hilton Inc', 'Paris Hilton'],
    ['Jeremy Oohara Inc. called', 'Jeremy Oohara'],
    ['Victoria Mills is hiring', 'Victoria Mills'],
    ['Elizabeth called', 'Elizabeth'],
    ['Francisco Energy', 'Francisco'],
    ['Sierra Nevada brews', 'Sierra Nevada'],
  ]) {
    assert.deepEqual(run(text, value), [[value, 'COMPANYNAME', 0.6]], value);
  }
  assert.deepEqual(run('Jeremy Oohara', 'Jeremy Oohara', null), [['Jeremy Oohara', 'COMPANYNAME', 0.6]]);
});
