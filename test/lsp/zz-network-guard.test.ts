/**
 * Runs last (`npm test` takes the files in name order): the privacy guard that `npm test` preloads
 * into every process it starts (test/setup/no-network.mjs) saw no socket or DNS call during the
 * whole suite — and the guard does block what it should.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GUARD = join(__dirname, '..', 'setup', 'no-network.mjs');
const LOG = process.env.PII_LINT_NET_GUARD_LOG;

test('no process of the test suite used the network', { skip: LOG ? false : 'run through `npm test` (it preloads the guard)' }, () => {
  const violations = existsSync(LOG!) ? readFileSync(LOG!, 'utf8') : '';
  assert.equal(violations, '', `network use during the tests:\n${violations}`);
});

test('the guard blocks outside connections, DNS, HTTP and fetch, and allows loopback', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pii-lint-guard-'));
  try {
    const log = join(dir, 'violations.log');
    const probe = `
      const net = require('node:net'), dns = require('node:dns'), http = require('node:http');
      const out = [];
      const tryIt = (name, fn) => { try { fn(); out.push(name + ':open'); } catch (e) { out.push(name + ':' + e.name); } };
      tryIt('connect', () => net.connect(443, '192.0.2.7').on('error', () => {}));
      tryIt('dns', () => dns.lookup('registry.example', () => {}));
      tryIt('http', () => http.get('http://192.0.2.7/').on('error', () => {}));
      fetch('https://registry.example/').then(() => out.push('fetch:open'), (e) => out.push('fetch:' + e.name)).then(() => {
        const srv = net.createServer((s) => s.end('ok')).listen(0, '127.0.0.1', () => {
          net.connect(srv.address().port, '127.0.0.1').on('data', (d) => { out.push('loopback:' + d); srv.close(); console.log(out.join(' ')); process.exit(0); });
        });
      });`;
    const r = spawnSync(process.execPath, ['--import', GUARD, '-e', probe], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', PII_LINT_NET_GUARD_LOG: log },
      timeout: 30_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const seen = r.stdout.trim().split(' ');
    for (const what of ['connect', 'dns', 'http', 'fetch']) assert.ok(seen.includes(`${what}:NetworkBlockedError`), `${what} blocked: ${r.stdout}`);
    assert.ok(seen.includes('loopback:ok'), `loopback allowed: ${r.stdout}`);
    assert.match(readFileSync(log, 'utf8'), /connect to 192\.0\.2\.7:443/);
    assert.match(readFileSync(log, 'utf8'), /DNS lookup of registry\.example/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('worker threads started from a file load the guard first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pii-lint-guard-'));
  try {
    const probe = `
      const fs = require('node:fs'), path = require('node:path'), { Worker } = require('node:worker_threads');
      const file = path.join(${JSON.stringify(dir)}, 'w.js');
      fs.writeFileSync(file, "try { require('node:net').connect(80, '192.0.2.7'); require('node:worker_threads').parentPort.postMessage('open') } catch (e) { require('node:worker_threads').parentPort.postMessage(e.name) }");
      const w = new Worker(file);
      w.on('message', (m) => { console.log(m); process.exit(0); });`;
    const r = spawnSync(process.execPath, ['--import', GUARD, '-e', probe], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', PII_LINT_NET_GUARD_LOG: join(dir, 'v.log') },
      timeout: 30_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'NetworkBlockedError');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
