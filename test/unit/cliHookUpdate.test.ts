/**
 * Installed hooks survive an extension update: the CLI bundle moves from
 * `pii-lint.pii-lint-0.1.0/` to `pii-lint.pii-lint-0.2.0/` (the old folder gone), and the hook finds
 * the newest one instead of failing every commit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliHarness, MODEL_ARGS, ROOT } from './helpers/cli';

const h = new CliHarness();
before(() => h.setUp());
after(() => h.tearDown());

/** An extension folder as VS Code lays it out: the bundles, and (here) the dependencies beside them. */
function extensionFolder(parent: string, version: string): string {
  const dir = join(parent, `pii-lint.pii-lint-${version}`);
  mkdirSync(join(dir, 'dist'), { recursive: true });
  for (const f of ['cli.js', 'worker.js']) copyFileSync(join(ROOT, 'dist', f), join(dir, 'dist', f));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

describe('hooks after an extension update', () => {
  test('the hook runs the newest installed version when the one it was written by is gone', () => {
    const extensions = h.tempDir('pii-lint-ext-');
    const v1 = extensionFolder(extensions, '0.1.0');
    const model = MODEL_ARGS.length > 0 ? MODEL_ARGS : ['--model', join(ROOT, 'models', 'pii-lint-mini')];
    const repo = h.newRepo();
    const inst = spawnSync(process.execPath, [join(v1, 'dist', 'cli.js'), 'install-hook', ...model], { cwd: repo, encoding: 'utf8', env: h.env() });
    assert.equal(inst.status, 0, inst.stderr);

    // The update: 0.2.0 installed, 0.1.0 removed (renamed here), an older 0.0.9 left behind.
    renameSync(v1, join(extensions, 'pii-lint.pii-lint-0.2.0'));
    extensionFolder(extensions, '0.0.9');
    assert.ok(!existsSync(join(v1, 'dist', 'cli.js')));

    writeFileSync(join(repo, 'contacts.md'), 'Escalations go to helen.park@fabrikam.com.\n');
    h.git(repo, ['add', 'contacts.md']);
    const blocked = h.gitRun(repo, ['commit', '-q', '-m', 'Add contacts']);
    assert.notEqual(blocked.code, 0);
    assert.match(blocked.stderr, /PII Lint blocked this commit/, 'pii-lint ran, rather than "not found"');
    h.git(repo, ['rm', '-q', '--cached', 'contacts.md']);

    writeFileSync(join(repo, 'README.md'), '# Project\n');
    h.git(repo, ['add', 'README.md']);
    const ok = h.gitRun(repo, ['commit', '-q', '-m', 'Add readme']);
    assert.equal(ok.code, 0, ok.stderr);
  });
});
