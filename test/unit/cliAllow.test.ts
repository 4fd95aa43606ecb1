/** `pii-lint allow PATH:LINE:COL`: the finding there joins the allowlist as a fingerprint, never as text. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliHarness } from './helpers/cli';

const h = new CliHarness();
before(() => h.setUp());
after(() => h.tearDown());

const EMAIL = 'rob.sanders@contoso.com';

describe('pii-lint allow', () => {
  test('the place scan prints allows that finding; the value is in no output and no config', () => {
    const repo = h.newRepo();
    writeFileSync(join(repo, 'notes.md'), `# Notes\n\nOwner: ${EMAIL}\nBackup: helen.park@fabrikam.com\n`);
    const first = h.cli(['scan', 'notes.md'], { cwd: repo });
    assert.equal(first.code, 1);
    const line = first.stdout.split('\n').find((l) => / EMAIL /.test(l) && l.startsWith('notes.md:3:'));
    assert.ok(line, first.stdout);
    const place = line.split(': ')[0] as string;

    const allow = h.cli(['allow', place], { cwd: repo });
    assert.equal(allow.code, 0, allow.stderr);
    assert.match(allow.stderr, /allowed the EMAIL at notes\.md:3:\d+ in .*\.piilintrc\.json \(hmac-sha256:/);
    const config = readFileSync(join(repo, '.piilintrc.json'), 'utf8');
    assert.match(config, /"salt"/);
    assert.match(config, /hmac-sha256:[0-9a-f]{64}/);
    for (const out of [allow.stdout, allow.stderr, config]) assert.ok(!out.includes(EMAIL) && !out.includes('rob.sanders'));

    const again = h.cli(['scan', '--format', 'json', 'notes.md'], { cwd: repo });
    const emails = (JSON.parse(again.stdout) as { findings: Array<{ line: number; label: string }> }).findings.filter((f) => f.label === 'EMAIL');
    assert.deepEqual(emails.map((f) => f.line), [4], 'only the other address is still reported');
  });

  test('no finding there, or a bad place: exit 2, nothing written', () => {
    const repo = h.newRepo();
    writeFileSync(join(repo, 'notes.md'), `Owner: ${EMAIL}\n`);
    const none = h.cli(['allow', 'notes.md:1:1'], { cwd: repo });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no finding at notes\.md:1:1 \(nothing changed\)/);
    assert.equal(h.cli(['allow', 'notes.md'], { cwd: repo }).code, 2);
    assert.equal(h.cli(['allow', 'notes.md:1:8', '--label', 'PHONENUMBER'], { cwd: repo }).code, 2);
    assert.throws(() => readFileSync(join(repo, '.piilintrc.json')));
  });
});
