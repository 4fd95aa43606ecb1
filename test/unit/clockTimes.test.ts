import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wholeClockTimes } from '../../server/src/engine/repairs/clockTimes';
import type { Finding } from '../../server/src/engine/types';
import { findingAt } from './helpers/findings';

const at = findingAt;
const run = (text: string, findings: Finding[]): Array<[string, string]> =>
  wholeClockTimes(text, findings).map((f) => [text.slice(f.start, f.end), f.label]);

test('pieces of a clock time become the whole time; a house number inside it goes', () => {
  const text = 'When: 2014-02-13 09:33:20\nWhere: Warszawa Country Club.';
  const out = wholeClockTimes(text, [at(text, '2014-02-13', 'DATE'), at(text, '33', 'TIME', 0.98), at(text, '20', 'BUILDINGNUMBER', 0.8, 20), at(text, 'Warszawa', 'CITY')]);
  assert.deepEqual(out.map((f) => [text.slice(f.start, f.end), f.label]), [['2014-02-13', 'DATE'], ['09:33:20', 'TIME'], ['Warszawa', 'CITY']]);
  assert.equal(out[1].score, 0.98);
  assert.equal(out[1].evidence.rule, 'whole clock time');
});

test('a date running into the hour ends before the time, which is read whole', () => {
  const text = 'When: 1990-12-30 04:51:40';
  assert.deepEqual(run(text, [at(text, '1990-12-30 04', 'DATE'), at(text, '51', 'DATE', 0.7, 20), at(text, '40', 'BUILDINGNUMBER', 0.8, 22)]), [
    ['1990-12-30', 'DATE'],
    ['04:51:40', 'TIME'],
  ]);
});

test('only address numbers inside a time: dropped; whole times and other text untouched', () => {
  const a = 'Door code 12:45 at the back';
  assert.deepEqual(run(a, [at(a, '45', 'BUILDINGNUMBER')]), []);
  const b = 'Meeting at 10:30 with Anna';
  assert.deepEqual(run(b, [at(b, '10:30', 'TIME'), at(b, 'Anna', 'FIRSTNAME')]), [['10:30', 'TIME'], ['Anna', 'FIRSTNAME']]);
  const c = 'Meeting at 10:30:15 sharp';
  assert.deepEqual(run(c, [at(c, '10:30', 'TIME')]), [['10:30:15', 'TIME']]);
});

test('IPv6 groups, ratios and impossible times are no clock times', () => {
  for (const [text, value] of [['addr fe80::10:30 up', '30'], ['ratio 1:2:3:4 ok', '2'], ['at 27:99 now', '99']] as const) {
    assert.deepEqual(run(text, [at(text, value, 'BUILDINGNUMBER')]), [[value, 'BUILDINGNUMBER']], text);
  }
});
