/**
 * The models the bench compares, prepared under models/training/work/bench/ (gitignored, never
 * committed): the built-in model; random-weights Hugging Face-shaped exports of the reference
 * model's exact size (DistilBERT: 6 layers, 768 wide, 12 heads, FFN 3072, 512 positions, vocab
 * 30522), FP32 and INT8, and of the built-in model's size; each laid out twice, as an engine model
 * folder and as a hub repository for transformers.js (config.json, tokenizer.json,
 * tokenizer_config.json, onnx/model_quantized.onnx); and single-MatMul graphs for the CPU's peak.
 * Generating needs a Python with torch and onnx: the training venv (models/training/setup-venv.sh)
 * where it exists, else /usr/bin/python3 (Debian python3-torch, python3-onnx). Model v1 (the
 * from-scratch 4 × 256 model that v2 replaced) comes from git history, to measure the two side by side.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const WORK = join(ROOT, 'models', 'training', 'work', 'bench');
export const BUILTIN = join(ROOT, 'models', 'pii-lint-mini');
const VENV_PYTHON = join(ROOT, 'models', 'training', '.venv', 'bin', 'python');
const PYTHON = existsSync(VENV_PYTHON) ? VENV_PYTHON : '/usr/bin/python3';
/** The last commit that shipped model v1. */
const V1_COMMIT = '30bb7bb';

export interface Shape {
  layers: number;
  hidden: number;
  heads: number;
  ffn: number;
}

/** The reference model's shape, and the built-in model's (for a transformers.js run at its size). */
export const REF_SHAPE: Shape = { layers: 6, hidden: 768, heads: 12, ffn: 3072 };
export const MINI_SHAPE: Shape = { layers: 6, hidden: 384, heads: 12, ffn: 1536 };

/** Model v1's folder, written once from git history (undefined where the clone lacks that commit). */
export function prepareV1(): string | undefined {
  const dir = join(WORK, 'v1');
  const files = ['config.json', 'lexicon.json', 'model.int8.onnx', 'tokenizer.json'];
  if (files.every((f) => existsSync(join(dir, f)))) return dir;
  mkdirSync(dir, { recursive: true });
  for (const f of files) {
    const r = spawnSync('git', ['show', `${V1_COMMIT}:models/pii-lint-mini/${f}`], { cwd: ROOT, maxBuffer: 64 << 20 });
    if (r.status !== 0) return undefined;
    writeFileSync(join(dir, f), r.stdout);
  }
  return dir;
}

export interface PreparedFamily {
  /** Engine folders (config.json, tokenizer.json, one ONNX file). */
  fp32: string;
  int8: string;
  /** transformers.js: localModelPath and model id (a hub-style folder holding the INT8 file). */
  hubRoot: string;
  hubId: string;
  seconds: { generate: number; quantize: number };
}

