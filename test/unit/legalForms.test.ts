import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeLegalForms } from '../../server/src/engine/repairs/legalForms';

/** What a name with a legal form scores (trusted), written out rather than re-imported. */
const TRUSTED = 0.9;
import type { Finding } from '../../server/src/engine/types';
import { findingAt } from './helpers/findings';

const at = (text: string, value: string, label: string, score = 0.5): Finding => findingAt(text, value, label, score);
const run = (text: string, findings: Finding[]): Array<[string, string, number]> =>
  completeLegalForms(text, findings).map((f) => [text.slice(f.start, f.end), f.label, f.score]);

test('a doubted company name ending in a legal form is confident and keeps the dot', () => {
  const text = 'Predilytics, Opportunityspace Inc. and U.N. were there';
  const out = completeLegalForms(text, [at(text, 'Opportunityspace Inc', 'COMPANYNAME', 0.57)]);
  assert.deepEqual(out.map((f) => text.slice(f.start, f.end)), ['Opportunityspace Inc.']);
  assert.equal(out[0].score, TRUSTED);
  assert.equal(out[0].evidence.rule, 'legal form "Inc"');
  assert.equal(out[0].evidence.model, 0.57);
});

test('the form right after the name joins it; a stronger score is kept', () => {
  const text = 'I work for Mclaughlin Ltd. since May';
  assert.deepEqual(run(text, [at(text, 'Mclaughlin', 'COMPANYNAME', 0.95)]), [['Mclaughlin Ltd.', 'COMPANYNAME', 0.95]]);
});

test('a bare form takes the capitalised words before it, and the findings on them give way', () => {
  const text = 'The address of Drake PLC is 57 Marys Avenue';
  const street = at(text, 'Marys Avenue', 'STREET', 0.9);
  assert.deepEqual(run(text, [at(text, 'Drake', 'FIRSTNAME', 0.69), at(text, 'PLC', 'COMPANYNAME', 0.89), street]), [
    ['Drake PLC', 'COMPANYNAME', TRUSTED],
    ['Marys Avenue', 'STREET', 0.9],
  ]);
  const list = 'home city Wassenaar: Palantir Technologies, Underwood Group and Spikes';
  assert.deepEqual(run(list, [at(list, 'Group', 'COMPANYNAME', 0.99)]), [['Underwood Group', 'COMPANYNAME', 0.99]]);
});

test('names are not taken across a line break or past three words', () => {
  const text = 'Acme\nHoldings';
  assert.deepEqual(run(text, [at(text, 'Holdings', 'COMPANYNAME')]), [['Holdings', 'COMPANYNAME', 0.5]]);
  const long = 'Alpha Beta Gamma Delta Group';
  assert.deepEqual(run(long, [at(long, 'Group', 'COMPANYNAME')]), [['Beta Gamma Delta Group', 'COMPANYNAME', TRUSTED]]);
});

test('no company without a name, no form in lower case for short forms, other labels untouched', () => {
  const text = 'we met the Group at sa offices';
  assert.deepEqual(run(text, [at(text, 'the Group', 'COMPANYNAME')]), [['the Group', 'COMPANYNAME', 0.5]]);
  const short = 'Ask Pinto sa today';
  assert.deepEqual(run(short, [at(short, 'Pinto', 'COMPANYNAME')]), [['Pinto', 'COMPANYNAME', 0.5]]);
  const person = 'Mr Group Inc';
  assert.deepEqual(run(person, [at(person, 'Group', 'LASTNAME')]), [['Group', 'LASTNAME', 0.5]]);
  const lower = 'recorded for think computer corporation became';
  assert.deepEqual(run(lower, [at(lower, 'think computer corporation', 'COMPANYNAME')]), [['think computer corporation', 'COMPANYNAME', TRUSTED]]);
});
