import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Lexicon, type LexiconFile } from '../../server/src/engine/features';
import { completeNames } from '../../server/src/engine/repairs/nameCompletion';
import { BertTokenizer } from '../../server/src/engine/tokenize';
import type { Finding } from '../../server/src/engine/types';

// The built-in model's own tokenizer and lexicon: the rule reads the dictionary bit from it.
const dir = join(__dirname, '..', '..', 'models', 'pii-lint-mini');
const tok = new BertTokenizer(JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')));
const lexicon = new Lexicon(JSON.parse(readFileSync(join(dir, 'lexicon.json'), 'utf8')) as LexiconFile);

const at = (text: string, value: string, label: string, score = 0.8): Finding => {
  const start = text.indexOf(value);
  assert.ok(start >= 0, value);
  return { start, end: start + value.length, label, score, evidence: { model: score } };
};
const complete = (text: string, findings: Finding[], lex: Lexicon | null = lexicon): Array<[string, string]> =>
  completeNames(text, tok.tokenize(text).words, findings, lex).map((f) => [text.slice(f.start, f.end), f.label]);

test('an unfamiliar capitalised word after a first name is the surname', () => {
  const text = 'Follow up with Stephanie Ishibashi in 2 months.';
  const out = completeNames(text, tok.tokenize(text).words, [at(text, 'Stephanie', 'FIRSTNAME')], lexicon);
  assert.deepEqual(out.map((f) => [text.slice(f.start, f.end), f.label]), [['Stephanie', 'FIRSTNAME'], ['Ishibashi', 'LASTNAME']]);
  // The completed surname scores 0.9 of the first name's 0.8, written out rather than re-imported.
  assert.ok(Math.abs(out[1].score - 0.72) < 1e-9, `score ${out[1].score}`);
  assert.equal(out[1].evidence.rule, 'follows a first name');
});

test('hyphenated and accented surnames are taken whole', () => {
  const a = 'The Megan Ellis-Ingram version';
  assert.deepEqual(complete(a, [at(a, 'Megan', 'FIRSTNAME')]), [['Megan', 'FIRSTNAME'], ['Ellis-Ingram', 'LASTNAME']]);
  const b = 'Ask Donna Jurić today';
  assert.deepEqual(complete(b, [at(b, 'Donna', 'FIRSTNAME')]), [['Donna', 'FIRSTNAME'], ['Jurić', 'LASTNAME']]);
});

test('dictionary words, lower-case words, punctuation and all-caps words are not surnames', () => {
  for (const text of ['Thanks Maria Please call me', 'Maria said so', 'Maria, Please', 'Ask Maria CEO of X', 'Maria  Lopez']) {
    const f = at(text, 'Maria', 'FIRSTNAME');
    assert.deepEqual(complete(text, [f]), [['Maria', 'FIRSTNAME']], text);
  }
});

test('a weaker guess on the word becomes the surname; a stronger one stays', () => {
  const text = 'Follow up with Lisa Philippen soon';
  assert.deepEqual(complete(text, [at(text, 'Lisa', 'FIRSTNAME'), at(text, 'Philippen', 'STREET', 0.4)]), [['Lisa', 'FIRSTNAME'], ['Philippen', 'LASTNAME']]);
  assert.deepEqual(complete(text, [at(text, 'Lisa', 'FIRSTNAME'), at(text, 'Philippen', 'STREET', 0.95)]), [['Lisa', 'FIRSTNAME'], ['Philippen', 'STREET']]);
});

test('models without a lexicon are left alone', () => {
  const text = 'Follow up with Stephanie Ishibashi in 2 months.';
  assert.deepEqual(complete(text, [at(text, 'Stephanie', 'FIRSTNAME')], null), [['Stephanie', 'FIRSTNAME']]);
});

test('a lower-case first name takes a lower-case surname, never a dictionary word', () => {
  const text = 'says richard leblanc in a song';
  assert.deepEqual(complete(text, [at(text, 'richard', 'FIRSTNAME')]), [['richard', 'FIRSTNAME'], ['leblanc', 'LASTNAME']]);
  const word = 'ask maria please';
  assert.deepEqual(complete(word, [at(word, 'maria', 'FIRSTNAME')]), [['maria', 'FIRSTNAME']]);
  const mixed = 'ask maria Lopez';
  assert.deepEqual(complete(mixed, [at(mixed, 'maria', 'FIRSTNAME')]), [['maria', 'FIRSTNAME']]);
});

test('lower-case dictionary words stay words even where they are also surnames', () => {
  for (const [text, name] of [['why is yulan so impulsive', 'yulan'], ['said william to christina', 'william'], ['but bakar just has to', 'bakar']]) {
    assert.deepEqual(complete(text, [at(text, name, 'FIRSTNAME')]), [[name, 'FIRSTNAME']], text);
  }
});

test('a one-word "company" right after a first name is the surname, unless it has a legal form or is a company word', () => {
  const text = "the verses from Kevin Lamovec's Cautionary Tales";
  assert.deepEqual(complete(text, [at(text, 'Kevin', 'FIRSTNAME', 0.47), at(text, 'Lamovec', 'COMPANYNAME', 0.72)]), [['Kevin', 'FIRSTNAME'], ["Lamovec's", 'LASTNAME']]);
  const inc = 'Ask Anna Stark Inc today';
  assert.deepEqual(complete(inc, [at(inc, 'Anna', 'FIRSTNAME', 0.5), at(inc, 'Stark', 'COMPANYNAME', 0.7)]), [['Anna', 'FIRSTNAME'], ['Stark', 'COMPANYNAME']]);
});
