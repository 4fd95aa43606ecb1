/**
 * The bench's measurements that need a process of their own (onnxruntime-node registers once per
 * process, and transformers.js brings its own copy). Run by bench.ts as
 * `node --import tsx test/bench/tasks.ts TASK JSON-ARGS`; each figure is one stdout line
 * `@@ {...}`. Only numbers are printed, never text.
 */
import { readFileSync } from 'node:fs';
import { createEngine, type Engine } from '../../server/src/engine/engine';
import { loadModelFolder } from '../../server/src/engine/model/model';
import { corpusLines, mixedCorpus, mixedDocument } from './corpus';

/** The comparator of the bench's step 3, installed on demand: `npm install --no-save @huggingface/transformers@^4.3.2`. */
export const TRANSFORMERS_JS = '@huggingface/transformers';

/** The part of transformers.js' API the comparison uses. */
interface TransformersJs {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline(
    task: 'token-classification',
    model: string,
    options: { dtype: string; session_options?: { intraOpNumThreads: number; interOpNumThreads: number } },
  ): Promise<{ (text: string, options: { aggregation_strategy: string }): Promise<unknown>; dispose(): Promise<void> }>;
}

export function emit(figure: Record<string, unknown>): void {
  process.stdout.write(`@@ ${JSON.stringify(figure)}\n`);
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i] as number;
}

const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

export interface Inputs {
  /** ~30-token sentences, all different (the window cache must not answer). */
  sentences: string[];
  /** 126-token chunks (+[CLS]/[SEP] = 128 positions), all different. */
  chunks: string[];
}

const tokenizers = new Map<string, ReturnType<typeof loadModelFolder>['tokenizer']>();
function tokenizerOf(modelDir: string): ReturnType<typeof loadModelFolder>['tokenizer'] {
  let t = tokenizers.get(modelDir);
  if (!t) {
    t = loadModelFolder(modelDir).tokenizer;
    tokenizers.set(modelDir, t);
  }
  return t;
}

/** Texts cut to exactly `tokens` word pieces (or fewer at the end of the source), each distinct. */
export function cutToTokens(modelDir: string, sources: readonly string[], tokens: number, count: number): string[] {
  const tok = tokenizerOf(modelDir);
  const out: string[] = [];
  for (const src of sources) {
    let at = 0;
    while (out.length < count) {
      const rest = src.slice(at);
      const t = tok.tokenize(rest).tokens;
      if (t.length < tokens) break;
      const end = (t[tokens - 1] as { end: number }).end;
      out.push(rest.slice(0, end).trim());
      at += (t[tokens] as { start: number } | undefined)?.start ?? end;
    }
    if (out.length >= count) break;
  }
  return out;
}

export function makeInputs(modelDir: string, n: number): Inputs {
  // Sentences: prose lines, one sentence each; chunks: the mixed document in running order.
  const prose = corpusLines('prose', n * 8, 11)
    .split('\n')
    .filter((l) => l.length > 120);
  const sentences = prose.flatMap((l) => cutToTokens(modelDir, [l], 30, 1)).slice(0, n);
  const chunks = cutToTokens(modelDir, [mixedDocument(n * 1200, 12)], 126, n);
  return { sentences, chunks };
}

function tokensOf(modelDir: string, texts: readonly string[]): number {
  const tok = tokenizerOf(modelDir);
  return texts.reduce((n, t) => n + tok.tokenize(t).tokens.length, 0);
}

interface ModelArg {
  name: string;
  dir: string;
  /** Samples per input kind. */
  reps: number;
}

/** p50/p95 of engine.detect on distinct ~30-token sentences and 128-token chunks, models interleaved. */
async function latency(args: { models: ModelArg[]; threads: number }): Promise<void> {
  const inputsDir = args.models[0]!.dir;
  const maxReps = Math.max(...args.models.map((m) => m.reps));
  const inputs = makeInputs(inputsDir, maxReps + 5);
  const engines: Engine[] = [];
  for (const m of args.models) engines.push(await createEngine({ modelDir: m.dir, threads: args.threads }));
  const samples = args.models.map(() => ({ sentence: [] as number[], chunk: [] as number[] }));
  // Warm-up (first runs allocate), on texts not measured.
  for (const e of engines) for (let i = 0; i < 3; i++) await e.detect(`${inputs.sentences[maxReps + i]} ${inputs.chunks[maxReps + i]}`);
  for (let r = 0; r < maxReps; r++) {
    for (let k = 0; k < engines.length; k++) {
      if (r >= args.models[k]!.reps) continue;
      for (const kind of ['sentence', 'chunk'] as const) {
        const text = kind === 'sentence' ? inputs.sentences[r]! : inputs.chunks[r]!;
        const t0 = performance.now();
        await engines[k]!.detect(text);
        samples[k]![kind].push(performance.now() - t0);
      }
    }
  }
  for (let k = 0; k < engines.length; k++) {
    for (const kind of ['sentence', 'chunk'] as const) {
      const xs = samples[k]![kind];
      emit({
        figure: 'latency',
        model: args.models[k]!.name,
        input: kind === 'sentence' ? 'sentence-30' : 'chunk-128',
        tokens: kind === 'sentence' ? 30 : 126,
        threads: args.threads,
        n: xs.length,
        p50_ms: round(percentile(xs, 50)),
        p95_ms: round(percentile(xs, 95)),
      });
    }
    await engines[k]!.dispose();
  }
}

