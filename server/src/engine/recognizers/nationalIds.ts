/**
 * National identifiers, reported as NATIONALID with the scheme as `kind`. Pure digit runs of a
 * common length (9–11 digits) pass any one check a tenth of the time, so they need their scheme's
 * word nearby (a key, a column header, a label); layouts no other number has (756.xxxx.xxxx.xx,
 * xxx.xxx.xxx-xx) and schemes with letters in fixed places stand alone.
 */
import {
  aadhaar, ahv, belgianNn, bsn, chinaId, cnpj, codiceFiscale, cpf, cpr, dniNie, hetu, itin, koreaRrn,
  medicareAu, NINO_FORMAT, nir, nric, PAN_FORMAT, pesel, personnummer, sin, steuerId, tfn,
} from './idChecks';
import type { RecognizerSpec } from './spec';

/** Not preceded by a word character, a dash or a dot (part of a longer token or a decimal). */
const START = String.raw`(?<![\w\-.])`;
const END = String.raw`(?![\w\-]|\.\d)`;
const digits = (body: string): RegExp => new RegExp(START + body + END, 'g');

type Spec = Omit<RecognizerSpec, 'label'>;

const SPECS: readonly Spec[] = [
  {
    id: 'us-itin', kind: 'us-itin', title: 'US ITIN',
    pattern: digits(String.raw`9\d{2}([ \-]?)\d{2}\1\d{4}`),
    validate: itin.check, check: 'ITIN ranges ✓',
    context: { words: ['itin', 'taxpayer identification', 'tax id', 'tin'], required: true, standalone: /^9\d{2}-\d{2}-\d{4}$/ },
    score: { context: 0.97, alone: 0.85 },
  },
  {
    id: 'passport', kind: 'passport', title: 'passport number',
    pattern: /(?<![\w\-])[A-Z]{0,2}\d{6,9}(?![\w\-])/g,
    check: 'passport number shape',
    context: { words: ['passport', 'passport no', 'passport number', 'reisepass', 'passeport', 'pasaporte'], required: true },
    score: { context: 0.9, alone: 0 },
  },
  {
    id: 'uk-nino', kind: 'uk-nino', title: 'UK National Insurance number',
    pattern: /(?<![\w\-])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w\-])/g,
    validate: (v) => NINO_FORMAT.test(v), check: 'NINO format ✓',
    context: { words: ['national insurance', 'nino', 'ni number', 'ni no', 'nin'], required: false },
    score: { context: 0.97, alone: 0.85 },
  },
  {
    id: 'ca-sin', kind: 'ca-sin', title: 'Canada SIN',
    pattern: digits(String.raw`\d{3}([ \-]?)\d{3}\1\d{3}`),
    validate: sin.check, check: 'Luhn ✓',
    context: { words: ['sin', 'social insurance', 'numéro d\'assurance sociale', 'nas'], required: true },
    score: { context: 0.99, alone: 0 },
    examples: ['046454286'],
  },
  {
    id: 'in-aadhaar', kind: 'in-aadhaar', title: 'India Aadhaar',
    pattern: digits(String.raw`[2-9]\d{3}([ \-]?)\d{4}\1\d{4}`),
    validate: aadhaar.check, check: 'Verhoeff ✓',
    context: { words: ['aadhaar', 'aadhar', 'uidai', 'uid'], required: true },
    score: { context: 0.99, alone: 0 },
  },
  {
    id: 'in-pan', kind: 'in-pan', title: 'India PAN',
    pattern: /(?<![\w\-])[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z](?![\w\-])/g,
    validate: (v) => PAN_FORMAT.test(v), check: 'PAN format ✓',
    context: { words: ['pan', 'permanent account', 'income tax'], required: true },
    score: { context: 0.9, alone: 0 },
  },
  {
    id: 'de-steuerid', kind: 'de-steuerid', title: 'German tax ID (Steuer-ID)',
    pattern: digits(String.raw`[1-9]\d(?: ?\d{3}){3}`),
    validate: steuerId.check, check: 'ISO 7064 mod 11,10 ✓',
    context: { words: ['steuer id', 'steueridentifikationsnummer', 'identifikationsnummer', 'steuernummer', 'idnr', 'tax id', 'tin'], required: true },
    score: { context: 0.99, alone: 0 },
  },
  {
    id: 'fr-nir', kind: 'fr-nir', title: 'France NIR (social security number)',
    pattern: digits(String.raw`[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}`),
    validate: nir.check, check: 'mod 97 key ✓',
    context: { words: ['nir', 'sécurité sociale', 'securite sociale', 'numéro de sécu', 'insee', 'social security'], required: true, standalone: / .* .* / },
    score: { context: 0.99, alone: 0.9 },
  },
  {
    id: 'es-dni', kind: 'es-dni', title: 'Spain DNI/NIE',
    pattern: /(?<![\w\-])(?:[XYZ]\d{7}|\d{8})-?[A-Z](?![\w\-])/g,
    validate: dniNie.check, check: 'check letter ✓',
    context: { words: ['dni', 'nie', 'nif', 'documento nacional'], required: false },
    score: { context: 0.99, alone: 0.85 },
  },
  {
    id: 'it-cf', kind: 'it-cf', title: 'Italy codice fiscale',
    pattern: /(?<![\w\-])[A-Z]{6}[\dLMNPQRSTUV]{2}[ABCDEHLMPRST][\dLMNPQRSTUV]{2}[A-Z][\dLMNPQRSTUV]{3}[A-Z](?![\w\-])/g,
    validate: codiceFiscale.check, check: 'check character ✓',
    context: { words: ['codice fiscale', 'cod fisc', 'fiscal code', 'cf'], required: false },
    score: { context: 0.99, alone: 0.95 },
    examples: ['RSSMRA85T10A562S'],
  },
  {
    id: 'nl-bsn', kind: 'nl-bsn', title: 'Netherlands BSN',
    pattern: digits(String.raw`\d{4}\.?\d{2}\.?\d{3}`),
    validate: bsn.check, check: '11-test ✓',
    context: { words: ['bsn', 'burgerservicenummer', 'sofinummer', 'sofi'], required: true },
    score: { context: 0.99, alone: 0 },
    examples: ['111222333', '123456782'],
  },
  {
    id: 'be-nn', kind: 'be-nn', title: 'Belgium national number',
    pattern: digits(String.raw`\d{2}\.?\d{2}\.?\d{2}[\-.]?\d{3}\.?\d{2}`),
    validate: belgianNn.check, check: 'mod 97 ✓',
    context: { words: ['rijksregisternummer', 'rijksregister', 'numéro national', 'registre national', 'national number', 'insz', 'niss'], required: true, standalone: /^\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}$/ },
    score: { context: 0.99, alone: 0.9 },
  },
  {
    id: 'pl-pesel', kind: 'pl-pesel', title: 'Poland PESEL',
    pattern: digits(String.raw`\d{11}`),
    validate: pesel.check, check: 'PESEL check digit and date ✓',
    context: { words: ['pesel'], required: true },
    score: { context: 0.99, alone: 0 },
  },
  {
    id: 'se-personnummer', kind: 'se-personnummer', title: 'Sweden personnummer',
    pattern: digits(String.raw`(?:\d{2})?\d{6}[\-+]?\d{4}`),
    validate: personnummer.check, check: 'Luhn and date ✓',
    context: { words: ['personnummer', 'personnr', 'samordningsnummer', 'person nr'], required: true },
    score: { context: 0.99, alone: 0 },
  },
  {
    id: 'fi-hetu', kind: 'fi-hetu', title: 'Finland HETU',
    pattern: /(?<![\w\-])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![\w\-])/g,
    compact: (v) => v.toUpperCase(),
    validate: hetu.check, check: 'mod 31 check character ✓',
    context: { words: ['hetu', 'henkilötunnus', 'henkilotunnus', 'personal identity code', 'sotu'], required: false },
    score: { context: 0.99, alone: 0.9 },
  },
  {
    id: 'dk-cpr', kind: 'dk-cpr', title: 'Denmark CPR number',
    pattern: digits(String.raw`\d{6}-?\d{4}`),
    validate: cpr.check, check: 'CPR date ✓',
    context: { words: ['cpr', 'cpr nr', 'cpr nummer', 'personnummer'], required: true },
    score: { context: 0.95, alone: 0 },
  },
  {
    id: 'ch-ahv', kind: 'ch-ahv', title: 'Switzerland AHV number',
    pattern: digits(String.raw`756\.?\d{4}\.?\d{4}\.?\d{2}`),
    validate: ahv.check, check: 'EAN-13 ✓',
    context: { words: ['ahv', 'avs', 'ahv nr', 'sozialversicherungsnummer', 'social security'], required: false },
    score: { context: 0.99, alone: 0.95 },
    examples: ['7569217076985'],
  },
  {
    id: 'br-cpf', kind: 'br-cpf', title: 'Brazil CPF',
    pattern: digits(String.raw`\d{3}\.?\d{3}\.?\d{3}-?\d{2}`),
    validate: cpf.check, check: 'mod 11 ✓',
    context: { words: ['cpf'], required: true, standalone: /^\d{3}\.\d{3}\.\d{3}-\d{2}$/ },
    score: { context: 0.99, alone: 0.95 },
  },
  {
    id: 'br-cnpj', kind: 'br-cnpj', title: 'Brazil CNPJ',
    pattern: new RegExp(String.raw`(?<![\w\-./])\d{2}\.?\d{3}\.?\d{3}\/?\d{4}-?\d{2}` + END, 'g'),
    validate: cnpj.check, check: 'mod 11 ✓',
    context: { words: ['cnpj'], required: true, standalone: /^\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}$/ },
    score: { context: 0.99, alone: 0.95 },
  },
  {
    id: 'sg-nric', kind: 'sg-nric', title: 'Singapore NRIC/FIN',
    pattern: /(?<![\w\-])[STFGM]\d{7}[A-Z](?![\w\-])/g,
    validate: nric.check, check: 'check letter ✓',
    context: { words: ['nric', 'fin', 'ic number', 'identity card'], required: false },
    score: { context: 0.99, alone: 0.85 },
    examples: ['S1234567D'],
  },
  {
    id: 'kr-rrn', kind: 'kr-rrn', title: 'Korea resident registration number',
    pattern: digits(String.raw`\d{6}-?[1-8]\d{6}`),
    validate: koreaRrn.check, check: 'check digit and date ✓',
    context: { words: ['rrn', 'resident registration', '주민등록번호'], required: true, standalone: /^\d{6}-\d{7}$/ },
    score: { context: 0.99, alone: 0.85 },
  },
  {
    id: 'cn-id', kind: 'cn-id', title: 'China resident identity card number',
    pattern: digits(String.raw`[1-9]\d{16}[\dXx]`),
    validate: chinaId.check, check: 'ISO 7064 mod 11-2 and date ✓',
    context: { words: ['身份证', '身份证号', 'id card', 'resident id', 'identity card', 'citizen id'], required: true, standalone: /X$/i },
    score: { context: 0.99, alone: 0.85 },
    examples: ['11010519491231002X'],
  },
  {
    id: 'au-tfn', kind: 'au-tfn', title: 'Australia TFN',
    pattern: digits(String.raw`\d{3}([ \-]?)\d{3}\1\d{3}`),
    validate: tfn.check, check: 'TFN weights ✓',
    context: { words: ['tfn', 'tax file number', 'tax file no'], required: true },
    score: { context: 0.99, alone: 0 },
    examples: ['123456782'],
  },
  {
    id: 'au-medicare', kind: 'au-medicare', title: 'Australia Medicare number',
    pattern: digits(String.raw`[2-6]\d{3} ?\d{5} ?\d{1,2}`),
    validate: medicareAu.check, check: 'Medicare check digit ✓',
    context: { words: ['medicare', 'medicare card', 'medicare no'], required: true },
    score: { context: 0.99, alone: 0 },
  },
];

export const NATIONAL_IDS: readonly RecognizerSpec[] = SPECS.map((s) => ({ ...s, label: 'NATIONALID' }));
