import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { redact, Redactor, mergeEntities, type Operator, type RedactEdit } from '../../server/src/redact/redact';
import { mask } from '../../server/src/redact/mask';
import { validateEntity } from '../../server/src/engine/recognizers/validators';
import { luhnCheckDigit, ibanCheckDigits } from '../../server/src/engine/recognizers/checksums';
import { parseDate } from '../../server/src/engine/recognizers/dates';
import type { Entity } from '../../server/src/engine/types';

const OPERATORS: Operator[] = ['mask', 'placeholder', 'synthetic'];

function entity(text: string, value: string, label: string, from = 0): Entity {
  const start = text.indexOf(value, from);
  assert.ok(start >= 0, `fixture: ${label} not in text`);
  return { start, end: start + value.length, label, score: 0.9 };
}

/** Applies edits back to front, as an editor would. */
function applyEdits(text: string, edits: RedactEdit[]): string {
  let out = text;
  for (const e of [...edits].reverse()) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function assertWellFormed(text: string, result: { text: string; edits: RedactEdit[] }): void {
  for (let i = 1; i < result.edits.length; i++) assert.ok(result.edits[i - 1].end <= result.edits[i].start, 'edits sorted and non-overlapping');
  for (const e of result.edits) assert.ok(e.start < e.end && e.end <= text.length);
  assert.equal(applyEdits(text, result.edits), result.text);
}

/** The synthetic pseudonym of one value, redacted on its own. */
function pseudonym(redactor: Redactor, label: string, value: string): string {
  return redact(value, [{ start: 0, end: value.length, label, score: 1 }], { operator: 'synthetic', redactor }).text;
}

describe('mask', () => {
  test('keeps shape hints only', () => {
    assert.equal(mask('EMAIL', 'jane.doe@example.com'), 'j***@***.com');
    assert.equal(mask('CREDITCARDNUMBER', '4111 1111 1111 1234'), '**** **** **** 1234');
    assert.equal(mask('CREDITCARDNUMBER', '4111111111111234'), '************1234');
    assert.equal(mask('SSN', '304-33-4965'), '***-**-****');
    assert.equal(mask('FIRSTNAME', 'Zoë Smith'), '*** *****');
    assert.equal(mask('PHONENUMBER', '+44 (0)20 7946 0958'), '+** (*)** **** ****');
    assert.equal(mask('CREDITCARDNUMBER', '4111'), '****');
  });
});

describe('placeholder', () => {
  test('[LABEL] by default, ‹LABEL_n› numbered per distinct value on request', () => {
    const text = 'a@x.io, b@x.io, a@x.io';
    const es = [entity(text, 'a@x.io', 'EMAIL'), entity(text, 'b@x.io', 'EMAIL'), entity(text, 'a@x.io', 'EMAIL', 10)];
    assert.equal(redact(text, es, { operator: 'placeholder' }).text, '[EMAIL], [EMAIL], [EMAIL]');
    assert.equal(redact(text, es, { operator: 'placeholder', placeholder: 'numbered' }).text, '‹EMAIL_1›, ‹EMAIL_2›, ‹EMAIL_1›');
  });
});

describe('overlaps, nesting, adjacency, repetition', () => {
  test('every one of several e-mails is replaced (Presidio #1925)', () => {
    const text = 'to: ann@corp.io, bob@corp.io; cc: cy@corp.io';
    const es = ['ann@corp.io', 'bob@corp.io', 'cy@corp.io'].map((v) => entity(text, v, 'EMAIL'));
    for (const operator of OPERATORS) {
      const r = redact(text, es, { operator, seed: 'k' });
      for (const v of ['ann@corp.io', 'bob@corp.io', 'cy@corp.io']) assert.ok(!r.text.includes(v), `${operator} leaked`);
      assert.equal(r.edits.length, 3);
    }
  });

  test('a name nested in an e-mail becomes one edit under the e-mail label', () => {
    const text = 'write jane.doe@corp.io now';
    const es = [entity(text, 'jane', 'FIRSTNAME'), entity(text, 'jane.doe@corp.io', 'EMAIL'), entity(text, 'doe', 'LASTNAME')];
    const r = redact(text, es, { operator: 'placeholder' });
    assert.equal(r.text, 'write [EMAIL] now');
    assert.deepEqual(r.edits.map((e) => [e.start, e.end, e.label]), [[6, 22, 'EMAIL']]);
  });

  test('partial overlaps merge into their union; duplicates into one', () => {
    const text = 'id ABCDEF123456 end';
    const es: Entity[] = [
      { start: 3, end: 9, label: 'USERNAME', score: 0.5 },
      { start: 6, end: 15, label: 'ACCOUNTNUMBER', score: 0.9 },
      { start: 6, end: 15, label: 'ACCOUNTNUMBER', score: 0.9 },
    ];
    const r = redact(text, es, { operator: 'mask' });
    assert.equal(r.text, 'id ************ end');
    assert.deepEqual(r.edits.map((e) => [e.start, e.end, e.label]), [[3, 15, 'ACCOUNTNUMBER']]);
  });

  test('adjacent entities stay separate, touching edits', () => {
    const text = 'JohnSmith';
    const r = redact(text, [{ start: 4, end: 9, label: 'LASTNAME', score: 1 }, { start: 0, end: 4, label: 'FIRSTNAME', score: 1 }], { operator: 'placeholder' });
    assert.equal(r.text, '[FIRSTNAME][LASTNAME]');
    assert.deepEqual(r.edits.map((e) => [e.start, e.end]), [[0, 4], [4, 9]]);
  });

  test('out-of-range and empty entities are clipped or ignored', () => {
    const text = 'secret';
    assert.deepEqual(mergeEntities(text.length, [{ start: -3, end: 99, label: 'PASSWORD', score: 1 }, { start: 2, end: 2, label: 'X', score: 1 }]), [{ start: 0, end: 6, label: 'PASSWORD', core: { start: 0, end: 6 } }]);
    assert.equal(redact(text, [], { operator: 'mask' }).text, 'secret');
  });
});

describe('synthetic', () => {
  const r = new Redactor('test-seed');

  test('cards keep length and grouping and pass Luhn', () => {
    for (const v of ['4111 1111 1111 1111', '4111-1111-1111-1111', '378282246310005', '3782 822463 10005']) {
      const p = pseudonym(r, 'CREDITCARDNUMBER', v);
      assert.notEqual(p.replace(/\D/g, ''), v.replace(/\D/g, ''));
      assert.equal(p.replace(/\d/g, 'd'), v.replace(/\d/g, 'd'));
      assert.equal(p[0], v[0]);
      assert.deepEqual(validateEntity('CREDITCARDNUMBER', p), { valid: true, validator: 'Luhn ✓' });
    }
  });

  test('IBANs keep country, length, spacing and case, and pass mod-97 and the country format', () => {
    for (const v of ['GB82 WEST 1234 5698 7654 32', 'DE89370400440532013000', 'gb12spfc66723974480868', 'FR76 3000 6000 0112 3456 7890 189']) {
      const p = pseudonym(r, 'IBAN', v);
      assert.notEqual(p, v);
      assert.equal(p.slice(0, 2).toUpperCase(), v.slice(0, 2).toUpperCase());
      assert.equal(p.replace(/[^ ]/g, 'x'), v.replace(/[^ ]/g, 'x'));
      assert.equal(validateEntity('IBAN', p)?.valid, true, p.slice(0, 2));
    }
  });

  test('phones keep the digit grouping; North-American ones land in 555-01xx', () => {
    const us = pseudonym(r, 'PHONENUMBER', '(415) 892-2671');
    assert.match(us, /^\([2-9]\d\d\) 555-01\d\d$/);
    const uk = pseudonym(r, 'PHONENUMBER', '+44 20 7946 0958');
    assert.match(uk, /^\+44 2\d \d{4} \d{4}$/);
    const ext = pseudonym(r, 'PHONENUMBER', '833.719.3994x1887');
    assert.match(ext, /^\d{3}\.555\.01\d\dx\d{4}$/);
  });

  test('e-mails keep their shape at reserved example domains', () => {
    const p = pseudonym(r, 'EMAIL', 'jane.doe85@corp.io');
    assert.match(p, /^[a-z]+\.[a-z]+\d\d@example\.(com|net|org)$/);
    assert.equal(validateEntity('EMAIL', p)?.valid, true);
  });

  test('names stay names in the same letter case; dates stay dates in the same format', () => {
    assert.match(pseudonym(r, 'FIRSTNAME', 'Jane'), /^\p{Lu}[\p{L}' -]+$/u);
    assert.match(pseudonym(r, 'LASTNAME', 'DOE'), /^[^a-z]+$/);
    for (const [v, re] of [
      ['2024-03-05', /^\d{4}-\d{2}-\d{2}$/],
      ['05/03/1984', /^\d{2}\/\d{2}\/\d{4}$/],
      ['March 5th, 2024', /^[A-Z][a-z]+ \d{1,2}(st|nd|rd|th), \d{4}$/],
      ['5 Mar 2024', /^\d{1,2} [A-Z][a-z]{2} \d{4}$/],
    ] as const) {
      for (const label of ['DATE', 'DOB']) {
        const p = pseudonym(r, label, v);
        assert.match(p, re);
        assert.ok(parseDate(p), `${label} ${p} is a real date`);
        assert.notEqual(p, v);
      }
    }
  });

  test('addresses and identifiers from reserved ranges, checksums valid', () => {
    assert.match(pseudonym(r, 'IPV4', '10.1.2.3'), /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/);
    assert.match(pseudonym(r, 'IPV6', 'fe80::1:2:3'), /^2001:db8::/);
    const mac = pseudonym(r, 'MAC', '00:1A:2B:3C:4D:5E');
    assert.match(mac, /^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/);
    assert.equal(parseInt(mac.slice(0, 2), 16) & 0x03, 0x02, 'locally administered unicast');
    for (const [label, v] of [
      ['VEHICLEVIN', '1M8GDM9AXKP042788'],
      ['BITCOINADDRESS', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
      ['BITCOINADDRESS', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
      ['LITECOINADDRESS', 'LVg2kJoFNg45Nbpy53h7Fe1wKyeXVRhMH9'],
      ['ETHEREUMADDRESS', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'],
      ['SSN', '304-33-4965'],
      ['PHONEIMEI', '490154203237518'],
      ['BIC', 'DEUTDEFF500'],
    ]) {
      const p = pseudonym(r, label, v);
      assert.notEqual(p, v);
      assert.equal(p.length, v.length, label);
      assert.equal(validateEntity(label, p)?.valid, true, `${label} pseudonym validates`);
    }
    assert.equal(validateEntity('ETHEREUMADDRESS', pseudonym(r, 'ETHEREUMADDRESS', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'))?.validator, 'EIP-55 checksum ✓');
  });

  test('deterministic per seed and value, keyed (another seed gives another pseudonym)', () => {
    const a = pseudonym(new Redactor('seed-1'), 'FIRSTNAME', 'Jane');
    assert.equal(pseudonym(new Redactor('seed-1'), 'FIRSTNAME', 'Jane'), a);
    const others = ['seed-2', 'seed-3', 'seed-4'].map((s) => pseudonym(new Redactor(s), 'EMAIL', 'jane@corp.io'));
    assert.ok(new Set(others).size > 1);
    // Without a seed the key is random: two Redactors do not agree.
    assert.notEqual(pseudonym(new Redactor(), 'CREDITCARDNUMBER', '4111111111111111'), pseudonym(new Redactor(), 'CREDITCARDNUMBER', '4111111111111111'));
  });

  test('one value, one pseudonym, across calls and formats; two values, two pseudonyms', () => {
    const red = new Redactor('s');
    const spaced = pseudonym(red, 'CREDITCARDNUMBER', '4111 1111 1111 1111');
    const bare = pseudonym(red, 'CREDITCARDNUMBER', '4111111111111111');
    assert.equal(spaced.replace(/ /g, ''), bare);
    assert.equal(pseudonym(red, 'CREDITCARDNUMBER', '4111 1111 1111 1111'), spaced);
    assert.equal(pseudonym(red, 'FIRSTNAME', 'jane'), pseudonym(red, 'FIRSTNAME', 'jane'));
    const sexes = ['female', 'male'].map((v) => pseudonym(red, 'SEX', v));
    assert.notEqual(sexes[0], 'female');
    assert.notEqual(sexes[1], 'male');
  });
});

// ---------------------------------------------------------------------------------------------
// Property test: random texts with overlapping, nested, adjacent and repeated entities.

/** mulberry32: a tiny seeded PRNG, so a failure reproduces from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Gen = () => [string, string];

function generators(rand: () => number): Gen[] {
  const int = (n: number): number => Math.floor(rand() * n);
  const digits = (n: number): string => Array.from({ length: n }, () => String(int(10))).join('');
  const letters = (n: number, upper = false): string => Array.from({ length: n }, () => String.fromCharCode((upper ? 65 : 97) + int(26))).join('');
  return [
    () => {
      const payload = String(4 + int(2)) + digits(14);
      const d = payload + luhnCheckDigit(payload);
      return ['CREDITCARDNUMBER', rand() < 0.5 ? d : d.replace(/(\d{4})(?=\d)/g, '$1 ')];
    },
    () => {
      const bban = letters(4, true) + digits(14);
      return ['IBAN', `GB${ibanCheckDigits('GB', bban)}${bban}`];
    },
    () => [`EMAIL`, `${letters(5)}.${letters(6)}${digits(2)}@${letters(6)}.com`],
    () => ['FIRSTNAME', `Q${letters(7)}`],
    () => ['LASTNAME', `Z${letters(8)}`],
    () => ['PHONENUMBER', `+1 (${2 + int(8)}${digits(2)}) ${2 + int(8)}${digits(2)}-${digits(4)}`],
    () => ['SSN', `${100 + int(500)}-${10 + int(89)}-${1000 + int(8999)}`],
    () => ['IPV4', `${11 + int(200)}.${int(256)}.${int(256)}.${1 + int(254)}`],
    () => ['DATE', `${1950 + int(70)}-0${1 + int(9)}-1${int(9)}`],
    () => ['ACCOUNTNUMBER', digits(12)],
  ];
}

const FILLER = ['the', 'a', 'of', 'and', 'to', 'in', 'is', 'was', 'for', 'on', 'with', 'as', 'by', 'at', 'see', 'note', ',', '.', ':', '(', ')', '\n'];

function randomDocument(seed: number): { text: string; entities: Entity[]; values: string[] } {
  const rand = rng(seed);
  const gens = generators(rand);
  const used: Array<[string, string]> = [];
  let text = '';
  const entities: Entity[] = [];
  const pieces = 8 + Math.floor(rand() * 20);
  for (let i = 0; i < pieces; i++) {
    const roll = rand();
    if (roll < 0.35) {
      text += FILLER[Math.floor(rand() * FILLER.length)] + ' ';
      continue;
    }
    // Repeat an earlier value a third of the time (Presidio #1925), else a fresh one.
    const [label, value] = used.length > 0 && rand() < 0.33 ? used[Math.floor(rand() * used.length)] : gens[Math.floor(rand() * gens.length)]();
    used.push([label, value]);
    const start = text.length;
    text += value;
    entities.push({ start, end: text.length, label, score: 0.5 + rand() / 2 });
    // Sometimes adjacent (no separator), sometimes separated.
    if (rand() < 0.7) text += rand() < 0.5 ? ' ' : ', ';
  }
  // Overlapping and nested extras: spans across neighbours, inside values, duplicates.
  const extra = Math.floor(rand() * 4);
  for (let k = 0; k < extra && entities.length > 0; k++) {
    const a = entities[Math.floor(rand() * entities.length)];
    const b = entities[Math.floor(rand() * entities.length)];
    const start = Math.min(a.start, b.start) + Math.floor(rand() * 3);
    const end = Math.max(a.end, b.end) - Math.floor(rand() * 3);
    if (end > start) entities.push({ start, end, label: rand() < 0.5 ? a.label : 'USERNAME', score: rand() });
    const inner = a.start + Math.floor(rand() * (a.end - a.start));
    entities.push({ start: a.start, end: Math.max(inner, a.start + 1), label: 'FIRSTNAME', score: rand() });
  }
  // Shuffle: redact must not depend on input order.
  for (let i = entities.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [entities[i], entities[j]] = [entities[j], entities[i]];
  }
  return { text, entities, values: [...new Set(used.map(([, v]) => v))] };
}

describe('property: redaction never leaks a value', () => {
  test('300 random documents × 3 operators', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const doc = randomDocument(seed);
      const redactor = new Redactor(`prop-${seed}`);
      for (const operator of OPERATORS) {
        const r = redact(doc.text, doc.entities, { operator, redactor });
        assertWellFormed(doc.text, r);
        for (const v of doc.values) assert.ok(!r.text.includes(v), `seed ${seed} ${operator}: a value leaked`);
        // Every entity character is inside some edit.
        for (const e of doc.entities) {
          for (let i = e.start; i < e.end; i++) assert.ok(r.edits.some((x) => x.start <= i && i < x.end), `seed ${seed}: offset ${i} not covered`);
        }
      }
    }
  });

  test('synthetic pseudonyms: checksums hold, same original -> same pseudonym, never the original', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const rand = rng(seed * 7919);
      const gens = generators(rand);
      const redactor = new Redactor(`checksums-${seed}`);
      const again = new Redactor(`checksums-${seed}`);
      for (const gen of gens) {
        const [label, value] = gen();
        const p = pseudonym(redactor, label, value);
        assert.notEqual(p, value);
        assert.equal(pseudonym(redactor, label, value), p, 'stable within a Redactor');
        assert.equal(pseudonym(again, label, value), p, 'stable for a seed');
        if (label === 'CREDITCARDNUMBER') assert.equal(validateEntity(label, p)?.validator, 'Luhn ✓');
        if (label === 'IBAN') assert.equal(validateEntity(label, p)?.validator, 'IBAN mod-97 ✓');
        if (label === 'SSN' || label === 'IPV4' || label === 'EMAIL' || label === 'DATE') assert.equal(validateEntity(label, p)?.valid, true, `${label} pseudonym validates`);
      }
      // Repeated values inside one document get one pseudonym each time they occur.
      const doc = randomDocument(seed);
      const simple = doc.entities.filter((e) => doc.values.includes(doc.text.slice(e.start, e.end)));
      const nonOverlapping = simple.filter((e) => !simple.some((o) => o !== e && o.start < e.end && e.start < o.end));
      const out = redact(doc.text, nonOverlapping, { operator: 'synthetic', redactor });
      const byValue = new Map<string, string>();
      for (const edit of out.edits) {
        const original = `${edit.label}\u0000${doc.text.slice(edit.start, edit.end)}`;
        const seen = byValue.get(original);
        if (seen !== undefined) assert.equal(edit.newText, seen);
        byValue.set(original, edit.newText);
      }
    }
  });
});

describe('whole-text redaction: copies compared the way their class compares', () => {
  const at = (text: string, value: string, label: string): Entity => {
    const start = text.indexOf(value);
    assert.ok(start >= 0);
    return { start, end: start + value.length, label, score: 0.9 };
  };

  test('an e-mail in another case, a card or phone grouped otherwise, are copies; a longer number or a word part is not', () => {
    const text = [
      'Mail rob.sanders@contoso.com or ROB.SANDERS@CONTOSO.COM (also Rob.Sanders@Contoso.com).',
      'Card 4443 6446 3146 5608, again 4443-6446-3146-5608 and 4443644631465608; not 44436446314656081.',
      'Phone +1 (555) 010-9999 or +1 555 010 9999; IBAN DE44 5001 0517 5407 3249 31 = de44500105175407324931.',
      'Not copies: xrob.sanders@contoso.com and 4443 6446 3146 56089.',
    ].join('\n');
    const found = [at(text, 'rob.sanders@contoso.com', 'EMAIL'), at(text, '4443 6446 3146 5608', 'CREDITCARDNUMBER'), at(text, '+1 (555) 010-9999', 'PHONENUMBER'), at(text, 'DE44 5001 0517 5407 3249 31', 'IBAN')];
    const out = redact(text, found, { operator: 'placeholder', everyOccurrence: true }).text;
    assert.equal(
      out,
      [
        'Mail [EMAIL] or [EMAIL] (also [EMAIL]).',
        'Card [CREDITCARDNUMBER], again [CREDITCARDNUMBER] and [CREDITCARDNUMBER]; not 44436446314656081.',
        'Phone [PHONENUMBER] or [PHONENUMBER]; IBAN [IBAN] = [IBAN].',
        'Not copies: xrob.sanders@contoso.com and 4443 6446 3146 56089.',
      ].join('\n'),
    );
    // A single quick fix or a selection edits only what it was given.
    assert.equal(redact(text, found, { operator: 'placeholder' }).edits.length, 4);
  });
});
