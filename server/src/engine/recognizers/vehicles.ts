/**
 * Vehicle identification numbers: 17 upper-case characters without I/O/Q, a letter and digits in
 * it, a possible model year; the check digit proves one, a vehicle word stands in for it outside
 * North America.
 */
import type { Finding } from '../types';
import { vinCheckDigit } from './checksums';
import { matches } from './matches';
import { before, finding, type Scan } from './scanner';

const VIN = /(?<![A-Za-z0-9])[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9])/g;
const VIN_CONTEXT = /\b(?:vin|vehicle|chassis|car|truck|motorbike|frame number)\b/;

export function scanVins(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, VIN)) {
    const v = m[0];
    if (!/[A-Z]/.test(v) || !/\d.*\d/.test(v) || /[IOQUZ0]/.test(v[9])) continue;
    const context = VIN_CONTEXT.test(before(s.text, start));
    if (vinCheckDigit(v) === v[8]) out.push(finding(start, end, 'VEHICLEVIN', context ? 0.97 : 0.9, 'VIN check digit ✓'));
    else if (context && !/^[1-5]/.test(v)) out.push(finding(start, end, 'VEHICLEVIN', 0.6, 'VIN format (non-North-American, check digit not required)'));
  }
  return out;
}
