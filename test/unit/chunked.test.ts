/** Content-defined chunks of long texts: coverage, stable cuts under edits, and the same findings however a text was reached. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chunkText, CONTEXT, CUT_SPAN, MAX_CHUNK } from '../../server/src/engine/text/chunked';
import { createEngine, type DetectProgress, type Engine } from '../../server/src/engine/engine';
import { corpusLines, mixedDocument } from '../bench/corpus';
import { onBoundary, randomUnicode, seededRandom } from './helpers/random';

describe('chunkText', () => {
  test('chunks tile the text, cut at line starts, with bounded context on valid boundaries', () => {
    const texts = [mixedDocument(200_000), corpusLines('logs', 3000), 'x'.repeat(100_000), `${'a😀 '.repeat(30_000)}\n${'b '.repeat(20_000)}`, mixedDocument(6000), corpusLines('code', 60)];
    const rnd = seededRandom(5);
    for (let i = 0; i < 20; i++) texts.push(Array.from({ length: 400 }, () => randomUnicode(rnd, 40)).join('\n'));
    for (const text of texts) {
      const chunks = chunkText(text);
      assert.equal(chunks[0]!.start, 0);
      assert.equal(chunks[chunks.length - 1]!.end, text.length);
      for (let k = 0; k < chunks.length; k++) {
        const c = chunks[k]!;
        if (k > 0) assert.equal(c.start, chunks[k - 1]!.end);
        assert.ok(c.end > c.start);
        assert.ok(c.from <= c.start && c.to >= c.end && c.from >= 0 && c.to <= text.length);
        assert.ok(c.start - c.from <= CONTEXT + 64 && c.to - c.end <= CONTEXT + 64);
        for (const at of [c.start, c.end, c.from, c.to]) assert.ok(onBoundary(text, at), `chunk ${k} cuts a surrogate pair`);
        if (k < chunks.length - 1) assert.ok(c.end - c.start <= MAX_CHUNK + 1024);
      }
      if (text.length < 2 * CUT_SPAN) assert.equal(chunks.length, 1, 'a short text is one chunk');
      if (text.length > 8 * CUT_SPAN) assert.ok(text.length / chunks.length >= CUT_SPAN, `mean chunk ${Math.round(text.length / chunks.length)} chars`);
    }
  });

  test('a one-line edit changes the text of at most three chunks', () => {
    const lines = corpusLines('prose', 10_000).split('\n');
    const before = new Set(chunkText(lines.join('\n')).map((c) => lines.join('\n').slice(c.from, c.to)));
    const rnd = seededRandom(17);
    for (let i = 0; i < 30; i++) {
      const at = Math.floor(rnd() * 9_000);
      const edited = lines.slice();
      edited[at] = `${edited[at]} and one more phrase`;
      const text = edited.join('\n');
      const changed = chunkText(text).filter((c) => !before.has(text.slice(c.from, c.to))).length;
      assert.ok(changed <= 3, `edit at line ${at} changed ${changed} chunks`);
    }
  });
});

describe('the chunked engine', () => {
  let engine: Engine;
  before(async () => {
    engine = await createEngine({});
  });
  after(() => engine.dispose());

  test('a document reached by edits has the findings of the same text scanned by a fresh engine', async () => {
    const lines = mixedDocument(120_000, 3).split('\n');
    await engine.detect(lines.join('\n'));
    const rnd = seededRandom(23);
    for (let i = 0; i < 5; i++) {
      const at = Math.floor(rnd() * lines.length);
      lines[at] = i % 2 === 0 ? `${lines[at]} Ask Leona Varga at leona.varga7@postbox.net.` : '';
      await engine.detect(lines.join('\n'));
    }
    const text = lines.join('\n');
    const incremental = await engine.detect(text);
    const fresh = await createEngine({});
    try {
      assert.deepEqual(incremental, await fresh.detect(text));
    } finally {
      await fresh.dispose();
    }
  });

  test('a one-line edit in a 10,000-line document runs a few windows and reuses the other chunks', async () => {
    const lines = corpusLines('logs', 10_000).split('\n');
    await engine.detect(lines.join('\n'));
    const s0 = engine.stats();
    lines[6000] = `${lines[6000]} mail queued for tobias.brandt3@mailhub.io`;
    const found = await engine.detect(lines.join('\n'));
    const s1 = engine.stats();
    assert.ok(s1.windowsRun - s0.windowsRun <= 4, `windows re-run: ${s1.windowsRun - s0.windowsRun}`);
    assert.ok((s1.chunksRun ?? 0) - (s0.chunksRun ?? 0) <= 3);
    assert.ok(found.some((f) => f.label === 'EMAIL' && lines.join('\n').slice(f.start, f.end) === 'tobias.brandt3@mailhub.io'));
  });

  test('an entity across a chunk cut is found once, whole', async () => {
    // One long line: the cut falls at a space inside the phone number.
    const phone = '+49 30 8123 4567';
    for (const shift of [1, 4, 8, 11]) {
      const pre = 'the quarterly numbers were reviewed again '.repeat(Math.ceil(MAX_CHUNK / 42));
      const head = pre.slice(0, MAX_CHUNK - shift - ' call '.length);
      const text = `${head} call ${phone} today ${pre}`;
      const at = text.indexOf(phone);
      const cut = chunkText(text)[0]!.end;
      assert.ok(cut > at && cut < at + phone.length, `shift ${shift}: the cut (${cut}) is not inside the number at ${at}`);
      const found = (await engine.detect(text, { allScores: true })).filter((f) => f.start < at + phone.length && f.end > at);
      assert.deepEqual(found.map((f) => [f.start, f.end, f.label]), [[at, at + phone.length, 'PHONENUMBER']], `shift ${shift}`);
    }
  });

  test('progress runs in document order to the end, with the findings so far', async () => {
    const text = mixedDocument(60_000, 9);
    const seen: Array<Pick<DetectProgress, 'done' | 'total'> & { n: number }> = [];
    const all = await engine.detect(text, { onProgress: (p) => seen.push({ done: p.done, total: p.total, n: p.findings.length }) });
    assert.ok(seen.length > 3);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.done > seen[i - 1]!.done && seen[i]!.n >= seen[i - 1]!.n);
    assert.equal(seen[seen.length - 1]!.done, text.length);
    assert.equal(seen[seen.length - 1]!.n, all.length);
  });
});
