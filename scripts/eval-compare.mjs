#!/usr/bin/env node
// Side-by-side detection figures of two models on the external dev sets (../shared/eval):
// model v1 (the from-scratch pii-lint-mini, taken from git history) and the built-in model.
//   node scripts/eval-compare.mjs [--baseline DIR] [--model DIR]
// Measurement only: nothing here feeds training. Each model's thresholds are its own config's.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The last commit that shipped model v1 (pii-lint-mini, trained from scratch).
const V1_COMMIT = '30bb7bb';
const V1_FILES = ['config.json', 'lexicon.json', 'model.int8.onnx', 'tokenizer.json'];

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

function v1FromHistory() {
  const dir = mkdtempSync(join(tmpdir(), 'pii-lint-v1-'));
  for (const f of V1_FILES) {
    const r = spawnSync('git', ['show', `${V1_COMMIT}:models/pii-lint-mini/${f}`], { cwd: root, maxBuffer: 64 << 20 });
    if (r.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      console.error(`eval-compare: model v1 is not in this clone's history (${V1_COMMIT}); pass --baseline DIR`);
      process.exit(2);
    }
    writeFileSync(join(dir, f), r.stdout);
  }
  return dir;
}

const baseline = opt('--baseline') ? resolve(opt('--baseline')) : v1FromHistory();
const models = [
  { name: 'v1', dir: baseline },
  { name: 'built-in', dir: opt('--model') ? resolve(opt('--model')) : undefined },
];
const summaries = [];
for (const m of models) {
  const out = join(root, 'models', 'training', 'work', 'eval-compare', m.name);
  mkdirSync(out, { recursive: true });
  const a = [join(root, 'scripts', 'eval-external.mjs'), '--out', out];
  if (m.dir) a.push('--model', m.dir);
  console.error(`== ${m.name}${m.dir ? ` (${m.dir})` : ''}`);
  const r = spawnSync(process.execPath, a, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 2);
  // score.py writes NaN where a figure has no denominator; JSON has no NaN.
  summaries.push(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8').replace(/\bNaN\b/g, 'null')));
}
if (!opt('--baseline')) rmSync(baseline, { recursive: true, force: true });

const fmt = (x) => (typeof x !== 'number' ? '  -  ' : x.toFixed(3));
const rows = [['set', 'figure', ...models.map((m) => m.name)]];
for (const set of Object.keys(summaries[0])) {
  const fig = set.startsWith('nannigalaxy') ? 'recall_any' : 'F1_iou';
  rows.push([set, fig, ...summaries.map((s) => fmt(s[set]?.[fig]))]);
  for (const cat of ['PERSON', 'LOCATION', 'ORG']) {
    if (set.startsWith('realtext')) rows.push(['', `${cat} F1`, ...summaries.map((s) => fmt(s[set]?.per_category?.[cat]?.F1_iou))]);
  }
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n'));
