/**
 * The transport VS Code uses: the server forked with --node-ipc. It must serve, die with its
 * parent's channel, and (traced at verbose, stderr read to the end) log no sentence or value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  LogMessageNotification,
  LogTraceNotification,
  ShowMessageNotification,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { LeakWatch, ROOT, SERVER } from './harness';

test('over IPC: serves diagnostics, and exits when the channel closes', { timeout: 60_000 }, async () => {
  const child = fork(SERVER, ['--node-ipc'], { cwd: ROOT, silent: true, env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') } });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logs: string[] = [];
  child.stderr!.on('data', (b: Buffer) => logs.push(b.toString()));
  const stderrClosed = new Promise<void>((resolve) => child.stderr!.once('close', () => resolve()));
  const conn = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  conn.onNotification(LogMessageNotification.type, (p) => {
    logs.push(p.message);
  });
  conn.onNotification(ShowMessageNotification.type, (p) => {
    logs.push(p.message);
  });
  conn.onNotification(LogTraceNotification.type, (p) => {
    logs.push(p.message, p.verbose ?? '');
  });
  const published = new Promise<PublishDiagnosticsParams>((resolve) => conn.onNotification(PublishDiagnosticsNotification.type, resolve));
  conn.onRequest('workspace/configuration', () => [null]);
  conn.listen();
  const ws = mkdtempSync(join(tmpdir(), 'pii-lint-ipc-'));
  const init = await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(ws).toString(),
    capabilities: { workspace: { configuration: true } },
    trace: 'verbose',
  });
  assert.ok(init.capabilities.codeActionProvider);
  await conn.sendNotification(InitializedNotification.type, {});
  const uri = pathToFileURL(join(ws, 'a.txt')).toString();
  const text = 'Please mail the signed lease to jane.doe@acme-mail.com today.\n';
  const watch = new LeakWatch();
  watch.plantText(text);
  watch.plantValue('jane.doe@acme-mail.com');
  await conn.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'plaintext', version: 1, text },
  });
  const p = await published;
  assert.deepEqual(p.diagnostics.map((d) => d.code), ['EMAIL']);
  conn.dispose();
  child.disconnect();
  assert.notEqual(await exited, null, 'the server exited');
  await stderrClosed;
  assert.ok(logs.some((l) => l.startsWith('scanned ')), 'the scan was traced: tracing is on');
  watch.assertNoLeaks(logs.join('\n'), 'IPC server');
  rmSync(ws, { recursive: true, force: true });
});
