import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bareRegions, isBareLiteralGuess, isCodeLike } from '../../server/src/engine/filters/codeContext';
import { Lexicon, type LexiconFile } from '../../server/src/engine/features';
import { placeholderReason } from '../../server/src/engine/recognizers/placeholders';
import { dropOrphanParts } from '../../server/src/engine/model/decode';
import type { Finding } from '../../server/src/engine/types';

const guess = (text: string, value: string, label = 'FIRSTNAME', recognizer = false): [string, Finding] => {
  const start = text.indexOf(value);
  return [text, { start, end: start + value.length, label, score: 0.8, evidence: recognizer ? { recognizer: true } : { model: 0.8 } }];
};

test('identifiers and JSDoc parameter names are not names', () => {
  assert.ok(isCodeLike(...guess(' * @param thisArg An object', 'thisArg')));
  assert.ok(isCodeLike(...guess(' * @param {string} callbackfn A function', 'callbackfn')));
  assert.ok(isCodeLike(...guess('set first_name here', 'first_name')));
  assert.ok(isCodeLike(...guess('the maxBlock value', 'maxBlock', 'CITY')));
  assert.ok(isCodeLike(...guess('     * @param precision Number', 'param')));
});

test('real names, other classes and proven values are kept', () => {
  assert.ok(!isCodeLike(...guess('Ask Grace about it', 'Grace')));
  assert.ok(!isCodeLike(...guess('Ask McDonald about it', 'McDonald', 'LASTNAME')));
  assert.ok(!isCodeLike(...guess('@param user jane_doe', 'jane_doe', 'USERNAME')));
  assert.ok(!isCodeLike(...guess('mail me_too@x.io', 'me_too@x.io', 'EMAIL', true)));
});

test('a building number needs an address part nearby', () => {
  const f = (start: number, end: number, label: string): Finding => ({ start, end, label, score: 0.8, evidence: {} });
  assert.deepEqual(dropOrphanParts([f(0, 2, 'BUILDINGNUMBER')]), []);
  const kept = [f(0, 2, 'BUILDINGNUMBER'), f(3, 15, 'STREET')];
  assert.deepEqual(dropOrphanParts(kept), kept);
});

test('doc tags of any class, the first word of a parameter description, licence headers, identifier-like phone guesses', () => {
  assert.ok(isCodeLike(...guess(' * @param compareFn Function used', 'param', 'USERNAME')));
  assert.ok(isCodeLike(...guess(' * @param hours A numeric value', 'param hours')));
  assert.ok(isCodeLike(...guess(' * @param x A numeric expression.', 'A', 'MIDDLENAME')));
  assert.ok(isCodeLike(...guess('Copyright (c) Microsoft Corporation. All rights reserved.', 'Microsoft Corporation', 'COMPANYNAME')));
  assert.ok(isCodeLike(...guess('algorithm: "X25519"', 'X25519', 'PHONENUMBER')));
  // …but a handle after "@", a phone number and a company in prose stay.
  assert.ok(!isCodeLike(...guess('Her handle is @jsmith', 'jsmith', 'USERNAME')));
  assert.ok(!isCodeLike(...guess('call +44 20 7946 0958', '+44 20 7946 0958', 'PHONENUMBER')));
  assert.ok(!isCodeLike(...guess('She works at Microsoft Corporation.', 'Microsoft Corporation', 'COMPANYNAME')));
});

test('kebab-case words are identifiers', () => {
  assert.ok(isCodeLike(...guess('/* eslint-enable max-len */', 'len')));
  assert.ok(isCodeLike(...guess('mode: "no-cors"', 'cors', 'LASTNAME')));
  assert.ok(!isCodeLike(...guess('Jean-Luc called', 'Jean-Luc')));
});

test('one-token literals: alone or in a table of literals', () => {
  const text = 'const owner = "Maria"; const codes = ["Sara", "Hani"]; // Ask Maria Lopez';
  const lit = (v: string, from = 0): { start: number; end: number } => {
    const start = text.indexOf(v, from);
    return { start, end: start + v.length };
  };
  const owner = lit('Maria');
  const sara = lit('Sara');
  const hani = lit('Hani');
  const comment = lit(' Ask Maria Lopez');
  const bare = bareRegions(text, [owner, sara, hani, comment]);
  assert.equal(bare.get(owner), false, 'a lone literal');
  assert.equal(bare.get(sara), true, 'a table cell');
  assert.equal(bare.get(hani), true, 'a table cell');
  assert.equal(bare.has(comment), false, 'prose is not bare');

  const lexicon = new Lexicon(JSON.parse(readFileSync(join(__dirname, '../../models/pii-lint-mini/lexicon.json'), 'utf8')) as LexiconFile);
  const norm = (w: string): string => w.toLowerCase();
  const f = (r: { start: number; end: number }, label: string): Finding => ({ ...r, label, score: 0.9, evidence: { model: 0.9 } });
  assert.ok(!isBareLiteralGuess(text, f(owner, 'FIRSTNAME'), false, lexicon, norm), 'a known first name alone is kept');
  assert.ok(isBareLiteralGuess(text, f(sara, 'FIRSTNAME'), true, lexicon, norm), 'in a table it is not');
  assert.ok(isBareLiteralGuess(text, f(owner, 'VEHICLEVRM'), false, lexicon, norm), 'other classes need context');
  assert.ok(isBareLiteralGuess(text, f(owner, 'FIRSTNAME'), false, null, norm), 'no lexicon, no bare guesses');
  assert.ok(!isBareLiteralGuess(text, { ...f(owner, 'EMAIL'), evidence: { recognizer: true } }, true, lexicon, norm), 'recognizers are never dropped');
});

test('link-local and multicast IPv6 addresses are not personal', () => {
  assert.equal(placeholderReason('IPV6', 'fe80::1234'), 'link-local or multicast IPv6 address');
  assert.equal(placeholderReason('IPV6', 'ff02::1'), 'link-local or multicast IPv6 address');
  assert.equal(placeholderReason('IPV6', '2a01:4f8:10a::1'), null);
  assert.equal(placeholderReason('DATE', 'January 1, 1970'), 'the Unix epoch');
});
