/**
 * `piiLint.trace.server: verbose` must not put document text in the output: a real
 * vscode-jsonrpc connection traces a didOpen, a didChange, an applyEdit request and a hover
 * result at Verbose, and what reaches the client's trace channel (written the way
 * vscode-languageclient writes it: `message\nParams: …`) holds none of the text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import {
  ApplyWorkspaceEditRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  MarkupKind,
  Trace,
  TraceFormat,
  createProtocolConnection,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { redactTraceEntry, redactingTraceChannel } from '../../client/src/traceRedaction';

const SENTENCE = 'Please wire the refund to Rob Sanders at rob.sanders@contoso.com today.';
const TYPED = 'card 4539 1488 0343 6467';
const URI = 'file:///work/notes.md';

/** A LogOutputChannel stand-in: records what reaches `trace`, and has the members the client reads. */
class RecordingChannel {
  readonly lines: string[] = [];
  readonly logLevel = 1;
  readonly name = 'PII Lint';
  trace(message: string): void {
    this.lines.push(message);
  }
  info(message: string): void {
    this.lines.push(`INFO ${message}`);
  }
  onDidChangeLogLevel(): { dispose(): void } {
    return { dispose: () => undefined };
  }
}

function pair(): { client: ProtocolConnection; server: ProtocolConnection } {
  const up = new PassThrough();
  const down = new PassThrough();
  return { client: createProtocolConnection(down, up), server: createProtocolConnection(up, down) };
}

/** Runs the messages through a client traced at Verbose into `channel`, as vscode-languageclient does. */
async function traceSession(channel: { trace(m: string): void }, format: TraceFormat): Promise<void> {
  const { client, server } = pair();
  const opened = new Promise<void>((resolve) => server.onNotification(DidChangeTextDocumentNotification.type, () => resolve()));
  server.onNotification(DidOpenTextDocumentNotification.type, () => undefined);
  server.onRequest(HoverRequest.type, () => ({ contents: { kind: MarkupKind.Markdown, value: `EMAIL 97%: ${SENTENCE}` } }));
  client.onRequest(ApplyWorkspaceEditRequest.type, () => ({ applied: true }));
  server.listen();
  client.listen();
  await client.trace(Trace.Verbose, {
    log: (messageOrObject: string | unknown, data?: string) =>
      channel.trace(typeof messageOrObject === 'string' ? (data !== undefined ? `${messageOrObject}\n${data}` : messageOrObject) : JSON.stringify(messageOrObject)),
  }, { sendNotification: false, traceFormat: format });
  await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: SENTENCE } });
  await client.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: URI, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: TYPED }],
  });
  await opened;
  await client.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 0, character: 30 } });
  await server.sendRequest(ApplyWorkspaceEditRequest.type, { edit: { changes: { [URI]: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, newText: 'rob.sanders@contoso.com' }] } } });
  client.dispose();
  server.dispose();
}

for (const format of [TraceFormat.Text, TraceFormat.JSON]) {
  test(`verbose tracing (${format} format) keeps message names, URIs and positions but no document text or value`, async () => {
    const raw = new RecordingChannel();
    await traceSession(raw, format);
    const unredacted = raw.lines.join('\n');
    // Without the redaction the trace does hold the text: what this test guards against is real.
    assert.ok(unredacted.includes('rob.sanders@contoso.com') && unredacted.includes(TYPED), 'the unredacted trace holds the text');

    const channel = new RecordingChannel();
    await traceSession(redactingTraceChannel(channel), format);
    const out = channel.lines.join('\n');
    for (const leak of ['Rob Sanders', 'rob.sanders', 'contoso', '4539', 'refund', 'EMAIL 97%']) assert.ok(!out.includes(leak), `the trace holds "${leak}"`);
    for (const kept of ['textDocument/didOpen', 'textDocument/didChange', 'textDocument/hover', 'workspace/applyEdit', URI, 'markdown']) {
      assert.ok(out.includes(kept), `the trace still says "${kept}"`);
    }
    assert.match(out, /‹71 chars›/, 'the document is shown as its length');
  });
}

test('a payload that is not JSON is dropped whole; entries without one are kept', () => {
  assert.equal(redactTraceEntry(`Received notification 'x'.\nParams: {"text": "jane@acme-mail.com"`), `Received notification 'x'.\nParams: ‹not shown›`);
  assert.equal(redactTraceEntry("Sending notification 'initialized'.\nNo parameters provided."), "Sending notification 'initialized'.\nNo parameters provided.");
  assert.equal(redactTraceEntry('{"broken": "jane@acme-mail.com"'), '‹trace entry not shown›');
});

test('the redacting channel passes every other member through to the real channel', () => {
  const channel = new RecordingChannel();
  const wrapped = redactingTraceChannel(channel);
  wrapped.info('server started');
  assert.equal(wrapped.logLevel, 1);
  assert.equal(wrapped.name, 'PII Lint');
  assert.deepEqual(channel.lines, ['INFO server started']);
});

test('a frozen channel (an API object may be) is wrapped too', () => {
  const channel = new RecordingChannel();
  const frozen = Object.freeze({
    logLevel: 1,
    trace: (m: string) => channel.trace(m),
    info: (m: string) => channel.info(m),
  });
  const wrapped = redactingTraceChannel(frozen);
  wrapped.info('ok');
  wrapped.trace(`Sending notification 'x'.\nParams: {"text": "jane@acme-mail.com"}`);
  assert.equal(wrapped.logLevel, 1);
  assert.deepEqual(channel.lines, ['INFO ok', `Sending notification 'x'.\nParams: {\n    "text": "‹18 chars›"\n}`]);
});
