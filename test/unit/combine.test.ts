import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { combineFindings } from '../../server/src/engine/combine/combine';
import { PHONE_WORD_RULE } from '../../server/src/engine/recognizers/phoneNumbers';
import type { Evidence, Finding } from '../../server/src/engine/types';

/** A finding on the first occurrence of `value` in `text`: the model's, or a recognizer's (with a rule). */
const spanIn =
  (text: string) =>
  (value: string, label: string, score: number, recognizer = false, rule?: string): Finding => {
    const start = text.indexOf(value);
    const evidence: Evidence = recognizer ? { recognizer: true, ...(rule ? { rule } : {}) } : { model: score };
    return { start, end: start + value.length, label, score, evidence };
  };

const text = 'pay to DE44 5001 0517 5407 3249 31 today, Anna';
const at = spanIn(text);

test('a checksum-proven value takes its whole span from the model fragments inside it', () => {
  const model = [at('DE44', 'EMAIL', 0.35), at('5001 0517 5407 3249', 'PHONENUMBER', 0.66), at('Anna', 'FIRSTNAME', 0.9)];
  const out = combineFindings(text, model, [at('DE44 5001 0517 5407 3249 31', 'IBAN', 0.99, true)]);
  assert.deepEqual(out.map((f) => `${f.label}:${text.slice(f.start, f.end)}`), ['IBAN:DE44 5001 0517 5407 3249 31', 'FIRSTNAME:Anna']);
});

test('agreement between model and recognizer raises the score and keeps both as evidence', () => {
  const out = combineFindings(text, [at('DE44 5001 0517 5407 3249', 'IBAN', 0.8)], [at('DE44 5001 0517 5407 3249 31', 'IBAN', 0.95, true)]);
  assert.equal(out.length, 1);
  assert.ok(out[0].score > 0.95);
  assert.equal(out[0].evidence.model, 0.8);
  assert.equal(out[0].evidence.recognizer, true);
});

test('a weak recognizer finding does not override a different model reading', () => {
  const out = combineFindings(text, [at('5001 0517', 'ACCOUNTNUMBER', 0.9)], [at('5001 0517', 'PHONENUMBER', 0.5, true)]);
  assert.deepEqual(out.map((f) => f.label), ['ACCOUNTNUMBER']);
});

test('a phone number with a phone word beside it takes its digits from a model postcode, which keeps its own line', () => {
  const block = 'Larnaka 92151\n24 428557-Office';
  const span = spanIn(block);
  const model = [span('Larnaka', 'CITY', 0.9), span('92151\n24 428557', 'ZIPCODE', 0.8)];
  const shown = (out: Finding[]): string[] => out.map((f) => `${f.label}:${block.slice(f.start, f.end)}`);
  assert.deepEqual(shown(combineFindings(block, model, [span('24 428557', 'PHONENUMBER', 0.8, true, PHONE_WORD_RULE)])), [
    'CITY:Larnaka',
    'ZIPCODE:92151',
    'PHONENUMBER:24 428557',
  ]);
  // Without the phone word the model's reading stands.
  assert.deepEqual(shown(combineFindings(block, model, [span('24 428557', 'PHONENUMBER', 0.8, true)])), ['CITY:Larnaka', 'ZIPCODE:92151\n24 428557']);
});

test('a model fragment of one unbroken token yields to the recognizer that reads the token whole; fully masked values are placeholders', () => {
  const line = "card number '4532************7890' and SSN XX-XXXX";
  const span = spanIn(line);
  const out = combineFindings(line, [span('7890', 'AMOUNT', 0.86), span('XX-XXXX', 'VEHICLEVRM', 0.98)], [span('4532************7890', 'CREDITCARDNUMBER', 0.55, true)]);
  assert.deepEqual(out.map((f) => `${f.label}:${line.slice(f.start, f.end)}:${f.score}`), ['CREDITCARDNUMBER:4532************7890:0.55', 'VEHICLEVRM:XX-XXXX:0.1']);
  assert.equal(out[1].evidence.placeholder, 'fully masked value');
});

test('the fully-masked check is linear: a long run of x before another character ends at once', () => {
  // A nested repetition here once backtracked exponentially on "xxxx…xé" and hung the scan; a
  // child process with a time limit turns such a hang into a failure instead of a stuck suite.
  const code = `
    const { placeholderReason } = require(${JSON.stringify(require.resolve('../../server/src/engine/recognizers/placeholders'))});
    const out = [40, 4000].flatMap((n) => [placeholderReason('LASTNAME', 'x'.repeat(n) + 'é'), placeholderReason('LASTNAME', 'x'.repeat(n) + '-XXXX')]);
    process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.signal, null, 'placeholderReason did not finish within 20 s');
  assert.deepEqual(JSON.parse(r.stdout), [null, 'fully masked value', null, 'fully masked value']);
});

test("a model finding its own check disproves yields to a context recognizer's reading of the same value", () => {
  const line = "Account Number 'HDFC048213377651', IFSC";
  const span = spanIn(line);
  const out = combineFindings(line, [span('HDFC048213377651', 'IBAN', 0.99)], [span('HDFC048213377651', 'ACCOUNTNUMBER', 0.85, true)]);
  assert.deepEqual(out.map((f) => `${f.label}:${f.score}`), ['ACCOUNTNUMBER:0.85']);
  // A model finding that passes (or has no) check keeps its reading.
  const kept = combineFindings(line, [span('HDFC048213377651', 'PASSWORD', 0.9)], [span('HDFC048213377651', 'ACCOUNTNUMBER', 0.85, true)]);
  assert.deepEqual(kept.map((f) => f.label), ['PASSWORD']);
});

test('a recognizer that calls a real-looking value no one\'s (a network, a fiction number) is not outvoted by the model agreeing', () => {
  const t = '#scopev4 ::ffff:169.254.0.0/112 and call 555-0142';
  const on = spanIn(t);
  const out = combineFindings(
    t,
    [on('::ffff:169.254.0.0', 'IPV6', 0.97), on('555-0142', 'PHONENUMBER', 0.9)],
    [on('::ffff:169.254.0.0', 'IPV6', 0.3, true), on('555-0142', 'PHONENUMBER', 0.2, true)],
  );
  assert.deepEqual(out.map((f) => [f.label, f.evidence.model]), [['IPV6', 0.97], ['PHONENUMBER', 0.9]]);
  assert.equal(out[0]!.score, 0.3);
  assert.ok(out[1]!.score <= 0.2);
});
