import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCodeLike } from '../../server/src/engine/codeContext';
import { dropOrphanParts } from '../../server/src/engine/decode';
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
