/**
 * Model folder loading (the contract in architecture.md): config.json with id2label,
 * tokenizer.json (WordPiece), and one ONNX file. Everything is checked up front so a missing or
 * corrupt folder fails with a message naming the file, never halfway through a scan.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ModelLoadError } from '../errors';
import { Lexicon, type LexiconFile } from '../features';
import { entityClass } from '../labels';
import { BertTokenizer } from '../tokenize';

/** Preferred first: INT8 files, then FP32; `onnx/` is where Hugging Face exports put them. */
const ONNX_CANDIDATES = [
  'model.int8.onnx',
  'model_quantized.onnx',
  'onnx/model_quantized.onnx',
  'onnx/model_int8.onnx',
  'model.onnx',
  'onnx/model.onnx',
];

export interface ModelConfigJson {
  id2label?: Record<string, string>;
  max_position_embeddings?: number;
  model_type?: string;
  _name_or_path?: string;
  pii_lint?: {
    inputs?: string[];
    lexicon?: string;
    /** Longest window (incl. [CLS]/[SEP]) the model was trained on. */
    max_window?: number;
    /** Per-class score thresholds chosen on dev data (models/training/tune_thresholds.py). */
    thresholds?: Record<string, number>;
    default_threshold?: number;
  };
}

export interface LoadedModel {
  dir: string;
  name: string;
  onnxPath: string;
  /** Tag per output index, e.g. "B-EMAIL". */
  labels: string[];
  tokenizer: BertTokenizer;
  lexicon: Lexicon | null;
  /** Window length in tokens including [CLS] and [SEP]. */
  maxWindow: number;
  /** Score a finding of a class must reach to be reported (before user policy). */
  threshold: (label: string) => number;
}

/** Hugging Face exports carry no thresholds: report what the model is more sure of than not. */
const DEFAULT_THRESHOLD = 0.5;

function readJson<T>(path: string): T {
  if (!existsSync(path)) throw new ModelLoadError(`model folder is missing ${basename(path)} (${path})`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new ModelLoadError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

export function findOnnxFile(dir: string): string | null {
  for (const c of ONNX_CANDIDATES) {
    const p = join(dir, c);
    if (existsSync(p)) return p;
  }
  return null;
}

export function loadModelFolder(dirArg: string, onnxOverride?: string): LoadedModel {
  const dir = resolve(dirArg);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ModelLoadError(`model folder not found: ${dir}`);
  const config = readJson<ModelConfigJson>(join(dir, 'config.json'));
  if (!config.id2label || typeof config.id2label !== 'object') {
    throw new ModelLoadError(`${join(dir, 'config.json')} has no id2label: not a token-classification model`);
  }
  const n = Object.keys(config.id2label).length;
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const tag = config.id2label[String(i)];
    if (typeof tag !== 'string') throw new ModelLoadError(`${join(dir, 'config.json')}: id2label lacks index ${i}`);
    labels.push(tag);
  }
  const tokJson = readJson<object>(join(dir, 'tokenizer.json'));
  let tokenizer: BertTokenizer;
  try {
    tokenizer = new BertTokenizer(tokJson);
  } catch (e) {
    throw new ModelLoadError(`${join(dir, 'tokenizer.json')}: ${(e as Error).message}`);
  }
  const onnxPath = onnxOverride ?? findOnnxFile(dir);
  if (!onnxPath) throw new ModelLoadError(`model folder has no ONNX file (looked for ${ONNX_CANDIDATES.join(', ')}) in ${dir}`);
  let lexicon: Lexicon | null = null;
  const lexName = config.pii_lint?.lexicon;
  if (lexName) lexicon = new Lexicon(readJson<LexiconFile>(join(dir, lexName)));
  const maxPos = config.max_position_embeddings ?? 512;
  const maxWindow = Math.min(maxPos, config.pii_lint?.max_window ?? 512);
  const thresholds = config.pii_lint?.thresholds ?? {};
  const fallback = config.pii_lint?.default_threshold ?? DEFAULT_THRESHOLD;
  const threshold = (label: string): number => thresholds[label] ?? fallback;
  return { dir, name: config._name_or_path || basename(dir), onnxPath, labels, tokenizer, lexicon, maxWindow, threshold };
}

/** Entity classes a tag list can produce, e.g. ["EMAIL", "FIRSTNAME", ...]. */
export function classesOf(labels: string[]): string[] {
  return [...new Set(labels.filter((l) => l !== 'O').map(entityClass))];
}
