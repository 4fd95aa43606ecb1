import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientForThisFile, temporaryWorkspace } from './harness';

// The workspace's .piilintrc.json holds one good pattern and one the server must refuse.
const workspace = temporaryWorkspace('pii-lint-lsp-patterns-');
writeFileSync(
  join(workspace, '.piilintrc.json'),
  JSON.stringify({
    patterns: [
      { label: 'EMPLOYEEID', regex: 'EMP-\\d{6}', context: ['employee'], score: 0.8 },
      { label: 'SLOW', regex: '(\\w+\\s?)*$' },
    ],
  }),
);
const client = clientForThisFile({ workspace });

test('a team pattern is a diagnostic; a refused one is shown as an error while scanning goes on', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('staff.md');
  client().open(uri, 'markdown', 'Badge for employee EMP-482913 is ready.\n');
  const diagnostics = await client().diagnosticsFor(uri);
  const d = diagnostics.find((x) => x.code === 'EMPLOYEEID');
  assert.ok(d, 'the team pattern is reported');
  assert.equal(d.range.start.character, 19);
  assert.equal(d.message, 'EMPLOYEEID · 95%');
  await client().until(
    () => client().statuses.some((s) => s.state === 'error' && /"patterns\[1\]" \(SLOW\): regex .* can backtrack catastrophically/.test(s.message ?? '')),
    'the refused pattern is named in the status',
  );
});