/** Tokens/s and MB/s of a fresh engine over a mixed corpus (prose, code, JSON, logs; one document each). */
async function throughput(args: { name: string; dir: string; bytes: number; threads: number }): Promise<void> {
  const corpus = mixedCorpus(args.bytes, 21);
  const engine = await createEngine({ modelDir: args.dir, threads: args.threads });
  await engine.detect('warm up the session once');
  const s0 = engine.stats();
  let tokens = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (const doc of corpus) await engine.detect(doc.text);
  const seconds = (performance.now() - t0) / 1000;
  for (const doc of corpus) {
    tokens += tokensOf(args.dir, [doc.text]);
    bytes += Buffer.byteLength(doc.text);
  }
  const s1 = engine.stats();
  emit({
    figure: 'throughput',
    model: args.name,
    corpus_bytes: bytes,
    tokens,
    threads: args.threads,
    seconds: round(seconds),
    tokens_per_s: Math.round(tokens / seconds),
    mb_per_s: round(bytes / 1e6 / seconds, 3),
    windows: s1.windowsRun - s0.windowsRun,
  });
  await engine.dispose();
}

/** Our engine over a list of texts, one detect each (what the transformers.js run gets). */
async function oursOnTexts(args: { name: string; dir: string; textsFile: string; threads: number; round: number }): Promise<void> {
  const texts = JSON.parse(readFileSync(args.textsFile, 'utf8')) as string[];
  const engine = await createEngine({ modelDir: args.dir, threads: args.threads });
  for (let i = 0; i < 3; i++) await engine.detect(`warm up ${i}`);
  let entities = 0;
  const t0 = performance.now();
  for (const t of texts) entities += (await engine.detect(t, { allScores: true })).length;
  const seconds = (performance.now() - t0) / 1000;
  const tokens = tokensOf(args.dir, texts);
  emit({ figure: 'same-inputs', impl: 'pii-lint', model: args.name, threads: args.threads, round: args.round, texts: texts.length, tokens, seconds: round(seconds, 3), tokens_per_s: Math.round(tokens / seconds), entities });
  await engine.dispose();
}

/** The same texts through transformers.js' token-classification pipeline (local folder, remote models off). */
async function transformersOnTexts(args: { name: string; hubRoot: string; hubId: string; textsFile: string; threads: number | null; round: number; tokensDir: string }): Promise<void> {
  const texts = JSON.parse(readFileSync(args.textsFile, 'utf8')) as string[];
  // Not a dependency (it brings a second onnxruntime-node): bench.ts runs this only when it was
  // installed for the occasion, so the module name stays out of the type checker's reach.
  const tf = (await import(TRANSFORMERS_JS)) as TransformersJs;
  tf.env.allowRemoteModels = false;
  tf.env.allowLocalModels = true;
  tf.env.localModelPath = `${args.hubRoot}/`;
  const pipe = await tf.pipeline('token-classification', args.hubId, {
    dtype: 'q8',
    ...(args.threads !== null ? { session_options: { intraOpNumThreads: args.threads, interOpNumThreads: 1 } } : {}),
  });
  for (let i = 0; i < 3; i++) await pipe(`warm up ${i}`, { aggregation_strategy: 'simple' });
  let entities = 0;
  const t0 = performance.now();
  for (const t of texts) {
    const r = await pipe(t, { aggregation_strategy: 'simple' });
    entities += Array.isArray(r) ? r.length : 0;
  }
  const seconds = (performance.now() - t0) / 1000;
  const tokens = tokensOf(args.tokensDir, texts);
  emit({ figure: 'same-inputs', impl: 'transformers.js', model: args.name, threads: args.threads ?? 'ort-default', round: args.round, texts: texts.length, tokens, seconds: round(seconds, 3), tokens_per_s: Math.round(tokens / seconds), entities });
  await pipe.dispose();
}

