/**
 * docs/ci.md's recipes stay runnable: every `pii-lint` command line in them parses, and the SARIF
 * ones write a file for the upload step to read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandLine } from '../../server/src/cli/args';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'ci.md'), 'utf8');

test('every pii-lint command line in docs/ci.md parses', () => {
  const lines = [...doc.matchAll(/pii-lint\.js"? (scan[^\n]*)/g)].map((m) => m[1] ?? '');
  assert.ok(lines.length >= 3, `found ${lines.length} command lines`);
  for (const line of lines) {
    const parsed = parseCommandLine(line.trim().split(/\s+/));
    assert.equal(parsed.command, 'scan', line);
    if (parsed.command !== 'scan') continue;
    if (parsed.format === 'sarif') assert.equal(parsed.output, 'pii-lint.sarif', `${line}: the upload step reads pii-lint.sarif`);
  }
  // The upload step names the file the scan writes.
  assert.match(doc, /sarif_file: pii-lint\.sarif/);
});
