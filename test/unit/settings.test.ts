import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLASS_SETTINGS,
  DEFAULT_SETTINGS,
  flattenSettings,
  MACHINE_OVERRIDABLE_SETTINGS,
  MAP_SETTINGS,
  normalizeSettings,
  SETTING_ENUMS,
  SettingsCache,
} from '../../server/src/settings';

interface SchemaProperty {
  type?: string | string[];
  default?: unknown;
  enum?: unknown[];
  scope?: string;
  additionalProperties?: { enum?: unknown[] } | boolean;
}

/** package.json's `contributes.configuration` properties (one object or an array of sections). */
function schemaProperties(): Record<string, SchemaProperty> {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    contributes?: { configuration?: { properties?: Record<string, SchemaProperty> } | Array<{ properties?: Record<string, SchemaProperty> }> };
  };
  const conf = pkg.contributes?.configuration;
  const sections = Array.isArray(conf) ? conf : conf ? [conf] : [];
  return Object.assign({}, ...sections.map((s) => s.properties ?? {})) as Record<string, SchemaProperty>;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

test('package.json declares exactly the settings PiiLintSettings has', () => {
  const declared = Object.keys(schemaProperties()).filter((k) => k.startsWith('piiLint.')).sort();
  const described = Object.keys(flattenSettings()).sort();
  assert.deepEqual(declared, described);
});

test('defaults agree', () => {
  const props = schemaProperties();
  for (const [key, value] of Object.entries(flattenSettings())) {
    assert.deepEqual(props[key]?.default, value, `${key} default`);
  }
});

test('types agree with the defaults', () => {
  const props = schemaProperties();
  for (const [key, value] of Object.entries(flattenSettings())) {
    const declared = props[key]?.type;
    const types = Array.isArray(declared) ? declared : [declared];
    assert.ok(types.includes(jsonType(value)), `${key}: schema type ${JSON.stringify(declared)} vs default ${JSON.stringify(value)}`);
  }
  // minConfidence: a number or null (null = the repository's).
  const mc = props['piiLint.minConfidence']?.type;
  assert.ok(Array.isArray(mc) && mc.includes('number') && mc.includes('null'));
});

test('enumerations agree', () => {
  const props = schemaProperties();
  for (const [key, values] of Object.entries(SETTING_ENUMS)) {
    assert.deepEqual(props[key]?.enum, [...values], `${key} enum`);
  }
  for (const key of MAP_SETTINGS) {
    const ap = props[key]?.additionalProperties;
    assert.ok(typeof ap === 'object', `${key} declares its values`);
    assert.deepEqual([...(ap.enum ?? [])].sort(), [...CLASS_SETTINGS].sort(), `${key} values`);
  }
});

test('the model path is machine-overridable; nothing else is machine-scoped', () => {
  const props = schemaProperties();
  for (const key of Object.keys(flattenSettings())) {
    const machine = props[key]?.scope === 'machine-overridable' || props[key]?.scope === 'machine';
    assert.equal(machine, MACHINE_OVERRIDABLE_SETTINGS.has(key), `${key} scope ${props[key]?.scope}`);
  }
  assert.equal(props['piiLint.model.path']?.scope, 'machine-overridable');
});

test('normalizeSettings fills gaps and rejects bad values with the defaults', () => {
  assert.deepEqual(normalizeSettings(undefined, { trusted: true }), DEFAULT_SETTINGS);
  const s = normalizeSettings(
    {
      enable: 'yes',
      run: 'onSave',
      scanCode: 'sometimes',
      minConfidence: 2,
      classes: { EMAIL: 'error', DATE: 'loud', IBAN: 'off' },
      model: { path: ' /models/x ' },
      maxFileSize: -1,
      trace: { server: 'verbose' },
    },
    { trusted: true },
  );
  assert.equal(s.enable, true);
  assert.equal(s.run, 'onSave');
  assert.equal(s.scanCode, 'commentsAndStrings');
  assert.equal(s.minConfidence, null);
  assert.deepEqual(s.classes, { EMAIL: 'error', IBAN: 'off' });
  assert.equal(s.model.path, '/models/x');
  assert.equal(s.maxFileSize, DEFAULT_SETTINGS.maxFileSize);
  assert.equal(s.trace.server, 'verbose');
  assert.equal(normalizeSettings({ minConfidence: 0.7 }, { trusted: true }).minConfidence, 0.7);
});

test('an untrusted workspace cannot choose the model', () => {
  assert.equal(normalizeSettings({ model: { path: '/evil/model' } }, { trusted: false }).model.path, '');
});

test('SettingsCache pulls once per resource until cleared', async () => {
  let pulls = 0;
  const cache = new SettingsCache(async () => {
    pulls++;
    return { run: 'onSave' };
  }, () => true);
  const [a, b] = await Promise.all([cache.get('file:///a'), cache.get('file:///a')]);
  assert.equal(a.run, 'onSave');
  assert.equal(a, b);
  assert.equal(pulls, 1);
  await cache.get('file:///b');
  assert.equal(pulls, 2);
  cache.clear();
  await cache.get('file:///a');
  assert.equal(pulls, 3);
});

test('SettingsCache falls back to defaults when the client cannot answer', async () => {
  const cache = new SettingsCache(() => Promise.reject(new Error('no configuration support')), () => true);
  assert.deepEqual(await cache.get('file:///a'), DEFAULT_SETTINGS);
});
