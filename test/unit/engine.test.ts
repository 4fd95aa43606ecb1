import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createEngine, ModelLoadError, type Engine } from '../../server/src/engine/engine';
import { builtinModelDir } from '../../server/src/engine/modelEngine';
import { onBoundary, randomUnicode, seededRandom } from './helpers/random';

const TINY_HF = join(__dirname, '../fixtures/tiny-hf-model');

describe('model folder errors are clear', () => {
  test('a missing folder', async () => {
    await assert.rejects(createEngine({ modelDir: '/nonexistent/model' }), (e: Error) => e instanceof ModelLoadError && /not found/.test(e.message));
  });
  test('a corrupt ONNX file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piilint-corrupt-'));
    try {
      copyFileSync(join(TINY_HF, 'config.json'), join(dir, 'config.json'));
      copyFileSync(join(TINY_HF, 'tokenizer.json'), join(dir, 'tokenizer.json'));
      writeFileSync(join(dir, 'model.onnx'), Buffer.from('this is not a protobuf'));
      await assert.rejects(createEngine({ modelDir: dir }), (e: Error) => e instanceof ModelLoadError && e.message.includes('model.onnx'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test('a config without id2label', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piilint-noid-'));
    try {
      writeFileSync(join(dir, 'config.json'), '{"model_type":"bert"}');
      await assert.rejects(createEngine({ modelDir: dir }), (e: Error) => e instanceof ModelLoadError && /id2label/.test(e.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a Hugging Face token-classification export loads as is', () => {
  let engine: Engine;
  before(async () => {
    engine = await createEngine({ modelDir: TINY_HF });
  });
  after(() => engine.dispose());

  test('it runs, and checksum recognizers still find structured PII', async () => {
    assert.ok(engine.model && engine.model.classes.includes('EMAIL'));
    const text = 'Write to jane.doe@postbox.org, card 4539 1488 0343 6467.';
    const found = await engine.detect(text);
    const labels = found.map((f) => `${f.label}:${text.slice(f.start, f.end)}`);
    assert.ok(labels.includes('EMAIL:jane.doe@postbox.org'), labels.join(','));
    assert.ok(labels.includes('CREDITCARDNUMBER:4539 1488 0343 6467'), labels.join(','));
  });

  test('long inputs are windowed (the export has 512 positions)', async () => {
    const text = 'lorem ipsum dolor sit amet '.repeat(400) + ' contact: bob@corp-mail.net';
    const found = await engine.detect(text);
    assert.ok(found.some((f) => f.label === 'EMAIL' && text.slice(f.start, f.end) === 'bob@corp-mail.net'));
  });
});

describe('the built-in model', () => {
  let engine: Engine;
  before(async () => {
    engine = await createEngine({ modelDir: builtinModelDir() });
  });
  after(() => engine.dispose());

  test('finds a name, an email and a phone number in a sentence', async () => {
    const text = 'Hi, I am Maria Gonzalez, reach me at maria.gonzalez@mail.com or +44 20 7946 0958.';
    const found = await engine.detect(text);
    const got = new Set(found.map((f) => f.label));
    assert.ok(got.has('EMAIL'));
    assert.ok(got.has('PHONENUMBER'));
    assert.ok(found.some((f) => ['FIRSTNAME', 'LASTNAME'].includes(f.label) && /Maria|Gonzalez/.test(text.slice(f.start, f.end))));
  });

  test('a text scanned alone and in a batch gives the same findings', async () => {
    const texts = [
      'Send the contract to Peter Novak, 14 Rue de la Paix, Paris.',
      'The build failed at step 3; see https://example.com/docs for details.',
      'My IBAN is DE44 5001 0517 5407 3249 31 and my name is Lena Vogel.',
    ];
    const batched = await engine.detectMany(texts);
    for (let i = 0; i < texts.length; i++) assert.deepEqual(await engine.detect(texts[i]), batched[i]);
  });

  test('an entity at a window edge is found once, as when scanned alone', async () => {
    const filler = 'The weather report said it would rain in the afternoon and clear up by evening. ';
    const email = 'kim.larsen@post.example.dk';
    for (let reps = 20; reps < 40; reps += 3) {
      const text = filler.repeat(reps) + `Please reply to ${email} soon. ` + filler.repeat(5);
      const found = (await engine.detect(text)).filter((f) => text.slice(f.start, f.end).includes('kim.larsen'));
      assert.equal(found.length, 1, `reps=${reps}`);
      assert.equal(text.slice(found[0].start, found[0].end), email);
    }
  });

  test('a one-line edit in a long document re-runs only the windows it touched', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `Line ${i}: the meeting notes mention nothing personal at all here.`);
    const before = lines.join('\n');
    await engine.detect(before);
    const run0 = engine.stats().windowsRun;
    lines[200] = 'Line 200: call Anna Berg on +46 8 123 456 78 tomorrow.';
    await engine.detect(lines.join('\n'));
    const added = engine.stats().windowsRun - run0;
    assert.ok(added >= 1 && added <= 3, `windows re-run after a one-line edit: ${added}`);
  });

  test('documentation values (example.com, 555-0100, test cards) are not reported', async () => {
    const text = 'Contact user@example.com or 555-0100; test card 4111 1111 1111 1111; server 192.0.2.10.';
    assert.deepEqual(await engine.detect(text), []);
    const all = await engine.detect(text, { allScores: true });
    assert.ok(all.some((f) => f.label === 'EMAIL' && f.evidence.placeholder));
  });

  test('an aborted scan rejects with AbortError', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(engine.detect('Anna Berg', { signal: ac.signal }), (e: Error) => e.name === 'AbortError');
  });

  test('property: findings on random Unicode lie on valid boundaries and inside the text', async () => {
    const rnd = seededRandom(99);
    for (let i = 0; i < 150; i++) {
      const text = randomUnicode(rnd, 5 + Math.floor(rnd() * 40));
      for (const f of await engine.detect(text)) {
        assert.ok(f.start >= 0 && f.start < f.end && f.end <= text.length, JSON.stringify({ text, f }));
        assert.ok(onBoundary(text, f.start) && onBoundary(text, f.end), JSON.stringify({ text, f }));
        assert.ok(f.score >= 0 && f.score <= 1);
      }
    }
  });
});
