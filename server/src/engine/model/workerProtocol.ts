/** Messages between the engine and its inference worker (types only, no runtime imports). */

export interface TensorMessage {
  data: BigInt64Array;
  dims: number[];
}

export type WorkerRequest =
  | { type: 'load'; id: number; onnxPath: string; threads: number }
  | { type: 'run'; id: number; session: number; inputs: Record<string, TensorMessage> }
  | { type: 'unload'; id: number; session: number };

export type WorkerReply =
  | { type: 'loaded'; id: number; session: number; inputNames: string[]; outputNames: string[] }
  | { type: 'result'; id: number; logits: Float32Array; dims: number[] }
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; message: string };
