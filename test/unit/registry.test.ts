import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { luhnCheckDigit } from '../../server/src/engine/recognizers/checksums';
import { contextMatcher, hasContext } from '../../server/src/engine/recognizers/context';
import * as id from '../../server/src/engine/recognizers/idChecks';
import { recognize } from '../../server/src/engine/recognizers/recognizers';
import { EXAMPLE_SCORE, REGISTRY, labelWithKind } from '../../server/src/engine/recognizers/registry';
import { KNOWN_CLASSES, PII_CLASSES, RECOGNIZER_CLASSES, bioLabels } from '../../server/src/engine/labels';
import { diagnosticMessage } from '../../server/src/findingsToDiagnostics';
import { hoverMarkdown } from '../../server/src/hover';
import { findingMessage } from '../../server/src/cli/formatters';
import { Pseudonymizer } from '../../server/src/redact/synthetic';

/** The finding of `label` (and `kind`) exactly on `value` inside `text`, if any. */
function findingOn(text: string, value: string, label: string, kind?: string) {
  const start = text.indexOf(value);
  assert.ok(start >= 0, 'the value is in the text');
  return recognize(text).find((f) => f.start === start && f.end === start + value.length && f.label === label && f.kind === kind);
}

/** The last digit changed: the check must fail. */
function nearMiss(value: string): string {
  const i = value.search(/\d(?=\D*$)/);
  return value.slice(0, i) + String((Number(value[i]) + 1) % 10) + value.slice(i + 1);
}

/** Digits `payload` completed with the first last digit that makes `ok` true. */
function complete(payload: string, ok: (v: string) => boolean): string {
  for (let d = 0; d <= 9; d++) if (ok(payload + d)) return payload + d;
  throw new Error(`no check digit completes ${payload}`);
}

interface Case {
  label: string;
  kind?: string;
  /** The value as written, valid by its issuer's algorithm. */
  value: string;
  /** A context sentence before it. */
  context: string;
  /** Reported without a context word too. */
  alone: boolean;
  /** A one-character change makes its check fail (format-only schemes have none). */
  checked?: boolean;
}

const nhs = complete('401023213', id.nhs.check);
const bsn = complete('12345672', id.bsn.check);
const tfn = complete('87654321', id.tfn.check);
const CASES: Case[] = [
  { label: 'MRN', value: 'A-00123456', context: 'Patient MRN:', alone: false },
  { label: 'NPI', value: id.npi.make('145730284'), context: 'Provider NPI', alone: false, checked: true },
  { label: 'NATIONALID', kind: 'us-dea', value: id.dea.make('BJ', '612345'), context: 'DEA number', alone: true, checked: true },
  { label: 'NATIONALID', kind: 'us-mbi', value: '2EG4-TE5-MK73', context: 'Medicare MBI', alone: true },
  { label: 'NATIONALID', kind: 'uk-nhs', value: `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`, context: 'NHS number', alone: false, checked: true },
  { label: 'NATIONALID', kind: 'us-itin', value: '912-70-1234', context: 'ITIN', alone: true },
  { label: 'NATIONALID', kind: 'passport', value: 'K12345678', context: 'Passport no.', alone: false },
  { label: 'NATIONALID', kind: 'uk-nino', value: 'AB 12 34 56 C', context: 'National Insurance number', alone: true },
  { label: 'NATIONALID', kind: 'ca-sin', value: `130 692 54${luhnCheckDigit('13069254')}`, context: 'SIN:', alone: false, checked: true },
  { label: 'NATIONALID', kind: 'in-aadhaar', value: `5987 6543 210${id.verhoeff.checkDigit('59876543210')}`, context: 'Aadhaar', alone: false, checked: true },
  { label: 'NATIONALID', kind: 'in-pan', value: 'BNZPM2501F', context: 'PAN', alone: false },
  { label: 'NATIONALID', kind: 'de-steuerid', value: `4715839627${id.steuerId.checkDigit('4715839627')}`, context: 'Steuer-ID', alone: false, checked: true },
  { label: 'NATIONALID', kind: 'fr-nir', value: `2550814168025${String(id.nir.key('2550814168025')).padStart(2, '0')}`, context: 'numéro de sécurité sociale', alone: false, checked: true },
  { label: 'NATIONALID', kind: 'es-dni', value: `87654321${id.dniNie.letter('87654321')}`, context: 'DNI', alone: true },
  { label: 'NATIONALID', kind: 'it-cf', value: `BNCGNN80A01H501${id.codiceFiscale.checkChar('BNCGNN80A01H501')}`, context: 'codice fiscale', alone: true },
  { label: 'NATIONALID', kind: 'nl-bsn', value: bsn, context: 'BSN', alone: false, checked: true },
  { label: 'NATIONALID', kind: 'be-nn', value: '85.07.30-033.28', context: 'rijksregisternummer', alone: true, checked: true },
  { label: 'NATIONALID', kind: 'pl-pesel', value: `4405140135${id.pesel.checkDigit('4405140135')}`, context: 'PESEL', alone: false, checked: true },
  { label: 'NATIONALID', kind: 'se-personnummer', value: '811218-9876', context: 'personnummer', alone: false, checked: true },
  { label: 'NATIONALID', kind: 'fi-hetu', value: '131052-308T', context: 'HETU', alone: true },
  { label: 'NATIONALID', kind: 'dk-cpr', value: '070761-4285', context: 'CPR-nr.', alone: false },
  { label: 'NATIONALID', kind: 'ch-ahv', value: `756.1234.5678.9${id.ean13.checkDigit('756123456789')}`, context: 'AHV-Nr.', alone: true, checked: true },
  { label: 'NATIONALID', kind: 'br-cpf', value: `123.456.789-${id.cpf.digits('123456789')}`, context: 'CPF', alone: true, checked: true },
  { label: 'NATIONALID', kind: 'br-cnpj', value: `45.723.174/0001-${id.cnpj.digits('457231740001')}`, context: 'CNPJ', alone: true, checked: true },
  { label: 'NATIONALID', kind: 'sg-nric', value: `T0123456${id.nric.checkLetter('T', '0123456')}`, context: 'NRIC', alone: true },
  { label: 'NATIONALID', kind: 'kr-rrn', value: `800101-123456${id.koreaRrn.checkDigit('800101123456')}`, context: 'RRN', alone: true, checked: true },
  { label: 'NATIONALID', kind: 'cn-id', value: `44030119900307123${id.chinaId.checkChar('44030119900307123')}`, context: '身份证号', alone: false },
  { label: 'NATIONALID', kind: 'au-tfn', value: `${tfn.slice(0, 3)} ${tfn.slice(3, 6)} ${tfn.slice(6)}`, context: 'TFN', alone: false, checked: true },
  { label: 'NATIONALID', kind: 'au-medicare', value: `3456 7890${id.medicareAu.checkDigit('34567890')} 1`, context: 'Medicare card', alone: false },
  { label: 'ROUTINGNUMBER', kind: 'us-aba', value: `07100001${id.aba.checkDigit('07100001')}`, context: 'routing number', alone: false, checked: true },
  { label: 'NATIONALID', kind: 'us-ein', value: '12-3456789', context: 'EIN', alone: false },
];

