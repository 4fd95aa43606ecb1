/**
 * Reliability: nothing the engine is fed makes it crash, hang, or report a span off the text.
 *
 * - 100,000 random Unicode inputs (surrogate pairs, lone surrogates, combining marks, RTL, CJK,
 *   emoji, CRLF, NUL) through the paths that run without the model — tokenizer, decoder (on random
 *   probabilities), recognizers, combination, chunking, redaction — and a few hundred, short and
 *   long, through the whole engine on the built-in model.
 * - Redaction never leaks: detect, redact with every operator, detect again — none of the values
 *   found the first time is in the redacted text or among the second findings, with repeated,
 *   adjacent and overlapping entities.
 * - The scheduler keeps at most one pending scan per document however fast edits come.
 * - The CLI on a 50 MB file and a 5 MB single-line minified file: finishes, the model scans up to the cap (the recognizers all of it),
 *   says so on stderr.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsScheduler, type ScanResult } from '../../server/src/diagnostics';
import { chunkText } from '../../server/src/engine/text/chunked';
import { ibanCheckDigits, luhnCheckDigit } from '../../server/src/engine/recognizers/checksums';
import { combineFindings } from '../../server/src/engine/combine/combine';
import { decodeEntities, TagSet } from '../../server/src/engine/model/decode';
import { createEngine, type Engine } from '../../server/src/engine/engine';
import { loadModelFolder } from '../../server/src/engine/model/model';
import { builtinModelDir } from '../../server/src/engine/modelEngine';
import { recognize } from '../../server/src/engine/recognizers/recognizers';
import { repairFindings } from '../../server/src/engine/repairs/repairs';
import { redact, Redactor, type Operator } from '../../server/src/redact/redact';
import { corpusLines, mixedDocument } from '../bench/corpus';
import { onBoundary, randomUnicode, seededRandom } from './helpers/random';

const ROOT = resolve(__dirname, '..', '..');
const OPERATORS: Operator[] = ['mask', 'placeholder', 'synthetic'];

function checkSpans(text: string, spans: readonly { start: number; end: number }[], what: string, seed: number): void {
  for (const s of spans) {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= text.length)) {
      assert.fail(`${what}: span [${s.start}, ${s.end}) outside a ${text.length}-unit text (input #${seed})`);
    }
    if (!onBoundary(text, s.start) || !onBoundary(text, s.end)) assert.fail(`${what}: span [${s.start}, ${s.end}) cuts a surrogate pair (input #${seed})`);
  }
}

describe('property: 100,000 random Unicode inputs', () => {
  test('tokenizer, decoder, repairs, recognizers, combination, chunking and redaction: no crash, every span in bounds on valid boundaries', () => {
    const model = loadModelFolder(builtinModelDir());
    const tags = new TagSet(model.labels);
    const nTags = model.labels.length;
    const rnd = seededRandom(20240501);
    const redactor = new Redactor('fuzz');
    let tokensSeen = 0;
    let findingsSeen = 0;
    for (let n = 0; n < 100_000; n++) {
      const text = randomUnicode(rnd, 1 + Math.floor(rnd() * 24));
      const tok = model.tokenizer.tokenize(text);
      checkSpans(text, tok.tokens, 'token', n);
      checkSpans(text, tok.words, 'word', n);
      for (let i = 1; i < tok.tokens.length; i++) assert.ok(tok.tokens[i]!.start >= tok.tokens[i - 1]!.start, `tokens in order (input #${n})`);
      tokensSeen += tok.tokens.length;
      // Random probabilities: one tag per token gets most of the mass, so entities of every class form.
      const probs = new Float32Array(tok.tokens.length * nTags).fill(0.1 / nTags);
      for (let t = 0; t < tok.tokens.length; t++) probs[t * nTags + Math.floor(rnd() * nTags)] += 0.9;
      const decoded = repairFindings(text, tok.words, decodeEntities(text, tok, probs, tags), model.lexicon, (w) => w.toLowerCase());
      checkSpans(text, decoded, 'decoded and repaired entity', n);
      for (let i = 1; i < decoded.length; i++) assert.ok(decoded[i]!.start >= decoded[i - 1]!.end, `repaired findings sorted, not overlapping (input #${n})`);
      const recognized = recognize(text);
      checkSpans(text, recognized, 'recognizer finding', n);
      const combined = combineFindings(text, decoded, recognized);
      checkSpans(text, combined, 'combined finding', n);
      findingsSeen += combined.length;
      if (n % 50 === 0) {
        const chunks = chunkText(text.repeat(1 + Math.floor(rnd() * 400)));
        for (let i = 1; i < chunks.length; i++) assert.equal(chunks[i]!.start, chunks[i - 1]!.end);
      }
      // Synthetic values are ~50x dearer than masks: every 20th input gets them.
      // Every 4th input redacts whole-text (copies of distinctive values too).
      const r = redact(text, combined, { operator: n % 20 === 0 ? 'synthetic' : n % 2 === 0 ? 'mask' : 'placeholder', redactor, everyOccurrence: n % 4 === 1 });
      checkSpans(text, r.edits, 'redaction edit', n);
      let cursor = 0;
      let rebuilt = '';
      for (const e of r.edits) {
        assert.ok(e.start >= cursor && e.start < e.end && e.end <= text.length, `redaction edits in order and in bounds (input #${n})`);
        rebuilt += text.slice(cursor, e.start) + e.newText;
        cursor = e.end;
      }
      assert.equal(rebuilt + text.slice(cursor), r.text, `redacted text = edits applied (input #${n})`);
      for (const f of combined) {
        for (let i = f.start; i < f.end; i++) {
          if (!r.edits.some((e) => e.start <= i && i < e.end)) assert.fail(`offset ${i} of a finding is not redacted (input #${n})`);
        }
      }
    }
    assert.ok(tokensSeen > 500_000 && findingsSeen > 100_000, `the inputs exercised the paths (${tokensSeen} tokens, ${findingsSeen} findings)`);
  });
});

describe('the whole engine on the built-in model', () => {
  let engine: Engine;
  before(async () => {
    engine = await createEngine({});
  });
  after(() => engine.dispose());

  test('300 random inputs, short and long (windows and chunks): spans valid, results reproducible', async () => {
    const rnd = seededRandom(77);
    for (let n = 0; n < 300; n++) {
      const long = n % 25 === 0;
      const text = long
        ? Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? randomUnicode(rnd, 30) : corpusLines('prose', 3, n * 100 + i))).join('\n')
        : randomUnicode(rnd, 5 + Math.floor(rnd() * 60));
      const found = await engine.detect(text);
      checkSpans(text, found, 'engine finding', n);
      for (const f of found) assert.ok(f.score >= 0 && f.score <= 1, `score in [0, 1] (input #${n})`);
      if (long) assert.deepEqual(await engine.detect(text), found, `a long text scans the same twice (input #${n})`);
    }
  });

  test('redaction never leaks: detect after redact finds none of the original values (repeated, adjacent, overlapping)', async () => {
    // Values the checksum recognizers prove, so every occurrence is found: the property is about
    // redaction, not recall. Generated with valid checksums, never published examples.
    const rnd = seededRandom(4242);
    const digits = (n: number): string => Array.from({ length: n }, () => String(Math.floor(rnd() * 10))).join('');
    const card = (): string => {
      const payload = `4${digits(14)}`;
      const d = payload + luhnCheckDigit(payload);
      return rnd() < 0.5 ? d : d.replace(/(\d{4})(?=\d)/g, '$1 ');
    };
    const iban = (): string => {
      const bban = digits(18);
      return `DE${ibanCheckDigits('DE', bban)}${bban}`.replace(/(.{4})(?=.)/g, rnd() < 0.5 ? '$1 ' : '$1');
    };
    const email = (): string => `${['quillon', 'maren', 'dorit', 'ivo'][Math.floor(rnd() * 4)]}.${digits(3)}@${['postbox.net', 'mailhub.io', 'corp-mail.org'][Math.floor(rnd() * 3)]}`;
    const gens = [card, iban, email];
    // Adjacent with punctuation: two alphanumeric values glued together ("…21 70DE78 32…") are one
    // token to a reader too; a card one space after a digit group is the known gap below.
    const seps = [', ', ';', '\n', ' and ', '<', '>', '/', ' / '];
    for (let d = 0; d < 30; d++) {
      let text = `Record ${d}: `;
      const used: string[] = [];
      for (let k = 0; k < 6; k++) {
        const v = used.length > 0 && rnd() < 0.3 ? used[Math.floor(rnd() * used.length)]! : gens[Math.floor(rnd() * gens.length)]!();
        used.push(v);
        // Repeated (the same value again), adjacent (no separator), or wrapped (<email>).
        text += v + seps[Math.floor(rnd() * seps.length)]!;
        if (rnd() < 0.3) text += `${v}, `;
      }
      text += 'end of record.';
      const found = await engine.detect(text);
      const originals = new Set(found.filter((f) => ['EMAIL', 'CREDITCARDNUMBER', 'IBAN'].includes(f.label)).map((f) => text.slice(f.start, f.end)));
      for (const operator of OPERATORS) {
        const r = redact(text, found, { operator, redactor: new Redactor(`leak-${d}`) });
        for (const v of originals) assert.ok(!r.text.includes(v), `doc ${d}, ${operator}: a value survived redaction`);
        const again = await engine.detect(r.text, { allScores: true });
        for (const f of again) assert.ok(!originals.has(r.text.slice(f.start, f.end)), `doc ${d}, ${operator}: detect after redact found an original value`);
      }
    }
  });
});

describe('repeated values', () => {
  test(
    'a card the detector misses in one place (right after an unspaced IBAN) is still redacted there, as a repeat of one it found',
    async () => {
      const engine = await createEngine({});
      try {
        const card = '4443 6446 3146 5608';
        const text = `Card ${card}; IBAN DE54751097486567993482 ${card}.`;
        const found = await engine.detect(text);
        const r = redact(text, found, { operator: 'mask', everyOccurrence: true });
        assert.ok(!r.text.includes(card), 'the second occurrence of the card survived redaction');
      } finally {
        await engine.dispose();
      }
    },
  );
});

describe('scheduling under load', () => {
  test('100 documents, 1,000 edits in a second: at most one pending scan per document, and the last version of each is scanned', async () => {
    const docs = new Map<string, TextDocument>();
    const scanned = new Map<string, number>();
    let maxPending = 0;
    const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined, trace: () => undefined };
    const scheduler = new DiagnosticsScheduler(
      {
        getDocument: (uri) => docs.get(uri),
        async scan(doc): Promise<ScanResult> {
          await new Promise((r) => setTimeout(r, 2));
          scanned.set(doc.uri, doc.version);
          const diagnostics: Diagnostic[] = [];
          return { findings: [], diagnostics };
        },
        publish: () => undefined,
        busyChanged: () => undefined,
      },
      quiet,
      20,
    );
    const uris = Array.from({ length: 100 }, (_, i) => `file:///doc${i}.md`);
    for (const uri of uris) {
      docs.set(uri, TextDocument.create(uri, 'markdown', 1, 'start'));
      scheduler.schedule(uri, 0);
    }
    const t0 = Date.now();
    for (let i = 0; i < 1000; i++) {
      const uri = uris[(i * 37) % 100]!;
      const prev = docs.get(uri)!;
      docs.set(uri, TextDocument.create(uri, 'markdown', prev.version + 1, `edit ${i}`));
      scheduler.schedule(uri);
      maxPending = Math.max(maxPending, scheduler.pendingCount);
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 5));
    }
    assert.ok(Date.now() - t0 < 1000, 'the edits came within a second');
    const deadline = Date.now() + 20_000;
    while ((scheduler.isBusy || scheduler.pendingCount > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(maxPending <= 100, `pending scans stay within the open documents (${maxPending})`);
    for (const uri of uris) assert.equal(scanned.get(uri), docs.get(uri)!.version, `${uri}: its last version was scanned`);
    scheduler.dispose();
  });
});

describe('huge and odd files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pii-lint-huge-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function scan(args: string[]): { code: number; stderr: string; stdout: string; ms: number } {
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'scan', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw r.error;
    return { code: r.status ?? -1, stderr: r.stderr, stdout: r.stdout, ms: Date.now() - t0 };
  }

  test('a 50 MB log: finishes, scans up to the cap, says so', () => {
    const email = 'noor.achebe@mailhub.io';
    const lines = corpusLines('logs', 4000, 5).replace(/\S+@\S+/g, 'someone');
    const body = lines.repeat(Math.ceil((50 * 1024 * 1024) / lines.length));
    writeFileSync(join(dir, 'huge.log'), `owner ${email}\n${body}`);
    // The recognizers read all 50 MB, and a log has an address on most lines: only e-mails (as
    // errors) are reported, so the report stays small.
    writeFileSync(join(dir, 'emails-only.json'), JSON.stringify({ classes: { EMAIL: 'error' } }));
    const r = scan(['--max-file-size', '256KB', '--config', 'emails-only.json', '--min-severity', 'error', '--fail-on', 'error', 'huge.log']);
    assert.equal(r.code, 1, r.stderr.slice(-500));
    assert.match(r.stderr, /huge\.log: 5\d\.\d MB exceeds --max-file-size 256\.0 KB: the model scanned the first 256\.0 KB, the checksum and format recognizers .* all of it/);
    const report = JSON.parse(r.stdout) as { findings: Array<{ label: string; line: number }>; notices: Array<{ kind: string }> };
    assert.deepEqual(report.notices.map((n) => n.kind), ['truncated']);
    assert.ok(report.findings.some((f) => f.label === 'EMAIL' && f.line === 1));
    assert.ok(!r.stdout.includes(email) && !r.stderr.includes(email), 'the value is never printed');
  });

  test('a 5 MB single-line minified file: skipped as generated by default; scanned, it finishes up to the cap and says so', () => {
    const unit = 'function a(b,c){return b+c}var d="see the docs",e={f:1,g:[2,3]};/* build 42 */';
    const email = 'yara.ferreira@inbox.org';
    writeFileSync(join(dir, 'bundle.min.js'), `var owner="${email}";${unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length))}`);
    const skipped = scan(['bundle.min.js']);
    assert.equal(skipped.code, 0, skipped.stderr.slice(-500));
    assert.match(skipped.stderr, /bundle\.min\.js: skipped: minified bundle/);
    writeFileSync(join(dir, 'scan-all.json'), JSON.stringify({ skipGenerated: [] }));
    const r = scan(['--config', 'scan-all.json', 'bundle.min.js']);
    assert.equal(r.code, 1, r.stderr.slice(-500));
    assert.match(r.stderr, /bundle\.min\.js: 5\.\d MB exceeds --max-file-size 2\.0 MB: the model scanned the first 2\.0 MB/);
    const report = JSON.parse(r.stdout) as { findings: Array<{ label: string; line: number }> };
    assert.ok(report.findings.some((f) => f.label === 'EMAIL' && f.line === 1));
  });

  test('a long mixed document scans in chunks without losing or doubling a finding', async () => {
    const engine = await createEngine({ modelDir: null });
    try {
      const text = mixedDocument(300_000, 8);
      const found = await engine.detect(text);
      const alone = new Map<string, number>();
      for (const m of text.matchAll(/[\w.]+@[\w-]+\.(?:net|org|io)/g)) alone.set(`${m.index}`, 1);
      const emails = found.filter((f) => f.label === 'EMAIL');
      assert.equal(emails.length, alone.size, 'every email once');
      for (const e of emails) assert.ok(alone.has(`${e.start}`));
    } finally {
      await engine.dispose();
    }
  });
});
