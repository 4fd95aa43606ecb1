// Bundles the CLI, the language server, its inference worker and the VS Code client.
// onnxruntime-node ships native binaries, so it stays an external node_module.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const entries = [
  { in: 'server/src/cli/main.ts', out: 'cli' },
  { in: 'server/src/engine/model/worker.ts', out: 'worker' },
  { in: 'server/src/main.ts', out: 'server' },
  { in: 'client/src/extension.ts', out: 'client' },
].filter((e) => existsSync(e.in));

const options = {
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  external: ['vscode', 'onnxruntime-node'],
  logLevel: 'info',
};

// The editor tests: the mocha suite that runs inside the extension host (dist/test/e2e/index.js +
// suite/*.test.js) and its two runners. Never shipped (.vscodeignore); mocha, playwright-core and
// @vscode/test-electron stay in node_modules.
const e2eSuites = existsSync('test/e2e/suite')
  ? readdirSync('test/e2e/suite')
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => ({ in: `test/e2e/suite/${f}`, out: `test/e2e/suite/${f.slice(0, -3)}` }))
  : [];
const e2eEntries = [
  { in: 'test/e2e/index.ts', out: 'test/e2e/index' },
  { in: 'test/e2e/runCodeServer.ts', out: 'test/e2e/runCodeServer' },
  { in: 'test/e2e/runElectron.ts', out: 'test/e2e/runElectron' },
  ...e2eSuites,
].filter((e) => existsSync(e.in));
const e2eOptions = {
  ...options,
  entryPoints: e2eEntries,
  sourcemap: true,
  minify: false,
  external: ['vscode', 'onnxruntime-node', 'mocha', 'playwright-core', '@vscode/test-electron'],
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
  if (e2eEntries.length > 0) await esbuild.build(e2eOptions);
}
