import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Command, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { editsByUri, offsetAt, clientForThisFile, SAMPLE } from './harness';

const { EMAIL, CARD, IBAN } = SAMPLE;

const client = clientForThisFile();

function isAction(a: CodeAction | Command): a is CodeAction {
  return 'kind' in a || 'edit' in a || 'diagnostics' in a;
}

async function actionsFor(uri: string, d: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  const r = (await client().codeActions(uri, d.range, [d], only)) ?? [];
  return r.filter(isAction);
}

function textOf(text: string, d: Diagnostic): string {
  return text.slice(offsetAt(text, d.range.start), offsetAt(text, d.range.end));
}

/** One document edit, versioned for the document it was computed for (so it is one undo step). */
function assertSingleVersionedEdit(edit: WorkspaceEdit | undefined, uri: string, version: number): void {
  assert.ok(edit, 'the action carries an edit');
  const byUri = editsByUri(edit);
  assert.deepEqual([...byUri.keys()], [uri]);
  assert.equal(edit.documentChanges?.length, 1);
  assert.equal(byUri.get(uri)!.version, version);
}

/** Applies a code action's edit the way the editor would, then waits for the rescan. */
async function apply(uri: string, a: CodeAction): Promise<Diagnostic[]> {
  assert.ok(client().applyWorkspaceEdit(a.edit!), 'edit applies');
  return client().diagnosticsFor(uri);
}

test('quick fixes for a finding: mask, synthetic, allow, disable line', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('a.md');
  const text = `Write to ${EMAIL} today.\nCard: ${CARD}\n`;
  client().open(uri, 'markdown', text);
  const [email] = await client().diagnosticsFor(uri);
  assert.equal(email!.code, 'EMAIL');
  const actions = await actionsFor(uri, email!);
  assert.deepEqual(
    actions.map((a) => [a.title, a.kind]),
    [
      ['Mask this EMAIL', 'quickfix'],
      ['Replace this EMAIL with a synthetic value', 'quickfix'],
      ['Allow this EMAIL (add its fingerprint to .piilintrc.json)', 'quickfix'],
      ['Disable EMAIL for this line', 'quickfix'],
      ['Mask all PII in this file (2)', 'quickfix'],
    ],
  );
  assert.equal(actions[0]!.isPreferred, true);
  for (const a of actions) {
    if (a.edit) assertSingleVersionedEdit(a.edit, uri, 1);
    assert.ok(!JSON.stringify(a).includes(EMAIL), `${a.title}: no plaintext in the action`);
  }
  assert.equal(actions[2]!.command?.command, 'piiLint.addToAllowlist');
});

test('mask removes the value and leaves the rest of the text as it was', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('mask.md');
  const text = `Write to ${EMAIL} today.\nCard: ${CARD}\n`;
  client().open(uri, 'markdown', text);
  const [email] = await client().diagnosticsFor(uri);
  const [mask] = await actionsFor(uri, email!);
  const start = offsetAt(text, email!.range.start);
  const end = offsetAt(text, email!.range.end);
  const after = await apply(uri, mask!);
  const now = client().docs.get(uri)!.text;
  assert.ok(!now.includes(EMAIL));
  assert.ok(now.startsWith(text.slice(0, start)), 'text before intact');
  assert.ok(now.endsWith(text.slice(end)), 'text after intact');
  assert.ok(now.length > start + text.length - end, 'something stands in for the value');
  assert.deepEqual(after.map((d) => d.code), ['CREDITCARDNUMBER']);
});

test('synthetic replacement: the same value gets the same pseudonym in a document', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('synthetic.md');
  const text = `From ${EMAIL}:\nplease reply to ${EMAIL} soon.\n`;
  client().open(uri, 'markdown', text);
  let diags = await client().diagnosticsFor(uri);
  assert.deepEqual(diags.map((d) => textOf(text, d)), [EMAIL, EMAIL]);

  // Replace the first occurrence, then (after the rescan) the second one.
  const first = (await actionsFor(uri, diags[0]!)).find((a) => a.title.includes('synthetic'))!;
  diags = await apply(uri, first);
  let cur = client().docs.get(uri)!.text;
  const second = diags.find((d) => textOf(cur, d) === EMAIL)!;
  assert.ok(second, 'the second occurrence is still reported');
  const fix = (await actionsFor(uri, second)).find((a) => a.title.includes('synthetic'))!;
  await apply(uri, fix);
  cur = client().docs.get(uri)!.text;
  assert.ok(!cur.includes(EMAIL));
  const m = /^From (.+):\nplease reply to (.+) soon\.\n$/.exec(cur);
  assert.ok(m, 'surrounding text intact');
  assert.equal(m[1], m[2], 'one pseudonym for one original');
  assert.match(m[1]!, /^[^\s@]+@[^\s@]+\.[a-z]+$/i, 'the pseudonym is an email address');
});

