/**
 * `npm pack` ships the CLI and nothing else (the file list, without building or any network), and
 * the pre-commit framework's manifest names commands that exist.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

describe('packaging', () => {
  test('npm pack: bin, the CLI bundle and worker, the built-in model, README, LICENSE; no sources or tests', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    const files = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path).sort();
    for (const need of ['bin/pii-lint.js', 'dist/cli.js', 'dist/worker.js', 'models/pii-lint-mini/config.json', 'models/pii-lint-mini/tokenizer.json', 'package.json', 'README.md', 'LICENSE']) {
      assert.ok(files.includes(need), `${need} in ${files.join(', ')}`);
    }
    assert.ok(files.some((f) => /^models\/pii-lint-mini\/.+\.onnx$/.test(f)), 'the model weights');
    for (const f of files) assert.ok(!/^(?:server|client|test|scripts|models\/training)\/|\.map$/.test(f), `${f} should not ship`);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    assert.equal(pkg.bin['pii-lint'], 'bin/pii-lint.js');
    assert.match(pkg.scripts.prepack ?? '', /build/, 'the tarball is built from the sources it is packed from');
  });

  test('.pre-commit-hooks.yaml: a pre-commit and a commit-msg hook running pii-lint scan', () => {
    const text = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    const ids = [...text.matchAll(/^- id: (\S+)/gm)].map((m) => m[1]);
    assert.deepEqual(ids, ['pii-lint', 'pii-lint-commit-msg']);
    assert.match(text, /entry: pii-lint scan\n/);
    assert.match(text, /entry: pii-lint scan --commit-msg\n[\s\S]*stages: \[commit-msg\]/);
    assert.equal((text.match(/language: node/g) ?? []).length, 2);
  });
});
