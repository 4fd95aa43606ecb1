/**
 * The detection engine's front door: text in, PII findings out. Used alike by the CLI, the language
 * server and the tests; it knows nothing of LSP or VS Code.
 */
import { chunked } from './text/chunked';
import { ModelLoadError } from './errors';
import { createModelEngine } from './modelEngine';
import type { Finding, Region } from './types';

export { ModelLoadError };

export interface EngineOptions {
  /** Model folder (config.json + tokenizer.json + *.onnx). undefined = the built-in model; null = validators only. */
  modelDir?: string | null;
  /** onnxruntime intra-op threads (default 1: an editor shares the machine). */
  threads?: number;
}

export interface DetectOptions {
  /** Only these ranges of the text are scanned (default: all of it). */
  regions?: Region[];
  /** Report every detection with its score, ignoring the model's per-class thresholds (for tuning). */
  allScores?: boolean;
  /** Abandon the work when aborted (a newer edit, a closed document); the promise rejects with AbortError. */
  signal?: AbortSignal;
  /** Called as the scan moves through a long text, start to end (see DetectProgress). */
  onProgress?: (progress: DetectProgress) => void;
}

/** How far a scan has come. Long texts are scanned in chunks, in document order. */
export interface DetectProgress {
  /** The text up to here is scanned; `findings` are final for it. */
  done: number;
  total: number;
  /** Chunks still to be scanned that are not remembered from an earlier scan (0: the rest is quick). */
  pending: number;
  /** Findings so far, in order. Read it during the call; it grows afterwards. */
  findings: readonly Finding[];
}

export interface ModelInfo {
  name: string;
  dir: string;
  /** Entity classes the model can emit. */
  classes: string[];
}

export interface Engine {
  /** null when running validators/recognizers only (no model, or the model failed to load). */
  readonly model: ModelInfo | null;
  /** Raw detections (model + checksum recognizers), no policy applied, sorted by start. */
  detect(text: string, options?: DetectOptions): Promise<Finding[]>;
  /** Detections for many texts; each result is independent of what else was in the batch. */
  detectMany(texts: string[], options?: Omit<DetectOptions, 'regions'>): Promise<Finding[][]>;
  /** Counters since creation: windows run by the model and windows answered from the cache. */
  stats(): EngineStats;
  dispose(): Promise<void>;
}

export interface EngineStats {
  windowsRun: number;
  windowsCached: number;
  /** Chunks of long texts scanned, and reused unchanged from an earlier scan. */
  chunksRun?: number;
  chunksCached?: number;
}

/**
 * Loads the model (the built-in one unless `modelDir` says otherwise) in a worker thread.
 * Rejects with ModelLoadError when the folder is missing or corrupt; callers that must keep
 * working (the editor) then fall back to `createEngine({ modelDir: null })`.
 */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  return chunked(await createModelEngine(options));
}
