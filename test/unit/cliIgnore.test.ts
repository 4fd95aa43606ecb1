/**
 * What `pii-lint scan` passes over, and that it says why: .gitignore in a git work tree (as git
 * itself reads it), .piilintignore, the built-in rules, generated files; --no-ignore and
 * "skipGenerated" turn them off.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliHarness } from './helpers/cli';

const h = new CliHarness();
before(() => h.setUp());
after(() => h.tearDown());

const EMAIL = 'rob.sanders@contoso.com';

interface Report {
  findings: Array<{ path: string; label: string }>;
  notices: Array<{ path: string; kind: string; message: string }>;
}

function scan(cwd: string, ...args: string[]): { code: number; stderr: string; report: Report } {
  const r = h.cli(['scan', '--format', 'json', ...args], { cwd });
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) as Report };
}

function paths(report: Report): string[] {
  return [...new Set(report.findings.filter((f) => f.label === 'EMAIL').map((f) => f.path))].sort();
}

/** A repository with the same e-mail in a tracked file and in files every rule passes over. */
function fixtureRepo(): string {
  const repo = h.newRepo();
  const put = (rel: string, text: string): void => {
    mkdirSync(join(repo, rel, '..'), { recursive: true });
    writeFileSync(join(repo, rel), text);
  };
  const note = `Contact: ${EMAIL}\n`;
  put('.gitignore', 'dist/\n*.log\n!keep.log\n');
  put('.piilintignore', 'fixtures/\n');
  put('src/notes.md', note);
  put('dist/bundle.md', note);
  put('debug.log', note);
  put('keep.log', note);
  put('fixtures/people.md', note);
  put('node_modules/pkg/README.md', note);
  put('tracked.log', note);
  put('package-lock.json', JSON.stringify({ name: 'x', packages: { '': { author: EMAIL } } }, null, 2));
  put('app.js.map', JSON.stringify({ version: 3, sources: [EMAIL], mappings: 'AAAA' }));
  put('vendor/lib.min.js', `/* ${EMAIL} */ var a=1;\n`);
  put('vendor/bundle.js', `var s="${EMAIL}";${'var x=1;'.repeat(400)}\n`);
  h.git(repo, ['add', '-f', 'tracked.log']);
  return repo;
}

describe('scan passes over ignored and generated files, and says why', () => {
  test('.gitignore (negations and tracked files as git reads them), .piilintignore, built-in rules, generated files', () => {
    const repo = fixtureRepo();
    const { stderr, report } = scan(repo);
    assert.deepEqual(paths(report), ['keep.log', 'src/notes.md', 'tracked.log']);
    const notices = report.notices.map((n) => `${n.path}: ${n.message}`);
    assert.ok(notices.includes('.: skipped 1 file and 1 folder ignored by .gitignore (--no-ignore scans them)'), notices.join('\n'));
    assert.ok(notices.includes('.: skipped 1 folder ignored by .piilintignore or "ignore" in .piilintrc.json (--no-ignore scans them)'), notices.join('\n'));
    assert.ok(notices.some((n) => /^\.: skipped 2 folders ignored by built-in rule/.test(n)), notices.join('\n'));
    for (const [file, kind] of [['package-lock.json', 'lockfile'], ['app.js.map', 'source map'], ['vendor/lib.min.js', 'minified bundle'], ['vendor/bundle.js', 'minified bundle']]) {
      assert.ok(notices.includes(`${file}: skipped: ${kind} (generated; "skipGenerated" in .piilintrc.json decides)`), `${file}\n${notices.join('\n')}`);
    }
    assert.ok(!stderr.includes(EMAIL));
  });

  test('a file named on the command line that .gitignore excludes: skipped with that reason', () => {
    const repo = fixtureRepo();
    const { report } = scan(repo, 'debug.log');
    assert.deepEqual(report.notices.map((n) => [n.path, n.kind, n.message]), [['debug.log', 'ignored', 'skipped: ignored by .gitignore']]);
  });

  test('--no-ignore scans what .gitignore and .piilintignore exclude, never .git or node_modules', () => {
    const repo = fixtureRepo();
    const { report } = scan(repo, '--no-ignore');
    assert.deepEqual(paths(report), ['debug.log', 'dist/bundle.md', 'fixtures/people.md', 'keep.log', 'src/notes.md', 'tracked.log']);
  });

  test('"skipGenerated": [] scans lockfiles, source maps and bundles; outside git, .gitignore means nothing', () => {
    const repo = fixtureRepo();
    writeFileSync(join(repo, '.piilintrc.json'), JSON.stringify({ skipGenerated: [] }));
    const { report } = scan(repo);
    assert.deepEqual(paths(report), ['app.js.map', 'keep.log', 'package-lock.json', 'src/notes.md', 'tracked.log', 'vendor/bundle.js', 'vendor/lib.min.js']);
    writeFileSync(join(repo, '.piilintrc.json'), JSON.stringify({ skipGenerated: ['sourcemaps'] }));
    assert.equal(h.cli(['scan'], { cwd: repo }).code, 2, 'a bad kind is a configuration error');

    const plain = h.tempDir();
    writeFileSync(join(plain, '.gitignore'), '*.log\n');
    writeFileSync(join(plain, 'debug.log'), `Contact: ${EMAIL}\n`);
    assert.deepEqual(paths(scan(plain).report), ['debug.log']);
  });
});