/** One-line edits in a 10,000-line document: time until its findings are current, windows and chunks re-run. */
async function incremental(args: { dir: string; lines: number; edits: number }): Promise<void> {
  const engine = await createEngine({ modelDir: args.dir });
  const doc = mixedDocument(args.lines * 100, 31).split('\n').slice(0, args.lines);
  const t0 = performance.now();
  await engine.detect(doc.join('\n'));
  const fullSeconds = (performance.now() - t0) / 1000;
  const times: number[] = [];
  const windows: number[] = [];
  const chunks: number[] = [];
  let x = 7;
  for (let i = 0; i < args.edits; i++) {
    x = (x * 7919 + 104729) % args.lines;
    doc[x] = i % 3 === 2 ? '' : `${doc[x]} and mail to leona.varga${i}@postbox.net`;
    const text = doc.join('\n');
    const s0 = engine.stats();
    const t1 = performance.now();
    await engine.detect(text);
    times.push(performance.now() - t1);
    const s1 = engine.stats();
    windows.push(s1.windowsRun - s0.windowsRun);
    chunks.push((s1.chunksRun ?? 0) - (s0.chunksRun ?? 0));
  }
  // Typing: keystrokes on one line after the first edit there (its chunk's windows are in the cache now).
  const typing: number[] = [];
  const typingWindows: number[] = [];
  const line = Math.floor(args.lines / 3);
  const word = ' and send it to maren.lindqvist@inbox.io';
  for (let k = 0; k <= word.length; k += 4) {
    doc[line] = `${doc[line]!.replace(/ and send it.*$/, '')}${word.slice(0, k)}`;
    const s0 = engine.stats();
    const t1 = performance.now();
    await engine.detect(doc.join('\n'));
    if (k > 0) {
      typing.push(performance.now() - t1);
      typingWindows.push(engine.stats().windowsRun - s0.windowsRun);
    }
  }
  emit({
    figure: 'incremental-engine-typing',
    lines: args.lines,
    keystrokes: typing.length,
    p50_ms: round(percentile(typing, 50)),
    p95_ms: round(percentile(typing, 95)),
    max_ms: round(Math.max(...typing)),
    windows_rerun_p50: percentile(typingWindows, 50),
    windows_rerun_max: Math.max(...typingWindows),
  });
  emit({
    figure: 'incremental-engine',
    lines: args.lines,
    chars: doc.join('\n').length,
    full_scan_s: round(fullSeconds),
    edits: args.edits,
    p50_ms: round(percentile(times, 50)),
    p95_ms: round(percentile(times, 95)),
    max_ms: round(Math.max(...times)),
    windows_rerun_p50: percentile(windows, 50),
    windows_rerun_max: Math.max(...windows),
    chunks_rerun_max: Math.max(...chunks),
    windows_cached_capacity_note: 'edits land anywhere: a chunk whose windows left the window cache re-runs them all',
  });
  await engine.dispose();
}

/** onnxruntime-node on its own (no engine): model latency at the engine's settings, and a MatMul peak. */
async function ortDirect(args: { models: Array<{ name: string; path: string; inputs: string[] }>; seqs: number[]; reps: number; matmul: { fp32: string; int8: string; m: number; k: number; n: number }; threads: number }): Promise<void> {
  const ort = await import('onnxruntime-node');
  const opts = {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all' as const,
    executionMode: 'sequential' as const,
    intraOpNumThreads: args.threads,
    interOpNumThreads: 1,
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  };
  for (const m of args.models) {
    const s = await ort.InferenceSession.create(m.path, opts);
    for (const seq of args.seqs) {
      const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
      const ids = new BigInt64Array(seq);
      for (let i = 0; i < seq; i++) ids[i] = BigInt(1000 + ((i * 7919) % 20000));
      for (const name of s.inputNames) {
        const data = name === 'input_ids' ? ids : name === 'attention_mask' ? new BigInt64Array(seq).fill(1n) : new BigInt64Array(seq).fill(1n);
        feeds[name] = new ort.Tensor('int64', data, [1, seq]);
      }
      for (let i = 0; i < 3; i++) await s.run(feeds);
      const xs: number[] = [];
      for (let i = 0; i < args.reps; i++) {
        const t0 = performance.now();
        await s.run(feeds);
        xs.push(performance.now() - t0);
      }
      emit({ figure: 'ort-latency', model: m.name, seq, threads: args.threads, n: xs.length, p50_ms: round(percentile(xs, 50)), p95_ms: round(percentile(xs, 95)) });
    }
    await s.release();
  }
  const { m, k, n } = args.matmul;
  for (const [precision, path] of [['fp32', args.matmul.fp32], ['int8', args.matmul.int8]] as const) {
    const s = await ort.InferenceSession.create(path, opts);
    const x = new Float32Array(m * k);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i) * 0.5;
    const feeds = { x: new ort.Tensor('float32', x, [m, k]) };
    for (let i = 0; i < 5; i++) await s.run(feeds);
    const xs: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      await s.run(feeds);
      xs.push(performance.now() - t0);
    }
    const flops = 2 * m * k * n;
    // The best run is the peak: the machine is shared, and the slower runs measure the neighbours.
    emit({ figure: 'matmul-peak', precision, shape: `${m}x${k}x${n}`, threads: args.threads, min_ms: round(Math.min(...xs), 3), p50_ms: round(percentile(xs, 50), 3), gflops_peak: round(flops / Math.min(...xs) / 1e6, 1), gflops_p50: round(flops / percentile(xs, 50) / 1e6, 1) });
    await s.release();
  }
}

const TASKS: Record<string, (args: never) => Promise<void>> = {
  latency,
  throughput,
  oursOnTexts,
  transformersOnTexts,
  incremental,
  ortDirect,
};

if (require.main === module) {
  const [task, json] = process.argv.slice(2);
  const fn = task ? TASKS[task] : undefined;
  if (!fn) {
    process.stderr.write(`unknown task ${task}\n`);
    process.exit(2);
  }
  fn(JSON.parse(json ?? '{}') as never).then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`bench task ${task} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