function run(cmd: string, args: string[], what: string): number {
  const t0 = Date.now();
  process.stderr.write(`bench: ${what}…\n`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${what} failed (${cmd} ${args.join(' ')}): ${(r.stderr ?? '').slice(-2000)}`);
  return (Date.now() - t0) / 1000;
}

function link(target: string, path: string): void {
  rmSync(path, { force: true });
  symlinkSync(relative(join(path, '..'), target), path);
}

function engineFolder(dir: string, src: string, onnx: string): void {
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(src, 'config.json'), join(dir, 'config.json'));
  copyFileSync(join(src, 'tokenizer.json'), join(dir, 'tokenizer.json'));
  link(join(src, onnx), join(dir, 'model.onnx'));
}

/** A random-weights HF-shaped family of `shape`, generated once (FP32 export, then its INT8 copy). */
export function prepareFamily(name: string, shape: Shape): PreparedFamily {
  const src = join(WORK, name);
  const seconds = { generate: 0, quantize: 0 };
  if (!existsSync(join(src, 'model.onnx'))) {
    seconds.generate = run(
      PYTHON,
      ['models/training/make_random_hf_model.py', src, '--layers', String(shape.layers), '--hidden', String(shape.hidden), '--heads', String(shape.heads), '--ffn', String(shape.ffn)],
      `generating the ${name} model (random weights)`,
    );
  }
  if (!existsSync(join(src, 'model.int8.onnx'))) {
    seconds.quantize = run(PYTHON, ['models/training/quantize.py', join(src, 'model.onnx'), join(src, 'model.int8.onnx')], `quantizing ${name} to INT8`);
  }
  const fp32 = join(WORK, `${name}-fp32`);
  const int8 = join(WORK, `${name}-int8`);
  engineFolder(fp32, src, 'model.onnx');
  engineFolder(int8, src, 'model.int8.onnx');
  const hubId = `${name}-hub`;
  const hub = join(WORK, hubId);
  mkdirSync(join(hub, 'onnx'), { recursive: true });
  copyFileSync(join(src, 'config.json'), join(hub, 'config.json'));
  copyFileSync(join(src, 'tokenizer.json'), join(hub, 'tokenizer.json'));
  writeFileSync(
    join(hub, 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'DistilBertTokenizer', model_max_length: 512, do_lower_case: true, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]' }),
  );
  link(join(src, 'model.int8.onnx'), join(hub, 'onnx', 'model_quantized.onnx'));
  return { fp32, int8, hubRoot: WORK, hubId, seconds };
}

export const MATMUL = { m: 128, k: 768, n: 3072 };

/** x[M,K] · W[K,N] as a one-node ONNX graph (FP32), and its INT8 copy by the same quantizer the models use. */
export function prepareMatmul(): { fp32: string; int8: string } {
  const dir = join(WORK, 'matmul');
  const fp32 = join(dir, 'matmul.onnx');
  const int8 = join(dir, 'matmul.int8.onnx');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(fp32)) {
    const script = [
      'import sys, numpy as np, onnx',
      'from onnx import helper, TensorProto, numpy_helper',
      `k, n = ${MATMUL.k}, ${MATMUL.n}`,
      'w = (np.random.RandomState(0).randn(k, n) * 0.02).astype(np.float32)',
      "g = helper.make_graph([helper.make_node('MatMul', ['x', 'w'], ['y'])], 'mm',",
      "  [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['m', k])], [helper.make_tensor_value_info('y', TensorProto.FLOAT, ['m', n])],",
      "  [numpy_helper.from_array(w, 'w')])",
      "m = helper.make_model(g, opset_imports=[helper.make_opsetid('', 17)]); m.ir_version = 8",
      'onnx.save(m, sys.argv[1])',
    ].join('\n');
    run(PYTHON, ['-c', script, fp32], 'writing the MatMul peak graph');
  }
  if (!existsSync(int8)) run(PYTHON, ['models/training/quantize.py', fp32, int8], 'quantizing the MatMul peak graph');
  return { fp32, int8 };
}

interface ConfigJson {
  hidden_size?: number;
  dim?: number;
  num_hidden_layers?: number;
  n_layers?: number;
  intermediate_size?: number;
  hidden_dim?: number;
  embedding_size?: number;
  id2label?: Record<string, string>;
  pii_lint?: { lex_count?: number; inputs?: string[] };
}

/**
 * Multiply-add FLOPs (×2) of one forward pass over `seq` positions, from config.json: per layer the
 * four attention projections and the two FFN matrices (2·seq·(4h² + 2h·ffn)) plus the two attention
 * products (4·seq²·h), the classifier (2·seq·h·labels), and for the built-in model its embedding
 * projection and lexicon features. LayerNorm, softmax and GELU are left out (a few percent).
 */
export function forwardFlops(modelDir: string, seq: number): number {
  const c = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8')) as ConfigJson;
  const h = c.hidden_size ?? c.dim ?? 768;
  const layers = c.num_hidden_layers ?? c.n_layers ?? 6;
  const ffn = c.intermediate_size ?? c.hidden_dim ?? 4 * h;
  const labels = Object.keys(c.id2label ?? {}).length;
  let f = layers * (2 * seq * (4 * h * h + 2 * h * ffn) + 4 * seq * seq * h) + 2 * seq * h * labels;
  if (c.embedding_size && c.embedding_size !== h) f += 2 * seq * c.embedding_size * h;
  if (c.pii_lint?.lex_count) f += 2 * seq * Math.ceil(Math.log2(c.pii_lint.lex_count)) * h;
  return f;
}
