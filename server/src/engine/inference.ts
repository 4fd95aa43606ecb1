/**
 * Client side of the inference worker: starts it, feeds it one window at a time, and turns a
 * crash or a load failure into a clear error instead of a hang.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ModelLoadError } from './errors';
import type { TensorMessage, WorkerInit, WorkerReply, WorkerRequest } from './workerProtocol';

export interface InferenceOutput {
  /** Row-major [seq, labels] logits of a single sequence. */
  logits: Float32Array;
  labels: number;
}

/** The bundled worker sits beside the bundle; from sources (tests under tsx) it is worker.ts. */
function workerPath(): string {
  const bundled = join(__dirname, 'worker.js');
  if (existsSync(bundled)) return bundled;
  return join(__dirname, 'worker.ts');
}

export class InferenceWorker {
  readonly inputNames: string[];
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (o: InferenceOutput) => void; reject: (e: Error) => void }>();
  private dead: Error | null = null;

  private constructor(worker: Worker, inputNames: string[]) {
    this.worker = worker;
    this.inputNames = inputNames;
    worker.on('message', (msg: WorkerReply) => this.onMessage(msg));
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(`inference worker exited (code ${code})`)));
  }

  static start(onnxPath: string, threads: number): Promise<InferenceWorker> {
    const init: WorkerInit = { onnxPath, threads };
    const worker = new Worker(workerPath(), { workerData: init });
    return new Promise((resolve, reject) => {
      const onReady = (msg: WorkerReply): void => {
        worker.off('message', onReady);
        worker.off('error', onError);
        if (msg.type === 'ready') resolve(new InferenceWorker(worker, msg.inputNames));
        else {
          void worker.terminate();
          reject(new ModelLoadError(`cannot load ${onnxPath}: ${msg.type === 'error' ? msg.message : 'unexpected reply'}`));
        }
      };
      const onError = (e: Error): void => {
        worker.off('message', onReady);
        reject(new ModelLoadError(`cannot start the inference worker: ${e.message}`));
      };
      worker.on('message', onReady);
      worker.once('error', onError);
    });
  }

  /** Runs one sequence (batch of 1): dynamic INT8 quantization scales activations per batch, so
   * batching would make a text's findings depend on its neighbours. */
  run(inputs: Record<string, TensorMessage>): Promise<InferenceOutput> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    const req: WorkerRequest = { type: 'run', id, inputs };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(req, Object.values(inputs).map((t) => t.data.buffer as ArrayBuffer));
    });
  }

  private onMessage(msg: WorkerReply): void {
    if (msg.type === 'ready') return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.type === 'error') p.reject(new Error(`inference failed: ${msg.message}`));
    else p.resolve({ logits: msg.logits, labels: msg.dims[msg.dims.length - 1] });
  }

  private fail(e: Error): void {
    if (this.dead) return;
    this.dead = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  async dispose(): Promise<void> {
    this.dead ??= new Error('engine disposed');
    await this.worker.terminate();
  }
}
