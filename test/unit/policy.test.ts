import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNOWN_CLASSES } from '../../server/src/engine/labels';
import {
  CLASS_DEFAULTS,
  applyPolicy,
  createPolicy,
  fingerprint,
  parseSuppressions,
  policyVerdict,
  severityFor,
  thresholdFor,
} from '../../server/src/engine/policy/policy';
import {
  ConfigError,
  addToAllowlist,
  findConfigFile,
  loadWorkspaceConfig,
  parseConfig,
  withAllowlisted,
  withRekeyedAllowlist,
} from '../../server/src/engine/policy/config';
import { toFileFindings } from '../../server/src/engine/scan';
import type { Finding } from '../../server/src/engine/types';

function finding(text: string, value: string, label: string, score = 0.95, from = 0): Finding {
  const start = text.indexOf(value, from);
  assert.ok(start >= 0, `fixture contains the ${label}`);
  return { start, end: start + value.length, label, score, evidence: { model: score } };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pii-lint-policy-'));
}

test('one default per class: direct identifiers warn, low-risk classes are off or hints', () => {
  assert.deepEqual(Object.keys(CLASS_DEFAULTS).sort(), [...KNOWN_CLASSES].sort());
  const policy = createPolicy();
  for (const c of ['EMAIL', 'PHONENUMBER', 'CREDITCARDNUMBER', 'IBAN', 'SSN', 'FIRSTNAME', 'LASTNAME', 'STREET', 'PASSWORD', 'IPV4', 'IPV6', 'BITCOINADDRESS', 'ETHEREUMADDRESS', 'VEHICLEVIN', 'MRN', 'NPI', 'NATIONALID', 'ROUTINGNUMBER']) {
    assert.equal(severityFor(policy, c), 'warning', c);
  }
  for (const c of ['CURRENCY', 'CURRENCYCODE', 'CURRENCYNAME', 'CURRENCYSYMBOL', 'ORDINALDIRECTION', 'AMOUNT', 'SEX', 'GENDER', 'EYECOLOR', 'HEIGHT', 'JOBAREA', 'JOBTYPE', 'TIME', 'AGE']) {
    assert.ok(['off', 'hint'].includes(severityFor(policy, c)), c);
  }
  for (const [c, d] of Object.entries(CLASS_DEFAULTS)) assert.ok(d.threshold > 0 && d.threshold < 1, c);
  assert.equal(severityFor(policy, 'CUSTOM_CLASS'), 'warning');
});

test('thresholds: explicit per class wins; otherwise the default, floored by minConfidence', () => {
  assert.equal(thresholdFor(createPolicy(), 'FIRSTNAME'), CLASS_DEFAULTS.FIRSTNAME.threshold);
  assert.equal(thresholdFor(createPolicy({ minConfidence: 0.9 }), 'FIRSTNAME'), 0.9);
  assert.equal(thresholdFor(createPolicy({ minConfidence: 0.9, thresholds: { FIRSTNAME: 0.4 } }), 'FIRSTNAME'), 0.4);
  assert.equal(thresholdFor(createPolicy({ thresholds: { FIRSTNAME: 0.4 } }, { thresholds: { FIRSTNAME: 0.8 } }), 'FIRSTNAME'), 0.8);
});

test('applyPolicy: severity attached; off classes and weak detections dropped', () => {
  const text = 'Mail jane.doe@example.com, pay 12.50 EUR, ask Jane.';
  const findings = [
    finding(text, 'jane.doe@example.com', 'EMAIL', 0.99),
    finding(text, '12.50', 'AMOUNT', 0.99),
    finding(text, 'Jane', 'FIRSTNAME', 0.3, 30),
  ];
  const out = applyPolicy(text, findings, createPolicy());
  assert.deepEqual(out.map((f) => [f.label, f.severity]), [['EMAIL', 'warning']]);
  const loud = applyPolicy(text, findings, createPolicy({ classes: { EMAIL: 'error', AMOUNT: 'info' }, thresholds: { FIRSTNAME: 0.2 } }));
  assert.deepEqual(loud.map((f) => [f.label, f.severity]), [['EMAIL', 'error'], ['AMOUNT', 'info'], ['FIRSTNAME', 'warning']]);
});

