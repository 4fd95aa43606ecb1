/**
 * Inference worker: the only module that imports onnxruntime-node. `session.run()` blocks the
 * thread it runs on, so it lives here and the language server's thread stays responsive.
 * onnxruntime-node's addon registers once per process, so one worker hosts every session.
 */
import { parentPort } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

const sessions = new Map<number, ort.InferenceSession>();
let nextSession = 1;

function reply(msg: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(msg, transfer);
}

async function handle(msg: WorkerRequest): Promise<void> {
  switch (msg.type) {
    case 'load': {
      const session = await ort.InferenceSession.create(msg.onnxPath, {
        executionProviders: ['cpu'],
        graphOptimizationLevel: 'all',
        executionMode: 'sequential',
        intraOpNumThreads: msg.threads,
        interOpNumThreads: 1,
        // Spinning threads burn a core while idle; an editor extension must not.
        extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
      });
      const id = nextSession++;
      sessions.set(id, session);
      reply({ type: 'loaded', id: msg.id, session: id, inputNames: [...session.inputNames], outputNames: [...session.outputNames] });
      return;
    }
    case 'run': {
      const session = sessions.get(msg.session);
      if (!session) throw new Error('session was unloaded');
      const feeds: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(msg.inputs)) feeds[name] = new ort.Tensor('int64', t.data, t.dims);
      const out = await session.run(feeds);
      const logits = out[session.outputNames[0]];
      // Copy into a buffer this message owns, so it can be transferred instead of cloned.
      const copy = new Float32Array(logits.data as Float32Array);
      reply({ type: 'result', id: msg.id, logits: copy, dims: [...logits.dims] }, [copy.buffer]);
      return;
    }
    case 'unload': {
      await sessions.get(msg.session)?.release();
      sessions.delete(msg.session);
      reply({ type: 'done', id: msg.id });
      return;
    }
  }
}

port.on('message', (msg: WorkerRequest) => {
  handle(msg).catch((e: unknown) => reply({ type: 'error', id: msg.id, message: e instanceof Error ? e.message : String(e) }));
});
