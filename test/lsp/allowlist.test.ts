/**
 * The editor refuses an allowlist without a salt the way the CLI and the hooks do: the status
 * says what is wrong and how to fix it, the unkeyed entries silence nothing, and no entry is added.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Command } from 'vscode-languageserver-protocol/node';
import { fingerprint } from '../../server/src/engine/policy/policy';
import { clientForThisFile, SAMPLE, temporaryWorkspace } from './harness';

const workspace = temporaryWorkspace('pii-lint-unkeyed-');
const rcPath = join(workspace, '.piilintrc.json');
// The e-mail's unkeyed fingerprint: before keyed lists were required, it silenced the finding.
const unkeyed = `${JSON.stringify({ allowlist: [fingerprint('EMAIL', SAMPLE.EMAIL, '')] }, null, 2)}\n`;
writeFileSync(rcPath, unkeyed);

const client = clientForThisFile({ workspace });

test('an allowlist without a salt: error status with the fix, its entries ignored, no entry added', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('contacts.md');
  client().open(uri, 'markdown', `Escalations: ${SAMPLE.EMAIL}\n`);
  const diags = await client().diagnosticsFor(uri);
  const email = diags.find((d) => d.code === 'EMAIL');
  assert.ok(email, 'the unkeyed entry does not silence the e-mail');
  await client().until(() => client().lastStatus?.state === 'error', 'an error status');
  assert.match(client().lastStatus!.message ?? '', /\.piilintrc\.json: "allowlist" has 1 entry but no "salt".*Fix: run "pii-lint allow --rekey"/);

  const actions = ((await client().codeActions(uri, email.range, [email])) ?? []).filter((a: CodeAction | Command): a is CodeAction => 'kind' in a);
  const allow = actions.find((a) => a.title.startsWith('Allow'));
  assert.ok(allow?.command);
  const result = (await client().executeCommand(allow.command.command, ...(allow.command.arguments ?? []))) as { applied: boolean; reason?: string };
  assert.equal(result.applied, false);
  assert.match(result.reason ?? '', /no "salt"/);
  assert.equal(readFileSync(rcPath, 'utf8'), unkeyed, '.piilintrc.json untouched');
});
