/**
 * Offline editor tests: the mocha suite (dist/test/e2e) runs in code-server's Node extension host,
 * driven by headless Debian Chromium through playwright-core. Recipe and reasons:
 * ../shared/design/editor-tests.md. code-server lives outside the clone
 * (test/e2e/install-code-server.sh).
 *
 *   node dist/test/e2e/runCodeServer.js                 # this checkout as the development extension
 *   node dist/test/e2e/runCodeServer.js --vsix [file]   # install the .vsix (default: newest *.vsix here) and test that
 *   node dist/test/e2e/runCodeServer.js --untrusted     an untrusted workspace (restricted mode) that names
 *                                                       its own model folder: only test/e2e/suite/untrusted.test.js runs
 *   options: --grep TEXT, --no-screenshot, --keep (leave the temp folder), --timeout SECONDS
 *
 * The screenshot of the squiggles and the hover goes to docs/screenshot.png.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, readdirSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = resolve(__dirname, '..', '..', '..');
const CODE_SERVER_HOME = process.env.PII_LINT_E2E_HOME ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'pii-lint-e2e');
const CODE_SERVER = join(CODE_SERVER_HOME, 'code-server', 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EXTENSION_ID = 'pii-lint.pii-lint';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    vsix: { type: 'boolean' },
    untrusted: { type: 'boolean' },
    grep: { type: 'string' },
    'no-screenshot': { type: 'boolean' },
    screenshot: { type: 'string' },
    keep: { type: 'boolean' },
    timeout: { type: 'string' },
  },
});

function log(message: string): void {
  process.stdout.write(`[e2e] ${message}\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function newestVsix(): string {
  const candidates = readdirSync(root)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => join(root, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!candidates[0]) throw new Error('no .vsix in the repository root: run `npm run package` first');
  return candidates[0];
}

/** A fresh git repository holding the fixtures: the SCM and pre-commit tests need one. */
function createWorkspace(dir: string): void {
  cpSync(join(root, 'test', 'e2e', 'fixtures', 'workspace'), dir, { recursive: true });
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'PII Lint e2e');
  git('config', 'user.email', 'e2e@pii-lint.invalid');
  git('config', 'commit.gpgsign', 'false');
  git('add', '-A');
  git('commit', '-q', '-m', 'fixtures', '--no-verify');
}

/** An extension with nothing in it: the development host for testing an installed .vsix. */
function createHostExtension(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const manifest = { name: 'pii-lint-e2e-host', publisher: 'pii-lint', version: '0.0.0', engines: { vscode: '^1.100.0' } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/**
 * The untrusted run's workspace names a model folder of its own (in the settings and in
 * .piilintrc.json) holding a corrupt model: restricted mode must ignore it and use the built-in one.
 */
function nameWorkspaceModel(workspace: string, modelDir: string): void {
  mkdirSync(modelDir, { recursive: true });
  writeFileSync(join(modelDir, 'config.json'), '{"id2label": {"0": "O"}}');
  writeFileSync(join(modelDir, 'tokenizer.json'), 'not a tokenizer');
  writeFileSync(join(modelDir, 'model.onnx'), 'not a model');
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'piiLint.model.path': modelDir }, null, 2));
  writeFileSync(join(workspace, '.piilintrc.json'), JSON.stringify({ model: modelDir }, null, 2));
}

function writeUserSettings(userDataDir: string, untrusted: boolean): void {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.colorTheme': 'Default Dark Modern',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.commandCenter.enabled': false,
    'chat.disableAIFeatures': true,
    'editor.minimap.enabled': false,
    'editor.fontSize': 15,
    'editor.hover.delay': 100,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'telemetry.telemetryLevel': 'off',
    // The untrusted run opens the workspace in restricted mode, without the trust dialog.
    'security.workspace.trust.enabled': untrusted,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never',
    'git.openRepositoryInParentFolders': 'never',
    'git.autofetch': false,
    'git.blame.statusBarItem.enabled': false,
    'files.autoSave': 'off',
    'piiLint.trace.server': 'off',
  };
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

