/** Messages between the engine and its inference worker (types only, no runtime imports). */

export interface WorkerInit {
  onnxPath: string;
  threads: number;
}

export interface TensorMessage {
  data: BigInt64Array;
  dims: number[];
}

export type WorkerRequest = { type: 'run'; id: number; inputs: Record<string, TensorMessage> };

export type WorkerReply =
  | { type: 'ready'; inputNames: string[]; outputNames: string[] }
  | { type: 'result'; id: number; logits: Float32Array; dims: number[] }
  | { type: 'error'; id: number; message: string };
