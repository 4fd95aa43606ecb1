/**
 * `npm run bench`: PII Lint's performance figures, one JSON line each (with the machine's core
 * count), then a summary table against the targets of issue 5. Compared things are measured side
 * by side in this one run (interleaved where they share a process, alternated where they can't),
 * because the machine is shared and absolute numbers drift; quote the ratios.
 *
 *   npm run bench                  everything (a few minutes on 2 cores)
 *   npm run bench -- --quick       fewer repetitions (a smoke test of the harness)
 *   npm run bench -- --only=server the language-server figures only
 *
 * The transformers.js comparison runs only where it is installed (it is not a dependency: it
 * brings a second onnxruntime-node): `npm install --no-save @huggingface/transformers@^4.3.2`.
 *
 * Models are prepared under models/training/work/bench/ (gitignored) on first use; see models.ts.
 * Nothing here prints document text or detected values: only counts, sizes and times.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { DEBOUNCE_MS } from '../../server/src/diagnostics';
import { TestClient } from '../lsp/harness';
import { corpusLines, mixedDocument, sparseProse } from './corpus';
import { BUILTIN, forwardFlops, MATMUL, MINI_SHAPE, prepareFamily, prepareMatmul, prepareV1, REF_SHAPE, ROOT } from './models';
import { makeInputs, percentile, TRANSFORMERS_JS } from './tasks';

const QUICK = process.argv.includes('--quick');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const CORES = availableParallelism();
const HAVE_TRANSFORMERS_JS = ((): boolean => {
  try {
    createRequire(join(ROOT, 'package.json')).resolve(TRANSFORMERS_JS);
    return true;
  } catch {
    return false;
  }
})();
const figures: Array<Record<string, unknown>> = [];

function record(f: Record<string, unknown>): Record<string, unknown> {
  const line = { ...f, cores: CORES };
  figures.push(line);
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return line;
}

const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

/** Runs a tasks.ts task in a fresh process; its `@@` lines become figures. */
function task(name: string, args: unknown): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'tasks.ts'), name, JSON.stringify(args)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`task ${name} exited ${code}: ${err.slice(-3000)}`));
      const got = out
        .split('\n')
        .filter((l) => l.startsWith('@@ '))
        .map((l) => record(JSON.parse(l.slice(3)) as Record<string, unknown>));
      resolve(got);
    });
  });
}

function find(pred: (f: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
  return figures.find(pred);
}
function num(f: Record<string, unknown> | undefined, key: string): number {
  const v = f?.[key];
  return typeof v === 'number' ? v : NaN;
}

// ---------------------------------------------------------------------------------------------
// Through the real language server (dist/server.js over stdio), as an editor drives it

function rssOf(pid: number): { rss_mb: number; peak_rss_mb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss_mb: round(kb('VmRSS') / 1024, 1), peak_rss_mb: round(kb('VmHWM') / 1024, 1) };
}

async function idle(client: TestClient, uri: string, version: number, timeoutMs = 300_000): Promise<void> {
  await client.until(
    () => client.diagnostics.get(uri)?.version === version && client.lastStatus?.state !== 'scanning' && client.lastStatus?.state !== 'loading',
    `scan of v${version}`,
    timeoutMs,
  );
}

/** An editor's one-line edit: an incremental change of that line only. */
function editLine(client: TestClient, uri: string, line: number, newLine: string): number {
  const doc = client.docs.get(uri)!;
  const lines = doc.text.split('\n');
  const old = lines[line]!;
  lines[line] = newLine;
  doc.text = lines.join('\n');
  doc.version++;
  void client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: doc.version },
    contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: old.length } }, text: newLine }],
  });
  return doc.version;
}

