/**
 * The Engine implementation: regions -> tokens -> windows (cached by content) -> worker ->
 * decode -> validators and recognizers.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { bareRegions, isBareLiteralGuess, isCodeLike } from './filters/codeContext';
import { combineFindings } from './combine/combine';
import { decodeEntities, dropOrphanParts, softmaxRows, TagSet } from './model/decode';
import { isPlainWordGuess } from './filters/plainWords';
import { repairFindings } from './repairs/repairs';
import type { DetectOptions, Engine, EngineOptions, EngineStats, ModelInfo } from './engine';
import { ModelLoadError } from './errors';
import { tokenFeatures } from './features';
import { InferenceSession } from './model/inference';
import { classesOf, findOnnxFile, loadModelFolder, type LoadedModel } from './model/model';
import { recognize } from './recognizers/recognizers';
import type { Tokenized } from './tokenize';
import type { Finding, Region } from './types';
import { WindowCache } from './model/windowCache';
import { planWindows } from './model/windows';
import type { TensorMessage } from './model/workerProtocol';
import { appendAll } from './arrays';

export const BUILTIN_MODEL = 'pii-lint-mini';
/** Tokens shared by neighbouring windows: enough context for an entity at a window edge. */
const OVERLAP_TOKENS = 32;

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

function abortError(): Error {
  const e = new Error('scan cancelled');
  e.name = 'AbortError';
  return e;
}

class ModelEngine implements Engine {
  readonly model: ModelInfo | null;
  private readonly tags: TagSet | null;
  private readonly cache = new WindowCache(64 * 1024 * 1024);
  private readonly counters: EngineStats = { windowsRun: 0, windowsCached: 0 };

  constructor(
    private readonly loaded: LoadedModel | null,
    private readonly worker: InferenceSession | null,
  ) {
    this.model = loaded ? { name: loaded.name, dir: loaded.dir, classes: classesOf(loaded.labels) } : null;
    this.tags = loaded ? new TagSet(loaded.labels) : null;
  }

  async detect(text: string, options: DetectOptions = {}): Promise<Finding[]> {
    const regions = options.regions ?? [{ start: 0, end: text.length }];
    const bare = bareRegions(text, regions);
    const m = this.loaded;
    const norm = (w: string): string => this.norm(w);
    const model: Finding[] = [];
    for (const r of regions) {
      if (options.signal?.aborted) throw abortError();
      if (r.end <= r.start) continue;
      const found = await this.detectRegion(text, r, options.signal);
      const inTable = bare.get(r);
      appendAll(model, inTable === undefined ? found : found.filter((f) => !isBareLiteralGuess(text, f, inTable, m?.lexicon ?? null, norm)));
    }
    const all = combineFindings(
      text,
      model.filter((f) => !isCodeLike(text, f) && !isPlainWordGuess(text, f, m?.lexicon ?? null, norm)),
      recognize(text, options.regions),
    );
    if (options.allScores) return all;
    // Validators-only mode has no model thresholds: recognizer scores already encode their proof.
    const threshold = this.loaded?.threshold ?? ((): number => 0.5);
    return all.filter((f) => f.score >= threshold(f.label));
  }

  async detectMany(texts: string[], options: Omit<DetectOptions, 'regions'> = {}): Promise<Finding[][]> {
    const out: Finding[][] = [];
    for (const t of texts) out.push(await this.detect(t, options));
    return out;
  }

  /** A word as the lexicon keys it (the tokenizer's normalization: lower case, accents as the model saw them). */
  private norm(word: string): string {
    return this.loaded?.tokenizer.words(word)[0]?.norm ?? word.toLowerCase();
  }

  private async detectRegion(text: string, region: Region, signal?: AbortSignal): Promise<Finding[]> {
    if (!this.loaded || !this.worker || !this.tags) return [];
    const slice = text.slice(region.start, region.end);
    const tok = this.loaded.tokenizer.tokenize(slice);
    const n = tok.tokens.length;
    if (n === 0) return [];
    const probs = await this.tokenProbabilities(slice, tok, signal);
    const decoded = dropOrphanParts(decodeEntities(slice, tok, probs, this.tags));
    const found = repairFindings(slice, tok.words, decoded, this.loaded.lexicon, (w) => this.norm(w));
    return found.map((f) => ({ ...f, start: f.start + region.start, end: f.end + region.start }));
  }

  /** Row-major [tokens, tags] probabilities for every token of `tok`. */
  private async tokenProbabilities(slice: string, tok: Tokenized, signal?: AbortSignal): Promise<Float32Array> {
    const m = this.loaded!;
    const worker = this.worker!;
    const nTags = m.labels.length;
    const tokens = tok.tokens;
    const wantShape = worker.inputNames.includes('shape_ids');
    const wantLex = worker.inputNames.includes('lex_ids');
    const feats = wantShape || wantLex ? tokenFeatures(slice, tok, m.lexicon) : null;
    const info = tokens.map((t, i) => ({
      wordStart: t.first,
      lineStart: t.first && i > 0 && slice.slice(tokens[i - 1].end, t.start).includes('\n'),
    }));
    const windows = planWindows(info, m.maxWindow - 2, OVERLAP_TOKENS);
    const probs = new Float32Array(tokens.length * nTags);
    for (const w of windows) {
      if (signal?.aborted) throw abortError();
      const len = w.to - w.from + 2;
      const ids = new BigInt64Array(len);
      ids[0] = BigInt(m.tokenizer.special.cls);
      ids[len - 1] = BigInt(m.tokenizer.special.sep);
      for (let i = w.from; i < w.to; i++) ids[i - w.from + 1] = BigInt(tokens[i].id);
      const inputs: Record<string, TensorMessage> = {};
      const row = (values: number[] | null): BigInt64Array => {
        const a = new BigInt64Array(len);
        if (values) for (let i = w.from; i < w.to; i++) a[i - w.from + 1] = BigInt(values[i]);
        return a;
      };
      inputs.input_ids = { data: ids, dims: [1, len] };
      if (worker.inputNames.includes('attention_mask')) inputs.attention_mask = { data: new BigInt64Array(len).fill(1n), dims: [1, len] };
      if (worker.inputNames.includes('token_type_ids')) inputs.token_type_ids = { data: new BigInt64Array(len), dims: [1, len] };
      if (wantShape) inputs.shape_ids = { data: row(feats!.shape), dims: [1, len] };
      if (wantLex) inputs.lex_ids = { data: row(feats!.lex), dims: [1, len] };
      const key = WindowCache.key(inputs);
      let windowProbs = this.cache.get(key);
      if (windowProbs) this.counters.windowsCached++;
      else {
        this.counters.windowsRun++;
        const out = await worker.run(inputs);
        windowProbs = WindowCache.quantize(softmaxRows(out.logits, nTags));
        this.cache.set(key, windowProbs);
      }
      // Row k of the window is token (w.from + k - 1); only owned tokens are copied.
      for (let i = w.ownFrom; i < w.ownTo; i++) {
        const src = (i - w.from + 1) * nTags;
        for (let j = 0; j < nTags; j++) probs[i * nTags + j] = windowProbs[src + j] / 65535;
      }
    }
    return probs;
  }

  stats(): EngineStats {
    return { ...this.counters };
  }

  async dispose(): Promise<void> {
    await this.worker?.dispose();
  }
}

export async function createModelEngine(options: EngineOptions): Promise<Engine> {
  if (options.modelDir === null) return new ModelEngine(null, null);
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
  return new ModelEngine(loaded, worker);
}
