import assert from 'node:assert/strict';
import type { Finding } from '../../../server/src/engine/types';

/** A model finding on the first occurrence of `value` in `text` at or after `from`. */
export function findingAt(text: string, value: string, label: string, score = 0.9, from = 0): Finding {
  const start = text.indexOf(value, from);
  assert.ok(start >= 0, value);
  return { start, end: start + value.length, label, score, evidence: { model: score } };
}
