#!/usr/bin/env node
// Scores the CLI's `detect --jsonl` on the external evaluation sets in ../shared/eval with their
// own scorer. Measurement only: nothing here feeds training.
//   node scripts/eval-external.mjs [--model DIR] [--min-score X] [--out DIR]
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(import.meta.dirname, '..');
const evalDir = resolve(root, '..', 'shared', 'eval');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const out = resolve(opt('--out', join(root, 'models', 'training', 'work', 'eval')));
mkdirSync(out, { recursive: true });
if (!existsSync(evalDir)) {
  console.error(`no evaluation data at ${evalDir}`);
  process.exit(2);
}
const cliArgs = ['detect', '--jsonl'];
if (opt('--model')) cliArgs.push('--model', opt('--model'));
if (opt('--min-score')) cliArgs.push('--min-score', opt('--min-score'));

const pairs = [];
for (const f of readdirSync(evalDir).filter((n) => n.endsWith('.jsonl')).sort()) {
  const gold = join(evalDir, f);
  const pred = join(out, f.replace('.jsonl', '.pred.jsonl'));
  const t0 = Date.now();
  const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), ...cliArgs], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdout.pipe(createWriteStream(pred));
  let chars = 0;
  for await (const line of createInterface({ input: createReadStream(gold) })) {
    if (!line.trim()) continue;
    const d = JSON.parse(line);
    chars += d.text.length;
    if (!child.stdin.write(JSON.stringify({ id: d.id, text: d.text }) + '\n')) await new Promise((r) => child.stdin.once('drain', r));
  }
  child.stdin.end();
  const code = await new Promise((r) => child.on('close', r));
  if (code !== 0) {
    console.error(`detect failed on ${f} (exit ${code})`);
    process.exit(2);
  }
  console.error(`${f}: ${chars} chars in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  pairs.push(gold, pred);
}
const py = spawnSync('python3', [join(evalDir, 'score.py'), '--json', join(out, 'summary.json'), ...pairs], { stdio: 'inherit' });
process.exit(py.status ?? 2);
