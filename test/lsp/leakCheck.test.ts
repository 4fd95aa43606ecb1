/**
 * The harness's leak check can fail: servers that leak through each channel are caught.
 * - a throw-away server build whose scan trace (`$/logTrace`, sent only because the harness turns
 *   tracing on) holds the document text, the mutation that once left the suite green;
 * - the real server behind a wrapper that copies everything it receives to stderr.
 * The same document through the real server passes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT, SAMPLE, SERVER, TestClient } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'pii-lint-leaky-'));
const TEXT = `Please forward the signed lease to ${SAMPLE.EMAIL} before Friday.\n`;
const TRACE_CALL = 'this.o.log.trace(`scanned ${scanned.length} chars';

before(async () => {
  // The server as built, except that its scan trace writes the scanned text, not its length.
  await build({
    entryPoints: [
      { in: join(ROOT, 'server/src/main.ts'), out: 'server' },
      { in: join(ROOT, 'server/src/engine/model/worker.ts'), out: 'worker' },
    ],
    outdir: join(dir, 'trace'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'onnxruntime-node'],
    logLevel: 'silent',
    plugins: [
      {
        name: 'leak-the-text',
        setup(b) {
          b.onLoad({ filter: /[\\/]server[\\/]src[\\/]service\.ts$/ }, (args) => {
            const source = readFileSync(args.path, 'utf8');
            assert.ok(source.includes(TRACE_CALL), 'service.ts still has the scan trace this test mutates');
            return { contents: source.replace(TRACE_CALL, 'this.o.log.trace(`scanned ${scanned} chars'), loader: 'ts' };
          });
        },
      },
    ],
  });
  writeFileSync(join(dir, 'stderr-leak.js'), `process.stdin.on('data', (b) => process.stderr.write(b));\nrequire(${JSON.stringify(SERVER)});\n`);
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function scanWith(server: string | undefined): Promise<TestClient> {
  const client = await TestClient.start(server ? { server } : {});
  const uri = client.fileUri('lease.md');
  client.open(uri, 'markdown', TEXT);
  assert.ok((await client.diagnosticsFor(uri)).some((d) => d.code === 'EMAIL'));
  await client.until(() => client.logs.some((l) => l.startsWith('scanned ')), 'the scan trace');
  return client;
}

test('a server whose trace holds the document text fails the check', { timeout: 90_000 }, async () => {
  const client = await scanWith(join(dir, 'trace', 'server.js'));
  await assert.rejects(client.stop(), /logged what it must not.*a value of 22 chars starting "jan…".*a document sentence/);
});

test('a server that writes what it receives to stderr fails the check', { timeout: 90_000 }, async () => {
  const client = await scanWith(join(dir, 'stderr-leak.js'));
  await assert.rejects(client.stop(), /logged what it must not.*a document sentence/);
});

test('the real server, traced at verbose, passes it', { timeout: 90_000 }, async () => {
  const client = await scanWith(undefined);
  await client.stop();
});
