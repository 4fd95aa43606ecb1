// FP32 <-> INT8 agreement check with the runtime the extension uses (onnxruntime-node).
//
//   node models/training/check-quant.mjs FP32.onnx INT8.onnx ENCODED.jsonl [--n 300] [--json OUT.json]
//
// ENCODED.jsonl is encode.ts output (rows {ids, shape, lex, labels, split}); rows with split "test"
// (held-out templates) are used first. Feeds only the inputs each model declares, so Hugging Face
// exports (input_ids/attention_mask only) work too. Reports argmax agreement over real tokens
// (not [CLS]/[SEP]/padding), agreement on tokens either model tags as an entity, max |logit diff|,
// file sizes, and mean latency per row.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import ort from 'onnxruntime-node';

const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : def;
};
const [fp32Path, int8Path, dataPath] = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1].startsWith('--')));
if (!fp32Path || !int8Path || !dataPath) {
  console.error('usage: check-quant.mjs FP32.onnx INT8.onnx ENCODED.jsonl [--n 300] [--json OUT.json]');
  process.exit(2);
}
const N = Number(opt('--n', 300));

const rows = readFileSync(dataPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const pickRows = [...rows.filter((r) => r.split === 'test'), ...rows.filter((r) => r.split !== 'test')].slice(0, N);

const sessOpts = { intraOpNumThreads: 1, graphOptimizationLevel: 'all' };
const fp32 = await ort.InferenceSession.create(fp32Path, sessOpts);
const int8 = await ort.InferenceSession.create(int8Path, sessOpts);

function feeds(session, r) {
  const n = r.ids.length;
  const t = (arr) => new ort.Tensor('int64', BigInt64Array.from(arr.map(BigInt)), [1, n]);
  const all = { input_ids: t(r.ids), attention_mask: t(r.ids.map(() => 1)), shape_ids: t(r.shape ?? r.ids.map(() => 0)), lex_ids: t(r.lex ?? r.ids.map(() => 0)), token_type_ids: t(r.ids.map(() => 0)) };
  const out = {};
  for (const name of session.inputNames) {
    if (!(name in all)) throw new Error(`model input ${name} not supported by this check`);
    out[name] = all[name];
  }
  return out;
}

function argmaxRows(data, n, k) {
  const out = [];
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (data[i * k + j] > data[i * k + best]) best = j;
    out.push(best);
  }
  return out;
}

let agree = 0;
let total = 0;
let entAgree = 0;
let entTotal = 0;
let maxDiff = 0;
let tFp = 0;
let tQ = 0;
for (const r of pickRows) {
  let t0 = performance.now();
  const a = (await fp32.run(feeds(fp32, r)))[fp32.outputNames[0]];
  tFp += performance.now() - t0;
  t0 = performance.now();
  const b = (await int8.run(feeds(int8, r)))[int8.outputNames[0]];
  tQ += performance.now() - t0;
  const [, n, k] = a.dims;
  const pa = argmaxRows(a.data, n, k);
  const pb = argmaxRows(b.data, n, k);
  for (let i = 1; i < n - 1; i++) {
    total++;
    if (pa[i] === pb[i]) agree++;
    if (pa[i] !== 0 || pb[i] !== 0) {
      entTotal++;
      if (pa[i] === pb[i]) entAgree++;
    }
  }
  for (let i = 0; i < a.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a.data[i] - b.data[i]));
}
const mb = (p) => statSync(p).size / 1e6;
const result = {
  rows: pickRows.length,
  tokens: total,
  argmax_agreement: agree / total,
  entity_token_agreement: entAgree / Math.max(1, entTotal),
  max_abs_logit_diff: maxDiff,
  fp32_mb: mb(fp32Path),
  int8_mb: mb(int8Path),
  fp32_ms_per_row: tFp / pickRows.length,
  int8_ms_per_row: tQ / pickRows.length,
};
console.log(JSON.stringify(result, null, 1));
if (opt('--json')) writeFileSync(opt('--json'), JSON.stringify(result, null, 1) + '\n');
const minAgreement = Number(opt('--min-agreement', '0.995'));
if (result.argmax_agreement < minAgreement) {
  console.error(`argmax agreement ${(result.argmax_agreement * 100).toFixed(2)}% is below the ${(minAgreement * 100).toFixed(1)}% target`);
  process.exitCode = 1;
}
