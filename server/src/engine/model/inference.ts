/**
 * Client side of the inference worker. onnxruntime-node's native addon can be loaded by only one
 * thread per process ("Module did not self-register" on the second), so a single long-lived
 * worker hosts every model session; it keeps the process alive only while requests are pending.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ModelLoadError } from '../errors';
import type { TensorMessage, WorkerReply, WorkerRequest } from './workerProtocol';

export interface InferenceOutput {
  /** Row-major [seq, labels] logits of a single sequence. */
  logits: Float32Array;
  labels: number;
}

/** The worker bundle sits beside the bundle that loads it; tests running the sources use the
 * repository's dist/worker.js (`npm test` builds first). */
function workerPath(): string {
  const candidates = [join(__dirname, 'worker.js'), join(__dirname, '..', '..', '..', '..', 'dist', 'worker.js')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new ModelLoadError(`inference worker bundle not found (looked in ${candidates.join(', ')}); run \`npm run build\``);
  return found;
}

type Pending = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void };

class WorkerHost {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  dead: Error | null = null;

  constructor() {
    this.worker = new Worker(workerPath());
    this.worker.unref();
    this.worker.on('message', (msg: WorkerReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) this.worker.unref();
      if (msg.type === 'error') p.reject(new Error(msg.message));
      else p.resolve(msg);
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`inference worker exited (code ${code})`)));
  }

  request(req: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise((resolve, reject) => {
      this.pending.set(req.id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage(req, transfer);
    });
  }

  id(): number {
    return this.nextId++;
  }

  private fail(e: Error): void {
    if (this.dead) return;
    this.dead = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}

let host: WorkerHost | null = null;
function sharedHost(): WorkerHost {
  host ??= new WorkerHost();
  return host;
}

export class InferenceSession {
  private disposed = false;

  private constructor(
    private readonly host: WorkerHost,
    private readonly session: number,
    readonly inputNames: string[],
  ) {}

  static async load(onnxPath: string, threads: number): Promise<InferenceSession> {
    const h = sharedHost();
    if (h.dead) throw new ModelLoadError(`the inference worker stopped (${h.dead.message}); restart the process`);
    let r: WorkerReply;
    try {
      r = await h.request({ type: 'load', id: h.id(), onnxPath, threads });
    } catch (e) {
      throw new ModelLoadError(`cannot load ${onnxPath}: ${(e as Error).message}`);
    }
    if (r.type !== 'loaded') throw new ModelLoadError(`cannot load ${onnxPath}: unexpected reply`);
    return new InferenceSession(h, r.session, r.inputNames);
  }

  /** Runs one sequence (batch of 1): dynamic INT8 quantization scales activations per batch, so
   * batching would make a text's findings depend on its neighbours. */
  async run(inputs: Record<string, TensorMessage>): Promise<InferenceOutput> {
    if (this.disposed) throw new Error('engine disposed');
    const transfer = Object.values(inputs).map((t) => t.data.buffer as ArrayBuffer);
    const r = await this.host.request({ type: 'run', id: this.host.id(), session: this.session, inputs }, transfer);
    if (r.type !== 'result') throw new Error('inference failed: unexpected reply');
    return { logits: r.logits, labels: r.dims[r.dims.length - 1] };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (!this.host.dead) await this.host.request({ type: 'unload', id: this.host.id(), session: this.session }).catch(() => undefined);
  }
}
