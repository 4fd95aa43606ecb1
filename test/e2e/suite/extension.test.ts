/**
 * PII Lint in a real editor: squiggles from the language server, a quick fix, Redact Selection,
 * the Source Control input box, and the pre-commit task's problem matcher. Fixtures (fake people)
 * come from test/e2e/fixtures/workspace, copied into a fresh git repository by the runner.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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
}
interface GitApi {
  readonly repositories: GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
}
interface GitExtension {
  getAPI(version: 1): GitApi;
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

    const ended = new Promise<number | undefined>((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.definition.type === 'pii-lint') {
          sub.dispose();
          resolve(e.exitCode);
        }
      });
    });
    await vscode.tasks.executeTask(task);
    const exitCode = await ended;
    if (exitCode !== 1) {
      // The terminal's text is out of reach of the API: run the same command again for the reason.
      const cli = join(api.extensionPath, 'dist', 'cli.js');
      const again = spawnSync(process.execPath, [cli, 'scan', '--staged', '--format', 'text'], { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
      assert.fail(`the scan should exit 1 (findings at or above warning), not ${exitCode}: ${again.stderr.trim() || again.stdout.trim()}`);
    }

    // Markers from the $pii-lint problem matcher (the file is not open: not the server's).
    const diagnostics = await waitForDiagnostics(stagedUri, withCode('EMAIL'), 'the task\'s EMAIL problem');
    const email = diagnostics.find((d) => codeOf(d) === 'EMAIL');
    assert.equal(email?.range.start.line, 1);
    assert.equal(email?.range.start.character, 0);
  });

  it('"Install Git Hooks" writes hooks that block a commit of staged personal data', async () => {
    const root = workspaceFolder().uri.fsPath;
    // staged.txt (an email) is still staged from the pre-commit task test.
    assert.match(git(root, 'diff', '--cached', '--name-only'), /staged\.txt/);
    const installed = await vscode.commands.executeCommand<boolean>('piiLint.installGitHooks');
    assert.equal(installed, true);
    const hook = readFileSync(join(root, '.git', 'hooks', 'pre-commit'), 'utf8');
    assert.match(hook, /scan --staged/);
    const commit = spawnSync('git', ['commit', '-m', 'Add shipping label'], { cwd: root, encoding: 'utf8' });
    assert.notEqual(commit.status, 0, `the pre-commit hook blocks the commit: ${commit.stdout}${commit.stderr}`);
    assert.match(commit.stdout + commit.stderr, /EMAIL/);
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
