/**
 * PII Lint in a real editor: squiggles from the language server, a quick fix, Redact Selection,
 * the Source Control input box, and the pre-commit task's problem matcher. Fixtures (fake people)
 * come from test/e2e/fixtures/workspace, copied into a fresh git repository by the runner.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  activateExtension,
  codeOf,
  git,
  openFixture,
  piiDiagnostics,
  quickFixes,
  rangeOf,
  requestScreenshot,
  screenshotsAvailable,
  waitFor,
  waitForDiagnostics,
  withCode,
  workspaceFolder,
  type PiiLintApi,
} from './helpers';

/** The parts of the git extension's API (extensions/git/src/api/git.d.ts) these tests use. */
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  status(): Promise<void>;
  commit(message: string): Promise<void>;
}
interface GitApi {
  readonly repositories: GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
}
interface GitExtension {
  getAPI(version: 1): GitApi;
}

/** The first non-empty line, as VS Code's git extension picks it for its error dialog. */
function firstLine(output: string): string {
  return output.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
}

/** Runs a pii-lint task and resolves with its exit status. */
async function runTask(task: vscode.Task): Promise<number | undefined> {
  const ended = new Promise<number | undefined>((resolve) => {
    const sub = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution.task.definition.type === 'pii-lint') {
        sub.dispose();
        resolve(e.exitCode);
      }
    });
  });
  await vscode.tasks.executeTask(task);
  return ended;
}

