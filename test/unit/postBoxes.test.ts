import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wholePostBoxes } from '../../server/src/engine/repairs/postBoxes';
import type { Finding } from '../../server/src/engine/types';
import { findingAt } from './helpers/findings';

const at = findingAt;
const run = (text: string, findings: Finding[]): Array<[string, string]> =>
  wholePostBoxes(text, findings).map((f) => [text.slice(f.start, f.end), f.label]);

test('a number the model found in a post-office box phrase becomes the whole phrase, a STREET', () => {
  const text = 'Send it to P.O. Box 101, Qeqertarsuaq';
  const out = wholePostBoxes(text, [at(text, '101', 'BUILDINGNUMBER', 0.98), at(text, 'Qeqertarsuaq', 'CITY')]);
  assert.deepEqual(out.map((f) => [text.slice(f.start, f.end), f.label]), [['P.O. Box 101', 'STREET'], ['Qeqertarsuaq', 'CITY']]);
  assert.equal(out[0].score, 0.98);
  assert.equal(out[0].evidence.rule, 'post-office box');
  const lower = "we'll meet at 80 p.o. box 15, uummannaq";
  assert.deepEqual(run(lower, [at(lower, '80', 'BUILDINGNUMBER'), at(lower, '15', 'BUILDINGNUMBER')]), [['80', 'BUILDINGNUMBER'], ['p.o. box 15', 'STREET']]);
  const po = 'PO Box 4471';
  assert.deepEqual(run(po, [at(po, '4471', 'ZIPCODE')]), [['PO Box 4471', 'STREET']]);
});

test('no model finding, a finding reaching past the phrase, or no box phrase: unchanged', () => {
  const text = 'Send it to P.O. Box 101, Qeqertarsuaq';
  assert.deepEqual(run(text, []), []);
  assert.deepEqual(run(text, [at(text, 'P.O. Box 101, Qeqertarsuaq', 'STREET')]), [['P.O. Box 101, Qeqertarsuaq', 'STREET']]);
  const box = 'the box 12 is empty';
  assert.deepEqual(run(box, [at(box, '12', 'BUILDINGNUMBER')]), [['12', 'BUILDINGNUMBER']]);
});
