import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isLowerCaseWordGuess } from '../../server/src/engine/casing';
import { Lexicon, type LexiconFile } from '../../server/src/engine/features';
import type { Finding } from '../../server/src/engine/types';

// The built-in model's lexicon: the rule reads its dictionary bit.
const lexicon = new Lexicon(JSON.parse(readFileSync(join(__dirname, '..', '..', 'models', 'pii-lint-mini', 'lexicon.json'), 'utf8')) as LexiconFile);
const norm = (w: string): string => w.toLowerCase();
const guess = (text: string, value: string, label: string, recognizer = false): boolean => {
  const start = text.indexOf(value);
  assert.ok(start >= 0, value);
  const f: Finding = { start, end: start + value.length, label, score: 0.9, evidence: recognizer ? { recognizer: true } : { model: 0.9 } };
  return isLowerCaseWordGuess(text, f, lexicon, norm);
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
  assert.equal(isLowerCaseWordGuess('A huge fan', { start: 7, end: 10, label: 'LASTNAME', score: 0.9, evidence: {} }, null, norm), false);
});
