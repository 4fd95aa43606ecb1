import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExecuteCommandRequest, type CodeAction, type Command } from 'vscode-languageserver-protocol/node';
import { clientForThisFile, SAMPLE } from './harness';

const { EMAIL, CARD, IBAN } = SAMPLE;

const client = clientForThisFile();

test('piiLint.redactRange redacts the findings in a selection, in one edit', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('r.md');
  const text = `mail ${EMAIL}\ncard ${CARD}\n`;
  client().open(uri, 'markdown', text);
  await client().diagnosticsFor(uri);
  const edits = client().applyEditCount;
  const result = await client().executeCommand('piiLint.redactRange', {
    uri,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } },
    operator: 'placeholder',
  });
  assert.deepEqual(result, { applied: true, redacted: 1 });
  assert.equal(client().applyEditCount, edits + 1);
  assert.equal(client().docs.get(uri)!.text.split('\n')[1], `card ${CARD}`, 'outside the selection untouched');
  assert.ok(!client().docs.get(uri)!.text.includes(EMAIL));

  const none = await client().executeCommand('piiLint.redactRange', {
    uri,
    range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
    operator: 'mask',
  });
  assert.deepEqual(none, { applied: false, redacted: 0, reason: 'no PII found in the selection' });
  const bad = (await client().executeCommand('piiLint.redactRange', { uri, operator: 'shred' })) as { applied: boolean };
  assert.equal(bad.applied, false);
});

test('piiLint.redactDocument redacts every finding', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('d.txt');
  client().open(uri, 'plaintext', `a ${EMAIL}\nb ${CARD}\nc ${IBAN}\n`);
  await client().diagnosticsFor(uri);
  const result = await client().executeCommand('piiLint.redactDocument', { uri, operator: 'mask' });
  assert.deepEqual(result, { applied: true, redacted: 3 });
  const now = client().docs.get(uri)!.text;
  for (const v of [EMAIL, CARD, IBAN]) assert.ok(!now.includes(v));
  assert.match(now, /^a .+\nb .+\nc .+\n$/);
});

test('allowlisting writes a keyed fingerprint, never the value, and silences the finding', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('allow.md');
  client().open(uri, 'markdown', `support: ${EMAIL}\ncard ${CARD}\n`);
  const diags = await client().diagnosticsFor(uri);
  const email = diags.find((d) => d.code === 'EMAIL')!;
  const actions = ((await client().codeActions(uri, email.range, [email])) ?? []).filter((a: CodeAction | Command): a is CodeAction => 'kind' in a);
  const allow = actions.find((a) => a.title.startsWith('Allow'))!;
  const mark = client().published.length;
  const result = (await client().executeCommand(allow.command!.command, ...(allow.command!.arguments ?? []))) as { applied: boolean; configFile: string };
  assert.equal(result.applied, true);
  const rcPath = join(client().workspace, '.piilintrc.json');
  assert.equal(result.configFile, rcPath);
  const rcText = readFileSync(rcPath, 'utf8');
  assert.ok(!rcText.includes(EMAIL) && !rcText.includes('jane'), 'no plaintext in .piilintrc.json');
  const rc = JSON.parse(rcText) as { salt: string; allowlist: string[] };
  assert.match(rc.salt, /^[A-Za-z0-9_-]{16,}$/);
  assert.equal(rc.allowlist.length, 1);
  assert.match(rc.allowlist[0]!, /^hmac-sha256:[0-9a-f]{64}$/);
  await client().until(
    () => client().published.slice(mark).some((p) => p.uri === uri && p.diagnostics.every((d) => d.code !== 'EMAIL')),
    'the email is no longer reported',
  );
  assert.deepEqual(client().diagnostics.get(uri)!.diagnostics.map((d) => d.code), ['CREDITCARDNUMBER']);

  // A second entry keeps the salt and the first entry.
  const card = client().diagnostics.get(uri)!.diagnostics[0]!;
  const again = ((await client().codeActions(uri, card.range, [card])) ?? []).filter((a: CodeAction | Command): a is CodeAction => 'kind' in a);
  const allowCard = again.find((a) => a.title.startsWith('Allow'))!;
  await client().executeCommand(allowCard.command!.command, ...(allowCard.command!.arguments ?? []));
  const rc2 = JSON.parse(readFileSync(rcPath, 'utf8')) as { salt: string; allowlist: string[] };
  assert.equal(rc2.salt, rc.salt);
  assert.deepEqual(rc2.allowlist.slice(0, 1), rc.allowlist);
  assert.equal(rc2.allowlist.length, 2);
  await client().until(() => client().diagnostics.get(uri)?.diagnostics.length === 0, 'both allowed');

  // A stale request (the document moved on) is refused.
  client().change(uri, `moved on\n${client().docs.get(uri)!.text}`);
  const stale = await client().executeCommand('piiLint.addToAllowlist', { ...(allowCard.command!.arguments![0] as object) });
  assert.equal((stale as { applied: boolean }).applied, false);
});

