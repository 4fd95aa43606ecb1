/**
 * `pii-lint allow --rekey`: the one fix the refusal of an unsalted allowlist names. The entries
 * whose values are in the files scan reads are keyed with a new salt, the others dropped, and
 * only counts are printed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint } from '../../server/src/engine/policy/policy';
import { CliHarness } from './helpers/cli';

const h = new CliHarness();
before(() => h.setUp());
after(() => h.tearDown());

const KEPT = 'rob.sanders@contoso.com';
/** Allowlisted, but only in a git-ignored file: scan never reads it, so its entry goes. */
const GONE = 'helen.park@fabrikam.com';
const OTHER = 'lena.weber@northwind.org';

function emailLines(stdout: string): number[] {
  const report = JSON.parse(stdout) as { findings: Array<{ line: number; label: string }> };
  return report.findings.filter((f) => f.label === 'EMAIL').map((f) => f.line);
}

describe('pii-lint allow --rekey', () => {
  test('an unsalted list: scan names the command; the command keys the found entry, drops the other, prints counts only', () => {
    const repo = h.newRepo();
    writeFileSync(join(repo, 'notes.md'), `# Notes\n\nOwner: ${KEPT}\nBackup: ${OTHER}\n`);
    writeFileSync(join(repo, '.gitignore'), 'private.log\n');
    writeFileSync(join(repo, 'private.log'), `mail from ${GONE}\n`);
    // What older versions wrote: HMACs with an empty key and "salt": "".
    const unkeyed = { classes: { DATE: 'off' }, allowlist: [fingerprint('EMAIL', KEPT, ''), fingerprint('EMAIL', GONE, '')], salt: '' };
    writeFileSync(join(repo, '.piilintrc.json'), `${JSON.stringify(unkeyed, null, 2)}\n`);
    h.git(repo, ['add', '.']);
    h.git(repo, ['commit', '-q', '-m', 'Notes']);

    const refused = h.cli(['scan', 'notes.md'], { cwd: repo });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /"allowlist" has 2 entries but no "salt".*Fix: run "pii-lint allow --rekey" in the repository/);

    const rekey = h.cli(['allow', '--rekey'], { cwd: repo });
    assert.equal(rekey.code, 0, rekey.stderr);
    assert.match(rekey.stderr, /re-keyed 1 allowlist entry with a new random salt; dropped 1 entry whose value is in none of the \d+ files scanned/);
    const config = readFileSync(join(repo, '.piilintrc.json'), 'utf8');
    for (const out of [rekey.stdout, rekey.stderr, config]) {
      for (const value of [KEPT, GONE, OTHER]) assert.ok(!out.includes(value) && !out.includes(value.split('@')[0] as string), 'no value in any output');
    }
    const saved = JSON.parse(config) as { classes: object; allowlist: string[]; salt: string };
    assert.match(saved.salt, /^[A-Za-z0-9_-]{22}$/, 'a random salt');
    assert.deepEqual(saved.allowlist, [fingerprint('EMAIL', KEPT, saved.salt)]);
    assert.deepEqual(saved.classes, { DATE: 'off' }, 'other keys kept');

    const scan = h.cli(['scan', '--format', 'json', 'notes.md'], { cwd: repo });
    assert.equal(scan.code, 1, scan.stderr);
    assert.deepEqual(emailLines(scan.stdout), [4], 'the re-keyed address is allowed; the other one is still reported');

    const again = h.cli(['allow', '--rekey'], { cwd: repo });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /has its "salt" already: nothing to re-key/);
    assert.equal(readFileSync(join(repo, '.piilintrc.json'), 'utf8'), config, 'a keyed list is left alone');
  });

  test('bad uses: exit 2, nothing written', () => {
    const repo = h.newRepo();
    const none = h.cli(['allow', '--rekey'], { cwd: repo });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no \.piilintrc\.json in this folder or above it/);
    assert.equal(h.cli(['allow', '--rekey', '--label', 'EMAIL'], { cwd: repo }).code, 2);

    const text = `${JSON.stringify({ allowlist: [fingerprint('EMAIL', KEPT, '')] })}\n`;
    writeFileSync(join(repo, '.piilintrc.json'), text);
    const missing = h.cli(['allow', '--rekey', 'no-such-dir'], { cwd: repo });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or directory: no-such-dir/);
    assert.equal(readFileSync(join(repo, '.piilintrc.json'), 'utf8'), text);
  });
});
