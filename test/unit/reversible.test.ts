/**
 * Reversible redaction: redact -> (an LLM answers, quoting the tokens) -> restore gives the real
 * values back, for repeated, adjacent and nested values, across prompts of one conversation.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RedactionMap, redactReversibly, restore, type ReversibleOperator } from '../../server/src/redact/reversible';
import type { Entity } from '../../server/src/engine/types';

function at(text: string, value: string, label: string, nth = 0): Entity {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(value, start + 1);
  assert.ok(start >= 0, `fixture: ${label} #${nth} not in text`);
  return { start, end: start + value.length, label, score: 0.9 };
}

const OPERATORS: ReversibleOperator[] = ['placeholder', 'synthetic'];

describe('redactReversibly + restore', () => {
  const text = 'Write to Lena Hartmann (lena.hartmann@posteo.de) about card 4539 1488 0343 6467. Lena Hartmann paid twice; lena.hartmann@posteo.de again.';
  const values = ['Lena Hartmann', 'lena.hartmann@posteo.de', '4539 1488 0343 6467'];
  const findings: Entity[] = [
    at(text, 'Lena', 'FIRSTNAME'),
    at(text, 'Hartmann', 'LASTNAME'), // adjacent to the first name (one space between)
    at(text, 'lena.hartmann@posteo.de', 'EMAIL'),
    at(text, 'lena', 'FIRSTNAME'), // nested in the e-mail
    at(text, '4539 1488 0343 6467', 'CREDITCARDNUMBER'),
    at(text, 'Lena', 'FIRSTNAME', 1), // repeated
    at(text, 'Hartmann', 'LASTNAME', 1),
    // the second e-mail is not found: the distinctive value is replaced anyway
  ];

  for (const operator of OPERATORS) {
    test(`${operator}: no value survives, and restore gives the text back`, () => {
      const r = redactReversibly(text, findings, { operator, seed: 'test' });
      for (const v of values) assert.ok(!r.text.includes(v), `${operator}: a value survived`);
      assert.ok(!r.text.toLowerCase().includes('hartmann'));
      assert.equal(restore(r.text, r.map).text, text);
      // Every token maps to exactly the slice it replaced.
      for (const { token, value } of r.map.entries()) assert.ok(text.includes(value) && r.text.includes(token), token);
    });

    test(`${operator}: an answer that reorders, repeats and drops tokens is restored`, () => {
      const r = redactReversibly(text, findings, { operator, seed: 'test' });
      const tok = (value: string): string => {
        const t = r.map.tokenFor(value);
        assert.ok(t !== undefined, 'value has a token');
        return t;
      };
      const answer = `Dear ${tok('Lena')}, I wrote to ${tok('lena.hartmann@posteo.de')}.\n(${tok('lena.hartmann@posteo.de')} = ${tok('Lena')} ${tok('Hartmann')})`;
      const back = restore(answer, r.map);
      assert.equal(back.text, 'Dear Lena, I wrote to lena.hartmann@posteo.de.\n(lena.hartmann@posteo.de = Lena Hartmann)');
      assert.equal(back.restored, 5);
    });
  }

  test('placeholders are numbered per class and distinct value; one value keeps its token', () => {
    const t = 'a@x.io, b@x.io, a@x.io; Ann and Bob';
    const r = redactReversibly(t, [at(t, 'a@x.io', 'EMAIL'), at(t, 'b@x.io', 'EMAIL'), at(t, 'a@x.io', 'EMAIL', 1), at(t, 'Ann', 'FIRSTNAME'), at(t, 'Bob', 'FIRSTNAME')], {
      operator: 'placeholder',
    });
    assert.equal(r.text, '[EMAIL_1], [EMAIL_2], [EMAIL_1]; [FIRSTNAME_1] and [FIRSTNAME_2]');
    assert.equal(r.replaced, 5);
    assert.equal(r.map.size, 4);
  });

  test('adjacent values with nothing between them stay two tokens', () => {
    const t = 'JohnSmith';
    const r = redactReversibly(t, [{ start: 0, end: 4, label: 'FIRSTNAME', score: 1 }, { start: 4, end: 9, label: 'LASTNAME', score: 1 }], { operator: 'placeholder' });
    assert.equal(r.text, '[FIRSTNAME_1][LASTNAME_1]');
    assert.equal(restore(r.text, r.map).text, t);
  });

  test("a placeholder already in the text is not reused, so restoring can't touch it", () => {
    const t = 'Template: [EMAIL_1]. Real: jo@x.io';
    const r = redactReversibly(t, [at(t, 'jo@x.io', 'EMAIL')], { operator: 'placeholder' });
    assert.equal(r.text, 'Template: [EMAIL_1]. Real: [EMAIL_2]');
    assert.equal(restore(r.text, r.map).text, t);
  });

  test('a conversation: the map carries over, the same value gets the same token', () => {
    const map = new RedactionMap();
    const p1 = 'Ask Ann (ann@x.io).';
    const p2 = 'Also cc bo@x.io and ann@x.io.';
    const r1 = redactReversibly(p1, [at(p1, 'Ann', 'FIRSTNAME'), at(p1, 'ann@x.io', 'EMAIL')], { operator: 'placeholder', map });
    const r2 = redactReversibly(p2, [at(p2, 'bo@x.io', 'EMAIL'), at(p2, 'ann@x.io', 'EMAIL')], { operator: 'placeholder', map });
    assert.equal(r1.text, 'Ask [FIRSTNAME_1] ([EMAIL_1]).');
    assert.equal(r2.text, 'Also cc [EMAIL_2] and [EMAIL_1].');
    assert.equal(map.size, 3);
    assert.equal(restore('[EMAIL_2], [EMAIL_1], [FIRSTNAME_1]', map).text, 'bo@x.io, ann@x.io, Ann');
  });

  test('a pseudonym is restored only as a whole word', () => {
    const map = new RedactionMap([{ token: 'Ann', value: 'Lena', label: 'FIRSTNAME' }]);
    assert.equal(restore('Annual report for Ann, Ann.', map).text, 'Annual report for Lena, Lena.');
    assert.equal(restore('Hi Ann!', map).restored, 1);
  });

  test('the longest token wins where tokens overlap', () => {
    const map = new RedactionMap([
      { token: '[EMAIL_1]', value: 'a@x.io', label: 'EMAIL' },
      { token: '[EMAIL_11]', value: 'k@x.io', label: 'EMAIL' },
      { token: 'Ann', value: 'Lena', label: 'FIRSTNAME' },
      { token: 'Ann Berg', value: 'Lena Hartmann', label: 'FIRSTNAME' },
    ]);
    assert.equal(restore('[EMAIL_11] [EMAIL_1] Ann Berg / Ann', map).text, 'k@x.io a@x.io Lena Hartmann / Lena');
  });

  test('a restored value is not read again as a token', () => {
    const map = new RedactionMap([
      { token: 'X1', value: 'X2', label: 'USERNAME' },
      { token: 'X2', value: 'secret', label: 'USERNAME' },
    ]);
    assert.equal(restore('X1', map).text, 'X2');
  });

  test('a map refuses ambiguous pairs', () => {
    const map = new RedactionMap([{ token: '[EMAIL_1]', value: 'a@x.io', label: 'EMAIL' }]);
    assert.throws(() => map.add({ token: '[EMAIL_1]', value: 'b@x.io', label: 'EMAIL' }), /two values/);
    assert.throws(() => map.add({ token: '[EMAIL_2]', value: 'a@x.io', label: 'EMAIL' }), /two tokens/);
    assert.throws(() => map.add({ token: 'same', value: 'same', label: 'EMAIL' }), /equals its value/);
    assert.throws(() => map.add({ token: '', value: 'v', label: 'EMAIL' }), /non-empty/);
    map.add({ token: '[EMAIL_1]', value: 'a@x.io', label: 'EMAIL' }); // the same pair again is fine
    assert.equal(map.size, 1);
  });

  test('errors never carry the value', () => {
    const map = new RedactionMap([{ token: 't', value: 'lena.hartmann@posteo.de', label: 'EMAIL' }]);
    try {
      map.add({ token: 'u', value: 'lena.hartmann@posteo.de', label: 'EMAIL' });
      assert.fail('expected an error');
    } catch (e) {
      assert.ok(!(e as Error).message.includes('lena'), (e as Error).message);
    }
  });
});