async function waitForHttp(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
      lastError = `HTTP ${res.status}`;
    } catch (e) {
      lastError = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms (${lastError})`);
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

/** What the suite asks for in `<name>.request` (see requestScreenshot in suite/helpers.ts). */
interface ScreenshotRequest {
  /** What must be on screen: the hover (default), the quick-fix menu, or a modal dialog. */
  waitFor?: 'hover' | 'quickfix' | 'dialog';
  /** Save as docs/<name>.png. */
  docs?: boolean;
  /** Press Escape afterwards (closes a menu or a modal dialog). */
  dismiss?: boolean;
}

function readRequest(path: string): ScreenshotRequest {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ScreenshotRequest;
  } catch {
    return {};
  }
}

/** Waits for the hover (pointing the mouse at a squiggle if none is up) and its quick-fix row. */
async function waitForHover(page: Page): Promise<void> {
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  if (!(await hover.isVisible().catch(() => false))) {
    const squiggle = page.locator('.squiggly-error, .squiggly-warning, .squiggly-info').first();
    if (await squiggle.isVisible().catch(() => false)) await squiggle.hover();
  }
  await hover.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => log('screenshot: no hover visible'));
  // Let the hover's status row finish "Checking for quick fixes…".
  await page
    .waitForFunction(() => !/Checking for quick fixes/.test(document.querySelector('.monaco-hover:not(.hidden)')?.textContent ?? ''), undefined, { timeout: 5_000 })
    .catch(() => undefined);
}

/**
 * The suite asks for screenshots by writing `<name>.request` into the control folder; this takes
 * it once what it shows is on screen and answers with `<name>.done`, holding the text of what it
 * waited for (a dialog's message, the menu's items) so the suite can check what the user saw.
 */
/**
 * Modal dialogs the workbench refused to show: in extension-test mode VS Code logs a dialog's text
 * ("DialogService: refused to show dialog in tests. Contents: …") instead of showing it.
 */
const REFUSED_DIALOG = 'DialogService: refused to show dialog in tests. Contents: ';
const refusedDialogs: string[] = [];
const dialogWaiters: Array<() => void> = [];

function noteWorkbenchLog(text: string): void {
  const at = text.indexOf(REFUSED_DIALOG);
  if (at < 0) return;
  const contents = text.slice(at + REFUSED_DIALOG.length).replace(/"\]$/, '');
  refusedDialogs.push(JSON.parse(`"${contents}"`) as string);
  for (const wake of dialogWaiters.splice(0)) wake();
}

/** The text of the next modal dialog: one on screen, or one the workbench refused to show. */
async function nextDialog(page: Page, since: number, timeoutMs: number): Promise<string> {
  const box = page.locator('.monaco-dialog-box').first();
  const refused = new Promise<string>((resolve) => {
    const check = (): void => {
      if (refusedDialogs.length > since) resolve(refusedDialogs[since] as string);
      else dialogWaiters.push(check);
    };
    check();
  });
  const shown = box.waitFor({ state: 'visible', timeout: timeoutMs }).then(async () => (await box.innerText()).trim());
  const timeout = new Promise<string>((resolve) => setTimeout(() => resolve(''), timeoutMs));
  return Promise.race([refused, shown.catch(() => ''), timeout]);
}

function serveScreenshots(page: Page, controlDir: string, target: string, docsDir: string): () => void {
  const handled = new Set<string>();
  const take = async (file: string): Promise<void> => {
    const name = file.slice(0, -'.request'.length);
    if (handled.has(name)) return;
    handled.add(name);
    const request = readRequest(join(controlDir, file));
    // Dialogs from now on: the suite asks before it runs the command that opens one.
    const dialogsBefore = refusedDialogs.length;
    let seen = '';
    try {
      if (request.waitFor === 'dialog') {
        seen = await nextDialog(page, dialogsBefore, 20_000);
        if (!seen) log('screenshot: no dialog');
      } else if (request.waitFor === 'quickfix') {
        const box = page.locator('.action-widget').first();
        await box.waitFor({ state: 'visible', timeout: 20_000 }).catch(() => log('screenshot: no quick-fix menu visible'));
        seen = (await box.innerText().catch(() => '')).trim();
      } else {
        await waitForHover(page);
      }
      const out = name === 'screenshot' ? target : request.docs ? join(docsDir, `${name}.png`) : join(controlDir, `${name}.png`);
      mkdirSync(resolve(out, '..'), { recursive: true });
      await page.screenshot({ path: out });
      log(`screenshot: ${out}`);
      if (request.dismiss) await page.keyboard.press('Escape');
    } catch (e) {
      log(`screenshot failed: ${(e as Error).message}`);
    } finally {
      // Written whole, then renamed: the suite reads it as soon as the name appears.
      writeFileSync(join(controlDir, `${name}.tmp`), seen);
      renameSync(join(controlDir, `${name}.tmp`), join(controlDir, `${name}.done`));
    }
  };
  const scan = (): void => {
    for (const f of readdirSync(controlDir)) if (f.endsWith('.request')) void take(f);
  };
  const watcher = watch(controlDir, scan);
  scan();
  return () => watcher.close();
}

/**
 * docs/blocked-commit.png: VS Code's dialog for a commit the commit-msg hook refuses. Modal
 * dialogs are not shown while extension tests run, so this opens the workspace again as a user
 * would (the extension loaded, no tests), types a message with an e-mail address into the Source
 * Control box and commits. The suite installed the hooks; best effort, it never fails the run.
 */
async function blockedCommitScreenshot(browser: Browser, url: string, workspace: string, out: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    writeFileSync(join(workspace, 'release-notes.txt'), 'Release on Friday.\n');
    execFileSync('git', ['add', 'release-notes.txt'], { cwd: workspace, stdio: 'ignore' });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await page.keyboard.press('Control+Shift+G');
    const input = page.locator('.scm-editor .monaco-editor').first();
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.click();
    await page.keyboard.type('Update the release notes');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('Thanks to karl.lund@telia.se for the review');
    await page.keyboard.press('Control+Enter');
    const dialog = page.locator('.monaco-dialog-box').first();
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    await page.screenshot({ path: out });
    log(`screenshot: ${out} (${(await dialog.innerText()).split('\n')[0]})`);
  } catch (e) {
    log(`blocked-commit screenshot not taken: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  if (!existsSync(CODE_SERVER)) {
    log(`code-server is not installed at ${CODE_SERVER}: run test/e2e/install-code-server.sh`);
    return 2;
  }
  if (!existsSync(CHROMIUM)) {
    log(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
    return 2;
  }
  const testsEntry = join(root, 'dist', 'test', 'e2e', 'index.js');
  if (!existsSync(testsEntry)) {
    log('dist/test/e2e/index.js is missing: run `npm run build` first');
    return 2;
  }
  const vsix = values.vsix ? resolve(positionals[0] ?? newestVsix()) : undefined;
  const timeoutMs = Number(values.timeout ?? 600) * 1000;

  const tmp = mkdtempSync(join(tmpdir(), 'pii-lint-e2e-'));
  const workspace = join(tmp, 'workspace');
  const userDataDir = join(tmp, 'user-data');
  const extensionsDir = join(tmp, 'extensions');
  const controlDir = join(tmp, 'control');
  for (const d of [userDataDir, extensionsDir, controlDir, join(tmp, 'xdg-config'), join(tmp, 'xdg-data')]) mkdirSync(d, { recursive: true });
  createWorkspace(workspace);
  const untrusted = values.untrusted ?? false;
  if (untrusted) nameWorkspaceModel(workspace, join(tmp, 'workspace-model'));
  writeUserSettings(userDataDir, untrusted);
  const configFile = join(tmp, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: join(tmp, 'xdg-config'),
    XDG_DATA_HOME: join(tmp, 'xdg-data'),
    PII_LINT_E2E_DIR: controlDir,
    PII_LINT_E2E_SCREENSHOTS: values['no-screenshot'] || untrusted ? '0' : '1',
    ...(untrusted ? { PII_LINT_E2E_UNTRUSTED: '1' } : {}),
    // The suite checks it is testing the copy installed here, not the checkout.
    ...(vsix ? { PII_LINT_E2E_INSTALLED_IN: extensionsDir } : {}),
    ...(values.grep ? { PII_LINT_E2E_GREP: values.grep } : {}),
  };

  const started = Date.now();
  if (vsix) {
    log(`installing ${vsix}`);
    execFileSync(CODE_SERVER, ['--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const installed = readdirSync(extensionsDir).filter((d) => d.startsWith(EXTENSION_ID));
    if (installed.length === 0) throw new Error(`${EXTENSION_ID} did not install into ${extensionsDir}`);
    log(`installed ${installed.join(', ')}`);
  }

  const port = await freePort();
  const serverLog: string[] = [];
  const server = spawn(
    CODE_SERVER,
    [
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--config', configFile,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      ...(untrusted ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const keepLog = (chunk: Buffer): void => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) serverLog.push(line);
  };
  server.stdout?.on('data', keepLog);
  server.stderr?.on('data', keepLog);

  let browser: Browser | undefined;
  let stopScreenshots: (() => void) | undefined;
  let exitCode = 1;
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/healthz`, server, 60_000);
    log(`code-server up on ${base} in ${Date.now() - started} ms`);

    const remote = (p: string): string => `vscode-remote://127.0.0.1:${port}${p}`;
    // The web workbench runs extensionTestsPath only in an extension development host, so a .vsix
    // run develops an empty placeholder extension and tests the installed copy beside it.
    const developmentPath = vsix ? createHostExtension(join(tmp, 'e2e-host')) : root;
    const payload: Array<[string, string]> = [
      ['extensionDevelopmentPath', remote(developmentPath)],
      ['extensionTestsPath', remote(testsEntry)],
    ];
    const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    // The clipboard permissions let the prompt-redaction test read what the command copied.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const target = resolve(root, values.screenshot ?? join('docs', 'screenshot.png'));
    stopScreenshots = serveScreenshots(page, controlDir, target, resolve(target, '..'));

    const finished = new Promise<number>((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const text = typeof args === 'string' ? args : JSON.stringify(args);
      // The marketplace is unreachable offline: expected, not worth a line.
      if (type === 'error' && !text.includes('open-vsx.org')) log(`workbench ${type}: ${text}`);
      noteWorkbenchLog(text);
    });
    page.on('pageerror', (e) => log(`page error: ${e.message}`));

    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolveExit) => {
      timer = setTimeout(() => {
        log(`timed out after ${timeoutMs / 1000} s`);
        resolveExit(124);
      }, timeoutMs);
    });
    exitCode = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
    if (exitCode === 0 && !values['no-screenshot'] && !values.grep && !vsix) {
      const userUrl = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', remote(developmentPath)]]))}`;
      await blockedCommitScreenshot(browser, userUrl, workspace, join(resolve(target, '..'), 'blocked-commit.png'));
    }
    if (exitCode !== 0) await page.screenshot({ path: join(controlDir, 'failure.png') }).catch(() => undefined);
  } finally {
    stopScreenshots?.();
    const suiteLog = join(controlDir, 'suite.log');
    if (existsSync(suiteLog)) process.stdout.write(readFileSync(suiteLog, 'utf8'));
    if (exitCode !== 0) {
      log('code-server output (last 60 lines):');
      for (const line of serverLog.slice(-60)) process.stdout.write(`  ${line}\n`);
    }
    await browser?.close().catch(() => undefined);
    killGroup(server);
    if (values.keep || exitCode !== 0) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  log(`${exitCode === 0 ? 'passed' : `failed (exit ${exitCode})`} in ${((Date.now() - started) / 1000).toFixed(1)} s${vsix ? ` against ${vsix}` : ''}`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(2);
  },
);
