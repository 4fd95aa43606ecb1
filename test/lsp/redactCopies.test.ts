/**
 * Whole-text redaction in the editor ("Redact Document" and the fix-all source action) also
 * removes copies of a redacted value that the detector never reported. Here they sit in shell
 * code, which `piiLint.scanCode: commentsAndStrings` does not scan: only the comment is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Command } from 'vscode-languageserver-protocol/node';
import { clientForThisFile, offsetAt } from './harness';

const client = clientForThisFile();

const SCRIPT = [
  '# Owner: rob.sanders@contoso.com, card 4443 6446 3146 5608',
  'git config user.email ROB.SANDERS@CONTOSO.COM',
  'export BACKUP_CARD=4443-6446-3146-5608',
  '',
].join('\n');
const COPIES = [/rob\.sanders@contoso\.com/i, /4443[ -]?6446[ -]?3146[ -]?5608/, /3146/];

async function openScript(name: string): Promise<string> {
  const uri = client().fileUri(name);
  client().open(uri, 'shellscript', SCRIPT);
  const diags = await client().diagnosticsFor(uri);
  // The premise: only the comment's two values are reported, none of the copies in code.
  const reported = diags.map((d) => offsetAt(SCRIPT, d.range.start));
  assert.ok(reported.length >= 2 && reported.every((o) => o < SCRIPT.indexOf('\n')), 'findings only in the comment');
  return uri;
}

function assertNoCopy(text: string, how: string): void {
  for (const c of COPIES) assert.doesNotMatch(text, c, `${how}: a copy survived (${c.source})`);
  assert.match(text, /^# Owner: .+\ngit config user\.email .+\nexport BACKUP_CARD=.+\n$/, `${how}: the rest is kept`);
}

test('Redact Document removes copies in another case and another grouping that were never reported', { timeout: 60_000 }, async () => {
  const uri = await openScript('owner.sh');
  const result = (await client().executeCommand('piiLint.redactDocument', { uri, operator: 'mask' })) as { applied: boolean };
  assert.equal(result.applied, true);
  assertNoCopy(client().docs.get(uri)!.text, 'Redact Document');
});

test('fix all removes them too', { timeout: 60_000 }, async () => {
  const uri = await openScript('owner2.sh');
  const diags = client().diagnostics.get(uri)!.diagnostics;
  const whole = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
  const actions = ((await client().codeActions(uri, whole, diags, ['source.fixAll'])) ?? []).filter((a: CodeAction | Command): a is CodeAction => 'edit' in a);
  assert.equal(actions.length, 1);
  assert.ok(client().applyWorkspaceEdit(actions[0]!.edit!));
  assertNoCopy(client().docs.get(uri)!.text, 'fix all');
});
