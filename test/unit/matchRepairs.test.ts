import assert from 'node:assert/strict';
import { test } from 'node:test';
import { repairAtMatches, type MatchRepair } from '../../server/src/engine/repairs/matchRepairs';
import type { Finding } from '../../server/src/engine/types';
import { findingAt } from './helpers/findings';

const spans = (text: string, findings: readonly Finding[]): Array<[string, string]> => findings.map((f) => [text.slice(f.start, f.end), f.label]);
/** A repair that replaces what touches a match with one finding over the match, labelled `label`. */
const whole = (label: string): MatchRepair => (start, end, touching) => [{ start, end, label, score: touching[0].score, evidence: { rule: 'test' } }];

test('each match sees exactly the findings that overlap it; the others pass through in order', () => {
  const text = 'Ann at 10:30 am, Bob at 11:15 pm, Cy';
  const findings = [findingAt(text, 'Ann', 'FIRSTNAME'), findingAt(text, '10', 'TIME'), findingAt(text, 'Bob', 'FIRSTNAME'), findingAt(text, '15 pm', 'TIME'), findingAt(text, 'Cy', 'FIRSTNAME')];
  const seen: string[][] = [];
  const out = repairAtMatches(text, findings, /\d\d:\d\d [ap]m/g, (start, end, touching) => {
    seen.push([text.slice(start, end), ...touching.map((f) => text.slice(f.start, f.end))]);
    return whole('TIME')(start, end, touching);
  });
  assert.deepEqual(seen, [['10:30 am', '10'], ['11:15 pm', '15 pm']]);
  assert.deepEqual(spans(text, out), [['Ann', 'FIRSTNAME'], ['10:30 am', 'TIME'], ['Bob', 'FIRSTNAME'], ['11:15 pm', 'TIME'], ['Cy', 'FIRSTNAME']]);
});

test('a match that touches no finding is not offered to the repair', () => {
  const text = 'at 10:30 am with Ann';
  let calls = 0;
  const out = repairAtMatches(text, [findingAt(text, 'Ann', 'FIRSTNAME')], /\d\d:\d\d [ap]m/g, (s, e, t) => {
    calls++;
    return whole('TIME')(s, e, t);
  });
  assert.equal(calls, 0);
  assert.deepEqual(spans(text, out), [['Ann', 'FIRSTNAME']]);
});

test('a finding that ends where the match starts, or starts where it ends, does not touch it', () => {
  const text = 'x10:30 amy';
  const before = { start: 0, end: 1, label: 'A', score: 0.9, evidence: {} };
  const after = { start: 9, end: 10, label: 'B', score: 0.9, evidence: {} };
  const out = repairAtMatches(text, [before, after], /\d\d:\d\d [ap]m/g, () => assert.fail('nothing touches the match'));
  assert.deepEqual(out, [before, after]);
});

test('null keeps the touching findings, in place and unchanged', () => {
  const text = 'Ann at 10:30 am, Bob';
  const findings = [findingAt(text, 'Ann', 'FIRSTNAME'), findingAt(text, '10:30', 'TIME'), findingAt(text, 'Bob', 'FIRSTNAME')];
  const out = repairAtMatches(text, findings, /\d\d:\d\d [ap]m/g, () => null);
  assert.deepEqual(out, findings);
});

test('a kept finding that reaches into the next match is offered to that match too; a replaced one is not', () => {
  const text = 'PO Box 1 PO Box 2';
  const long = findingAt(text, 'Box 1 PO Box', 'STREET');
  const seen: number[] = [];
  repairAtMatches(text, [long], /PO Box \d/g, (_s, _e, touching) => {
    seen.push(touching.length);
    return null;
  });
  assert.deepEqual(seen, [1, 1]);
  const replacedOnce: number[] = [];
  const out = repairAtMatches(text, [long], /PO Box \d/g, (s, e, touching) => {
    replacedOnce.push(touching.length);
    return whole('STREET')(s, e, touching);
  });
  assert.deepEqual(replacedOnce, [1]);
  assert.deepEqual(spans(text, out), [['PO Box 1', 'STREET']]);
});

test('a repair may drop the touching findings or return several', () => {
  const text = 'call 10:30 am';
  const f = [findingAt(text, '10', 'TIME'), findingAt(text, '30', 'TIME')];
  assert.deepEqual(repairAtMatches(text, f, /\d\d:\d\d [ap]m/g, () => []), []);
  const split = repairAtMatches(text, f, /\d\d:\d\d [ap]m/g, (s, e, t) => [{ ...t[0], start: s, end: s + 5 }, { ...t[1], start: s + 6, end: e }]);
  assert.deepEqual(spans(text, split), [['10:30', 'TIME'], ['am', 'TIME']]);
});