/** For state no event reports (the status bar): checks every 100 ms until true. */
async function poll(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The git extension's repository of the workspace folder. */
async function gitRepository(): Promise<GitRepository> {
  const gitExtension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  assert.ok(gitExtension, 'the built-in git extension');
  const gitApi = (await gitExtension.activate()).getAPI(1);
  const root = workspaceFolder().uri.fsPath;
  return waitFor('the git repository of the workspace', () => gitApi.repositories.find((r) => r.rootUri.fsPath === root), [
    gitApi.onDidOpenRepository as vscode.Event<unknown>,
  ]);
}

/** The hover's text at `position`. */
async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('PII Lint in the editor', () => {
  let api: PiiLintApi;

  before(async () => {
    api = await activateExtension();
  });

  it('underlines personal data in an open file, with class and confidence', async () => {
    const editor = await openFixture('contact.md');
    const diagnostics = await waitForDiagnostics(editor.document.uri, withCode('EMAIL'), 'an EMAIL finding');
    const email = diagnostics.find((d) => codeOf(d) === 'EMAIL');
    assert.ok(email);
    assert.equal(editor.document.getText(email.range), 'maria.kowalski@posteo.de');
    assert.match(email.message, /^EMAIL · \d{1,3}%$/);
    assert.ok(email.severity <= vscode.DiagnosticSeverity.Warning, 'an email is at least a warning');
    // The IBAN passes mod-97: the checksum validator finds it whatever the model says.
    assert.ok(diagnostics.some((d) => codeOf(d) === 'IBAN'), `an IBAN finding among ${diagnostics.map((d) => d.message).join(', ')}`);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, email.range.start.translate(0, 3));
    const hoverText = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.match(hoverText, /EMAIL|email/);
    assert.match(hoverText, /\d{1,3}\s?%/);
    // What checked an e-mail is its format: no checksum is claimed.
    assert.match(hoverText, /checked by: email format/);
    assert.doesNotMatch(hoverText, /checksum/);
    assert.match(hoverText, /quick fixes: mask, synthetic value, allow, disable for this line/);

    // A finding of the model alone says what it rests on.
    const name = diagnostics.find((d) => codeOf(d) === 'FIRSTNAME');
    assert.ok(name, `a FIRSTNAME finding among ${diagnostics.map((d) => d.message).join(', ')}`);
    assert.match(editor.document.getText(name.range), /^Maria\b/);
    assert.match(await hoverAt(editor.document.uri, name.range.start), /model: \d{1,3}%, from the words of the text around it alone; no pattern, checksum or rule confirms it/);

    assert.match(api.statusText(), /PII Lint/);

    const fixes = await quickFixes(editor.document.uri, email.range, /^Mask this EMAIL/);
    assert.ok(fixes.some((a) => /^Replace this EMAIL with a synthetic value/.test(a.title)), `quick fixes on the email: ${fixes.map((a) => a.title).join(' | ')}`);

    // For docs/screenshot.png: the squiggles and the hover over the email.
    editor.selection = new vscode.Selection(email.range.start.translate(0, 3), email.range.start.translate(0, 3));
    editor.revealRange(email.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await requestScreenshot('screenshot');
  });

  it('applies the "Mask" quick fix as one undoable edit', async () => {
    const editor = await openFixture('quickfix.md');
    const doc = editor.document;
    const original = doc.getText();
    const [email] = (await waitForDiagnostics(doc.uri, withCode('EMAIL'), 'an EMAIL finding')).filter((d) => codeOf(d) === 'EMAIL');
    assert.ok(email);

    const actions = await quickFixes(doc.uri, email.range, /^Mask this EMAIL/);
    const mask = actions.find((a) => /^Mask this EMAIL/.test(a.title));
    assert.ok(mask?.edit, `a "Mask this EMAIL" quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(mask.edit));

    const text = doc.getText();
    assert.ok(!text.includes('lukas.brandt@gmx.net'), 'the address is gone');
    assert.match(text, /Invoice questions go to l\*+@\*+\.\w+\./, 'masked in place: first letter, stars, the TLD');
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'EMAIL'), 'the EMAIL finding to disappear');

    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'one undo restores the original');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('"Redact Selection" replaces the findings in the selection only', async () => {
    const editor = await openFixture('redact.txt');
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, (ds) => withCode('EMAIL')(ds) && withCode('CREDITCARDNUMBER')(ds), 'EMAIL and CREDITCARDNUMBER findings');

    const line = doc.lineAt(rangeOf(doc, 'sofia.marino@libero.it').start.line).range;
    editor.selection = new vscode.Selection(line.start, line.end);
    // The operator as an argument skips the QuickPick.
    const result = await vscode.commands.executeCommand<{ applied: boolean; redacted: number }>('piiLint.redactSelection', 'placeholder');
    assert.ok(result?.applied, `redaction applied (${JSON.stringify(result)})`);

    const text = doc.getText();
    assert.ok(!text.includes('sofia.marino@libero.it'));
    assert.ok(text.includes('[EMAIL]'), text);
    assert.ok(text.includes('4916 7302 5188 3408'), 'the card on the next line was not selected and stays');
    // The selection still covers the line, redacted text included.
    assert.equal(doc.getText(editor.selection), doc.lineAt(line.start.line).text);
    assert.match(doc.getText(editor.selection), /\[EMAIL\]/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('"Redact Selection for a Prompt" copies the redacted text; "Restore Values in Selection" puts the values back', async () => {
    const editor = await openFixture('redact.txt');
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, withCode('EMAIL'), 'an EMAIL finding');
    const original = doc.getText();
    const line = doc.lineAt(rangeOf(doc, 'sofia.marino@libero.it').start.line).range;
    editor.selection = new vscode.Selection(line.start, line.end);
    const result = await vscode.commands.executeCommand<{ text?: string; redacted: number }>('piiLint.redactSelectionForPrompt', 'placeholder');
    const prompt = result?.text ?? '';
    assert.ok(!prompt.includes('sofia.marino@libero.it') && prompt.length > 0, `a redacted prompt (${JSON.stringify(result)})`);
    assert.equal(doc.getText(), original, 'the document is not edited');
    assert.equal(await vscode.env.clipboard.readText(), prompt, 'the prompt is on the clipboard');
    const email = /\[EMAIL_\d+\]/.exec(prompt)?.[0];
    assert.ok(email, prompt);

    // The model's answer, pasted into an editor, quoting the token twice.
    const answer = await vscode.workspace.openTextDocument({ content: `Reply to ${email} today; ${email} asked twice.` });
    const answerEditor = await vscode.window.showTextDocument(answer);
    answerEditor.selection = new vscode.Selection(answer.positionAt(0), answer.positionAt(answer.getText().length));
    const restored = await vscode.commands.executeCommand<{ restored: number }>('piiLint.restoreValuesInSelection');
    assert.equal(restored?.restored, 2);
    assert.equal(answer.getText(), 'Reply to sofia.marino@libero.it today; sofia.marino@libero.it asked twice.');
    assert.ok(((await vscode.commands.executeCommand<number>('piiLint.forgetPromptValues')) ?? 0) >= 1, 'the map is forgotten');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('flags an email typed into the Source Control input box', async () => {
    const gitExtension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    assert.ok(gitExtension, 'the built-in git extension');
    const gitApi = (await gitExtension.activate()).getAPI(1);
    await vscode.commands.executeCommand('workbench.view.scm');
    const root = workspaceFolder().uri.fsPath;
    const repository = await waitFor(
      'the git repository of the workspace',
      () => gitApi.repositories.find((r) => r.rootUri.fsPath === root),
      [gitApi.onDidOpenRepository as vscode.Event<unknown>],
    );

    repository.inputBox.value = 'Fix invoice export for maria.kowalski@posteo.de\n\n# lines like this one are git comments: jonas.weber@posteo.de';
    const scmUri = (): vscode.Uri | undefined =>
      vscode.languages
        .getDiagnostics()
        .find(([uri, ds]) => uri.scheme === 'vscode-scm' && ds.some((d) => d.source === 'pii-lint' && codeOf(d) === 'EMAIL'))?.[0];
    const uri = await waitFor('an EMAIL finding in the commit message box', scmUri, [vscode.languages.onDidChangeDiagnostics]);
    const emails = piiDiagnostics(uri).filter((d) => codeOf(d) === 'EMAIL');
    assert.equal(emails.length, 1, 'the # comment line is not scanned');
    assert.equal(emails[0]?.range.start.line, 0);
    // git keeps `#` lines of a message given whole: no directive is offered in the box.
    const boxFixes = await quickFixes(uri, emails[0]!.range, /^Allow this EMAIL/);
    assert.ok(!boxFixes.some((a) => a.title.startsWith('Disable')), boxFixes.map((a) => a.title).join(' | '));

    repository.inputBox.value = '';
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'the commit message findings to clear');
  });

  it('the pre-commit task reports staged personal data in Problems', async () => {
    const folder = workspaceFolder();
    const root = folder.uri.fsPath;
    writeFileSync(join(root, 'staged.txt'), 'Shipping label for Jonas Weber\njonas.weber@posteo.de\n');
    git(root, 'add', 'staged.txt');
    const stagedUri = vscode.Uri.joinPath(folder.uri, 'staged.txt');

    const tasks = await vscode.tasks.fetchTasks({ type: 'pii-lint' });
    const task = tasks.find((t) => t.definition.staged !== false && t.scope !== undefined && typeof t.scope === 'object' && t.scope.uri.fsPath === root);
    assert.ok(task, `a pii-lint task for the folder among: ${tasks.map((t) => t.name).join(', ')}`);

    const exitCode = await runTask(task);
    if (exitCode !== 1) {
      // The terminal's text is out of reach of the API: run the same command again for the reason.
      const cli = join(api.extensionPath, 'dist', 'cli.js');
      const again = spawnSync(process.execPath, [cli, 'scan', '--staged', '--format', 'text'], { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
      assert.fail(`the scan should exit 1 (findings at or above warning), not ${exitCode}: ${again.stderr.trim() || again.stdout.trim()}`);
    }

    // The task's problem (the file is not open: not the server's), worded as the live ones are.
    const diagnostics = await waitForDiagnostics(stagedUri, withCode('EMAIL'), 'the task\'s EMAIL problem');
    const email = diagnostics.find((d) => codeOf(d) === 'EMAIL');
    assert.equal(email?.range.start.line, 1);
    assert.equal(email?.range.start.character, 0);
    assert.match(email.message, /^EMAIL · \d{1,3}%$/);

    // Opened, the file is the live diagnostics': the same finding never shows twice.
    let most = 0;
    const emailCount = (): number => piiDiagnostics(stagedUri).filter((d) => codeOf(d) === 'EMAIL').length;
    const watch = vscode.languages.onDidChangeDiagnostics(() => (most = Math.max(most, emailCount())));
    try {
      const editor = await openFixture('staged.txt');
      const live = (await waitForDiagnostics(stagedUri, withCode('EMAIL'), 'the live EMAIL finding')).find((d) => codeOf(d) === 'EMAIL')!;
      const fixes = await quickFixes(stagedUri, live.range, /^Mask this EMAIL/);
      const mask = fixes.find((a) => /^Mask this EMAIL/.test(a.title))!;
      assert.ok(await vscode.workspace.applyEdit(mask.edit!));
      // Fixed in the editor: no problem stays behind, neither the task's nor the live one.
      await waitForDiagnostics(stagedUri, (ds) => !ds.some((d) => codeOf(d) === 'EMAIL'), 'every EMAIL problem to go after the fix');
      // Run again with the file open: the task leaves it to the live diagnostics.
      assert.equal(await runTask(task), 1, 'the index still holds the email');
      assert.equal(emailCount(), 0, 'the re-run adds nothing for the open file');
      assert.ok(most <= 1, `at most one EMAIL problem at any time (saw ${most})`);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      assert.equal(editor.document.isDirty, false);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      watch.dispose();
    }
  });

  it('"Install Git Hooks" writes hooks that block a commit of staged personal data', async () => {
    const root = workspaceFolder().uri.fsPath;
    // staged.txt (an email) is still staged from the pre-commit task test.
    assert.match(git(root, 'diff', '--cached', '--name-only'), /staged\.txt/);
    const installed = await vscode.commands.executeCommand<boolean>('piiLint.installGitHooks');
    assert.equal(installed, true);
    const hook = readFileSync(join(root, '.git', 'hooks', 'pre-commit'), 'utf8');
    assert.match(hook, /scan --staged/);
    assert.match(readFileSync(join(root, '.git', 'hooks', 'commit-msg'), 'utf8'), /scan --commit-msg/);
    const commit = spawnSync('git', ['commit', '-m', 'Add shipping label'], { cwd: root, encoding: 'utf8' });
    assert.notEqual(commit.status, 0, `the pre-commit hook blocks the commit: ${commit.stdout}${commit.stderr}`);
    // The first line is the reason: it is all VS Code's Git dialog shows.
    assert.match(
      firstLine(commit.stderr),
      /^PII Lint blocked this commit: staged\.txt line [12] adds an? [a-z ]+(, and \d+ more findings? \(listed below\))?\. Fix (it|them), or mark a false positive with a "pii-lint-disable-next-line [A-Z]+" comment on the line above; bypass once with git commit --no-verify\.$/,
    );
    assert.match(commit.stdout + commit.stderr, /EMAIL/);
  });

  it('a commit from Source Control that the commit-msg hook blocks says why in its dialog', async () => {
    const root = workspaceFolder().uri.fsPath;
    git(root, 'reset', '-q', 'staged.txt');
    writeFileSync(join(root, 'release.txt'), 'Release on Friday.\n');
    git(root, 'add', 'release.txt');
    const repository = await gitRepository();
    await repository.status();
    const head = git(root, 'rev-parse', 'HEAD');
    const message = 'Update the release notes\n\nThanks to karl.lund@telia.se for the review';
    const reason =
      'PII Lint blocked this commit: the message contains an email address (line 3). ' +
      'Fix it, or mark a false positive with a "# pii-lint-disable-next-line EMAIL" line above it; bypass once with git commit --no-verify.';

    // Through the git extension, as the Commit button does: its error carries the hooks' output.
    const failure = await repository.commit(message).then(
      () => undefined,
      (e: unknown) => e as { stderr?: string; message?: string },
    );
    assert.ok(failure, 'the commit is refused');
    assert.equal(firstLine(failure.stderr ?? failure.message ?? ''), reason, 'the line VS Code puts in its dialog');
    assert.equal(git(root, 'rev-parse', 'HEAD'), head);

    if (screenshotsAvailable()) {
      // The dialog itself, from the Commit command. (In extension-test mode the workbench logs a
      // modal dialog's text instead of showing it; the runner reads it from there.)
      repository.inputBox.value = message;
      const dialogSeen = requestScreenshot('blocked-commit', { waitFor: 'dialog', dismiss: true });
      const committing = vscode.commands.executeCommand('git.commit');
      const dialog = await dialogSeen;
      await Promise.race([committing, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      assert.equal(dialog, `Git: ${reason}`, 'the dialog says why');
      assert.equal(git(root, 'rev-parse', 'HEAD'), head);
    }
    repository.inputBox.value = '';
    git(root, 'reset', '-q', 'release.txt');
  });

  it('"Allow" writes a complete, valid .piilintrc.json on disk at once', async () => {
    const root = workspaceFolder().uri.fsPath;
    const rcPath = join(root, '.piilintrc.json');
    assert.ok(!existsSync(rcPath));
    const editor = await openFixture('allow.md');
    const uri = editor.document.uri;
    const email = (await waitForDiagnostics(uri, withCode('EMAIL'), 'an EMAIL finding')).find((d) => codeOf(d) === 'EMAIL')!;
    const allow = (await quickFixes(uri, email.range, /^Allow this EMAIL/)).find((a) => /^Allow this EMAIL/.test(a.title))!;
    assert.ok(allow.command);
    const result = await vscode.commands.executeCommand<{ applied: boolean; configFile: string }>(allow.command.command, ...(allow.command.arguments ?? []));
    assert.equal(result?.applied, true, JSON.stringify(result));

    // On disk now, whole: no unsaved buffer stands in for it.
    const rc = JSON.parse(readFileSync(rcPath, 'utf8')) as { salt?: string; allowlist?: string[] };
    assert.match(rc.salt ?? '', /^[A-Za-z0-9_-]{16,}$/, 'a salt is created with it');
    assert.deepEqual(rc.allowlist?.map((e) => /^hmac-sha256:[0-9a-f]{64}$/.test(e)), [true]);
    const rcDocs = vscode.workspace.textDocuments.filter((d) => d.uri.fsPath === rcPath || d.uri.path.endsWith('.piilintrc.json'));
    assert.ok(rcDocs.every((d) => !d.isDirty && !d.isUntitled), 'no unsaved .piilintrc.json');
    await waitForDiagnostics(uri, (ds) => !ds.some((d) => codeOf(d) === 'EMAIL'), 'the allowed EMAIL to go');

    // The CLI (and so the hooks) read the same file: valid, and the value is allowed there too.
    const cli = join(api.extensionPath, 'dist', 'cli.js');
    const scan = spawnSync(process.execPath, [cli, 'scan', 'allow.md', '--format', 'json'], { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.equal(scan.status, 0, scan.stderr);
    assert.deepEqual((JSON.parse(scan.stdout) as { findings: unknown[] }).findings, []);

    rmSync(rcPath);
    await waitForDiagnostics(uri, withCode('EMAIL'), 'the EMAIL finding back without the allowlist');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('a pattern of the team\'s .piilintrc.json is underlined; a refused one shows as an error while scanning goes on', async () => {
    // A folder of its own with its own .piilintrc.json (the nearest one governs a file): the
    // other tests' files keep the policy they had, and the folder goes at the end.
    const folder = vscode.Uri.joinPath(workspaceFolder().uri, 'team');
    const rcUri = vscode.Uri.joinPath(folder, '.piilintrc.json');
    const staffUri = vscode.Uri.joinPath(folder, 'staff.md');
    const employee = { label: 'EMPLOYEEID', regex: 'EMP-\\d{6}', context: ['employee'], score: 0.8 };
    const json = (config: object): string => `${JSON.stringify(config, null, 2)}\n`;
    const write = (uri: vscode.Uri, text: string): Thenable<void> => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await write(rcUri, json({ patterns: [employee] }));
    await write(staffUri, 'Badge for employee EMP-482913 is ready.\nTicket EMP-551207 was closed.\nQuestions go to ines.moreau@posteo.de\n');
    try {
      const doc = (await openFixture('team/staff.md')).document;
      const employeeIds = (ds: vscode.Diagnostic[]): string[] =>
        ds.filter((d) => codeOf(d) === 'EMPLOYEEID').map((d) => `${doc.getText(d.range)} ${d.message}`).sort();

      // The context word before it on the line raises the score by 0.15; without one it is still found.
      const found = await waitForDiagnostics(doc.uri, (ds) => employeeIds(ds).length === 2 && withCode('EMAIL')(ds), 'two EMPLOYEEID findings and an EMAIL');
      assert.deepEqual(employeeIds(found), ['EMP-482913 EMPLOYEEID · 95%', 'EMP-551207 EMPLOYEEID · 80%']);
      const withContext = found.find((d) => codeOf(d) === 'EMPLOYEEID' && d.range.start.line === 0)!;
      const hover = await hoverAt(doc.uri, withContext.range.start.translate(0, 2));
      assert.match(hover, /found by: a pattern recognizer/);
      assert.match(hover, /rule: team pattern \(context word\)/);

      // A threshold above the plain score makes the context word a condition.
      await write(rcUri, json({ patterns: [employee], thresholds: { EMPLOYEEID: 0.9 } }));
      const contextOnly = await waitForDiagnostics(doc.uri, (ds) => employeeIds(ds).length === 1, 'only the EMPLOYEEID with its context word');
      assert.deepEqual(employeeIds(contextOnly), ['EMP-482913 EMPLOYEEID · 95%']);

      // Edited in the editor: one pattern that does not compile, one that can backtrack catastrophically.
      const rcEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(rcUri), { preview: false });
      const rcDoc = rcEditor.document;
      const refused = { patterns: [employee, { label: 'BADGE', regex: 'B-(\\d{4}' }, { label: 'SLOW', regex: '(\\w+\\s?)*$' }] };
      const edit = new vscode.WorkspaceEdit();
      edit.replace(rcUri, new vscode.Range(rcDoc.positionAt(0), rcDoc.positionAt(rcDoc.getText().length)), json(refused));
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(await rcDoc.save());
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

      await poll('the status bar to show the refused patterns', () => /^\$\(error\) PII Lint$/.test(api.statusText()));
      const label = api.statusAccessibilityLabel();
      assert.ok(label.includes(`${rcUri.fsPath}: "patterns[1]" (BADGE): regex`), `the file and the pattern named: ${label}`);
      assert.match(label, /"patterns\[1\]" \(BADGE\): regex .* does not compile/);
      assert.match(label, /"patterns\[2\]" \(SLOW\): regex .* can backtrack catastrophically/);

      // The rest of the file still applies (the threshold is gone: both IDs again), and edits are still scanned.
      await waitForDiagnostics(doc.uri, (ds) => employeeIds(ds).length === 2 && withCode('EMAIL')(ds), 'the good pattern\'s findings and the EMAIL');
      const cc = new vscode.WorkspaceEdit();
      cc.insert(doc.uri, doc.lineAt(doc.lineCount - 1).range.end, 'Cc jonas.weber@posteo.de\n');
      assert.ok(await vscode.workspace.applyEdit(cc));
      assert.ok(await doc.save());
      await waitForDiagnostics(doc.uri, (ds) => ds.filter((d) => codeOf(d) === 'EMAIL').length === 2, 'the EMAIL added under the refused patterns');
      await poll('the error to stay shown after the rescan', () => /^\$\(error\) PII Lint$/.test(api.statusText()));

      // Without the file the team's class is gone and so is the error.
      await vscode.workspace.fs.delete(rcUri);
      await waitForDiagnostics(doc.uri, (ds) => employeeIds(ds).length === 0 && withCode('EMAIL')(ds), 'the EMPLOYEEID findings to go with the file');
      await poll('the status bar to leave the error', () => /^\$\((shield|sync~spin)\) PII Lint · \d+$/.test(api.statusText()));
    } finally {
      for (const d of vscode.workspace.textDocuments) {
        if (d.isDirty && d.uri.path.startsWith(`${folder.path}/`)) await d.save();
      }
      const tabs = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.path.startsWith(`${folder.path}/`));
      await vscode.window.tabGroups.close(tabs);
      await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
    }
  });

  it('"Disable" never writes into a docstring; CSV files and the hover offer only what works there', async () => {
    const editor = await openFixture('docstring.py');
    const doc = editor.document;
    const original = doc.getText();
    const email = (await waitForDiagnostics(doc.uri, withCode('EMAIL'), 'the EMAIL in the docstring')).find((d) => codeOf(d) === 'EMAIL')!;
    const disable = (await quickFixes(doc.uri, email.range, /^Disable EMAIL/)).find((a) => /^Disable EMAIL/.test(a.title))!;
    assert.match(disable.title, /multi-line string or comment/);
    assert.ok(await vscode.workspace.applyEdit(disable.edit!));
    const triple = '"'.repeat(3);
    const docstring = (text: string): string => new RegExp(`${triple}[\\s\\S]*?${triple}`).exec(text)?.[0] ?? '';
    assert.equal(docstring(doc.getText()), docstring(original), 'the docstring is untouched');
    assert.equal(doc.getText(), `# pii-lint-disable EMAIL\n${original.replace(`${triple}\n\nimport`, `${triple}\n# pii-lint-enable EMAIL\n\nimport`)}`);
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'EMAIL'), 'the EMAIL to be suppressed');
    await vscode.commands.executeCommand('workbench.action.files.revert');

    const csv = await openFixture('people.csv');
    const csvEmail = (await waitForDiagnostics(csv.document.uri, withCode('EMAIL'), 'the EMAIL in the CSV')).find((d) => codeOf(d) === 'EMAIL')!;
    const titles = (await quickFixes(csv.document.uri, csvEmail.range, /^Allow this EMAIL/)).map((a) => a.title);
    assert.ok(!titles.some((t) => t.startsWith('Disable')), `no directive in a CSV file: ${titles.join(' | ')}`);
    const hover = await hoverAt(csv.document.uri, csvEmail.range.start.translate(0, 2));
    assert.match(hover, /quick fixes: mask, synthetic value, allow$/m, 'the hover promises only what is offered');
  });

  it('the quick-fix menu lists each finding\'s own actions first, "Mask all" last', async () => {
    const editor = await openFixture('two-findings.md');
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, (ds) => withCode('EMAIL')(ds) && withCode('CREDITCARDNUMBER')(ds), 'both findings');
    const line = doc.lineAt(0).range;
    const titles = (await quickFixes(doc.uri, line, /^Mask all PII in this file/)).map((a) => a.title);
    assert.equal(titles[titles.length - 1], 'Mask all PII in this file (2)', titles.join(' | '));
    // Each finding's actions stay together.
    const owner = (t: string): string => /CREDITCARDNUMBER/.test(t) ? 'card' : /EMAIL/.test(t) ? 'email' : 'file';
    const runs = titles.map(owner).filter((o, i, all) => i === 0 || all[i - 1] !== o);
    assert.deepEqual([...runs].sort(), ['card', 'email', 'file'], titles.join(' | '));

    if (screenshotsAvailable()) {
      // The menu as the user sees it (docs/quick-fix-menu.png).
      editor.selection = new vscode.Selection(line.start, line.end);
      void vscode.commands.executeCommand('editor.action.quickFix');
      const menu = await requestScreenshot('quick-fix-menu', { waitFor: 'quickfix', docs: true, dismiss: true });
      assert.ok(menu && menu.lastIndexOf('Mask all') > menu.lastIndexOf('Disable'), `"Mask all" last in the menu: ${menu}`);
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('"Scan Workspace" puts the findings of files nobody opened in Problems', async () => {
    const folder = workspaceFolder();
    writeFileSync(join(folder.uri.fsPath, 'scan-me.txt'), 'Forward the signed contract to pia.lindqvist@telia.se\n');
    const uri = vscode.Uri.joinPath(folder.uri, 'scan-me.txt');
    const result = await vscode.commands.executeCommand<{ files: number; findings: number; cancelled: boolean }>('piiLint.scanWorkspaceFolders');
    assert.ok(result && !result.cancelled, `a finished scan (${JSON.stringify(result)})`);
    assert.ok(result.files >= 4, `${result.files} files scanned`);
    assert.ok(result.findings >= 1, `${result.findings} findings`);
    await waitForDiagnostics(uri, withCode('EMAIL'), 'the scan\'s EMAIL finding in an unopened file');

    // The status bar counts what Problems lists (errors, warnings, infos), workspace-wide now.
    const listed = (): number =>
      vscode.languages
        .getDiagnostics()
        .filter(([u]) => u.scheme !== 'vscode-scm') // the commit box's squiggles are not in Problems
        .reduce((n, [, ds]) => n + ds.filter((d) => d.source === 'pii-lint' && d.severity !== vscode.DiagnosticSeverity.Hint).length, 0);
    await poll('the status bar to match Problems', () => api.statusText().endsWith(`· ${listed()}`) && /in the workspace/.test(api.statusAccessibilityLabel()));
    const label = api.statusAccessibilityLabel();
    assert.match(label, /^PII Lint: .*in the workspace\. Model \S+ loaded\.$/);
    assert.doesNotMatch(label, /&nbsp;|\\|\*\*|\$\(/, `plain text: ${label}`);
  });

  it('the walkthrough opens, and its buttons open a sample to redact and the settings', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'pii-lint.pii-lint#getStarted', false);
    const activeTab = (): string => vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '';
    await waitFor('the Welcome page with the walkthrough', () => (/Welcome|Walkthrough|PII Lint/i.test(activeTab()) ? true : undefined), [vscode.window.tabGroups.onDidChangeTabs as vscode.Event<unknown>], 15_000);

    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('piiLint.openSample');
    const doc = editor.document;
    assert.equal(doc.uri.scheme, 'untitled', 'the sample is not written to disk');
    await waitForDiagnostics(doc.uri, (ds) => withCode('EMAIL')(ds) && withCode('IBAN')(ds), 'EMAIL and IBAN findings in the sample');
    const lines = new vscode.Range(rangeOf(doc, 'Met Maria').start, doc.lineAt(rangeOf(doc, 'Card on file').start.line).range.end);
    editor.selection = new vscode.Selection(lines.start, lines.end);
    const result = await vscode.commands.executeCommand<{ applied: boolean }>('piiLint.redactSelection', 'placeholder');
    assert.ok(result?.applied);
    assert.ok(!doc.getText().includes('maria.kowalski@posteo.de') && doc.getText().includes('[EMAIL]'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    await vscode.commands.executeCommand('piiLint.openSettings');
    await waitFor('the Settings editor', () => (/Settings/.test(activeTab()) ? true : undefined), [vscode.window.tabGroups.onDidChangeTabs as vscode.Event<unknown>], 15_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('"Restart Server" replaces the server, which reports again', async () => {
    const editor = await openFixture('contact.md');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, withCode('EMAIL'), 'an EMAIL finding');
    // A stopped client clears its diagnostics; the new server must publish them afresh.
    let cleared = false;
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && piiDiagnostics(uri).length === 0) cleared = true;
    });
    try {
      await vscode.commands.executeCommand('piiLint.restartServer');
      await waitForDiagnostics(uri, (ds) => cleared && withCode('EMAIL')(ds), 'the restarted server to report again');
    } finally {
      sub.dispose();
    }
    assert.doesNotMatch(api.statusText(), /circle-slash/, 'the status bar does not show a stopped server');
  });
});
