/**
 * The language server under load and abuse, through a real client over stdio:
 * - 100 open documents and 1,000 changes within a second: each document's final diagnostics equal
 *   a fresh scan of its final text, and a burst costs about one scan per document;
 * - a 50 MB document, a 5 MB single-line minified file, binary and mis-decoded text: no crash or
 *   hang, scanning capped with a visible notice, requests still answered;
 * - faults: the server process killed (a new one serves diagnostics again), a corrupt model (error
 *   status, validators still find emails and cards);
 * - privacy: none of the values or document text appears in what the server logs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DidChangeConfigurationNotification, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { defaultModelPath, SAMPLE, clientForThisFile, TestClient } from './harness';

const { EMAIL, CARD, IBAN } = SAMPLE;
/** Document text that must never reach a log (with the values above). */
const MARKER = 'zebra-quartz-marmalade';

const client = clientForThisFile();

/** The diagnostics of the document's current version once its scan has finished (a long scan first
 * publishes its first lines' findings). */
async function settled(uri: string, timeoutMs = 120_000): Promise<Diagnostic[]> {
  const doc = client().docs.get(uri)!;
  await client().until(
    () => client().diagnostics.get(uri)?.version === doc.version && client().lastStatus?.state !== 'scanning' && client().lastStatus?.state !== 'loading',
    `settled diagnostics of ${uri}`,
    timeoutMs,
  );
  return client().diagnostics.get(uri)!.diagnostics;
}

const shape = (ds: Diagnostic[]) => ds.map((d) => ({ code: d.code, range: d.range, message: d.message, severity: d.severity }));

function docText(i: number, v: number): string {
  const lines = [`# Note ${i}.${v} ${MARKER}`, `Owner ${i % 3 === 0 ? EMAIL : 'nobody'} wrote version ${v}.`];
  if (v % 4 === 1) lines.push(`Pay to ${IBAN} by Friday.`);
  if (i % 5 === 0) lines.push(`Card on file: ${CARD}.`);
  return `${lines.join('\n')}\n`;
}

test('100 documents, 1,000 changes in a second: final diagnostics equal a fresh scan, one scan per burst', { timeout: 180_000 }, async () => {
  const uris = Array.from({ length: 100 }, (_, i) => client().fileUri(`many/doc${i}.md`));
  uris.forEach((uri, i) => client().open(uri, 'markdown', docText(i, 0)));
  for (const uri of uris) await client().diagnosticsFor(uri, 60_000);
  const mark = client().published.length;
  const t0 = Date.now();
  for (let k = 0; k < 1000; k++) {
    const i = (k * 37) % 100;
    client().change(uris[i]!, docText(i, Math.floor(k / 100) + 1));
  }
  assert.ok(Date.now() - t0 < 1000, `1,000 changes sent within a second (${Date.now() - t0} ms)`);
  for (const uri of uris) await client().diagnosticsFor(uri, 120_000);
  const burst = client().published.slice(mark).filter((p) => uris.includes(p.uri)).length;
  assert.ok(burst <= 200, `the burst cost ${burst} publishes for 100 documents: edits are coalesced, not queued`);
  // The same final texts opened fresh, all 100 of them.
  const fresh = uris.map((uri, i) => client().open(client().fileUri(`many/fresh${i}.md`), 'markdown', client().docs.get(uri)!.text).uri);
  for (const [i, uri] of fresh.entries()) {
    assert.deepEqual(shape(await client().diagnosticsFor(uri, 60_000)), shape(client().diagnostics.get(uris[i]!)!.diagnostics), `doc${i}`);
    client().close(uri);
  }
  for (const uri of uris) client().close(uri);
});

test('a 50 MB document is scanned up to piiLint.maxFileSize with a notice; the server keeps answering', { timeout: 180_000 }, async () => {
  client().settings = { ...client().settings, maxFileSize: 200_000 };
  await client().conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  const uri = client().fileUri('huge.md');
  const filler = `The deployment finished and the cache was warmed up again ${MARKER}.\n`;
  const text = `Owner: ${EMAIL}\n${filler.repeat(Math.ceil((50 * 1024 * 1024) / filler.length))}Tail: ${CARD}\n`;
  const t0 = Date.now();
  client().open(uri, 'markdown', text);
  const diags = await settled(uri, 150_000);
  const notice = diags.find((d) => d.code === 'maxFileSize');
  assert.ok(notice, 'a notice says where scanning stopped');
  assert.match(String(notice.message), /scanned the first 195\.3 KB of this 50\.\d MB document/);
  assert.ok(notice.range.start.line > 2000 && notice.range.start.line < 3000, `the notice sits at the cap (line ${notice.range.start.line})`);
  assert.ok(diags.some((d) => d.code === 'EMAIL' && d.range.start.line === 0), 'the email before the cap is found');
  assert.ok(!diags.some((d) => d.code === 'CREDITCARDNUMBER'), 'the card past the cap is not reached');
  const h0 = Date.now();
  await client().hover(uri, { line: 0, character: 9 });
  assert.ok(Date.now() - h0 < 5000, 'a hover is answered');
  assert.ok(Date.now() - t0 < 150_000);
  client().close(uri);
});

