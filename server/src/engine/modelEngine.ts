/**
 * The Engine over one model folder (or none): loads the model and its inference worker, and runs
 * each text down the pipeline (pipeline.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ModelLoadError } from './errors';
import { ModelGuesser } from './model/guesses';
import { InferenceSession } from './model/inference';
import { findOnnxFile, loadModelFolder, type LoadedModel } from './model/model';
import { detectFindings } from './pipeline';
import type { DetectOptions, Engine, EngineOptions, EngineStats, Finding, ModelInfo } from './types';

export const BUILTIN_MODEL = 'pii-lint-mini';

/** The built-in model's folder, found from the bundle (dist/) or the sources (server/src/engine/). */
export function builtinModelDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'models', BUILTIN_MODEL);
    if (existsSync(join(candidate, 'config.json'))) return candidate;
    dir = dirname(dir);
  }
  return join(__dirname, '..', 'models', BUILTIN_MODEL);
}

class ModelEngine implements Engine {
  readonly model: ModelInfo | null;

  /** `guesser` null: validators and recognizers only. */
  constructor(private readonly guesser: ModelGuesser | null) {
    this.model = guesser?.info ?? null;
  }

  detect(text: string, options: DetectOptions = {}): Promise<Finding[]> {
    return detectFindings(text, options, this.guesser);
  }

  async detectMany(texts: string[], options: Omit<DetectOptions, 'regions'> = {}): Promise<Finding[][]> {
    const out: Finding[][] = [];
    for (const t of texts) out.push(await this.detect(t, options));
    return out;
  }

  stats(): EngineStats {
    return this.guesser?.stats() ?? { windowsRun: 0, windowsCached: 0 };
  }

  async dispose(): Promise<void> {
    await this.guesser?.dispose();
  }
}

export async function createModelEngine(options: EngineOptions): Promise<Engine> {
  if (options.modelDir === null) return new ModelEngine(null);
  const dir = resolve(options.modelDir ?? builtinModelDir());
  // The worker starts onnxruntime and the session while this thread reads the tokenizer and the
  // lexicon (about half a second each on a small machine): the two overlap.
  const onnx = existsSync(dir) ? findOnnxFile(dir) : null;
  const early = onnx ? InferenceSession.load(onnx, options.threads ?? 1) : null;
  early?.catch(() => undefined);
  let loaded: LoadedModel;
  try {
    loaded = loadModelFolder(dir);
  } catch (e) {
    void early?.then((s) => s.dispose(), () => undefined);
    throw e;
  }
  const worker = await (early ?? InferenceSession.load(loaded.onnxPath, options.threads ?? 1));
  if (!worker.inputNames.includes('input_ids')) {
    await worker.dispose();
    throw new ModelLoadError(`${loaded.onnxPath} has no input_ids input: not a token-classification export`);
  }
  return new ModelEngine(new ModelGuesser(loaded, worker));
}
