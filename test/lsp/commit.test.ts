import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DidChangeConfigurationNotification, type CodeAction, type Command } from 'vscode-languageserver-protocol/node';
import { pathToFileURL } from 'node:url';
import { clientForThisFile } from './harness';

const EMAIL = 'jane.doe@acme-mail.com';
const OTHER = 'bob.smith@acme-mail.com';
const MESSAGE = [
  `Fix login for ${EMAIL}`,
  '',
  '# Please enter the commit message for your changes. Lines starting',
  `# with '#' will be ignored. Reported by ${OTHER}`,
  '',
].join('\n');

const client = clientForThisFile();

function scmUri(): string {
  return `vscode-scm:git/scm0/input?rootUri=${encodeURIComponent(pathToFileURL(client().workspace).toString())}`;
}

test('the Source Control input box is scanned as a commit message', { timeout: 60_000 }, async () => {
  const uri = scmUri();
  client().open(uri, 'scminput', MESSAGE);
  const diags = await client().diagnosticsFor(uri);
  assert.deepEqual(
    diags.map((d) => [d.code, d.range]),
    [['EMAIL', { start: { line: 0, character: 14 }, end: { line: 0, character: 14 + EMAIL.length } }]],
    '# lines are ignored',
  );
  // Fixes work in the input box; "disable for this line" is not offered (the box keeps # lines).
  const actions = ((await client().codeActions(uri, diags[0]!.range, diags)) ?? []).filter((a: CodeAction | Command): a is CodeAction => 'kind' in a);
  assert.ok(actions.some((a) => a.title === 'Mask this EMAIL'));
  assert.ok(!actions.some((a) => a.title.startsWith('Disable')));
  // Problems does not list the box's squiggles, so the status counts leave them out too.
  await client().until(() => client().lastStatus?.findings === 1 && client().lastStatus?.state === 'ready', 'the status with the box finding');
  const { counts } = client().lastStatus!;
  assert.equal(counts.error + counts.warning + counts.info + counts.hint, 0);
});

test('COMMIT_EDITMSG (git-commit) is scanned minus # lines; disable writes a # comment', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('.git/COMMIT_EDITMSG');
  client().open(uri, 'git-commit', MESSAGE);
  const diags = await client().diagnosticsFor(uri);
  assert.deepEqual(diags.map((d) => [d.code, d.range.start.line]), [['EMAIL', 0]]);
  const actions = ((await client().codeActions(uri, diags[0]!.range, diags)) ?? []).filter((a: CodeAction | Command): a is CodeAction => 'kind' in a);
  const disable = actions.find((a) => a.title.startsWith('Disable'))!;
  assert.ok(client().applyWorkspaceEdit(disable.edit!));
  assert.deepEqual(await client().diagnosticsFor(uri), []);
  assert.ok(client().docs.get(uri)!.text.startsWith(`# pii-lint-disable-next-line EMAIL\nFix login for ${EMAIL}`));
});

test('piiLint.commitMessages: false leaves commit messages alone', { timeout: 60_000 }, async () => {
  const uri = scmUri();
  const mark = client().published.length;
  client().settings = { ...client().settings, commitMessages: false };
  await client().conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  await client().until(() => client().published.slice(mark).some((p) => p.uri === uri && p.diagnostics.length === 0), 'commit message cleared');
  // A regular document is still scanned.
  const md = client().fileUri('n.md');
  client().open(md, 'markdown', `x ${EMAIL}\n`);
  assert.equal((await client().diagnosticsFor(md)).length, 1);
});