async function serverFigures(): Promise<void> {
  // Cold start: process start -> model loaded -> first findings of a small document.
  const t0 = performance.now();
  const client = await TestClient.start({ trace: 'off' });
  try {
    const small = client.fileUri('cold.md');
    client.open(small, 'markdown', 'Ask Priya Castellanos, priya.castellanos7@postbox.net, about the invoice.\n');
    await client.until(() => (client.diagnostics.get(small)?.diagnostics.length ?? 0) > 0, 'first findings', 60_000);
    record({ figure: 'cold-start-server', ms: Math.round(performance.now() - t0), ...rssOf(client.child.pid!) });

    // 100 KB document, scanned in full (no cache can help: its text is new).
    const k100 = client.fileUri('100k.md');
    const text100 = mixedDocument(100_000, 41);
    const t1 = performance.now();
    client.open(k100, 'markdown', text100);
    await idle(client, k100, 1);
    record({ figure: 'scan-100kb', bytes: Buffer.byteLength(text100), ms: Math.round(performance.now() - t1), findings: client.diagnostics.get(k100)!.diagnostics.length });

    record({ figure: 'rss-after-scan', after: 'scan-100kb', ...rssOf(client.child.pid!) });

    // A one-line edit in a 10,000-line document: didChange -> diagnostics of the new version. Dense:
    // personal data in a third of the lines (thousands of diagnostics to publish on every edit);
    // sparse: in one line in a hundred.
    for (const [density, source] of [
      ['dense', corpusLines('prose', 10_000, 43)],
      ['sparse', sparseProse(10_000, 100, 43)],
    ] as const) {
      const big = client.fileUri(`10k-lines-${density}.md`);
      const lines = source.split('\n').slice(0, 10_000);
      client.open(big, 'markdown', lines.join('\n'));
      await idle(client, big, 1);
      const edits: number[] = [];
      for (let i = 0; i < (QUICK ? 3 : 8); i++) {
        const at = 1000 + i * 1061;
        const t2 = performance.now();
        const v = editLine(client, big, at, `${lines[at]} Ping noor.halvorsen${i}@mailhub.io later.`);
        await idle(client, big, v);
        edits.push(performance.now() - t2);
      }
      record({
        figure: 'incremental-server',
        document: density,
        lines: 10_000,
        findings: client.diagnostics.get(big)!.diagnostics.length,
        debounce_ms: DEBOUNCE_MS,
        p50_ms: Math.round(percentile(edits, 50)),
        max_ms: Math.round(Math.max(...edits)),
        p50_after_debounce_ms: Math.round(percentile(edits, 50) - DEBOUNCE_MS),
        max_after_debounce_ms: Math.round(Math.max(...edits) - DEBOUNCE_MS),
      });
      client.close(big);
    }

    // 1 MB document: the first lines' findings first, the rest with progress; hovers meanwhile.
    const mb = client.fileUri('1mb.md');
    const text1m = mixedDocument(990_000, 47);
    const mark = client.published.length;
    const progressMark = client.progress.length;
    const t3 = performance.now();
    client.open(mb, 'markdown', text1m);
    let firstMs = NaN;
    let firstCount = 0;
    void client.until(() => client.published.slice(mark).some((p) => p.uri === mb), 'first publish', 600_000).then(() => {
      firstMs = performance.now() - t3;
      firstCount = client.published.slice(mark).find((p) => p.uri === mb)!.diagnostics.length;
    });
    const hovers: number[] = [];
    let done = false;
    const finished = idle(client, mb, 1, 600_000).then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    while (!done) {
      const h0 = performance.now();
      await client.hover(mb, { line: 3, character: 4 });
      hovers.push(performance.now() - h0);
      await new Promise((r) => setTimeout(r, 100));
    }
    await finished;
    const fullMs = performance.now() - t3;
    const publishes = client.published.slice(mark).filter((p) => p.uri === mb).length;
    record({
      figure: 'scan-1mb',
      bytes: Buffer.byteLength(text1m),
      first_findings_ms: Math.round(firstMs),
      first_findings: firstCount,
      full_ms: Math.round(fullMs),
      findings: client.diagnostics.get(mb)!.diagnostics.length,
      publishes,
      progress_reports: client.progress.length - progressMark,
    });
    record({ figure: 'responsiveness', during: 'scan-1mb', requests: hovers.length, p50_ms: round(percentile(hovers, 50), 1), p95_ms: round(percentile(hovers, 95), 1), max_ms: round(Math.max(...hovers), 1) });
    record({ figure: 'rss-after-scan', after: 'scan-1mb', ...rssOf(client.child.pid!) });
  } finally {
    await client.stop();
  }
}

/** CLI cold start: process start -> model loaded -> first findings (`detect --jsonl`, one line). */
async function cliColdStart(): Promise<void> {
  const xs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'detect', '--jsonl'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'ignore'] });
      child.stdout.once('data', () => {
        xs.push(performance.now() - t0);
        child.stdin.end();
      });
      child.on('exit', (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`cli exited ${code}`))));
      child.stdin.write(`${JSON.stringify({ id: 1, text: 'Call Elias Moreau on +33 1 423 4567.' })}\n`);
    });
  }
  record({ figure: 'cold-start-cli', runs: xs.length, p50_ms: Math.round(percentile(xs, 50)), min_ms: Math.round(Math.min(...xs)) });
}

// ---------------------------------------------------------------------------------------------

interface Row {
  what: string;
  value: string;
  target: string;
  met: string;
}