test('disable for this line inserts a directive in the language comment syntax', { timeout: 60_000 }, async () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['b.md', 'markdown', `Intro\n  Mail ${EMAIL} now\n`, /^Intro\n {2}<!-- pii-lint-disable-next-line EMAIL -->\n {2}Mail /],
    ['b.py', 'python', `x = 1\n    s = "${EMAIL}"\n`, /^x = 1\n {4}# pii-lint-disable-next-line EMAIL\n {4}s = /],
    ['b.ts', 'typescript', `const a = 1;\r\nconst s = "${EMAIL}";\r\n`, /^const a = 1;\r\n\/\/ pii-lint-disable-next-line EMAIL\r\nconst s = /],
  ];
  for (const [name, languageId, text, expected] of cases) {
    const uri = client().fileUri(name);
    client().open(uri, languageId, text);
    const [email] = await client().diagnosticsFor(uri);
    const disable = (await actionsFor(uri, email!)).find((a) => a.title.startsWith('Disable'));
    assert.ok(disable, `${languageId}: offered`);
    const after = await apply(uri, disable);
    assert.match(client().docs.get(uri)!.text, expected, languageId);
    assert.deepEqual(after, [], `${languageId}: suppressed`);
  }

  // A second class on a line already carrying a directive extends it.
  const uri = client().fileUri('c.ts');
  client().open(uri, 'typescript', `// pii-lint-disable-next-line EMAIL\nconst s = "${EMAIL} ${CARD}";\n`);
  const [card] = await client().diagnosticsFor(uri);
  assert.equal(card!.code, 'CREDITCARDNUMBER');
  const disable = (await actionsFor(uri, card!)).find((a) => a.title.startsWith('Disable'))!;
  assert.deepEqual(await apply(uri, disable), []);
  assert.match(client().docs.get(uri)!.text, /^\/\/ pii-lint-disable-next-line EMAIL CREDITCARDNUMBER\nconst s/);
});

test('fix all in file masks every finding in one edit', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('all.md');
  const text = `a ${EMAIL}\nb ${CARD}\nc ${IBAN}\n`;
  client().open(uri, 'markdown', text);
  const diags = await client().diagnosticsFor(uri);
  assert.equal(diags.length, 3);
  const whole = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
  const r = ((await client().codeActions(uri, whole, diags, ['source.fixAll'])) ?? []).filter(isAction);
  assert.deepEqual(r.map((a) => a.kind), ['source.fixAll.piiLint']);
  assertSingleVersionedEdit(r[0]!.edit, uri, 1);
  const after = await apply(uri, r[0]!);
  const now = client().docs.get(uri)!.text;
  for (const v of [EMAIL, CARD, IBAN]) assert.ok(!now.includes(v));
  assert.match(now, /^a .+\nb .+\nc .+\n$/);
  assert.deepEqual(after.filter((d) => ([EMAIL, CARD, IBAN] as string[]).includes(textOf(now, d))), []);
  // Only quick fixes when quick fixes are asked for; no source action without `only`.
  const none = ((await client().codeActions(uri, whole, [], ['quickfix'])) ?? []).filter(isAction);
  assert.deepEqual(none, []);
});

test('no edit is offered when the text no longer holds the value', { timeout: 60_000 }, async () => {
  const uri = client().fileUri('stale.md');
  const text = `Mail ${EMAIL} now\n`;
  client().open(uri, 'markdown', text);
  const [email] = await client().diagnosticsFor(uri);
  // Same length, different value at the same place.
  client().change(uri, text.replace(EMAIL, 'john.roe@acme-mail.com'));
  const actions = await actionsFor(uri, email!);
  assert.deepEqual(actions.filter((a) => a.edit && a.kind === 'quickfix'), []);
  // Text inserted before it: the editor moves the range, the fix follows.
  const moved = await client().diagnosticsFor(uri);
  client().change(uri, `>> ${client().docs.get(uri)!.text}`);
  const shifted = { ...moved[0]!, range: { start: { line: 0, character: moved[0]!.range.start.character + 3 }, end: { line: 0, character: moved[0]!.range.end.character + 3 } } };
  const ok = await actionsFor(uri, shifted);
  assert.ok(ok.some((a) => a.title === 'Mask this EMAIL' && a.edit));
});