test('a 5 MB single-line minified file, binary bytes and mis-decoded text: capped or scanned, never a crash', { timeout: 180_000 }, async () => {
  // Named bundle.js: a *.min.js is skipped as generated (skipGenerated), this one is read by content only in the CLI.
  const min = client().fileUri('bundle.js');
  const unit = 'function a(b,c){return b+c}var d="see the docs",e={f:1,g:[2,3]};/* build 42 */';
  client().open(min, 'javascript', `var owner="${EMAIL}";${unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length))}`);
  const minDiags = await settled(min);
  assert.deepEqual(minDiags.map((d) => d.code), ['EMAIL', 'maxFileSize']);
  assert.equal(minDiags[1]!.range.start.line, 0, 'one line: the notice is on it');

  // What an editor shows for a binary file, and for Latin-1 bytes read as UTF-8.
  const bytes = Buffer.alloc(64 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
  const bin = client().fileUri('image.bin');
  client().open(bin, 'plaintext', `${bytes.toString('latin1')}\u0000\u0000 ${EMAIL} \ud800\udfff\udc00`);
  const binDiags = await settled(bin);
  assert.ok(binDiags.some((d) => d.code === 'EMAIL'));
  const mis = client().fileUri('latin1.txt');
  client().open(mis, 'plaintext', `Caf\ufffd owner: ${EMAIL}\r\nStra\ufffd\ufffde 5\r\n`);
  assert.ok((await settled(mis)).some((d) => d.code === 'EMAIL'));
  assert.ok(client().alive);
  for (const uri of [min, bin, mis]) client().close(uri);
  client().settings = { ...client().settings, maxFileSize: 1_000_000 };
  await client().conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
});

test('the server process killed: a new one serves diagnostics again', { timeout: 90_000 }, async () => {
  const victim = await TestClient.start();
  const uri = victim.fileUri('k.md');
  victim.open(uri, 'markdown', `mail ${EMAIL}\n`);
  assert.deepEqual((await victim.diagnosticsFor(uri)).map((d) => d.code), ['EMAIL']);
  const exited = new Promise<void>((resolve) => victim.child.once('exit', () => resolve()));
  victim.child.kill('SIGKILL');
  await exited;
  victim.conn.dispose();
  // The editor's client starts a new server and reopens its documents.
  const again = await TestClient.start({ workspace: victim.workspace });
  try {
    again.open(uri, 'markdown', `mail ${EMAIL}\n`);
    assert.deepEqual((await again.diagnosticsFor(uri)).map((d) => d.code), ['EMAIL']);
  } finally {
    await again.stop();
  }
});

test('a corrupt model: error status naming the file, validators still find emails and cards', { timeout: 90_000 }, async () => {
  const src = defaultModelPath();
  const dir = mkdtempSync(join(tmpdir(), 'pii-lint-corrupt-model-'));
  try {
    for (const f of readdirSync(src)) if (statSync(join(src, f)).isFile()) copyFileSync(join(src, f), join(dir, f));
    const onnx = readdirSync(dir).find((f) => f.endsWith('.onnx'))!;
    writeFileSync(join(dir, onnx), Buffer.from('not an onnx protobuf'));
    const bad = await TestClient.start({ settings: { model: { path: dir } } });
    try {
      const uri = bad.fileUri('c.md');
      bad.open(uri, 'markdown', `mail ${EMAIL}, card ${CARD}\n`);
      assert.deepEqual((await bad.diagnosticsFor(uri)).map((d) => d.code), ['EMAIL', 'CREDITCARDNUMBER']);
      await bad.until(() => bad.lastStatus?.state === 'error', 'error status');
      assert.match(bad.lastStatus!.message ?? '', /validators only/);
      assert.ok((bad.lastStatus!.message ?? '').includes(onnx), bad.lastStatus!.message);
      assert.ok(bad.alive);
    } finally {
      await bad.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nothing the server logs holds a value or the document text', () => {
  for (const v of [EMAIL, CARD, IBAN, MARKER]) assert.ok(!client().allOutput.includes(v), 'a value or document text reached the log');
});
