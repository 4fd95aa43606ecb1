/**
 * No silent passes (the built CLI and real git hooks): text in another encoding is decoded and
 * scanned, the part of a file past --max-file-size still goes through the checksum recognizers,
 * and a text file that cannot be read fails the run unless --allow-unscanned.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLI, CliHarness, MODEL_ARGS } from './helpers/cli';

const h = new CliHarness();
before(() => h.setUp());
after(() => h.tearDown());

interface Report {
  findings: Array<{ path: string; line: number; column: number; endColumn: number; start: number; end: number; label: string }>;
  notices: Array<{ path: string; kind: string; message: string }>;
}

function scanJson(cwd: string, ...args: string[]): { code: number; stderr: string; report: Report } {
  const r = h.cli(['scan', '--format', 'json', ...args], { cwd });
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) as Report };
}

const EMAIL = 'rob.sanders@contoso.com';
const IBAN = 'DE44 5001 0517 5407 3249 31';

describe('text in other encodings is scanned, not skipped', () => {
  test('a Latin-1 kunden.csv: its e-mail and IBAN are found where they are, with a notice', () => {
    const dir = h.tempDir();
    writeFileSync(join(dir, 'kunden.csv'), Buffer.from(`Name;E-Mail;IBAN\nJürgen Groß;${EMAIL};${IBAN}\n`, 'latin1'));
    const { code, stderr, report } = scanJson(dir, '.');
    assert.equal(code, 1, stderr);
    const line2 = `Jürgen Groß;${EMAIL};${IBAN}`;
    const email = report.findings.find((f) => f.label === 'EMAIL');
    const iban = report.findings.find((f) => f.label === 'IBAN');
    assert.ok(email && iban, JSON.stringify(report.findings.map((f) => f.label)));
    assert.equal(email.line, 2);
    assert.equal(line2.slice(email.column - 1, email.endColumn - 1), EMAIL, 'columns count decoded characters');
    assert.equal(iban.line, 2);
    assert.deepEqual(report.notices.map((n) => [n.path, n.kind]), [['kunden.csv', 'decoded']]);
    assert.match(stderr, /kunden\.csv: not valid UTF-8: read as windows-1252/);
    assert.ok(!stderr.includes(EMAIL));
  });

  test('UTF-16 with a BOM (LE and BE) and without one (LE)', () => {
    const dir = h.tempDir();
    const text = `Notes\nContact ${EMAIL} today\n`;
    const be = Buffer.from(text, 'utf16le').swap16();
    writeFileSync(join(dir, 'le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(join(dir, 'be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    writeFileSync(join(dir, 'nobom.txt'), Buffer.from(text, 'utf16le'));
    writeFileSync(join(dir, 'image.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 0, 0, 0xff, 0x10]));
    const { report } = scanJson(dir, '.');
    const emails = report.findings.filter((f) => f.label === 'EMAIL').map((f) => [f.path, f.line, f.column]);
    assert.deepEqual(emails.sort(), [['be.txt', 2, 9], ['le.txt', 2, 9], ['nobom.txt', 2, 9]]);
    assert.deepEqual(report.notices.map((n) => [n.path, n.kind]), [['image.bin', 'binary']], 'real binaries stay skipped');
  });
});

describe('past --max-file-size the recognizers scan the rest', () => {
  const filler = 'The deployment finished without errors and the cache was warmed up again.\n';

  test('an e-mail on the last line of a 2.1 MB file is found at its line, and the notice says the model stopped', () => {
    const dir = h.tempDir();
    const body = filler.repeat(Math.ceil((2.1 * 1024 * 1024) / filler.length));
    const lines = body.split('\n').length - 1;
    writeFileSync(join(dir, 'big.log'), `Owner: ${EMAIL}\n${body}Escalate to ${EMAIL}\n`);
    const { code, stderr, report } = scanJson(dir, 'big.log');
    assert.equal(code, 1, stderr);
    const emails = report.findings.filter((f) => f.label === 'EMAIL');
    assert.deepEqual(emails.map((f) => [f.line, f.column]), [[1, 8], [lines + 2, 13]]);
    const all = readFileSync(join(dir, 'big.log'), 'utf8');
    assert.equal(all.slice(emails[1]!.start, emails[1]!.end), EMAIL, 'offsets count from the start of the file');
    assert.match(stderr, /big\.log: 2\.1 MB exceeds --max-file-size 2\.0 MB: the model scanned the first 2\.0 MB, the checksum and format recognizers .* all of it/);
  });

  test('a value across the cap is found once, whole', () => {
    const dir = h.tempDir();
    const prefix = 'x'.repeat(1000 - 10);
    writeFileSync(join(dir, 'cut.txt'), `${prefix} ${EMAIL}\nend\n`);
    const { report } = scanJson(dir, '--max-file-size', '1000', 'cut.txt');
    const emails = report.findings.filter((f) => f.label === 'EMAIL');
    assert.deepEqual(emails.map((f) => [f.line, f.column, f.endColumn]), [[1, prefix.length + 2, prefix.length + 2 + EMAIL.length]]);
  });

  test('the pre-commit hook blocks a big staged file with an e-mail on its last line, and a Latin-1 one', () => {
    const repo = h.newRepo();
    assert.equal(h.cli(['install-hook'], { cwd: repo }).code, 0);
    writeFileSync(join(repo, 'dump.sql'), `${filler.repeat(Math.ceil((2.1 * 1024 * 1024) / filler.length))}-- owner ${EMAIL}\n`);
    h.git(repo, ['add', 'dump.sql']);
    const big = h.gitRun(repo, ['commit', '-q', '-m', 'Add dump']);
    assert.notEqual(big.code, 0, 'blocked');
    assert.match(big.stderr, /dump\.sql: .*the model scanned the first/);
    h.git(repo, ['rm', '-q', '--cached', 'dump.sql']);

    writeFileSync(join(repo, 'kunden.csv'), Buffer.from(`Name;E-Mail\nMüller;${EMAIL}\n`, 'latin1'));
    h.git(repo, ['add', 'kunden.csv']);
    const latin1 = h.gitRun(repo, ['commit', '-q', '-m', 'Add customers']);
    assert.notEqual(latin1.code, 0, 'blocked');
    assert.equal(h.gitRun(repo, ['rev-parse', '--verify', '-q', 'HEAD']).code, 1, 'nothing committed');
  });
});

describe('a text file that cannot be read fails the run', () => {
  test('unreadable: exit 1 naming it; --allow-unscanned lets it pass', { skip: process.platform === 'win32' }, (t) => {
    // root reads any file, so the CLI runs as "nobody": that needs a checkout "nobody" can read
    // (a clone inside a 0700 `mktemp -d` is not one).
    const asRoot = process.getuid?.() === 0;
    if (asRoot && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'test', '-r', CLI]).status !== 0) {
      t.skip('the checkout is not readable by an unprivileged user, which this test runs the CLI as');
      return;
    }
    const dir = h.tempDir();
    chmodSync(dir, 0o755);
    // "nobody" must reach the folder: open up the test's own temp folders above it (0700 as made).
    for (let up = dirname(dir); up.startsWith(tmpdir()) && up !== dirname(tmpdir()); up = dirname(up)) chmodSync(up, 0o711);
    writeFileSync(join(dir, 'ok.txt'), 'Nothing personal here.\n');
    writeFileSync(join(dir, 'locked.txt'), 'Nothing personal here either.\n');
    chmodSync(join(dir, 'locked.txt'), 0o000);
    const run = (...extra: string[]): { code: number; stderr: string } => {
      const args = [CLI, 'scan', '.', ...extra, ...MODEL_ARGS];
      const r = asRoot
        ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args], { cwd: dir, encoding: 'utf8', env: h.env() })
        : spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: h.env() });
      return { code: r.status ?? -1, stderr: r.stderr };
    };
    const strict = run();
    assert.equal(strict.code, 1, strict.stderr);
    assert.match(strict.stderr, /locked\.txt: skipped: cannot read \(EACCES\)/);
    assert.match(strict.stderr, /1 file could not be scanned/);
    const allowed = run('--allow-unscanned');
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.match(allowed.stderr, /locked\.txt: skipped: cannot read/);
  });
});