test('fingerprints: keyed, normalized, label-bound, no plaintext', () => {
  const fp = fingerprint('EMAIL', 'Jane.Doe@Example.com', 'salt-1');
  assert.match(fp, /^hmac-sha256:[0-9a-f]{64}$/);
  assert.ok(!fp.toLowerCase().includes('jane'));
  assert.equal(fingerprint('EMAIL', ' jane.doe@example.com ', 'salt-1'), fp);
  assert.notEqual(fingerprint('EMAIL', 'jane.doe@example.com', 'salt-2'), fp, 'salt changes it');
  assert.notEqual(fingerprint('USERNAME', 'jane.doe@example.com', 'salt-1'), fp, 'label changes it');
  assert.equal(fingerprint('PHONENUMBER', '+1 (555) 010-9999', 's'), fingerprint('PHONENUMBER', '+15550109999', 's'));
  assert.equal(fingerprint('IBAN', 'DE89 3704 0044 0532 0130 00', 's'), fingerprint('IBAN', 'de89370400440532013000', 's'));
});

test('allowlisted values are dropped, other values of the class are not', () => {
  const text = 'support@example.com and jane@example.com';
  const policy = createPolicy({ salt: 'abc', allowlist: [fingerprint('EMAIL', 'SUPPORT@example.com', 'abc')] });
  const out = applyPolicy(text, [finding(text, 'support@example.com', 'EMAIL'), finding(text, 'jane@example.com', 'EMAIL')], policy);
  assert.deepEqual(out.map((f) => text.slice(f.start, f.end)), ['jane@example.com']);
  assert.deepEqual(policyVerdict(text, finding(text, 'support@example.com', 'EMAIL'), policy), { dropped: 'allowlist' });
});

test('inline suppressions: next line, same line, blocks, class lists, any comment syntax', () => {
  const text = [
    '// pii-lint-disable-next-line', // 0
    'a jane@example.com', // 1
    '# pii-lint-disable-next-line PHONENUMBER', // 2
    'b jane@example.com', // 3
    'c jane@example.com <!-- pii-lint-disable-line EMAIL -->', // 4
    'd jane@example.com -- pii-lint-disable-line EMAILS', // 5 (typo: suppresses nothing)
    '/* pii-lint-disable EMAIL, PHONENUMBER -- test data */', // 6
    'e jane@example.com', // 7
    'f Jane', // 8
    '/* pii-lint-enable */', // 9
    'g jane@example.com', // 10
    '-- pii-lint-disable', // 11
    'h jane@example.com', // 12
  ].join('\r\n');
  const emails: Finding[] = [];
  for (let from = 0; ; ) {
    const at = text.indexOf('jane@example.com', from);
    if (at < 0) break;
    emails.push({ start: at, end: at + 16, label: 'EMAIL', score: 0.99, evidence: {} });
    from = at + 1;
  }
  const name = finding(text, 'Jane', 'FIRSTNAME', 0.99, text.indexOf('f Jane'));
  const out = applyPolicy(text, [...emails, name], createPolicy());
  const lineOf = (f: Finding): string => text.slice(f.start - 2, f.start - 1);
  assert.deepEqual(out.map(lineOf).sort(), ['b', 'd', 'f', 'g']);
  assert.ok(parseSuppressions('nothing here').isEmpty);
});