test('suppressions stay out of docstrings, strings and block comments; none where comments do not exist', { timeout: 60_000 }, async () => {
  // Inside a module docstring: a disable/enable pair of Python comments around it, the docstring untouched.
  const doc = `"""Billing helpers.\n\nQuestions: ${EMAIL}\n"""\nimport os\n`;
  const py = client().fileUri('doc.py');
  client().open(py, 'python', doc);
  const [inDoc] = await client().diagnosticsFor(py);
  const around = (await actionsFor(py, inDoc!)).find((a) => a.title.startsWith('Disable'));
  assert.ok(around, 'offered');
  assert.match(around.title, /multi-line string or comment/);
  assert.deepEqual(await apply(py, around), [], 'suppressed');
  assert.equal(client().docs.get(py)!.text, `# pii-lint-disable EMAIL\n"""Billing helpers.\n\nQuestions: ${EMAIL}\n"""\n# pii-lint-enable EMAIL\nimport os\n`);

  // A block comment in TypeScript, indented.
  const ts = client().fileUri('block.ts');
  client().open(ts, 'typescript', `function f() {\n  /*\n   * owner: ${EMAIL}\n   */\n  return 1;\n}\n`);
  const [inBlock] = await client().diagnosticsFor(ts);
  const block = (await actionsFor(ts, inBlock!)).find((a) => a.title.startsWith('Disable'))!;
  assert.deepEqual(await apply(ts, block), []);
  assert.equal(
    client().docs.get(ts)!.text,
    `function f() {\n  // pii-lint-disable EMAIL\n  /*\n   * owner: ${EMAIL}\n   */\n  // pii-lint-enable EMAIL\n  return 1;\n}\n`,
  );

  // On the first line of a docstring, the directive goes on the line before it.
  const first = client().fileUri('first.py');
  client().open(first, 'python', `def f():\n    """Ask ${EMAIL}.\n    More text.\n    """\n`);
  const [onFirst] = await client().diagnosticsFor(first);
  const line = (await actionsFor(first, onFirst!)).find((a) => a.title.startsWith('Disable'))!;
  assert.equal(line.title, 'Disable EMAIL for this line');
  assert.deepEqual(await apply(first, line), []);
  assert.match(client().docs.get(first)!.text, /^def f\(\):\n {4}# pii-lint-disable-next-line EMAIL\n {4}"""Ask /);

  // CSV and JSON have no comments: mask, synthetic and allow only.
  for (const [name, languageId, text] of [
    ['people.csv', 'csv', `name,email\nJane,${EMAIL}\n`],
    ['people.json', 'json', `{\n  "email": "${EMAIL}"\n}\n`],
  ] as const) {
    const uri = client().fileUri(name);
    client().open(uri, languageId, text);
    const [d] = await client().diagnosticsFor(uri);
    const titles = (await actionsFor(uri, d!)).map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith('Allow')), `${languageId}: allow offered`);
    assert.ok(!titles.some((t) => t.startsWith('Disable')), `${languageId}: no directive offered (${titles.join(' | ')})`);
  }
});

test("two findings on a line: each finding's actions together, the file-wide one last", { timeout: 60_000 }, async () => {
  const uri = client().fileUri('two.md');
  client().open(uri, 'markdown', `Pay ${CARD} or mail ${EMAIL}\n`);
  const diags = await client().diagnosticsFor(uri);
  assert.equal(diags.length, 2);
  const line = { start: { line: 0, character: 0 }, end: { line: 0, character: 60 } };
  const actions = ((await client().codeActions(uri, line, diags)) ?? []).filter(isAction);
  const last = actions[actions.length - 1]!;
  assert.equal(last.title, 'Mask all PII in this file (2)');
  assert.deepEqual(last.diagnostics ?? [], [], 'not tied to one finding, so the editor sorts it after them');
  assert.ok(actions.slice(0, -1).every((a) => a.diagnostics?.length === 1));
});
