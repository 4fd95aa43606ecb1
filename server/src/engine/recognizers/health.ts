/** Health identifiers (HIPAA's list): medical record numbers, provider and beneficiary numbers. */
import { dea, MBI_FORMAT, nhs, npi } from './idChecks';
import type { RecognizerSpec } from './spec';

/** A number, not part of a longer number, a word, a version or a decimal. */
const END = String.raw`(?![\w\-]|\.\d)`;

export const HEALTH: readonly RecognizerSpec[] = [
  {
    id: 'mrn',
    label: 'MRN',
    title: 'medical record number',
    // Hospitals' shapes: an optional letter prefix, 6–12 digits, dashes between groups.
    pattern: new RegExp(String.raw`(?<![\w\-.])(?:[A-Z]{1,3}-?)?\d{1,12}(?:-\d{1,12}){0,3}${END}`, 'g'),
    compact: (v) => v,
    validate: (v) => {
      const digits = v.replace(/\D/g, '').length;
      // A date after "chart" is not a record number.
      return digits >= 6 && digits <= 12 && !/^\d{4}-\d{2}-\d{2}$|^\d{2}-\d{2}-\d{4}$/.test(v);
    },
    check: 'record number shape',
    context: { words: ['mrn', 'medical record', 'med rec', 'patient id', 'patient no', 'patient number', 'chart', 'chart no', 'chart number', 'hospital number', 'case number', 'record no'], required: true },
    score: { context: 0.9, alone: 0 },
  },
  {
    id: 'us-npi',
    label: 'NPI',
    title: 'US National Provider Identifier',
    pattern: new RegExp(String.raw`(?<![\w\-.])[12]\d{9}${END}`, 'g'),
    validate: npi.check,
    check: 'Luhn over 80840 + NPI ✓',
    // Ten digits starting with 1 are also Unix timestamps (a tenth of them pass Luhn).
    context: { words: ['npi', 'national provider', 'provider id', 'provider number', 'prescriber', 'physician id'], required: true },
    score: { context: 0.99, alone: 0 },
    examples: ['1234567893'],
  },
  {
    id: 'us-dea',
    label: 'NATIONALID',
    kind: 'us-dea',
    title: 'US DEA registration number',
    pattern: /(?<![\w\-])[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}(?![\w\-])/g,
    validate: dea.check,
    check: 'DEA check digit ✓',
    context: { words: ['dea', 'dea number', 'dea registration', 'prescriber'], required: false },
    score: { context: 0.99, alone: 0.7 },
    examples: ['AB1234563'],
  },
  {
    id: 'us-mbi',
    label: 'NATIONALID',
    kind: 'us-mbi',
    title: 'US Medicare Beneficiary Identifier',
    pattern: /(?<![\w\-])[1-9][A-Z][A-Z\d]\d-?[A-Z][A-Z\d]\d-?[A-Z]{2}\d{2}(?![\w\-])/g,
    validate: (v) => MBI_FORMAT.test(v),
    check: 'MBI format ✓',
    context: { words: ['mbi', 'medicare', 'beneficiary'], required: false },
    score: { context: 0.95, alone: 0.8 },
    examples: ['1EG4TE5MK73'],
  },
  {
    id: 'uk-nhs',
    label: 'NATIONALID',
    kind: 'uk-nhs',
    title: 'UK NHS number',
    pattern: new RegExp(String.raw`(?<![\w\-.])\d{3}([ \-]?)\d{3}\1\d{4}${END}`, 'g'),
    validate: nhs.check,
    check: 'mod 11 ✓',
    // Written 3-3-4 like a US phone number, and a tenth of those pass mod 11: the word decides.
    context: { words: ['nhs', 'nhs number', 'nhs no', 'health service number', 'chi number'], required: true },
    score: { context: 0.99, alone: 0 },
    examples: ['9434765919'],
  },
];
