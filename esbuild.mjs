// Bundles the CLI, the language server, its inference worker and the VS Code client.
// onnxruntime-node ships native binaries, so it stays an external node_module.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const entries = [
  { in: 'server/src/cli/main.ts', out: 'cli' },
  { in: 'server/src/engine/worker.ts', out: 'worker' },
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

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
