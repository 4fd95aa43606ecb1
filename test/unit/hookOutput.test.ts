/**
 * What a git front end shows of a hook: VS Code's Git dialog shows the first line of the hook's
 * output (git sends a hook's stdout to stderr). A real `git commit` in a temporary repository with
 * the installed hooks: a pass prints nothing, a block leads with its reason.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildCli, gitEnv } from './helpers/cli';
import { blockReason } from '../../server/src/cli/blockReason';

const ROOT = resolve(__dirname, '..', '..');
// Inside the checkout, so the bundle resolves onnxruntime-node from its node_modules.
const BUILD_DIR = join(ROOT, 'dist', 'hook-output-test');
const CLI = join(BUILD_DIR, 'cli.js');
const BUILTIN_MODEL = join(ROOT, 'models', 'pii-lint-mini');
// Built outside dist/, the bundle cannot find the built-in model beside it: name the folder.
const MODEL_ARGS = ['--model', existsSync(join(BUILTIN_MODEL, 'config.json')) ? BUILTIN_MODEL : join(ROOT, 'test', 'fixtures', 'tiny-hf-model')];

const temps: string[] = [BUILD_DIR];
let home: string;

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function env(): NodeJS.ProcessEnv {
  return gitEnv(home);
}

function run(cmd: string, args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: env(), timeout: 180_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The first non-empty line, as VS Code's git extension picks it for its error dialog. */
function firstLine(output: string): string {
  return output.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
}

before(async () => {
  await buildCli(BUILD_DIR);
  home = tempDir('pii-lint-home-');
});

after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe('git hooks: what the user sees', () => {
  test('a passing commit prints nothing; a blocked one leads with its reason', () => {
    const repo = tempDir('pii-lint-hookrepo-');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'commit.gpgsign', 'false');
    const inst = run(process.execPath, [CLI, 'install-hook', ...MODEL_ARGS], repo);
    assert.equal(inst.code, 0, inst.stderr);
    // The install notice names both hooks.
    assert.match(inst.stderr, /pre-commit/);
    assert.match(inst.stderr, /commit-msg/);

    writeFileSync(join(repo, 'README.md'), '# Project\n\nBuild with make.\n');
    git(repo, 'add', 'README.md');
    const ok = run('git', ['commit', '-q', '-m', 'Add readme'], repo);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout + ok.stderr, '', 'both hooks pass silently');

    // The message holds an email on its third line: the commit-msg hook's reason is the first line.
    writeFileSync(join(repo, 'CHANGELOG.md'), '## 0.1.0\n\nFirst release.\n');
    git(repo, 'add', 'CHANGELOG.md');
    const badMsg = run('git', ['commit', '-q', '-m', 'Changelog\n\nThanks to rob.sanders@contoso.com'], repo);
    assert.notEqual(badMsg.code, 0);
    assert.equal(
      firstLine(badMsg.stderr),
      'PII Lint blocked this commit: the message contains an email address (line 3). ' +
        'Fix it, or mark a false positive with a "# pii-lint-disable-next-line EMAIL" line above it; bypass once with git commit --no-verify.',
    );
    assert.ok(!(badMsg.stdout + badMsg.stderr).includes('rob.sanders@contoso.com'), 'the value is never printed');

    // A staged email: the pre-commit hook names the file and line; the findings follow it.
    writeFileSync(join(repo, 'contacts.md'), '# Contacts\n\nEscalations go to helen.park@fabrikam.com.\n');
    git(repo, 'add', 'contacts.md');
    const staged = run('git', ['commit', '-q', '-m', 'Add contacts'], repo);
    assert.notEqual(staged.code, 0);
    const line = firstLine(staged.stderr);
    assert.match(line, /^PII Lint blocked this commit: contacts\.md line 3 adds an email address/);
    assert.match(line, /pii-lint-disable-next-line EMAIL/);
    assert.match(staged.stderr, /^contacts\.md:3:\d+: EMAIL \d+% /m, 'the finding lines come after the reason');
    assert.ok(!staged.stderr.includes('helen.park@fabrikam.com'));

    // --verbose brings the summary back on a pass.
    git(repo, 'reset', '-q');
    const verbose = run(process.execPath, [CLI, 'scan', '--staged', '--verbose', ...MODEL_ARGS], repo);
    assert.equal(verbose.code, 0, verbose.stderr);
    assert.match(verbose.stderr, /no personal data found/);
  });
});

describe('blockReason', () => {
  test('counts the rest and names the class', () => {
    const f = (path: string, line: number, label: string) => ({ path, line, label, severity: 'warning' as const });
    assert.equal(
      blockReason('staged', [f('a.txt', 2, 'IBAN'), f('b.txt', 5, 'EMAIL'), f('b.txt', 6, 'URL')]),
      'PII Lint blocked this commit: a.txt line 2 adds an IBAN, and 2 more findings in 2 files (listed below). ' +
        'Fix them, or mark a false positive with a "pii-lint-disable-next-line IBAN" comment on the line above; bypass once with git commit --no-verify.',
    );
    assert.match(blockReason('message', [f('m', 1, 'URL')], ';'), /contains a URL \(line 1\).*"; pii-lint-disable-next-line URL"/);
  });
});
