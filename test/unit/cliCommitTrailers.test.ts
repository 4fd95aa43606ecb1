/**
 * `git commit -s` through the installed hooks in a real repository with a real-looking identity:
 * the committer's sign-off and trailers naming the repository's authors pass; a customer's address
 * still blocks; `# pii-lint-disable` lines work; `commitIdentities` configures it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliHarness } from './helpers/cli';

const h = new CliHarness();
before(() => h.setUp());
after(() => h.tearDown());

const HELEN = { GIT_AUTHOR_NAME: 'Helen Park', GIT_AUTHOR_EMAIL: 'helen.park@fabrikam.com', GIT_COMMITTER_NAME: 'Helen Park', GIT_COMMITTER_EMAIL: 'helen.park@fabrikam.com' };
const JON = { GIT_AUTHOR_NAME: 'Jon Whitaker', GIT_AUTHOR_EMAIL: 'jon.whitaker@fabrikam.com', GIT_COMMITTER_NAME: 'Jon Whitaker', GIT_COMMITTER_EMAIL: 'jon.whitaker@fabrikam.com' };

function repoWithHooks(): string {
  const repo = h.newRepo();
  assert.equal(h.cli(['install-hook'], { cwd: repo }).code, 0);
  writeFileSync(join(repo, 'README.md'), '# Project\n');
  h.git(repo, ['add', 'README.md']);
  h.git(repo, ['commit', '-q', '--no-verify', '-m', 'Start'], JON);
  return repo;
}

let n = 0;
function commit(repo: string, message: string, extra: string[] = []): { code: number; stderr: string } {
  writeFileSync(join(repo, 'notes.md'), `Build step ${++n} done.\n`);
  h.git(repo, ['add', 'notes.md']);
  return h.gitRun(repo, ['commit', '-q', ...extra, '-m', message], HELEN);
}

describe('commit messages: the repository\'s own people are not findings', () => {
  test('git commit -s passes; a customer\'s address in the message still blocks', () => {
    const repo = repoWithHooks();
    const signed = commit(repo, 'Fix the login redirect', ['-s']);
    assert.equal(signed.code, 0, signed.stderr);
    assert.match(h.git(repo, ['log', '-1', '--format=%B']), /Signed-off-by: Helen Park <helen\.park@fabrikam\.com>/);

    const customer = commit(repo, 'Fix the export for rob.sanders@contoso.com', ['-s']);
    assert.notEqual(customer.code, 0, 'blocked');
    assert.match(customer.stderr, /^PII Lint blocked this commit: the message contains an email address/);
    assert.match(customer.stderr, /"# pii-lint-disable-next-line EMAIL" line/, 'the hint is one a commit message can hold (a # line)');
  });

  test('co-author trailers: a history author and a GitHub no-reply address pass, a stranger blocks', () => {
    const repo = repoWithHooks();
    const known = commit(repo, 'Pair on the parser\n\nCo-authored-by: Jon Whitaker <jon.whitaker@fabrikam.com>\nCo-authored-by: Octo Cat <12345+octocat@users.noreply.github.com>');
    assert.equal(known.code, 0, known.stderr);
    const stranger = commit(repo, 'Pair on the parser\n\nReported-by: Aisha Khan <aisha.khan@adventure-works.com>');
    assert.notEqual(stranger.code, 0, 'blocked');
  });

  test('"commitIdentities": "off" reports the sign-off; "committer" trusts only the committer', () => {
    const repo = repoWithHooks();
    writeFileSync(join(repo, '.piilintrc.json'), JSON.stringify({ commitIdentities: 'off' }));
    assert.notEqual(commit(repo, 'Tidy', ['-s']).code, 0, 'off: the sign-off is reported');
    writeFileSync(join(repo, '.piilintrc.json'), JSON.stringify({ commitIdentities: 'committer' }));
    assert.equal(commit(repo, 'Tidy', ['-s']).code, 0);
    assert.notEqual(commit(repo, 'Pair\n\nCo-authored-by: Jon Whitaker <jon.whitaker@fabrikam.com>').code, 0, 'history authors are not trusted');
  });

  test('a # pii-lint-disable line in the message file lets a named class through, and git drops it', () => {
    const repo = repoWithHooks();
    const msg = join(repo, '.git', 'MSG');
    writeFileSync(msg, 'Thanks rob.sanders@contoso.com for the report\n\n# pii-lint-disable EMAIL\n');
    const ok = h.gitRun(repo, ['commit', '-q', '-F', msg, '--cleanup=strip', '--allow-empty'], HELEN);
    assert.equal(ok.code, 0, ok.stderr);
    assert.doesNotMatch(h.git(repo, ['log', '-1', '--format=%B']), /pii-lint-disable/);
    writeFileSync(msg, 'Thanks rob.sanders@contoso.com for the report\n\n# pii-lint-disable PHONENUMBER\n');
    assert.notEqual(h.gitRun(repo, ['commit', '-q', '-F', msg, '--cleanup=strip', '--allow-empty'], HELEN).code, 0, 'another class does not cover it');
  });
});