describe('registry recognizers', () => {
  for (const c of CASES) {
    const name = c.kind ?? c.label;
    test(`${name}: found with its context word`, () => {
      const f = findingOn(`${c.context} ${c.value} on file`, c.value, c.label, c.kind);
      assert.ok(f, 'reported');
      assert.ok(f.score >= 0.6, `over the default threshold (${f.score})`);
    });
    test(`${name}: ${c.alone ? 'found' : 'not reported'} without a context word`, () => {
      const f = findingOn(`Reference ${c.value} on file`, c.value, c.label, c.kind);
      assert.equal(Boolean(f), c.alone);
    });
    if (c.checked) {
      test(`${name}: a near miss fails the check`, () => {
        const miss = nearMiss(c.value);
        assert.equal(findingOn(`${c.context} ${miss} on file`, miss, c.label, c.kind), undefined);
      });
    }
  }

  test('every kind in the registry has a case here', () => {
    const tested = new Set(CASES.map((c) => c.kind ?? c.label));
    for (const spec of REGISTRY) assert.ok(tested.has(spec.kind ?? spec.label), `${spec.id} is tested`);
  });

  test('published reference values pass their scheme (independent of our generators)', () => {
    assert.ok(id.npi.check('1234567893'));
    assert.ok(id.nhs.check('9434765919'));
    assert.ok(id.dea.check('AB1234563'));
    assert.ok(id.codiceFiscale.check('RSSMRA85T10A562S'));
    assert.ok(id.nric.check('S1234567D'));
    assert.ok(id.chinaId.check('11010519491231002X'));
    assert.ok(id.dniNie.check('12345678Z') && id.dniNie.check('X1234567L'));
    assert.ok(id.cpf.check('52998224725') && id.cnpj.check('11222333000181'));
    assert.ok(id.ahv.check('7569217076985'));
    assert.ok(id.hetu.check('131052-308T'));
    assert.ok(id.aba.check('021000021') && id.aba.check('011000015'));
    assert.ok(id.steuerId.check('86095742719'));
    assert.ok(id.pesel.check('44051401359'));
    assert.ok(id.tfn.check('123456782'));
    assert.ok(id.bsn.check('111222333'));
    assert.ok(id.MBI_FORMAT.test('1EG4TE5MK73'));
    assert.ok(!id.NINO_FORMAT.test('QQ123456C'), 'HMRC example prefix QQ is never issued');
  });

  test('published example values are reported low, like documentation values', () => {
    const f = findingOn('NPI: 1234567893', '1234567893', 'NPI');
    assert.equal(f?.score, EXAMPLE_SCORE);
  });

  test('the evidence names the scheme and its check', () => {
    const f = findingOn(`NHS number ${nhs}`, nhs, 'NATIONALID', 'uk-nhs');
    assert.match(f?.evidence.validator ?? '', /UK NHS number: mod 11 ✓ \(context word\)/);
    assert.equal(labelWithKind('NATIONALID', 'uk-nhs'), 'NATIONALID (UK NHS number)');
  });
});

