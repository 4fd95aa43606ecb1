/** Financial identifiers with a check: US bank routing numbers and employer identification numbers. */
import { aba, ein } from './idChecks';
import type { RecognizerSpec } from './spec';

export const FINANCIAL: readonly RecognizerSpec[] = [
  {
    id: 'us-aba',
    // A bank's number, not the account's: its own class, so it is not counted as an account number.
    label: 'ROUTINGNUMBER',
    kind: 'us-aba',
    title: 'US ABA routing number',
    pattern: /(?<![\w\-.])\d{9}(?![\w\-]|\.\d)/g,
    validate: aba.check,
    check: '3-7-1 checksum ✓',
    context: { words: ['routing', 'routing number', 'aba', 'rtn', 'transit number', 'routing no'], required: true },
    score: { context: 0.95, alone: 0 },
  },
  {
    id: 'us-ein',
    label: 'NATIONALID',
    kind: 'us-ein',
    title: 'US EIN',
    pattern: /(?<![\w\-.])\d{2}-?\d{7}(?![\w\-]|\.\d)/g,
    validate: ein.check,
    check: 'EIN prefix ✓',
    context: { words: ['ein', 'employer identification', 'fein', 'federal tax id', 'tax id'], required: true },
    score: { context: 0.9, alone: 0 },
  },
];
