import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Tokenizer } from '@huggingface/tokenizers';
import { BertTokenizer } from '../../server/src/engine/tokenize';
import { onBoundary, randomUnicode, seededRandom } from './helpers/random';

const tokJson = JSON.parse(readFileSync(join(__dirname, '../../models/pii-lint-mini/tokenizer.json'), 'utf8'));
const tok = new BertTokenizer(tokJson);
const lib = new Tokenizer(tokJson, {});

test('ids match @huggingface/tokenizers on plain text', () => {
  const samples = [
    'Hello John Smith, please email john.smith@gmail.com or call +1 (555) 010-2345.',
    'The quick brown fox jumps over the lazy dog; unaffable supercalifragilistic!',
    "const user = { firstName: 'Ada', iban: 'DE89 3704 0044 0532 0130 00' };",
  ];
  for (const s of samples) {
    const ours = tok.tokenize(s).tokens.map((t) => t.id);
    const theirs = lib.encode(s, { add_special_tokens: false }).ids;
    assert.deepEqual(ours, theirs, s);
  }
});

test('literal special tokens in user text stay plain text', () => {
  const ids = tok.tokenize('before [SEP] middle [CLS] after [UNK] [MASK]').tokens.map((t) => t.id);
  for (const special of [tok.special.cls, tok.special.sep, tok.special.unk, 103]) assert.ok(!ids.includes(special));
});

test('offsets map accents, emoji, CJK, combining marks and final sigma back to the original', () => {
  const text = 'Café ΟΔΥΣΣΕΥΣ naïve 😀x 北京 e\u0301te\u0301';
  const { tokens, words } = tok.tokenize(text);
  const slices = tokens.map((t) => text.slice(t.start, t.end));
  assert.equal(slices[0], 'Café');
  assert.ok(slices.includes('😀'));
  assert.ok(slices.includes('北') && slices.includes('京'));
  assert.equal(words.find((w) => text.slice(w.start, w.end) === 'ΟΔΥΣΣΕΥΣ')?.norm, 'οδυσσευς');
  const last = words[words.length - 1];
  assert.equal(text.slice(last.start, last.end), 'e\u0301te\u0301');
});

test('words over 100 characters are split into real pieces, not one [UNK]', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9' + 'a'.repeat(200);
  const { tokens } = tok.tokenize(jwt);
  assert.ok(tokens.length > 3);
  assert.ok(tokens.every((t) => t.id !== tok.special.unk));
  assert.equal(tokens[0].start, 0);
  assert.equal(tokens[tokens.length - 1].end, jwt.length);
});

test('property: random Unicode never breaks offsets (tokens in bounds, ordered, on boundaries, covering their words)', () => {
  const rnd = seededRandom(42);
  for (let iter = 0; iter < 3000; iter++) {
    const text = randomUnicode(rnd, 1 + Math.floor(rnd() * 60));
    const { tokens, words } = tok.tokenize(text);
    let prevStart = 0;
    for (const t of tokens) {
      // Starts never go backwards; two pieces of one expanded character ("ﬁ") may share it.
      const w = words[t.word];
      assert.ok(t.start >= prevStart && t.start < t.end && t.start >= w.start && t.end <= w.end, JSON.stringify({ text, t }));
      assert.ok(onBoundary(text, t.start) && onBoundary(text, t.end), JSON.stringify({ text, t }));
      assert.notEqual(text.slice(t.start, t.end).trim(), '');
      prevStart = t.start;
    }
    for (let k = 1; k < words.length; k++) assert.ok(words[k].start >= words[k - 1].end);
    for (let wi = 0; wi < words.length; wi++) {
      const ts = tokens.filter((t) => t.word === wi);
      assert.ok(ts.length > 0);
      assert.equal(ts[0].start, words[wi].start);
      assert.equal(ts[ts.length - 1].end, words[wi].end);
    }
  }
});