async function main(): Promise<void> {
  const started = performance.now();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  record({ figure: 'machine', cpu, node: process.version, load_avg_1m: round(Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]), 2) });
  if (spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--version']).status !== 0) throw new Error('dist/cli.js is missing: run `npm run build`');
  if (ONLY === 'server') {
    await serverFigures();
    return;
  }

  const ref = prepareFamily('ref-shaped', REF_SHAPE);
  const mini = prepareFamily('mini-shaped', MINI_SHAPE);
  const matmul = prepareMatmul();
  const v1 = prepareV1();
  if (ref.seconds.generate > 0) record({ figure: 'prepare', model: 'ref-shaped', generate_s: ref.seconds.generate, quantize_s: ref.seconds.quantize });

  // 1. Latency, batch of 1, engine.detect on texts never seen before; the three models interleaved.
  const reps = QUICK ? { b: 20, i: 8, f: 5 } : { b: 120, i: 40, f: 20 };
  await task('latency', {
    threads: 1,
    models: [
      { name: 'builtin-int8', dir: BUILTIN, reps: reps.b },
      ...(v1 ? [{ name: 'v1-int8', dir: v1, reps: reps.b }] : []),
      { name: 'ref-shaped-int8', dir: ref.int8, reps: reps.i },
      { name: 'ref-shaped-fp32', dir: ref.fp32, reps: reps.f },
    ],
  });
  // The same models on onnxruntime-node alone (no tokenizer, decoder or recognizers), and the MatMul peak.
  await task('ortDirect', {
    threads: 1,
    reps: QUICK ? 10 : 30,
    seqs: [32, 128],
    models: [
      { name: 'builtin-int8', path: join(BUILTIN, 'model.int8.onnx') },
      { name: 'ref-shaped-int8', path: join(ref.int8, 'model.onnx') },
      { name: 'ref-shaped-fp32', path: join(ref.fp32, 'model.onnx') },
    ],
    matmul: { ...matmul, ...MATMUL },
  });

  // 2. Throughput over the ~1 MB mixed corpus (built-in), and a 64 KB slice of it for the reference size.
  await task('throughput', { name: 'builtin-int8', dir: BUILTIN, bytes: QUICK ? 200_000 : 1_000_000, threads: 1 });
  if (v1) await task('throughput', { name: 'v1-int8', dir: v1, bytes: QUICK ? 200_000 : 1_000_000, threads: 1 });
  await task('throughput', { name: 'ref-shaped-int8', dir: ref.int8, bytes: QUICK ? 16_000 : 64_000, threads: 1 });

  // 3. The same model, the same texts, through transformers.js' pipeline: alternated runs.
  const dir = mkdtempSync(join(tmpdir(), 'pii-lint-bench-'));
  const families = HAVE_TRANSFORMERS_JS
    ? [
        { name: 'ref-shaped-int8', fam: ref, n: QUICK ? 10 : 40 },
        { name: 'mini-shaped-int8', fam: mini, n: QUICK ? 40 : 200 },
      ]
    : [];
  if (!HAVE_TRANSFORMERS_JS) process.stderr.write(`bench: the transformers.js comparison is skipped (npm install --no-save ${TRANSFORMERS_JS}@^4.3.2 to run it)\n`);
  for (const { name, fam, n } of families) {
    const textsFile = join(dir, `${name}.json`);
    writeFileSync(textsFile, JSON.stringify(makeInputs(fam.int8, n).chunks));
    const rounds = QUICK ? 1 : 3;
    for (let r = 0; r < rounds; r++) {
      await task('oursOnTexts', { name, dir: fam.int8, textsFile, threads: 1, round: r });
      await task('transformersOnTexts', { name, hubRoot: fam.hubRoot, hubId: fam.hubId, textsFile, threads: 1, round: r, tokensDir: fam.int8 });
    }
    await task('transformersOnTexts', { name, hubRoot: fam.hubRoot, hubId: fam.hubId, textsFile, threads: null, round: 0, tokensDir: fam.int8 });
  }

  rmSync(dir, { recursive: true, force: true });

  // 4. Incremental scanning in the engine; then the language server end to end; then the CLI's cold start.
  await task('incremental', { dir: BUILTIN, lines: 10_000, edits: QUICK ? 5 : 20 });
  await serverFigures();
  await cliColdStart();

  // 5. Derived: same-inputs ratios, achieved GFLOP/s against the MatMul peak.
  for (const { name } of families) {
    const best = (impl: string, threads: unknown): number =>
      Math.max(...figures.filter((f) => f.figure === 'same-inputs' && f.impl === impl && f.model === name && f.threads === threads).map((f) => num(f, 'tokens_per_s')));
    const ours = best('pii-lint', 1);
    record({
      figure: 'vs-transformers.js',
      model: name,
      ours_tokens_per_s: ours,
      theirs_tokens_per_s_1thread: best('transformers.js', 1),
      theirs_tokens_per_s_ort_default_threads: best('transformers.js', 'ort-default'),
      ratio_1thread: round(ours / best('transformers.js', 1)),
      ratio_vs_ort_default_threads: round(ours / best('transformers.js', 'ort-default')),
    });
  }
  const peak = (p: string): number => num(find((f) => f.figure === 'matmul-peak' && f.precision === p), 'gflops_peak');
  for (const [name, dirOf, precision] of [
    ['builtin-int8', BUILTIN, 'int8'],
    ['ref-shaped-int8', ref.int8, 'int8'],
    ['ref-shaped-fp32', ref.fp32, 'fp32'],
  ] as const) {
    const flops = forwardFlops(dirOf, 128);
    const engineMs = num(find((f) => f.figure === 'latency' && f.model === name && f.input === 'chunk-128'), 'p50_ms');
    const ortMs = num(find((f) => f.figure === 'ort-latency' && f.model === name && f.seq === 128), 'p50_ms');
    record({
      figure: 'gflops',
      model: name,
      gflop_per_128_window: round(flops / 1e9, 3),
      engine_gflops: round(flops / engineMs / 1e6, 1),
      ort_gflops: round(flops / ortMs / 1e6, 1),
      peak_gflops: peak(precision),
      peak_precision: precision,
      engine_fraction_of_peak: round(flops / engineMs / 1e6 / peak(precision), 3),
    });
  }

  // Summary table.
  const lat = (model: string, input: string): Record<string, unknown> | undefined => find((f) => f.figure === 'latency' && f.model === model && f.input === input);
  const yes = (ok: boolean): string => (ok ? 'yes' : 'NO');
  const rows: Row[] = [];
  const b30 = lat('builtin-int8', 'sentence-30');
  rows.push({ what: 'built-in p50 / p95, 30-token sentence', value: `${num(b30, 'p50_ms')} / ${num(b30, 'p95_ms')} ms`, target: '≤ 5 ms p50', met: yes(num(b30, 'p50_ms') <= 5) });
  const v30 = lat('v1-int8', 'sentence-30');
  if (v30) rows.push({ what: 'model v1 (4 × 256, replaced) p50 / p95, 30-token sentence, same run', value: `${num(v30, 'p50_ms')} / ${num(v30, 'p95_ms')} ms`, target: '—', met: '' });
  const b128 = lat('builtin-int8', 'chunk-128');
  rows.push({ what: 'built-in p50 / p95, 128-token chunk', value: `${num(b128, 'p50_ms')} / ${num(b128, 'p95_ms')} ms`, target: '—', met: '' });
  for (const m of ['ref-shaped-int8', 'ref-shaped-fp32']) {
    const s = lat(m, 'sentence-30');
    const c = lat(m, 'chunk-128');
    rows.push({ what: `${m} p50 sentence / 128 chunk`, value: `${num(s, 'p50_ms')} / ${num(c, 'p50_ms')} ms`, target: 'report (card: 150–200 ms/sentence on 8 cores)', met: '' });
  }
  const tb = find((f) => f.figure === 'throughput' && f.model === 'builtin-int8');
  rows.push({ what: `built-in throughput, ${round(num(tb, 'corpus_bytes') / 1e6, 2)} MB mixed corpus`, value: `${num(tb, 'tokens_per_s')} tokens/s, ${num(tb, 'mb_per_s')} MB/s`, target: '≥ 10,000 tokens/s', met: yes(num(tb, 'tokens_per_s') >= 10_000) });
  const tv1 = find((f) => f.figure === 'throughput' && f.model === 'v1-int8');
  if (tv1) rows.push({ what: 'model v1 throughput, same corpus, same run', value: `${num(tv1, 'tokens_per_s')} tokens/s`, target: '—', met: '' });
  for (const { name } of families) {
    const v = find((f) => f.figure === 'vs-transformers.js' && f.model === name);
    rows.push({ what: `vs transformers.js, ${name}, same texts, 1 thread`, value: `${num(v, 'ratio_1thread')}× (vs ORT-default threads ${num(v, 'ratio_vs_ort_default_threads')}×)`, target: '≥ 2×', met: yes(num(v, 'ratio_1thread') >= 2) });
  }
  const ie = find((f) => f.figure === 'incremental-engine');
  rows.push({ what: 'one-line edit anywhere, 10,000 lines: engine p50 / max', value: `${num(ie, 'p50_ms')} / ${num(ie, 'max_ms')} ms, ${num(ie, 'windows_rerun_p50')}–${num(ie, 'windows_rerun_max')} windows re-run`, target: '≤ 100 ms', met: yes(num(ie, 'p50_ms') <= 100) });
  const it = find((f) => f.figure === 'incremental-engine-typing');
  rows.push({ what: 'typing on one line, 10,000 lines: engine p50 / max', value: `${num(it, 'p50_ms')} / ${num(it, 'max_ms')} ms, ${num(it, 'windows_rerun_p50')}–${num(it, 'windows_rerun_max')} windows re-run`, target: '≤ 100 ms', met: yes(num(it, 'p50_ms') <= 100) });
  for (const density of ['sparse', 'dense']) {
    const is = find((f) => f.figure === 'incremental-server' && f.document === density);
    rows.push({
      what: `one-line edit, 10,000 lines, ${num(is, 'findings')} findings: server didChange -> diagnostics p50`,
      value: `${num(is, 'p50_ms')} ms (${num(is, 'p50_after_debounce_ms')} ms after the ${DEBOUNCE_MS} ms debounce)`,
      target: '≤ 100 ms after debounce',
      met: yes(num(is, 'p50_after_debounce_ms') <= 100),
    });
  }
  const cs = find((f) => f.figure === 'cold-start-server');
  const cc = find((f) => f.figure === 'cold-start-cli');
  rows.push({ what: 'cold start: server spawn -> first findings / CLI detect', value: `${num(cs, 'ms')} / ${num(cc, 'p50_ms')} ms`, target: '≤ 1500 ms', met: yes(num(cs, 'ms') <= 1500) });
  for (const after of ['scan-100kb', 'scan-1mb']) {
    const rss = find((f) => f.figure === 'rss-after-scan' && f.after === after);
    rows.push({ what: `server RSS after the ${after === 'scan-1mb' ? '1 MB' : '100 KB'} scan (peak)`, value: `${num(rss, 'rss_mb')} MB (${num(rss, 'peak_rss_mb')} MB)`, target: '≤ 250 MB', met: yes(num(rss, 'rss_mb') <= 250) });
  }
  const s100 = find((f) => f.figure === 'scan-100kb');
  rows.push({ what: '100 KB document, full scan (server)', value: `${num(s100, 'ms')} ms`, target: '≤ 2000 ms', met: yes(num(s100, 'ms') <= 2000) });
  const s1m = find((f) => f.figure === 'scan-1mb');
  rows.push({ what: '1 MB document: first lines / full (server)', value: `${num(s1m, 'first_findings_ms')} / ${num(s1m, 'full_ms')} ms, ${num(s1m, 'progress_reports')} progress reports`, target: 'first ≤ 1000 ms', met: yes(num(s1m, 'first_findings_ms') <= 1000) });
  const rs = find((f) => f.figure === 'responsiveness');
  rows.push({ what: 'hover during the 1 MB scan p50 / p95 / max', value: `${num(rs, 'p50_ms')} / ${num(rs, 'p95_ms')} / ${num(rs, 'max_ms')} ms (${num(rs, 'requests')} requests)`, target: '≤ 50 ms', met: yes(num(rs, 'p95_ms') <= 50) });
  for (const g of figures.filter((f) => f.figure === 'gflops')) {
    rows.push({ what: `GFLOP/s ${String(g.model)} (engine / ORT alone / ${String(g.peak_precision)} MatMul peak)`, value: `${num(g, 'engine_gflops')} / ${num(g, 'ort_gflops')} / ${num(g, 'peak_gflops')} (${round(num(g, 'engine_fraction_of_peak') * 100, 1)}%)`, target: 'report', met: '' });
  }
  const w = [Math.max(...rows.map((r) => r.what.length)), Math.max(...rows.map((r) => r.value.length)), Math.max(...rows.map((r) => r.target.length))];
  process.stdout.write(`\nPII Lint bench — ${cpu}, ${CORES} cores, Node ${process.version}, ${round((performance.now() - started) / 1000, 0)} s\n\n`);
  process.stdout.write(`| ${'figure'.padEnd(w[0]!)} | ${'value'.padEnd(w[1]!)} | ${'target'.padEnd(w[2]!)} | met |\n`);
  process.stdout.write(`|${'-'.repeat(w[0]! + 2)}|${'-'.repeat(w[1]! + 2)}|${'-'.repeat(w[2]! + 2)}|-----|\n`);
  for (const r of rows) process.stdout.write(`| ${r.what.padEnd(w[0]!)} | ${r.value.padEnd(w[1]!)} | ${r.target.padEnd(w[2]!)} | ${r.met.padEnd(3)} |\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