describe('kind in what users see', () => {
  test('diagnostic message, hover and report message name the scheme', () => {
    const text = `NHS number ${nhs}`;
    const f = recognize(text).find((x) => x.kind === 'uk-nhs');
    assert.ok(f);
    assert.equal(diagnosticMessage(f.label, f.score, f.kind), 'NATIONALID (UK NHS number) · 99%');
    const pf = { ...f, severity: 'warning' as const };
    assert.match(hoverMarkdown(pf), /^\*\*NATIONALID\*\* \(UK NHS number\) · 99% · warning/);
    assert.match(findingMessage(pf), /^possible UK NHS number \(/);
    assert.equal(diagnosticMessage('EMAIL', 0.97), 'EMAIL · 97%');
  });
});

describe('synthetic replacements', () => {
  test('every kind gets a different value of the same layout that passes the same check, one per original', () => {
    const map = new Pseudonymizer('registry-test');
    for (const c of CASES) {
      const fake = map.pseudonym(c.label, c.value);
      assert.notEqual(fake, c.value, c.kind ?? c.label);
      assert.equal(fake.replace(/[A-Za-z]/g, 'a').replace(/\d/g, '0'), c.value.replace(/[A-Za-z]/g, 'a').replace(/\d/g, '0'), `${c.kind ?? c.label}: same layout`);
      assert.equal(map.pseudonym(c.label, c.value), fake, 'stable');
      if (c.checked) {
        const f = findingOn(`${c.context} ${fake} on file`, fake, c.label, c.kind);
        assert.ok(f, `${c.kind ?? c.label}: the pseudonym passes the check (${fake.length} chars)`);
      }
    }
  });
});

describe('shared context', () => {
  const words = contextMatcher(['nhs number', 'mrn']);
  const at = (text: string, value: string) => hasContext(text, text.indexOf(value), words);

  test('before the value on its line, any casing, as a JSON or YAML key in camel or snake case', () => {
    assert.ok(at('NHS Number: 123', '123'));
    assert.ok(at('{"nhsNumber": "123"}', '123'));
    assert.ok(at('patient:\n  nhs_number: 123', '123'));
    assert.ok(at('PatientMRN=123', '123'));
  });

  test('as the header of the value\'s column (CSV, TSV, Markdown)', () => {
    assert.ok(at('name,NHS Number,city\nJo,123,Leeds', '123'));
    assert.ok(at('name\tmrn\nJo\t123', '123'));
    assert.ok(at('| name | MRN |\n|---|---|\n| Jo | 123 |', '123'));
    assert.ok(!at('name,city,nhs number\nJo,123,Leeds', '123'), 'another column\'s header');
    assert.ok(!at('nhs number,x\n\nJo,123', '123'), 'a header above a blank line heads another table');
  });

  test('not on another line, not too far, not inside a longer word', () => {
    assert.ok(!at('NHS number\n123', '123'));
    assert.ok(!at(`NHS number ${'x'.repeat(60)} 123`, '123'));
    assert.ok(!at('primrn 123', '123'));
  });

  test('a long CSV finds its header for every row', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `p${i},${nhs}`);
    const text = `name,nhs_number\n${rows.join('\n')}`;
    const found = recognize(text).filter((f) => f.kind === 'uk-nhs');
    assert.equal(found.length, 3000);
  });
});

describe('labels', () => {
  test('the model\'s classes are untouched; recognizer-only classes are listed apart', () => {
    assert.equal(PII_CLASSES.length, 56);
    assert.equal(bioLabels().length, 113);
    for (const c of RECOGNIZER_CLASSES) assert.ok(!(PII_CLASSES as readonly string[]).includes(c));
    assert.deepEqual(KNOWN_CLASSES.slice(0, 56), [...PII_CLASSES]);
  });
});

describe('phone numbers', () => {
  test('a bare run of 9–15 digits is no phone number without a phone word, layout or country code', () => {
    for (const text of ['ticket 4155552671 closed', 'policy 00441632960961 renewed', 'order 14155552671']) {
      assert.equal(recognize(text).filter((f) => f.label === 'PHONENUMBER').length, 0, text);
    }
    assert.equal(recognize('call 4155552671').filter((f) => f.label === 'PHONENUMBER').length, 1);
    assert.equal(recognize('(415) 555-2671').filter((f) => f.label === 'PHONENUMBER').length, 1);
  });
});
