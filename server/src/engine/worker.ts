/**
 * Inference worker: the only module that imports onnxruntime-node. `session.run()` blocks the
 * thread it runs on, so it lives here and the language server's thread stays responsive.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import type { WorkerInit, WorkerReply, WorkerRequest } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

const init = workerData as WorkerInit;
let session: ort.InferenceSession | null = null;

async function start(): Promise<void> {
  try {
    session = await ort.InferenceSession.create(init.onnxPath, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      intraOpNumThreads: init.threads,
      interOpNumThreads: 1,
      // Spinning threads burn a core while idle; an editor extension must not.
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    });
    const reply: WorkerReply = { type: 'ready', inputNames: [...session.inputNames], outputNames: [...session.outputNames] };
    port!.postMessage(reply);
  } catch (e) {
    const reply: WorkerReply = { type: 'error', id: -1, message: (e as Error).message };
    port!.postMessage(reply);
  }
}

port.on('message', async (msg: WorkerRequest) => {
  if (msg.type !== 'run' || !session) return;
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(msg.inputs)) {
      feeds[name] = new ort.Tensor('int64', t.data, t.dims);
    }
    const out = await session.run(feeds);
    const logits = out[session.outputNames[0]];
    const data = logits.data as Float32Array;
    // Copy into a transferable buffer owned by this message.
    const copy = new Float32Array(data);
    const reply: WorkerReply = { type: 'result', id: msg.id, logits: copy, dims: [...logits.dims] };
    port.postMessage(reply, [copy.buffer]);
  } catch (e) {
    const reply: WorkerReply = { type: 'error', id: msg.id, message: (e as Error).message };
    port.postMessage(reply);
  }
});

void start();
