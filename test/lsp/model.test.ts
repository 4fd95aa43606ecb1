import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient, TINY_MODEL } from './harness';

const EMAIL = 'jane.doe@acme-mail.com';
const CARD = '4111 1111 1111 1111';

test('a missing model: the server keeps running on validators and reports an error status', { timeout: 60_000 }, async () => {
  const client = await TestClient.start({ settings: { model: { path: '/nonexistent/pii-model' } } });
  try {
    const uri = client.fileUri('m.md');
    client.open(uri, 'markdown', `mail ${EMAIL}, card ${CARD}\n`);
    assert.deepEqual((await client.diagnosticsFor(uri)).map((d) => d.code), ['EMAIL', 'CREDITCARDNUMBER']);
    await client.until(() => client.lastStatus?.state === 'error', 'error status');
    const s = client.lastStatus!;
    assert.equal(s.model, null);
    assert.match(s.message ?? '', /validators only/);
    assert.match(s.message ?? '', /nonexistent/);
    assert.equal(s.findings, 2);
    assert.ok(client.alive);
  } finally {
    assert.equal(await client.stop(), 0, 'clean exit after shutdown');
  }
});

test('an untrusted workspace ignores the model path setting', { timeout: 60_000 }, async () => {
  const client = await TestClient.start({ trusted: false, settings: { model: { path: TINY_MODEL } } });
  try {
    const uri = client.fileUri('u.md');
    client.open(uri, 'markdown', `mail ${EMAIL}\n`);
    assert.deepEqual((await client.diagnosticsFor(uri)).map((d) => d.code), ['EMAIL']);
    await client.until(() => client.lastStatus?.state === 'ready' || client.lastStatus?.state === 'error', 'idle');
    // The built-in model (or, until it ships, validators only) — never the folder the workspace chose.
    assert.notEqual(client.lastStatus!.model, 'random-distilbert-shaped-2x16');
    assert.ok(!client.statuses.some((s) => s.model === 'random-distilbert-shaped-2x16'));
  } finally {
    await client.stop();
  }
});

test('the server exits when its client goes away', { timeout: 30_000 }, async () => {
  const client = await TestClient.start();
  const exited = new Promise<number | null>((resolve) => client.child.once('exit', (code) => resolve(code)));
  client.child.stdin!.end();
  const code = await exited;
  assert.notEqual(code, null);
});