test('parseConfig: validates, warns on unknown keys, never echoes a plaintext allowlist entry', () => {
  const ok = parseConfig(JSON.stringify({ classes: { EMAIL: 'error' }, minConfidence: 0.7, thresholds: { FIRSTNAME: 0.6 }, ignore: ['fixtures/**'], extra: 1 }), 'rc');
  assert.equal(ok.config.classes?.EMAIL, 'error');
  assert.deepEqual(ok.config.ignore, ['fixtures/**']);
  assert.equal(ok.warnings.length, 1);
  assert.throws(() => parseConfig('{ "classes": { "EMAIL": "loud" } }', 'rc'), ConfigError);
  assert.throws(() => parseConfig('{ "minConfidence": 2 }', 'rc'), /minConfidence/);
  assert.throws(() => parseConfig('{ nope', 'rc'), /rc: not valid JSON/);
  assert.throws(
    () => parseConfig('{ "allowlist": ["jane.doe@example.com"] }', 'rc'),
    (e: Error) => e instanceof ConfigError && /allowlist\[0\]/.test(e.message) && !e.message.includes('jane'),
  );
});

test('config files: found upward, not past the repository root; ignore globs and .piilintignore apply', () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, '.piilintrc.json'), '{"classes":{"EMAIL":"error"}}');
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'src', 'deep'), { recursive: true });
    assert.equal(findConfigFile(join(repo, 'src', 'deep')), undefined, 'stops at .git');
    writeFileSync(join(repo, '.piilintrc.json'), JSON.stringify({ ignore: ['*.snap'], model: 'models/x', classes: { DATE: 'off' } }));
    writeFileSync(join(repo, '.piilintignore'), '# comment\nfixtures/\n!fixtures/keep.txt\n');
    assert.equal(findConfigFile(join(repo, 'src', 'deep', 'a.ts')), join(repo, '.piilintrc.json'));
    const ws = loadWorkspaceConfig(join(repo, 'src', 'deep'));
    assert.equal(ws.root, repo);
    assert.equal(ws.modelDir, join(repo, 'models', 'x'));
    assert.equal(severityFor(ws.policy, 'DATE'), 'off');
    assert.equal(ws.isIgnored(join(repo, 'a.snap')), true);
    assert.equal(ws.isIgnored(join(repo, 'fixtures'), true), true);
    assert.equal(ws.isIgnored(join(repo, 'fixtures', 'x.txt')), true);
    assert.equal(ws.isIgnored(join(repo, 'node_modules'), true), true);
    assert.equal(ws.isIgnored(join(repo, '.git'), true), true);
    assert.equal(ws.isIgnored(join(repo, 'src', 'a.ts')), false);
    assert.equal(ws.isIgnored(join(dir, 'outside.snap')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('addToAllowlist: creates a salt once, stores only the fingerprint, and the policy honours it', () => {
  const dir = tempDir();
  try {
    const rc = join(dir, '.piilintrc.json');
    writeFileSync(rc, '{ "classes": { "EMAIL": "error" } }');
    const fp = addToAllowlist(rc, 'EMAIL', 'ops@example.com');
    assert.equal(addToAllowlist(rc, 'EMAIL', 'OPS@example.com'), fp, 'same value, same entry');
    const saved = readFileSync(rc, 'utf8');
    assert.ok(!saved.includes('ops@'), 'no plaintext on disk');
    const parsed = JSON.parse(saved) as { salt: string; allowlist: string[]; classes: object };
    assert.equal(parsed.allowlist.length, 1);
    assert.ok(parsed.salt.length >= 16);
    const ws = loadWorkspaceConfig(dir);
    const text = 'ping ops@example.com';
    assert.deepEqual(applyPolicy(text, [finding(text, 'ops@example.com', 'EMAIL')], ws.policy), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an allowlist with entries and no salt (missing or "") is refused with the fix, never used; writes never leave "salt": ""', () => {
  const entry = fingerprint('EMAIL', 'ops@acme-mail.com', '');
  for (const rc of [{ allowlist: [entry] }, { allowlist: [entry], salt: '' }]) {
    assert.throws(
      () => parseConfig(JSON.stringify(rc), '/repo/.piilintrc.json'),
      (e: unknown) =>
        e instanceof ConfigError &&
        /^\/repo\/\.piilintrc\.json: "allowlist" has 1 entry but no "salt"/.test(e.message) &&
        /Fix: run "pii-lint allow --rekey" in the repository/.test(e.message),
    );
    assert.throws(() => withAllowlisted(JSON.stringify(rc), 'rc', 'EMAIL', 'other@acme-mail.com'), ConfigError, 'no entry is added to an unkeyed list');
  }
  // An empty list (or none) with an empty salt gets a random salt on the first write.
  for (const existing of ['{"allowlist": [], "salt": ""}', '{"salt": ""}', undefined]) {
    const { text, fingerprint: fp } = withAllowlisted(existing, 'rc', 'EMAIL', 'ops@acme-mail.com');
    const saved = JSON.parse(text) as { salt: string; allowlist: string[] };
    assert.match(saved.salt, /^[A-Za-z0-9_-]{22}$/);
    assert.deepEqual(saved.allowlist, [fp]);
    assert.equal(fp, fingerprint('EMAIL', 'ops@acme-mail.com', saved.salt));
  }
  assert.notEqual(JSON.parse(withAllowlisted(undefined, 'rc', 'EMAIL', 'x@acme-mail.com').text).salt, JSON.parse(withAllowlisted(undefined, 'rc', 'EMAIL', 'x@acme-mail.com').text).salt, 'salts are random');
});

test('allow --rekey reads an unsalted list without using it, and writes the keyed list with its salt, other keys kept', () => {
  const entry = fingerprint('EMAIL', 'ops@acme-mail.com', '');
  const existing = JSON.stringify({ classes: { DATE: 'off' }, allowlist: [entry], salt: '', ignore: ['*.snap'] });
  const { config } = parseConfig(existing, 'rc', { acceptUnsalted: true });
  assert.equal(config.allowlist?.length, 1, 'accepted, entries kept for re-keying');
  const dir = tempDir();
  try {
    writeFileSync(join(dir, '.piilintrc.json'), existing);
    const ws = loadWorkspaceConfig(dir, { acceptUnsalted: true });
    const text = 'ping ops@acme-mail.com';
    assert.equal(applyPolicy(text, [finding(text, 'ops@acme-mail.com', 'EMAIL')], ws.policy).length, 1, 'the unkeyed entry silences nothing');
    assert.throws(() => loadWorkspaceConfig(dir), ConfigError, 'refused without the option');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const keyed = fingerprint('EMAIL', 'ops@acme-mail.com', 'k3y');
  const saved = withRekeyedAllowlist(existing, 'rc', 'k3y', [keyed]);
  assert.deepEqual(Object.keys(JSON.parse(saved) as object), ['classes', 'allowlist', 'salt', 'ignore'], 'keys in their order');
  assert.deepEqual(JSON.parse(saved), { classes: { DATE: 'off' }, allowlist: [keyed], salt: 'k3y', ignore: ['*.snap'] });
  assert.equal(parseConfig(saved, 'rc').config.salt, 'k3y', 'the result is a valid keyed config');
  assert.throws(() => withRekeyedAllowlist(existing, 'rc', '', [keyed]), ConfigError, 'never written without a salt');
});

test('toFileFindings: 1-based lines, UTF-16 columns, CRLF = LF', () => {
  const lf = 'first\n😀 jane@example.com\n';
  const crlf = lf.replace(/\n/g, '\r\n');
  for (const text of [lf, crlf]) {
    const [f] = toFileFindings('a.txt', text, [finding(text, 'jane@example.com', 'EMAIL')]);
    assert.ok(f);
    assert.deepEqual([f.path, f.line, f.column, f.endLine, f.endColumn], ['a.txt', 2, 4, 2, 20]);
  }
});
