import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DidChangeConfigurationNotification, DiagnosticSeverity, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { offsetAt, clientForThisFile } from './harness';

const EMAIL = 'jane.doe@acme-mail.com';
const CARD = '4539 1488 0343 6467';
const IBAN = 'DE44 5001 0517 5407 3249 31';
const TEXT = `# Support notes\n\nContact ${EMAIL} about the refund.\nCard ${CARD}, IBAN ${IBAN}.\n`;

const client = clientForThisFile();

function textOf(text: string, d: Diagnostic): string {
  return text.slice(offsetAt(text, d.range.start), offsetAt(text, d.range.end));
}

test('diagnostics name the class, range and confidence of each finding', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('notes.md');
  client().open(uri, 'markdown', TEXT);
  const diags = await client().diagnosticsFor(uri);
  assert.deepEqual(
    diags.map((d) => [d.code, textOf(TEXT, d)]),
    [
      ['EMAIL', EMAIL],
      ['CREDITCARDNUMBER', CARD],
      ['IBAN', IBAN],
    ],
  );
  for (const d of diags) {
    assert.equal(d.source, 'pii-lint');
    assert.match(d.message as string, new RegExp(`^${String(d.code)} · \\d{1,3}%$`));
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    const data = d.data as { label: string; score: number; start: number; end: number; version: number; valueHash: string; evidence: object };
    assert.equal(data.label, d.code);
    assert.equal(data.start, offsetAt(TEXT, d.range.start));
    assert.equal(data.end, offsetAt(TEXT, d.range.end));
    assert.equal(data.version, 1);
    assert.ok(data.score > 0 && data.score <= 1);
    assert.match(data.valueHash, /^[0-9a-f]{32}$/);
    assert.equal(typeof data.evidence, 'object');
    // The finding travels without its value.
    assert.ok(!JSON.stringify(data).includes(textOf(TEXT, d)), 'data holds no plaintext');
  }
  const [email, card] = diags;
  assert.deepEqual(email!.range, { start: { line: 2, character: 8 }, end: { line: 2, character: 8 + EMAIL.length } });
  assert.deepEqual(card!.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 5 + CARD.length } });
});

test('hover shows class, confidence and evidence', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('notes.md');
  await client().diagnosticsFor(uri);
  const onEmail = await client().hover(uri, { line: 2, character: 12 });
  assert.ok(onEmail);
  const md = (onEmail.contents as MarkupContent).value;
  assert.match(md, /\*\*EMAIL\*\* · \d{1,3}%/);
  // An email has a format check, not a checksum: the hover names what checked it.
  assert.match(md, /checked by: email format ✓/);
  assert.doesNotMatch(md, /checksum/);
  assert.match(md, /quick fixes: mask, synthetic value, allow, disable for this line$/m);
  assert.ok(!md.includes(EMAIL), 'the hover does not repeat the value');
  assert.deepEqual(onEmail.range, { start: { line: 2, character: 8 }, end: { line: 2, character: 8 + EMAIL.length } });

  const onCard = await client().hover(uri, { line: 3, character: 7 });
  assert.match((onCard!.contents as MarkupContent).value, /\*\*CREDITCARDNUMBER\*\*[\s\S]*Luhn ✓/);
  assert.equal(await client().hover(uri, { line: 0, character: 3 }), null);

  // A CSV file has no comments: the hover promises only what is offered there.
  const csv = client().fileUri('people.csv');
  client().open(csv, 'csv', `name,email\nJane,${EMAIL}\n`);
  const [d] = await client().diagnosticsFor(csv);
  const csvHover = ((await client().hover(csv, d!.range.start))!.contents as MarkupContent).value;
  assert.match(csvHover, /quick fixes: mask, synthetic value, allow$/m);
});

test('source code: only comments and strings; settings changes re-validate', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('src/app.ts');
  const code = `const ownerEmail = "${EMAIL}"; // card ${CARD}\nfunction janeDoe() { return 1; }\n`;
  client().open(uri, 'typescript', code);
  const diags = await client().diagnosticsFor(uri);
  assert.deepEqual(diags.map((d) => [d.code, textOf(code, d)]), [
    ['EMAIL', EMAIL],
    ['CREDITCARDNUMBER', CARD],
  ]);

  // scanCode: off -> nothing reported in code; prose is still scanned.
  const before = client().published.length;
  client().settings = { ...client().settings, scanCode: 'off' };
  await client().conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  await client().until(
    () => client().published.slice(before).some((p) => p.uri === uri && p.diagnostics.length === 0),
    'code diagnostics cleared after scanCode: off',
  );
  await client().until(
    () => client().published.slice(before).some((p) => p.uri === client().fileUri('notes.md') && p.diagnostics.length === 3),
    'prose rescanned',
  );

  client().settings = { ...client().settings, scanCode: 'commentsAndStrings', classes: { EMAIL: 'error', CREDITCARDNUMBER: 'off' } };
  const mark = client().published.length;
  await client().conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  await client().until(() => client().published.slice(mark).some((p) => p.uri === uri && p.diagnostics.length === 1), 'code rescanned');
  const [only] = client().diagnostics.get(uri)!.diagnostics;
  assert.equal(only!.code, 'EMAIL');
  assert.equal(only!.severity, DiagnosticSeverity.Error);
  client().settings = { ...client().settings, classes: {} };
});

test('an untitled document and a data file are scanned whole', { timeout: 60_000 }, async () => {
  const uri = 'untitled:Untitled-1';
  client().open(uri, 'plaintext', `ping ${EMAIL}\n`);
  assert.deepEqual((await client().diagnosticsFor(uri)).map((d) => d.code), ['EMAIL']);
  const csv = client().fileUri('users.csv');
  client().open(csv, 'csv', `id,email\n17,${EMAIL}\n`);
  assert.deepEqual((await client().diagnosticsFor(csv)).map((d) => d.code), ['EMAIL']);
});

test('the status notification reports the model and the findings', { timeout: 60_000 }, async () => {
  await client().until(() => client().lastStatus?.state === 'ready' || client().lastStatus?.state === 'error', 'an idle status');
  const s = client().lastStatus!;
  // The model must have loaded: an error status (validators only) is a failure here.
  assert.equal(s.state, 'ready', s.message);
  assert.ok(s.model, 'the status names the model');
  assert.ok(s.findings >= 3, `findings ${s.findings}`);
  // By severity, adding up to the same number; nothing was scanned beyond the open documents.
  assert.equal(s.counts.error + s.counts.warning + s.counts.info + s.counts.hint, s.findings, 'no commit box open: every finding is in Problems');
  assert.equal(s.scope, 'open');
  assert.ok(client().statuses.some((x) => x.state === 'loading'));
  assert.ok(client().statuses.some((x) => x.state === 'scanning'));
});

test('nothing the server logs holds a PII value', () => {
  const out = client().allOutput;
  for (const v of [EMAIL, CARD, IBAN, 'jane.doe']) assert.ok(!out.includes(v), `log leaks ${v.slice(0, 3)}…`);
});
