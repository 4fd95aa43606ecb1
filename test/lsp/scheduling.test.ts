import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DidChangeConfigurationNotification, DidSaveTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { clientForThisFile, SAMPLE } from './harness';

const { EMAIL, IBAN } = SAMPLE;

const client = clientForThisFile();

/** A long prose document: many model windows, so its scan takes a while. */
function bigText(lines = 4000): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(`Line ${i}: the quarterly report mentions customer ${i % 7 === 0 ? `user${i}@acme-mail.com` : 'nobody'} again.`);
  return `${out.join('\n')}\n`;
}

test('a burst of edits: only the final text is published, and as if it were opened fresh', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('burst.md');
  client().open(uri, 'markdown', 'Draft\n');
  await client().diagnosticsFor(uri);
  const target = `Draft\nReach me at ${EMAIL} or pay to ${IBAN}.\n`;
  const mark = client().published.length;
  // Type the text one character at a time, as fast as the client can send.
  for (let n = 'Draft\n'.length + 1; n <= target.length; n++) client().change(uri, target.slice(0, n));
  const finalVersion = client().docs.get(uri)!.version;
  const diags = await client().diagnosticsFor(uri);
  const forUri = client().published.slice(mark).filter((p) => p.uri === uri);
  assert.deepEqual(forUri.map((p) => p.version), [finalVersion], 'one publish, for the final version');

  const fresh = client().fileUri('fresh.md');
  client().open(fresh, 'markdown', target);
  const expected = await client().diagnosticsFor(fresh);
  const shape = (ds: typeof diags) => ds.map((d) => ({ code: d.code, range: d.range, message: d.message, severity: d.severity }));
  assert.deepEqual(shape(diags), shape(expected));
  assert.deepEqual(diags.map((d) => d.code), ['EMAIL', 'IBAN']);
});

test('an edit during a long scan cancels it; the newer text wins', { timeout: 90_000 }, async () => {
  const uri = client().fileUri('long.md');
  const mark = client().published.length;
  client().open(uri, 'markdown', bigText());
  await client().until(() => client().lastStatus?.state === 'scanning', 'scanning');
  client().change(uri, `short now: ${EMAIL}\n`);
  const diags = await client().diagnosticsFor(uri);
  assert.deepEqual(diags.map((d) => d.code), ['EMAIL']);
  const versions = client().published.slice(mark).filter((p) => p.uri === uri).map((p) => p.version);
  assert.deepEqual(versions, [2], 'the stale version 1 is never published');
});

test('a document closed mid-scan: no crash, its diagnostics cleared', { timeout: 90_000 }, async () => {
  const uri = client().fileUri('closing.md');
  const mark = client().published.length;
  client().open(uri, 'markdown', bigText());
  await client().until(() => client().lastStatus?.state === 'scanning', 'scanning');
  client().close(uri);
  await client().until(() => client().published.slice(mark).some((p) => p.uri === uri), 'diagnostics cleared');
  // The server keeps working, and nothing for the closed document arrives later.
  const other = client().fileUri('after-close.md');
  client().open(other, 'markdown', `mail ${EMAIL}\n`);
  assert.deepEqual((await client().diagnosticsFor(other)).map((d) => d.code), ['EMAIL']);
  await client().until(() => client().lastStatus?.state !== 'scanning', 'idle');
  const forUri = client().published.slice(mark).filter((p) => p.uri === uri);
  assert.deepEqual(forUri.map((p) => p.diagnostics.length), [0]);
  assert.ok(client().alive);
});

test('closing a document clears its diagnostics', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('bye.md');
  client().open(uri, 'markdown', `mail ${EMAIL}\n`);
  assert.equal((await client().diagnosticsFor(uri)).length, 1);
  client().close(uri);
  await client().until(() => client().diagnostics.get(uri)?.diagnostics.length === 0, 'cleared');
});

test('run: onSave scans on open and save, not while typing', { timeout: 60_000 }, async () => {
  client().settings = { ...client().settings, run: 'onSave' };
  await client().conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  const uri = client().fileUri('save.md');
  client().open(uri, 'markdown', 'nothing yet\n');
  assert.deepEqual(await client().diagnosticsFor(uri), []);
  const mark = client().published.length;
  client().change(uri, `now ${EMAIL}\n`);
  await new Promise((r) => setTimeout(r, 600));
  assert.deepEqual(client().published.slice(mark).filter((p) => p.uri === uri), [], 'nothing while typing');
  await client().conn.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  assert.deepEqual((await client().diagnosticsFor(uri)).map((d) => d.code), ['EMAIL']);
  client().settings = { ...client().settings, run: 'onType' };
  await client().conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
});

test('documents over piiLint.maxFileSize are scanned up to the cap, with a notice where scanning stopped', { timeout: 60_000 }, async () => {
  client().settings = { ...client().settings, maxFileSize: 100 };
  await client().conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  const uri = client().fileUri('big.md');
  client().open(uri, 'markdown', `${EMAIL}\n${'x'.repeat(200)}\n${EMAIL}\n`);
  const capped = await client().diagnosticsFor(uri);
  assert.deepEqual(capped.map((d) => d.code), ['EMAIL', 'maxFileSize']);
  assert.equal(capped[0]!.range.start.line, 0);
  assert.equal(capped[1]!.range.start.line, 1, 'the notice sits where scanning stopped');
  const notice = capped[1]!.message;
  assert.match(typeof notice === 'string' ? notice : notice.value, /scanned the first 100 B of this 2\d\d B document \(piiLint\.maxFileSize\)/);
  client().settings = { ...client().settings, maxFileSize: 1_000_000 };
  await client().conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  await client().until(() => (client().diagnostics.get(uri)?.diagnostics.map((d) => d.code).join() ?? '') === 'EMAIL,EMAIL', 'scanned whole once allowed');
});
