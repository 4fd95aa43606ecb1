/** The scheduler and the engine manager on their own, with a fake engine: timing and failure paths. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticsScheduler, type ScanResult } from '../../server/src/diagnostics';
import { EngineManager } from '../../server/src/engines';
import type { Engine, EngineOptions } from '../../server/src/engine/engine';
import { ModelLoadError } from '../../server/src/engine/errors';
import type { Logger } from '../../server/src/log';

const quiet: Logger = { error: () => undefined, warn: () => undefined, info: () => undefined, trace: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `done()` holds: a loaded machine makes the test slower, not red. */
async function until(done: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function abortable(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      const e = new Error('aborted');
      e.name = 'AbortError';
      reject(e);
    });
  });
}

function setup(scanMs = 30) {
  const docs = new Map<string, TextDocument>();
  const published: Array<{ uri: string; version: number | undefined; n: number }> = [];
  let running = 0;
  let maxRunning = 0;
  const scanned: string[] = [];
  const scheduler = new DiagnosticsScheduler(
    {
      getDocument: (uri) => docs.get(uri),
      async scan(doc, signal): Promise<ScanResult> {
        running++;
        maxRunning = Math.max(maxRunning, running);
        scanned.push(`${doc.uri}@${doc.version}`);
        try {
          await abortable(scanMs, signal);
        } finally {
          running--;
        }
        const diagnostics: Diagnostic[] = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: doc.getText() }];
        return { findings: [], diagnostics };
      },
      publish: (uri, version, diagnostics) => published.push({ uri, version, n: diagnostics.length }),
      busyChanged: () => undefined,
    },
    quiet,
    20,
  );
  const edit = (uri: string, text: string): void => {
    const prev = docs.get(uri);
    docs.set(uri, TextDocument.create(uri, 'plaintext', (prev?.version ?? 0) + 1, text));
  };
  return { docs, published, scanned, scheduler, edit, maxRunning: () => maxRunning };
}

test('debounce: a burst of edits costs one scan, of the last version', async () => {
  const s = setup();
  for (let i = 0; i < 20; i++) {
    s.edit('a', `v${i}`);
    s.scheduler.schedule('a');
  }
  await until(() => s.published.length > 0, 'the first publish');
  await sleep(100); // room for a second scan, which must not come
  assert.deepEqual(s.scanned, ['a@20']);
  assert.deepEqual(s.published, [{ uri: 'a', version: 20, n: 1 }]);
});

test('one scan at a time across documents', async () => {
  const s = setup(20);
  for (const uri of ['a', 'b', 'c']) {
    s.edit(uri, uri);
    s.scheduler.schedule(uri, 0);
  }
  await until(() => s.published.length >= 3, 'three publishes');
  assert.equal(s.maxRunning(), 1);
  assert.deepEqual(s.published.map((p) => p.uri).sort(), ['a', 'b', 'c']);
});

test('a newer edit aborts the scan in flight; the stale result is never published', async () => {
  const s = setup(80);
  s.edit('a', 'one');
  s.scheduler.schedule('a', 0);
  await sleep(20);
  s.edit('a', 'two');
  s.scheduler.schedule('a', 0);
  await until(() => s.published.length > 0, 'the publish of version 2');
  await sleep(100); // room for a stale publish of version 1, which must not come
  assert.deepEqual(s.published, [{ uri: 'a', version: 2, n: 1 }]);
});

test('a version that changed without a reschedule is not published (isStale)', async () => {
  const s = setup(40);
  s.edit('a', 'one');
  s.scheduler.schedule('a', 0);
  await sleep(10);
  s.edit('a', 'two'); // run on save: no reschedule
  await sleep(100);
  assert.deepEqual(s.published, []);
  assert.equal(s.scheduler.resultFor(s.docs.get('a')!), undefined);
});

test('close mid-scan clears the diagnostics and publishes nothing after', async () => {
  const s = setup(80);
  s.edit('a', 'one');
  s.scheduler.schedule('a', 0);
  await sleep(20);
  s.docs.delete('a');
  s.scheduler.close('a');
  await sleep(150);
  assert.deepEqual(s.published, [{ uri: 'a', version: undefined, n: 0 }]);
  assert.equal(s.scheduler.totalFindings, 0);
});

test('a model that fails to load falls back to validators and says why', async () => {
  const made: EngineOptions[] = [];
  const fake = (model: string | null): Engine => ({
    model: model ? { name: model, dir: '/m', classes: [] } : null,
    detect: async () => [],
    detectMany: async () => [],
    stats: () => ({ windowsRun: 0, windowsCached: 0 }),
    dispose: async () => undefined,
  });
  const events: string[] = [];
  const manager = new EngineManager(
    quiet,
    { loading: () => events.push('loading'), loaded: (r) => events.push(`loaded ${r.model ?? 'validators'}`) },
    async (o) => {
      made.push(o);
      if (o.modelDir === '/missing') {
        throw new ModelLoadError('/missing/config.json not found');
      }
      return fake(o.modelDir === null ? null : 'm');
    },
  );
  const r = await manager.get('/missing');
  assert.equal(r.model, null);
  assert.match(r.error ?? '', /validators only: \/missing\/config.json not found/);
  assert.deepEqual(made, [{ modelDir: '/missing' }, { modelDir: null }]);
  assert.equal(await manager.get('/missing'), r, 'loaded once');
  assert.deepEqual(events, ['loading', 'loaded validators']);

  // Inference failures: reloaded, then given up on.
  const ok = await manager.get('/ok');
  assert.equal(ok.model, 'm');
  for (let i = 0; i < 3; i++) {
    await manager.failed('/ok', new Error('worker died'));
    const again = await manager.get('/ok');
    if (i < 2) assert.equal(again.model, 'm');
    else assert.match(again.error ?? '', /inference failed 3 times/);
  }
});
