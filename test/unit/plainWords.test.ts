import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isPlainWordGuess } from '../../server/src/engine/filters/plainWords';
import { Lexicon, type LexiconFile } from '../../server/src/engine/features';
import type { Finding } from '../../server/src/engine/types';

// The built-in model's lexicon: the rule reads its dictionary bit.
const lexicon = new Lexicon(JSON.parse(readFileSync(join(__dirname, '..', '..', 'models', 'pii-lint-mini', 'lexicon.json'), 'utf8')) as LexiconFile);
const norm = (w: string): string => w.toLowerCase();
const guess = (text: string, value: string, label: string, recognizer = false): boolean => {
  const start = text.indexOf(value);
  assert.ok(start >= 0, value);
  const f: Finding = { start, end: start + value.length, label, score: 0.9, evidence: recognizer ? { recognizer: true } : { model: 0.9 } };
  return isPlainWordGuess(text, f, lexicon, norm);
};

test('a lower-case dictionary word read as a name, company or place on a capitalised line is a word', () => {
  assert.equal(guess('You can tell Alterio was a huge Susan Lyons fan. Written', 'fan', 'LASTNAME'), true);
  assert.equal(guess("A tribute to Gary de Vaan – sadly, she wasn't impressed.", 'impressed', 'COMPANYNAME'), true);
});

test('lower-case lines, names, non-dictionary words, other classes and recognizers are kept', () => {
  assert.equal(guess('says richard leblanc in a song', 'richard', 'FIRSTNAME'), false);
  assert.equal(guess('Follow up with Tracy wiśniewska soon', 'wiśniewska', 'LASTNAME'), false);
  assert.equal(guess('Follow up with Grace soon', 'Grace', 'FIRSTNAME'), false);
  assert.equal(guess('Our Booth cashier is here', 'cashier', 'JOBTITLE'), false);
  assert.equal(guess('A huge Susan Lyons fan', 'fan', 'LASTNAME', true), false);
  assert.equal(isPlainWordGuess('A huge fan', { start: 7, end: 10, label: 'LASTNAME', score: 0.9, evidence: {} }, null, norm), false);
});

test("the first half of a contraction is no name, with or without a lexicon; a possessive or O'Neil is", () => {
  assert.equal(guess("Don't go to town, Sherry!", 'Don', 'FIRSTNAME'), true);
  assert.equal(isPlainWordGuess("Don’t go", { start: 0, end: 3, label: 'FIRSTNAME', score: 0.9, evidence: { model: 0.9 } }, null, norm), true);
  assert.equal(guess("Mary's car is red", 'Mary', 'FIRSTNAME'), false);
  assert.equal(guess("Ask Mr O'Neil today", 'O', 'LASTNAME'), false);
});

test('a weak name guess on a sentence-initial dictionary word is that word; listed names and strong guesses stay', () => {
  const text = 'Met Maria Kowalski on Tuesday. Will Smith called. Met again later.';
  const at = (word: string, from = 0): number => text.indexOf(word, from);
  const nameAt = (start: number, end: number, score: number): Finding => ({ start, end, label: 'FIRSTNAME', score, evidence: { model: score } });
  assert.equal(isPlainWordGuess(text, nameAt(0, 3, 0.62), lexicon, norm), true, '"Met" opening the text');
  assert.equal(isPlainWordGuess(text, nameAt(at('Met', 5), at('Met', 5) + 3, 0.5), lexicon, norm), true, '"Met" after a full stop');
  assert.equal(isPlainWordGuess(text, nameAt(0, 3, 0.9), lexicon, norm), false, 'a confident guess stays');
  assert.equal(isPlainWordGuess(text, nameAt(at('Maria'), at('Maria') + 5, 0.5), lexicon, norm), false, 'not at a sentence start');
  assert.equal(isPlainWordGuess(text, nameAt(at('Will'), at('Will') + 4, 0.5), lexicon, norm), false, '"Will" is a listed first name');
});
