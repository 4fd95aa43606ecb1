/**
 * `pii-lint detect --jsonl`: raw detections for a stream of texts, one output line per input line,
 * in input order. Lines are batched through engine.detectMany while the engine is busy, and sent
 * on as soon as it is free, so a producer that waits for each answer is not kept waiting for a
 * batch to fill.
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Engine } from '../../engine/engine';
import type { Entity } from '../../engine/types';
import type { DetectArgs } from '../args';
import { ConfigResolver, LazyEngine, notice } from '../session';

/** Input lines held in memory before reading stdin pauses (backpressure). */
const MAX_QUEUED = 4096;

type Parsed = { ok: true; id: unknown; text: string } | { ok: false; id: unknown; error: string };

/** Errors say what is wrong with a line, never what the line contains. */
export function parseInputLine(line: string, lineNo: number): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, id: null, error: `line ${lineNo}: not valid JSON` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, id: null, error: `line ${lineNo}: expected an object {"id", "text"}` };
  }
  const obj = value as Record<string, unknown>;
  const id = obj.id ?? null;
  if (typeof obj.text !== 'string') return { ok: false, id, error: `line ${lineNo}: "text" must be a string` };
  return { ok: true, id, text: obj.text };
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

function write(line: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    process.stdout.write(line, (err) => (err ? reject(err) : resolvePromise()));
  });
}

export async function runDetect(args: DetectArgs): Promise<number> {
  const cwd = process.cwd();
  const modelDir = args.model !== undefined ? resolve(cwd, args.model) : new ConfigResolver(args.config).forDir(cwd).modelDir;
  const lazy = new LazyEngine(modelDir);
  let engine: Engine;
  try {
    // Loaded up front: a bad model is an immediate exit 2, not an error per line.
    engine = await lazy.get();
  } catch (e) {
    await lazy.dispose();
    throw e;
  }

  const queue: Array<{ lineNo: number; line: string }> = [];
  let ended = false;
  let wake: (() => void) | null = null;
  let lineNo = 0;
  let errors = 0;
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    lineNo++;
    if (line.trim() === '') return;
    queue.push({ lineNo, line });
    if (queue.length >= MAX_QUEUED) rl.pause();
    wake?.();
  });
  rl.on('close', () => {
    ended = true;
    wake?.();
  });

  try {
    for (;;) {
      if (queue.length === 0) {
        if (ended) break;
        await new Promise<void>((r) => (wake = r));
        wake = null;
        continue;
      }
      const batch = queue.splice(0, args.batchSize);
      if (queue.length < MAX_QUEUED / 2) rl.resume();
      const parsed = batch.map((b) => parseInputLine(b.line, b.lineNo));
      const texts = parsed.flatMap((p) => (p.ok ? [p.text] : []));
      // --min-score asks for raw scores (threshold tuning); otherwise the model's thresholds apply.
      const raw = args.minScore !== undefined;
      const results = texts.length > 0 ? await engine.detectMany(texts, { allScores: raw }) : [];
      let k = 0;
      let out = '';
      for (const p of parsed) {
        if (!p.ok) {
          errors++;
          notice(p.error);
          out += `${JSON.stringify({ id: p.id, error: p.error })}\n`;
          continue;
        }
        const entities: Entity[] = (results[k++] ?? [])
          .filter((f) => !raw || f.score >= (args.minScore ?? 0))
          .map((f) => ({ start: f.start, end: f.end, label: f.label, ...(f.kind ? { kind: f.kind } : {}), score: round(f.score) }));
        out += `${JSON.stringify({ id: p.id, entities })}\n`;
      }
      await write(out);
    }
  } finally {
    rl.close();
    await lazy.dispose();
  }
  return errors > 0 ? 2 : 0;
}