test('with .piilintrc.json open and saved, the allowlist goes to the file on disk; with unsaved changes, to the buffer', { timeout: 60_000 }, async () => {
  const rcPath = join(client().workspace, '.piilintrc.json');
  const rcUri = client().fileUri('.piilintrc.json');
  const onDisk = readFileSync(rcPath, 'utf8');
  client().open(rcUri, 'json', onDisk);
  const allowFirst = async (name: string, text: string): Promise<{ applied: boolean }> => {
    const uri = client().fileUri(name);
    client().open(uri, 'markdown', text);
    const [d] = await client().diagnosticsFor(uri);
    const actions = ((await client().codeActions(uri, d!.range, [d!])) ?? []).filter((a: CodeAction | Command): a is CodeAction => 'kind' in a);
    const allow = actions.find((a) => a.title.startsWith('Allow'))!;
    return (await client().executeCommand(allow.command!.command, ...(allow.command!.arguments ?? []))) as { applied: boolean };
  };

  // Saved buffer: the file on disk gets the entry (the CLI and the hooks read it), valid JSON.
  const edits = client().applyEditCount;
  const first = 'erika.musterfrau@acme-mail.com';
  assert.equal((await allowFirst('open-rc.md', `cc ${first}\n`)).applied, true);
  assert.equal(client().applyEditCount, edits, 'no buffer edit');
  const written = readFileSync(rcPath, 'utf8');
  const rc = JSON.parse(written) as { salt: string; allowlist: string[] };
  assert.equal(rc.allowlist.length, 3);
  assert.ok(!written.includes(first));
  // The editor reloads a saved buffer whose file changed on disk.
  client().change(rcUri, written);
  await client().until(() => client().diagnostics.get(client().fileUri('open-rc.md'))?.diagnostics.length === 0, 'allowed from the file');

  // Unsaved changes in the buffer: they are kept, and the entry joins them there.
  client().change(rcUri, written.replace('{', '{\n  "minConfidence": 0.5,'));
  assert.equal((await allowFirst('dirty-rc.md', 'cc paula.schmidt@acme-mail.com\n')).applied, true);
  assert.equal(readFileSync(rcPath, 'utf8'), written, 'the file on disk is untouched (unsaved edit)');
  const buffer = JSON.parse(client().docs.get(rcUri)!.text) as { allowlist: string[]; minConfidence: number };
  assert.equal(buffer.allowlist.length, 4);
  assert.equal(buffer.minConfidence, 0.5);
  await client().until(() => client().diagnostics.get(client().fileUri('dirty-rc.md'))?.diagnostics.length === 0, 'allowed from the unsaved buffer');
  client().close(rcUri);
  writeFileSync(rcPath, written);
});

