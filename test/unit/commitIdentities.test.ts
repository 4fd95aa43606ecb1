/** Which parts of a commit message name the repository's own people (pure functions, no git). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isKnownIdentity, knownIdentityRegions, messageWideDisables, parseIdent, parseIdentityLines, type KnownIdentities } from '../../server/src/engine/policy/commitIdentities';
import { findingAt } from './helpers/findings';

const known: KnownIdentities = {
  self: [{ name: 'Helen Park', email: 'helen.park@fabrikam.com' }],
  history: [{ name: 'Jon Whitaker', email: 'jon.whitaker@fabrikam.com' }],
};

const MESSAGE = [
  'Fix the login redirect',
  '',
  'Reported-by: Aisha Khan <aisha.khan@adventure-works.com>',
  'Co-authored-by: Jon Whitaker <jon.whitaker@fabrikam.com>',
  'Co-authored-by: Octo Cat <12345+octocat@users.noreply.github.com>',
  'Signed-off-by: Helen Park <helen.park@fabrikam.com>',
  '# Signed-off-by: Rob Sanders <rob.sanders@contoso.com>',
  '',
].join('\n');

function covered(text: string, value: string, mode: 'history' | 'committer' | 'off'): boolean {
  const regions = knownIdentityRegions(text, known, mode);
  return isKnownIdentity(text, findingAt(text, value, 'EMAIL'), regions, known, mode);
}

describe('known identities in commit messages', () => {
  test('trailers of the committer, of history authors and GitHub no-reply addresses are known; others are not', () => {
    assert.equal(covered(MESSAGE, 'helen.park@fabrikam.com', 'history'), true);
    assert.equal(covered(MESSAGE, 'Helen Park', 'history'), true);
    assert.equal(covered(MESSAGE, 'jon.whitaker@fabrikam.com', 'history'), true);
    assert.equal(covered(MESSAGE, 'Jon Whitaker', 'history'), true);
    assert.equal(covered(MESSAGE, 'Octo Cat', 'history'), true);
    assert.equal(covered(MESSAGE, 'aisha.khan@adventure-works.com', 'history'), false);
    assert.equal(covered(MESSAGE, 'Aisha Khan', 'history'), false);
  });

  test('"committer" trusts only the committer, "off" nobody', () => {
    assert.equal(covered(MESSAGE, 'helen.park@fabrikam.com', 'committer'), true);
    assert.equal(covered(MESSAGE, 'jon.whitaker@fabrikam.com', 'committer'), false);
    assert.equal(covered(MESSAGE, 'helen.park@fabrikam.com', 'off'), false);
  });

  test('a known name with a stranger\'s address is not known; the committer\'s own name is known anywhere', () => {
    const text = 'Thanks Helen for the review\n\nReviewed-by: Jon Whitaker <jon.w@gmail.example>\n';
    assert.equal(covered(text, 'jon.w@gmail.example', 'history'), false);
    assert.equal(covered(text, 'Helen', 'history'), true);
    assert.equal(covered('Ask Maria\n', 'Maria', 'history'), false);
  });

  test('trailer keys are case-insensitive; git comment lines are not trailers', () => {
    const text = 'x\n\nsigned-off-by:   Jon Whitaker <jon.whitaker@fabrikam.com>  \n';
    assert.deepEqual(knownIdentityRegions(text, known, 'history').map((r) => text.slice(r.start, r.end)), ['Jon Whitaker <jon.whitaker@fabrikam.com>']);
    assert.deepEqual(knownIdentityRegions('# Signed-off-by: Jon Whitaker <jon.whitaker@fabrikam.com>\n', known, 'history'), []);
  });

  test('git ident lines and log output parse', () => {
    assert.deepEqual(parseIdent('Helen Park <helen.park@fabrikam.com> 1700000000 +0100\n'), { name: 'Helen Park', email: 'helen.park@fabrikam.com' });
    assert.deepEqual(parseIdentityLines('A\0a@x\0B\0b@x\n'), [{ name: 'A', email: 'a@x' }, { name: 'B', email: 'b@x' }]);
  });
});

describe('# pii-lint-disable in a commit message', () => {
  test('a comment line turns the named classes off for the whole message, wherever it stands', () => {
    const text = 'Thanks rob.sanders@contoso.com\n\n# pii-lint-disable EMAIL\n# Please enter the commit message\n';
    const off = messageWideDisables(text);
    assert.equal(off('EMAIL'), true);
    assert.equal(off('PHONENUMBER'), false);
    assert.equal(messageWideDisables('x\n# pii-lint-disable\n')('IBAN'), true, 'no class: every class');
    assert.equal(messageWideDisables('pii-lint-disable EMAIL in the text\n')('EMAIL'), false, 'only comment lines');
    assert.equal(messageWideDisables('x\n# pii-lint-disable-line EMAIL\n')('EMAIL'), false, 'positional forms keep their meaning');
    assert.equal(messageWideDisables('x\n; pii-lint-disable EMAIL\n', ';')('EMAIL'), true, 'core.commentChar');
  });
});
