/**
 * The model's guesses for one region of a text: tokens -> windows (cached by content) -> the
 * inference worker -> per-token probabilities -> decoded findings. Nothing after decoding happens
 * here: the repairs, filters and recognizers are later stages (pipeline.ts).
 */
import { abortError } from '../errors';
import type { Lexicon } from '../features';
import { tokenFeatures } from '../features';
import type { Tokenized, Word } from '../tokenize';
import type { EngineStats, Finding, ModelInfo, Region } from '../types';
import { decodeEntities, dropOrphanParts, softmaxRows, TagSet } from './decode';
import type { InferenceSession } from './inference';
import { classesOf, type LoadedModel } from './model';
import { WindowCache } from './windowCache';
import { planWindows } from './windows';
import type { TensorMessage } from './workerProtocol';

/** Tokens shared by neighbouring windows: enough context for an entity at a window edge. */
const OVERLAP_TOKENS = 32;

/** What the model made of one region. Offsets of `words` and `findings` are the region's slice's. */
export interface RegionGuesses {
  region: Region;
  slice: string;
  words: readonly Word[];
  /** Decoded findings: sorted, not overlapping. */
  findings: Finding[];
}

export class ModelGuesser {
  readonly info: ModelInfo;
  private readonly tags: TagSet;
  private readonly cache = new WindowCache(64 * 1024 * 1024);
  private readonly counters: EngineStats = { windowsRun: 0, windowsCached: 0 };

  constructor(
    private readonly loaded: LoadedModel,
    private readonly worker: InferenceSession,
  ) {
    this.info = { name: loaded.name, dir: loaded.dir, classes: classesOf(loaded.labels) };
    this.tags = new TagSet(loaded.labels);
  }

  get lexicon(): Lexicon | null {
    return this.loaded.lexicon;
  }

  /** Score a finding of `label` must reach to be reported (the model's per-class thresholds). */
  threshold(label: string): number {
    return this.loaded.threshold(label);
  }

  /** A word as the lexicon keys it (the tokenizer's normalization: lower case, accents as the model saw them). */
  norm(word: string): string {
    return this.loaded.tokenizer.words(word)[0]?.norm ?? word.toLowerCase();
  }

  /** The decoded findings of `region` of `text`, or null when it has no tokens. */
  async guess(text: string, region: Region, signal?: AbortSignal): Promise<RegionGuesses | null> {
    const slice = text.slice(region.start, region.end);
    const tok = this.loaded.tokenizer.tokenize(slice);
    if (tok.tokens.length === 0) return null;
    const probs = await this.tokenProbabilities(slice, tok, signal);
    return { region, slice, words: tok.words, findings: dropOrphanParts(decodeEntities(slice, tok, probs, this.tags)) };
  }

  /** Row-major [tokens, tags] probabilities for every token of `tok`. */
  private async tokenProbabilities(slice: string, tok: Tokenized, signal?: AbortSignal): Promise<Float32Array> {
    const m = this.loaded;
    const worker = this.worker;
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
    await this.worker.dispose();
  }
}
