#!/usr/bin/env node
/**
 * `npm test`'s runner: node's test runner over the given files with the suite's preloads, and one
 * network-guard log for every process of the run. The runner's own process does not run `--import`
 * preloads, only each test file's process does, so a log created there would be per file and the
 * last file's check (test/zz-final/network-guard.test.ts) would see its own process only. The log is
 * made here, before any of them, and every process inherits its path.
 *
 *   node test/setup/run.mjs [node --test options] FILES...
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'pii-lint-netguard-'));
const preloads = ['./test/setup/temp-root.mjs', './test/setup/no-network.mjs', 'tsx'].flatMap((m) => ['--import', m]);
const r = spawnSync(process.execPath, [...preloads, '--test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, PII_LINT_NET_GUARD_LOG: join(dir, 'violations.log') },
});
rmSync(dir, { recursive: true, force: true });
if (r.error) throw r.error;
process.exit(r.status ?? 1);
