/**
 * One temp folder per test file (`npm test` preloads this before no-network.mjs into each test
 * file's process): it points TMPDIR/TMP/TEMP at a fresh folder, every process the test starts
 * inherits it, and the folder is deleted when the test file's process ends — so nothing is left in
 * the system's temp folder, even by a test that crashed or a tool that never cleans up. Folders a
 * test left behind are named on stderr and fail that file: each test must remove what it made.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ENV = 'PII_LINT_TEST_TMP';
/** Made by the setup itself or by tools (tsx's compile cache), and removed with the folder. */
const OWN = /^(pii-lint-netguard-|tsx-)/;

if (!process.env[ENV]) {
  const root = mkdtempSync(join(tmpdir(), 'pii-lint-test-run-'));
  process.env[ENV] = root;
  for (const key of ['TMPDIR', 'TMP', 'TEMP']) process.env[key] = root;
  process.on('exit', (code) => {
    let left = [];
    try {
      left = readdirSync(root).filter((name) => !OWN.test(name));
    } catch {
      // already gone
    }
    rmSync(root, { recursive: true, force: true });
    if (left.length > 0) {
      const kinds = [...new Set(left.map((name) => name.replace(/[-_.]?[A-Za-z0-9]{6}$/, '-*')))];
      process.stderr.write(`test: ${left.length} temp folder${left.length === 1 ? '' : 's'} left behind (${kinds.join(', ')}); a test must remove what it creates\n`);
      if (code === 0) process.exitCode = 1;
    }
  });
}
