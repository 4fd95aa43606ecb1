/**
 * Runs last: the test runner sorts the files by path, so this file sits in test/zz-final/, after
 * test/lsp/ and test/unit/ (in test/lsp/ it ran before the CLI, hook and engine tests, whose
 * network use then went unchecked). The privacy guard that `npm test` preloads
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

/** Each way out of a Node process, tried against a TEST-NET address or an unresolvable name. */
const ENTRY_POINTS: Record<string, { code: string; logged: RegExp }> = {
  'net.connect': { code: `net.connect(443, '192.0.2.7').on('error', () => {})`, logged: /connect to 192\.0\.2\.7:443/ },
  'tls.connect': { code: `tls.connect(443, '192.0.2.8').on('error', () => {})`, logged: /TLS connect to 192\.0\.2\.8/ },
  'http.get': { code: `http.get('http://192.0.2.9/').on('error', () => {})`, logged: /get 192\.0\.2\.9/ },
  'https.request': { code: `https.request({ host: '192.0.2.10', path: '/' }).on('error', () => {})`, logged: /request 192\.0\.2\.10/ },
  'http2.connect': { code: `http2.connect('https://192.0.2.11').on('error', () => {})`, logged: /HTTP\/2 connect to 192\.0\.2\.11/ },
  fetch: { code: `fetch('https://fetch.example/')`, logged: /fetch fetch\.example/ },
  'dgram send': { code: `dgram.createSocket('udp4').send('x', 53, '192.0.2.12')`, logged: /UDP send to 192\.0\.2\.12/ },
  'dgram connect': { code: `dgram.createSocket('udp4').connect(53, '192.0.2.13')`, logged: /UDP connect to 192\.0\.2\.13/ },
  'dns.lookup': { code: `dns.lookup('lookup.example', () => {})`, logged: /DNS lookup of lookup\.example/ },
  'dns.promises.lookup': { code: `dns.promises.lookup('plookup.example')`, logged: /DNS lookup of plookup\.example/ },
  'dns.lookupService': { code: `dns.lookupService('192.0.2.14', 22, () => {})`, logged: /DNS lookupService of 192\.0\.2\.14/ },
  'dns.promises.lookupService': { code: `dns.promises.lookupService('192.0.2.15', 22)`, logged: /DNS lookupService of 192\.0\.2\.15/ },
  'dns.resolve4': { code: `dns.resolve4('resolve.example', () => {})`, logged: /DNS resolve4 of resolve\.example/ },
  'dns.promises.resolveTxt': { code: `dns.promises.resolveTxt('txt.example')`, logged: /DNS resolveTxt of txt\.example/ },
  'dns.reverse': { code: `dns.reverse('192.0.2.16', () => {})`, logged: /DNS reverse of 192\.0\.2\.16/ },
  'new dns.Resolver().resolve4': { code: `new dns.Resolver().resolve4('resolver.example', () => {})`, logged: /DNS resolve4 of resolver\.example/ },
  'new dns.Resolver().resolveMx': { code: `new dns.Resolver().resolveMx('mx.example', () => {})`, logged: /DNS resolveMx of mx\.example/ },
  'new dns.promises.Resolver().resolve4': { code: `new dns.promises.Resolver().resolve4('presolver.example')`, logged: /DNS resolve4 of presolver\.example/ },
  'new dns.promises.Resolver().reverse': { code: `new dns.promises.Resolver().reverse('192.0.2.17')`, logged: /DNS reverse of 192\.0\.2\.17/ },
};

test('every entry point is blocked and logged; loopback stays open', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pii-lint-guard-'));
  try {
    const log = join(dir, 'violations.log');
    const tries = Object.entries(ENTRY_POINTS)
      .map(([name, { code }]) => `await attempt(${JSON.stringify(name)}, () => ${code});`)
      .join('\n');
    const probe = `
      const net = require('node:net'), tls = require('node:tls'), http = require('node:http'), https = require('node:https');
      const http2 = require('node:http2'), dgram = require('node:dgram'), dns = require('node:dns');
      const out = {};
      async function attempt(name, fn) {
        try { await fn(); out[name] = 'open'; } catch (e) { out[name] = e.name; }
      }
      (async () => {
        ${tries}
        const srv = net.createServer((s) => s.end('ok')).listen(0, '127.0.0.1', () => {
          net.connect(srv.address().port, '127.0.0.1').on('data', (d) => {
            out.loopback = String(d);
            dns.lookup('localhost', (err) => { out.localhost = err ? err.code : 'ok'; srv.close(); console.log(JSON.stringify(out)); process.exit(0); });
          });
        });
      })();`;
    const r = spawnSync(process.execPath, ['--import', GUARD, '-e', probe], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', PII_LINT_NET_GUARD_LOG: log },
      timeout: 30_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const seen = JSON.parse(r.stdout.trim()) as Record<string, string>;
    const logged = readFileSync(log, 'utf8');
    const missed = Object.entries(ENTRY_POINTS).flatMap(([name, { logged: pattern }]) => [
      ...(seen[name] === 'NetworkBlockedError' ? [] : [`${name} not blocked (${seen[name]})`]),
      ...(pattern.test(logged) ? [] : [`${name} not logged`]),
    ]);
    assert.deepEqual(missed, []);
    assert.equal(seen.loopback, 'ok', 'loopback allowed');
    assert.equal(seen.localhost, 'ok', 'localhost resolves');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a grandchild gets the guard through NODE_OPTIONS, which the guard sets for its children', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pii-lint-guard-'));
  try {
    const log = join(dir, 'violations.log');
    // The child is guarded by hand; it starts the grandchild plainly, with the environment it has.
    const grandchild = `try { require('node:net').connect(443, '192.0.2.20'); console.log('open'); } catch (e) { console.log(e.name); }`;
    const child = `
      const r = require('node:child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { encoding: 'utf8' });
      console.log(JSON.stringify({ nodeOptions: process.env.NODE_OPTIONS, grandchild: r.stdout.trim(), stderr: r.stderr }));`;
    const r = spawnSync(process.execPath, ['--import', GUARD, '-e', child], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', PII_LINT_NET_GUARD_LOG: log },
      timeout: 30_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const seen = JSON.parse(r.stdout.trim()) as { nodeOptions: string; grandchild: string; stderr: string };
    assert.match(seen.nodeOptions, /--import=file:.*no-network\.mjs/);
    assert.equal(seen.grandchild, 'NetworkBlockedError', seen.stderr);
    assert.match(readFileSync(log, 'utf8'), /connect to 192\.0\.2\.20:443/, 'logged to the log the child was given');
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
