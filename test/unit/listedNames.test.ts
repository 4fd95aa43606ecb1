import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Lexicon, type LexiconFile } from '../../server/src/engine/features';
import { addListedFirstNames } from '../../server/src/engine/repairs/listedNames';
import { BertTokenizer } from '../../server/src/engine/tokenize';
import type { Finding } from '../../server/src/engine/types';

// The built-in model's own tokenizer and lexicon: the rule reads the first-name list from it.
const dir = join(__dirname, '..', '..', 'models', 'pii-lint-mini');
const tok = new BertTokenizer(JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')));
const lexicon = new Lexicon(JSON.parse(readFileSync(join(dir, 'lexicon.json'), 'utf8')) as LexiconFile);

const add = (text: string, findings: Finding[] = [], lex: Lexicon | null = lexicon): Array<[string, string, number]> =>
  addListedFirstNames(text, tok.tokenize(text).words, findings, lex).map((f) => [text.slice(f.start, f.end), f.label, f.score]);

test('a listed first name the model passed over is a possible first name', () => {
  assert.deepEqual(add('Jennifer is very happy.'), [['Jennifer', 'FIRSTNAME', 0.6]]);
  const text = 'Why is Johnny so impulsive?';
  const out = addListedFirstNames(text, tok.tokenize(text).words, [], lexicon);
  assert.deepEqual(out.map((f) => text.slice(f.start, f.end)), ['Johnny']);
  assert.equal(out[0].evidence.rule, 'listed first name');
});

test("dictionary words, places, lower-case and all-caps words, parts of joined words and the model's own findings are left alone", () => {
  for (const text of ['Grace under pressure', 'We flew to Paris', 'jennifer is very happy', 'JENNIFER IS HAPPY', "Jean-Pierre's car"]) {
    assert.deepEqual(add(text).filter(([, label]) => label === 'FIRSTNAME'), [], text);
  }
  const text = 'Jennifer is very happy.';
  const model: Finding = { start: 0, end: 8, label: 'COMPANYNAME', score: 0.9, evidence: { model: 0.9 } };
  assert.deepEqual(add(text, [model]), [['Jennifer', 'COMPANYNAME', 0.9]]);
  assert.deepEqual(add(text, [], null), []);
});
