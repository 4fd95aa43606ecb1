/**
 * Privacy guard for the test suite (`npm test` preloads it with --import, and through
 * NODE_OPTIONS every process the tests start gets it too: the language server, the CLI, git hooks;
 * worker threads load it before their own code). PII Lint promises no network: any socket or DNS use that is not loopback or a
 * local pipe throws, and is written to a log that the suite's last test checks, so a call whose
 * error someone swallowed still fails the run.
 *
 * Allowed: Unix domain sockets and named pipes (the LSP's IPC), TCP/UDP to 127.0.0.0/8 and ::1,
 * DNS for "localhost". Everything else is blocked, entry point by entry point (each has a test in
 * test/zz-final/network-guard.test.ts): net and tls sockets, http/https/http2 requests, fetch, UDP,
 * and every DNS call — module functions, dns.promises, and Resolver instances of both.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import { appendFileSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { fileURLToPath, pathToFileURL } from 'node:url';
import workerThreads from 'node:worker_threads';

const SELF = fileURLToPath(import.meta.url);
const ENV_LOG = 'PII_LINT_NET_GUARD_LOG';

// One log for the whole run: test/setup/run.mjs sets its path before node's test runner starts (the
// runner's own process runs no preloads); a test file run on its own gets a log of its own.
if (!process.env[ENV_LOG]) process.env[ENV_LOG] = join(mkdtempSync(join(tmpdir(), 'pii-lint-netguard-')), 'violations.log');
const LOG = process.env[ENV_LOG];

// Children get the guard by absolute path, whatever their working directory.
const importFlag = `--import=${pathToFileURL(SELF).href}`;
if (!(process.env.NODE_OPTIONS ?? '').includes(importFlag)) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} ${importFlag}`.trim();
}

function isLoopbackHost(host) {
  if (host === undefined || host === null || host === '') return true; // Node's default is localhost
  const h = String(host).toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(h) || h === '0:0:0:0:0:0:0:1';
}

export class NetworkBlockedError extends Error {
  constructor(what) {
    super(`network access blocked by the test privacy guard: ${what}`);
    this.name = 'NetworkBlockedError';
  }
}

function violation(what) {
  const stack = (new Error().stack ?? '').split('\n').slice(3, 9).join('\n');
  try {
    appendFileSync(LOG, `pid ${process.pid}: ${what}\n${stack}\n\n`);
  } catch {
    // the log is best effort; the throw below is what stops the call
  }
  throw new NetworkBlockedError(what);
}

// TCP (and TLS, HTTP, undici, which all end here).
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  let opts = args[0];
  if (Array.isArray(opts)) opts = opts[0]; // internal normalized form [options, cb]
  if (opts && typeof opts === 'object') {
    if (typeof opts.path === 'string') return connect.apply(this, args);
    if (!isLoopbackHost(opts.host)) violation(`connect to ${opts.host}:${opts.port}`);
  } else if (typeof opts === 'string' && Number.isNaN(Number(opts))) {
    return connect.apply(this, args); // a pipe path
  } else if (!isLoopbackHost(typeof args[1] === 'string' ? args[1] : undefined)) {
    violation(`connect to ${args[1]}:${opts}`);
  }
  return connect.apply(this, args);
};

// UDP.
const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function guardedSend(...args) {
  const host = args.find((a, i) => i > 0 && typeof a === 'string');
  if (!isLoopbackHost(host)) violation(`UDP send to ${host}`);
  return send.apply(this, args);
};
const dconnect = dgram.Socket.prototype.connect;
dgram.Socket.prototype.connect = function guardedUdpConnect(port, host, ...rest) {
  if (!isLoopbackHost(typeof host === 'string' ? host : undefined)) violation(`UDP connect to ${host}:${port}`);
  return dconnect.call(this, port, host, ...rest);
};

// DNS: only "localhost" resolves; reverse lookups only of loopback addresses.
const lookup = dns.lookup;
dns.lookup = function guardedLookup(host, ...rest) {
  if (!isLoopbackHost(host)) violation(`DNS lookup of ${host}`);
  return lookup.call(this, host, ...rest);
};
const plookup = dns.promises.lookup;
dns.promises.lookup = function guardedPromiseLookup(host, ...rest) {
  if (!isLoopbackHost(host)) violation(`DNS lookup of ${host}`);
  return plookup.call(this, host, ...rest);
};
const lookupService = dns.lookupService;
dns.lookupService = function guardedLookupService(address, ...rest) {
  if (!isLoopbackHost(address)) violation(`DNS lookupService of ${address}`);
  return lookupService.call(this, address, ...rest);
};
const plookupService = dns.promises.lookupService;
dns.promises.lookupService = async function guardedPromiseLookupService(address, ...rest) {
  if (!isLoopbackHost(address)) violation(`DNS lookupService of ${address}`);
  return plookupService.call(this, address, ...rest);
};
// Queries go to DNS servers whatever the name: none is allowed, through the module functions or
// any Resolver (callback or promise) a caller makes for itself.
const isQuery = (name) => name === 'reverse' || name.startsWith('resolve');
for (const target of [dns, dns.Resolver.prototype]) {
  for (const name of Object.getOwnPropertyNames(target)) {
    if (isQuery(name) && typeof target[name] === 'function') target[name] = (host) => violation(`DNS ${name} of ${host}`);
  }
}
for (const target of [dns.promises, dns.promises.Resolver.prototype]) {
  for (const name of Object.getOwnPropertyNames(target)) {
    if (isQuery(name) && typeof target[name] === 'function') target[name] = async (host) => violation(`DNS ${name} of ${host}`);
  }
}

// HTTP(S) and fetch: refused before any socket, with the URL's host in the message.
function hostOf(input) {
  if (typeof input === 'string' || input instanceof URL) {
    try {
      return new URL(String(input)).hostname;
    } catch {
      return undefined;
    }
  }
  if (input && typeof input === 'object') return input.hostname ?? input.host ?? (typeof input.url === 'string' ? hostOf(input.url) : undefined);
  return undefined;
}
for (const mod of [http, https]) {
  for (const name of ['request', 'get']) {
    const orig = mod[name];
    mod[name] = function guardedRequest(input, ...rest) {
      const host = hostOf(input) ?? 'localhost';
      if (!isLoopbackHost(host)) violation(`${name} ${host}`);
      return orig.call(this, input, ...rest);
    };
  }
}
// TLS and HTTP/2 end in net.Socket#connect too; checked here as well so the log names them.
const tlsConnect = tls.connect;
tls.connect = function guardedTlsConnect(...args) {
  const opts = args.find((a) => a && typeof a === 'object') ?? {};
  const host = typeof args[1] === 'string' ? args[1] : opts.host;
  if (!opts.socket && typeof opts.path !== 'string' && !isLoopbackHost(host)) violation(`TLS connect to ${host}`);
  return tlsConnect.apply(this, args);
};
const h2connect = http2.connect;
http2.connect = function guardedHttp2Connect(authority, ...rest) {
  const host = hostOf(authority) ?? 'localhost';
  if (!isLoopbackHost(host)) violation(`HTTP/2 connect to ${host}`);
  return h2connect.call(this, authority, ...rest);
};
if (typeof globalThis.fetch === 'function') {
  const fetch = globalThis.fetch;
  globalThis.fetch = function guardedFetch(input, ...rest) {
    const host = hostOf(input);
    if (!isLoopbackHost(host)) {
      try {
        violation(`fetch ${host}`);
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return fetch.call(this, input, ...rest);
  };
}

// Worker threads don't run --import preloads: each one started from a file loads the guard first,
// then its module (workers from eval'd code are left as they are).
const GUARD_URL = pathToFileURL(SELF).href;
const OriginalWorker = workerThreads.Worker;
class GuardedWorker extends OriginalWorker {
  constructor(filename, options = {}) {
    if (options.eval || !(typeof filename === 'string' || filename instanceof URL)) {
      super(filename, options);
      return;
    }
    const target = filename instanceof URL ? filename.href : pathToFileURL(filename).href;
    super(`import(${JSON.stringify(GUARD_URL)}).then(() => import(${JSON.stringify(target)}))`, { ...options, eval: true });
  }
}
workerThreads.Worker = GuardedWorker;

syncBuiltinESMExports();