test('piiLint.scanWorkspace reports files on disk with progress, honouring ignores', { timeout: 90_000 }, async () => {
  const ws = client().workspace;
  // (Not the allowlisted address of the test above.)
  const EMAIL = 'max.mustermann@acme-mail.com';
  const put = (rel: string, text: string): void => {
    mkdirSync(join(ws, rel, '..'), { recursive: true });
    writeFileSync(join(ws, rel), text);
  };
  put('docs/people.md', `# Contacts\nSupport: ${EMAIL}\n`);
  put('docs/clean.txt', 'nothing to see\n');
  put('src/app.py', `# owner ${EMAIL}\nowner_email = None\n`);
  put('node_modules/dep/readme.md', `${EMAIL}\n`);
  put('build/out.txt', `${EMAIL}\n`);
  put('private/notes.txt', `${EMAIL}\n`);
  put('.gitignore', 'build/\n');
  put('.piilintignore', 'private/\n');
  put('image.bin', `\u0000\u0001binary ${EMAIL}`);
  put('package-lock.json', `{ "packages": { "": { "author": "${EMAIL}" } } }\n`);
  const progressBefore = client().progress.length;
  client().watchProgress('scan-1');
  const result = (await client().conn.sendRequest(ExecuteCommandRequest.type, {
    command: 'piiLint.scanWorkspace',
    arguments: [],
    workDoneToken: 'scan-1',
  })) as { files: number; findings: number; skipped: number; cancelled: boolean };
  assert.equal(result.cancelled, false);
  assert.ok(result.findings >= 2, `findings ${result.findings}`);
  const reported = (rel: string) => client().diagnostics.get(client().fileUri(rel))?.diagnostics.map((d) => d.code) ?? [];
  assert.deepEqual(reported('docs/people.md'), ['EMAIL']);
  assert.deepEqual(reported('src/app.py'), ['EMAIL']);
  for (const ignored of ['node_modules/dep/readme.md', 'build/out.txt', 'private/notes.txt', 'image.bin', 'docs/clean.txt', 'package-lock.json']) {
    assert.deepEqual(reported(ignored), [], ignored);
  }
  const kinds = client().progress.slice(progressBefore).map((p) => (p as { kind: string }).kind);
  assert.equal(kinds[0], 'begin');
  assert.equal(kinds[kinds.length - 1], 'end');
  assert.ok(existsSync(join(ws, '.piilintignore')));
  // The status now speaks of the workspace, and counts the closed files' findings too.
  await client().until(() => client().lastStatus?.scope === 'workspace' && client().lastStatus?.state !== 'scanning', 'a workspace status');
  const status = client().lastStatus!;
  assert.ok(status.counts.warning + status.counts.error >= 2, JSON.stringify(status.counts));
});

test('piiLint.redactForPrompt returns the selection redacted with a map, and edits nothing', { timeout: 60_000 }, async () => {
  // Values no earlier test has allowlisted.
  const EMAIL = 'lena.hartmann@posteo.de';
  const CARD = '4916 7302 5188 3408';
  const uri = client().fileUri('prompt.md');
  const text = `Ask about ${EMAIL}, card ${CARD}.\nAgain: ${EMAIL}\nOutside: ${IBAN}\n`;
  client().open(uri, 'markdown', text);
  await client().diagnosticsFor(uri);
  const edits = client().applyEditCount;
  const selection = { start: { line: 0, character: 0 }, end: { line: 1, character: 7 + EMAIL.length } };
  const r = (await client().executeCommand('piiLint.redactForPrompt', { uri, range: selection, operator: 'placeholder', map: [] })) as {
    text: string;
    map: Array<{ token: string; value: string; label: string }>;
    redacted: number;
  };
  assert.equal(client().applyEditCount, edits, 'the document is not edited');
  assert.equal(client().docs.get(uri)!.text, text);
  assert.ok(!r.text.includes(EMAIL) && !r.text.includes(CARD), 'no value in the prompt text');
  assert.ok(!r.text.includes('Outside'), 'only the selection');
  const email = r.map.find((e) => e.value === EMAIL);
  assert.ok(email && /^\[EMAIL_\d+\]$/.test(email.token));
  assert.equal(r.text.split(email.token).length - 1, 2, 'both copies share the token');
  assert.ok(r.map.some((e) => e.value === CARD));
  assert.equal(r.redacted, 3);

  // The next prompt hands the map back: the e-mail keeps its token; an empty range is the document.
  const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const r2 = (await client().executeCommand('piiLint.redactForPrompt', { uri, range: whole, operator: 'placeholder', map: r.map })) as { text: string; map: unknown[] };
  assert.ok(r2.text.includes(email.token) && !r2.text.includes(IBAN));
  assert.ok(r2.map.length > r.map.length, 'the IBAN was added');
  const bad = (await client().executeCommand('piiLint.redactForPrompt', { uri, range: whole, operator: 'mask', map: [] })) as { redacted: number; reason?: string };
  assert.equal(bad.redacted, 0);
  assert.ok(bad.reason);
});

test('nothing the server logs holds a PII value', () => {
  for (const v of [EMAIL, CARD, IBAN, 'max.mustermann']) assert.ok(!client().allOutput.includes(v));
});
