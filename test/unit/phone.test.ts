import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzePhone, NATIONAL_GUESSES } from '../../server/src/engine/recognizers/phone';

/** The fields a caller decides on (country and calling code are absent when no plan matched). */
const brief = (value: string, guesses = NATIONAL_GUESSES) => {
  const a = analyzePhone(value, guesses);
  return { international: a.international, status: a.status, country: a.country, fictional: a.fictional, nationalDigits: a.nationalDigits };
};

test('a number written with + or 00 and a country code is international, checked against that plan', () => {
  const london = { international: true, status: 'valid', country: 'GB', fictional: false, nationalDigits: '2079460958' };
  assert.deepEqual(brief('+44 20 7946 0958'), london);
  assert.deepEqual(brief('0044 20 7946 0958'), london);
  assert.equal(analyzePhone('+44 20 7946 0958').callingCode, '44');
  assert.deepEqual(brief('+1 (212) 456-7890'), { international: true, status: 'valid', country: 'US', fictional: false, nationalDigits: '2124567890' });
  // Too short for any plan, and a calling code nobody has: invalid, never thrown.
  assert.equal(analyzePhone('+1 000').status, 'invalid');
  assert.deepEqual(brief('+999 1234567'), { international: true, status: 'invalid', country: undefined, fictional: false, nationalDigits: '' });
});

test('a national number takes the first country in the guess list whose plan calls it valid', () => {
  assert.deepEqual(brief('(212) 456-7890'), { international: false, status: 'valid', country: 'US', fictional: false, nationalDigits: '2124567890' });
  assert.equal(brief('020 7946 0958').country, 'GB'); // a leading 0 is no NANP number
  assert.equal(brief('030 901820').country, 'DE');
  assert.equal(analyzePhone('030 901820').callingCode, '49');
});

test('the guess list limits the countries tried: a German number is no number to the NANP-only guess', () => {
  assert.deepEqual(brief('030 901820', ['US']), { international: false, status: 'invalid', country: undefined, fictional: false, nationalDigits: '030901820' });
  assert.equal(brief('030 901820', ['DE']).status, 'valid');
  // Answers are remembered per guess list: the same value under the full list is still German.
  assert.equal(brief('030 901820').country, 'DE');
  assert.equal(brief('020 7946 0958', ['US']).status, 'invalid');
  assert.equal(brief('020 7946 0958').status, 'valid');
});

test('555-0100 to 555-0199 are fictional, with or without area code, prefix 1 or an extension', () => {
  assert.deepEqual(brief('555-0123'), { international: false, status: 'possible', country: 'US', fictional: true, nationalDigits: '5550123' });
  assert.equal(brief('212-555-0142').fictional, true);
  assert.equal(brief('212-555-0142').status, 'valid');
  assert.equal(brief('1-800-555-0199').fictional, true);
  assert.equal(brief('555-0100 ext. 12').fictional, true);
  assert.equal(brief('555-0100 ext. 12').nationalDigits, '5550100');
  // 555-0200 is outside the reserved block; +1 numbers are judged by the same rule.
  assert.equal(brief('212-555-0200').fictional, false);
  assert.equal(brief('+1 212 555 0142').fictional, true);
  assert.equal(brief('+44 20 5550 0142').fictional, false);
});

test('digits that fit no plan: invalid, with the digits kept', () => {
  assert.deepEqual(brief('12'), { international: false, status: 'invalid', country: undefined, fictional: false, nationalDigits: '12' });
  assert.equal(brief('not a phone').status, 'invalid');
});

test('a repeated question gets the same answer (the cache changes nothing)', () => {
  const values = ['+44 20 7946 0958', '(212) 456-7890', '555-0123', '030 901820', '12'];
  const first = values.map((v) => analyzePhone(v));
  for (let round = 0; round < 3; round++) assert.deepEqual(values.map((v) => analyzePhone(v)), first);
});
