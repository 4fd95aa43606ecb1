import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadWorkspaceConfig, parseConfig } from '../../server/src/engine/policy/config';
import { applyPolicy, createPolicy, severityFor } from '../../server/src/engine/policy/policy';
import { compilePattern } from '../../server/src/engine/policy/teamPatterns';

const EMPLOYEE = { label: 'EMPLOYEEID', regex: 'EMP-\\d{6}', context: ['employee'], score: 0.7 };

describe('team patterns', () => {
  test('a pattern is found by the policy, raised by its context word (also as a column header)', () => {
    const { config, errors } = parseConfig(JSON.stringify({ patterns: [EMPLOYEE] }), '.piilintrc.json');
    assert.deepEqual(errors, []);
    const policy = createPolicy(config);
    const text = 'ticket EMP-123456\nemployee: EMP-654321\n\nname,employee\nJo,EMP-111222\n';
    const found = applyPolicy(text, [], policy).map((f) => [text.slice(f.start, f.end), f.label, f.score]);
    assert.deepEqual(found, [['EMP-123456', 'EMPLOYEEID', 0.7], ['EMP-654321', 'EMPLOYEEID', 0.85], ['EMP-111222', 'EMPLOYEEID', 0.85]]);
  });

  test('below its threshold or turned off, a team class is not reported', () => {
    const { config } = parseConfig(JSON.stringify({ patterns: [{ ...EMPLOYEE, score: 0.3 }] }), 'x');
    assert.equal(applyPolicy('EMP-123456', [], createPolicy(config)).length, 0);
    const off = parseConfig(JSON.stringify({ patterns: [EMPLOYEE], classes: { EMPLOYEEID: 'off' } }), 'x').config;
    assert.equal(applyPolicy('EMP-123456', [], createPolicy(off)).length, 0);
  });

  test('uncompilable and catastrophic patterns are refused with the file and the pattern named; the others still apply', () => {
    const text = JSON.stringify({ patterns: [{ label: 'BAD', regex: '(abc' }, { label: 'SLOW', regex: '(a+)+$' }, EMPLOYEE] });
    const { config, errors } = parseConfig(text, '/repo/.piilintrc.json');
    assert.equal(errors.length, 2);
    assert.match(errors[0], /^\/repo\/\.piilintrc\.json: "patterns\[0\]" \(BAD\): regex "\(abc" does not compile/);
    assert.match(errors[1], /"patterns\[1\]" \(SLOW\): regex "\(a\+\)\+\$" can backtrack catastrophically/);
    assert.equal(config.patterns?.length, 1);
  });

  test('other refusals: bad label, empty match, bad score, bad context', () => {
    assert.match(String(compilePattern({ label: 'lower', regex: 'x' }, 'p')), /upper-case/);
    assert.match(String(compilePattern({ label: 'EMPTY', regex: 'x*' }, 'p')), /empty string/);
    assert.match(String(compilePattern({ label: 'SCORE', regex: 'x', score: 2 }, 'p')), /score/);
    assert.match(String(compilePattern({ label: 'CTX', regex: 'x', context: 'employee' }, 'p')), /context/);
  });

  test('loading the workspace config (CLI, hooks) fails on a refused pattern', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pii-lint-patterns-'));
    try {
      writeFileSync(join(dir, '.piilintrc.json'), JSON.stringify({ patterns: [{ label: 'SLOW', regex: '(\\w+\\s?)*$' }] }));
      assert.throws(() => loadWorkspaceConfig(dir), (e: unknown) => e instanceof ConfigError && /\.piilintrc\.json: "patterns\[0\]" \(SLOW\)/.test(e.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('presets', () => {
  test('hipaa, pci and gdpr make their classes errors; explicit classes still win; unknown presets are refused', () => {
    const hipaa = createPolicy(parseConfig('{"preset": "hipaa", "classes": {"EMAIL": "info"}}', 'x').config);
    assert.equal(severityFor(hipaa, 'MRN'), 'error');
    assert.equal(severityFor(hipaa, 'NATIONALID'), 'error');
    assert.equal(severityFor(hipaa, 'EMAIL'), 'info');
    assert.equal(severityFor(hipaa, 'CREDITCARDNUMBER'), 'warning');
    const pci = createPolicy(parseConfig('{"preset": "pci"}', 'x').config);
    assert.equal(severityFor(pci, 'CREDITCARDCVV'), 'error');
    assert.equal(severityFor(pci, 'MRN'), 'warning');
    const gdpr = createPolicy(parseConfig('{"preset": "gdpr"}', 'x').config);
    assert.equal(severityFor(gdpr, 'IPV4'), 'error');
    assert.throws(() => parseConfig('{"preset": "sox"}', 'x'), /"preset" must be one of "hipaa", "pci", "gdpr"/);
  });
});
