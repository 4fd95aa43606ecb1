/**
 * Waiting on the editor without sleeping: every wait subscribes to the event that signals the
 * change and re-checks the condition; the timeout only turns a hang into a readable failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'pii-lint.pii-lint';
export const SOURCE = 'pii-lint';

export interface PiiLintApi {
  readonly ready: Promise<void>;
  readonly statusText: () => string;
  /** The status bar item's screen-reader label. */
  readonly statusAccessibilityLabel: () => string;
  /** Where the extension under test lives (the checkout, or the installed .vsix). */
  readonly extensionPath: string;
}

export async function activateExtension(): Promise<PiiLintApi> {
  const ext = vscode.extensions.getExtension<Omit<PiiLintApi, 'extensionPath'>>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  const installedIn = process.env.PII_LINT_E2E_INSTALLED_IN;
  if (installedIn && !ext.extensionUri.fsPath.startsWith(installedIn)) {
    throw new Error(`testing ${ext.extensionUri.fsPath}, not the .vsix installed in ${installedIn}`);
  }
  const api = await ext.activate();
  await api.ready;
  return { ready: api.ready, statusText: api.statusText, statusAccessibilityLabel: api.statusAccessibilityLabel, extensionPath: ext.extensionUri.fsPath };
}

/** Resolves with check()'s first defined value, re-checking whenever one of `events` fires. */
export function waitFor<T>(what: string, check: () => T | undefined, events: Array<vscode.Event<unknown>>, timeoutMs = 60_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const done = (): void => {
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
    };
    const poll = (): boolean => {
      let value: T | undefined;
      try {
        value = check();
      } catch (e) {
        done();
        reject(e);
        return true;
      }
      if (value === undefined) return false;
      done();
      resolve(value);
      return true;
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    for (const event of events) subscriptions.push(event(() => void poll()));
    poll();
  });
}

export function piiDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('; ') || 'none';
}

/** Resolves true at the next change of `uri`'s diagnostics, false after `timeoutMs`. */
function nextDiagnosticsChange(uri: vscode.Uri, timeoutMs: number): { changed: Promise<boolean>; dispose(): void } {
  let sub: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  const changed = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) resolve(true);
    });
  });
  const dispose = (): void => {
    clearTimeout(timer);
    sub?.dispose();
  };
  void changed.then(dispose);
  return { changed, dispose };
}

/** How long a quick-fix request waits for a diagnostics change before it asks again. */
const QUICK_FIX_RETRY_MS = 2_000;

/**
 * The quick fixes at `range`, once one of them matches `title`. Quick fixes come from the
 * diagnostics in context; if the server republishes them between the caller's look and this
 * request, the request is repeated on the next change (or after QUICK_FIX_RETRY_MS) instead of
 * failing on a snapshot.
 */
export async function quickFixes(uri: vscode.Uri, range: vscode.Range, title: RegExp, timeoutMs = 30_000): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const next = nextDiagnosticsChange(uri, Math.min(QUICK_FIX_RETRY_MS, deadline - Date.now()));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
    if (actions.some((a) => title.test(a.title))) {
      next.dispose();
      return actions;
    }
    await next.changed;
    if (Date.now() >= deadline) {
      const inRange = piiDiagnostics(uri).filter((d) => d.range.intersection(range) !== undefined);
      throw new Error(
        `no quick fix matching ${String(title)} at ${range.start.line + 1}:${range.start.character + 1} ` +
          `(got: ${actions.map((a) => a.title).join(' | ') || 'none'}; diagnostics there: ${describe(inRange)})`,
      );
    }
  }
}

/** Waits until the PII Lint diagnostics of `uri` satisfy `ok`. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  ok: (diagnostics: vscode.Diagnostic[]) => boolean,
  what = 'PII Lint diagnostics',
  timeoutMs = 60_000,
): Promise<vscode.Diagnostic[]> {
  try {
    return await waitFor(
      `${what} on ${uri.toString(true)}`,
      () => {
        const ds = piiDiagnostics(uri);
        return ok(ds) ? ds : undefined;
      },
      [vscode.languages.onDidChangeDiagnostics],
      timeoutMs,
    );
  } catch (e) {
    throw new Error(`${(e as Error).message} (now: ${describe(piiDiagnostics(uri))})`);
  }
}

export function withCode(code: string): (ds: vscode.Diagnostic[]) => boolean {
  return (ds) => ds.some((d) => codeOf(d) === code);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the editor tests need a workspace folder (the runner opens one)');
  return folder;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

/**
 * Opening a document activates the extensions that wait for its language (Markdown's starts a
 * language server and registers code action providers as it comes up). VS Code cancels a
 * code-action request when the set of providers changes while it runs, and
 * `vscode.executeCodeActionProvider` then rejects with "Canceled": so a test asks for quick fixes
 * only once every extension of the document's language has finished activating.
 */
export async function languageExtensionsActivated(languageId: string): Promise<void> {
  const waiting = vscode.extensions.all.filter((ext) => {
    const events = (ext.packageJSON as { activationEvents?: unknown }).activationEvents;
    return Array.isArray(events) && events.some((e) => e === `onLanguage:${languageId}` || e === 'onLanguage');
  });
  await Promise.all(waiting.map((ext) => ext.activate().then(undefined, () => undefined)));
}

export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceFolder().uri, name);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  await languageExtensionsActivated(doc.languageId);
  return editor;
}

/** Offset range of `needle` in the document, as a vscode.Range. */
export function rangeOf(doc: vscode.TextDocument, needle: string): vscode.Range {
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in ${doc.uri.toString(true)}`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

export interface ScreenshotOptions {
  /** What must be on screen first: the hover (default), the quick-fix menu, or a modal dialog. */
  waitFor?: 'hover' | 'quickfix' | 'dialog';
  /** Save it as docs/<name>.png. */
  docs?: boolean;
  /** Press Escape after taking it. */
  dismiss?: boolean;
}

/** The screenshots the runner takes, and it can see the workbench: not under test-electron. */
export function screenshotsAvailable(): boolean {
  return !!process.env.PII_LINT_E2E_DIR && process.env.PII_LINT_E2E_SCREENSHOTS === '1';
}

/**
 * Asks the runner (code-server + Playwright) for a screenshot of the window as it is now, and
 * waits until it has been taken. Resolves with the text of what it waited for (a dialog's
 * message, the menu's items; '' for the hover), or undefined under runners that take none.
 */
export async function requestScreenshot(name: string, options: ScreenshotOptions = {}, timeoutMs = 45_000): Promise<string | undefined> {
  const dir = process.env.PII_LINT_E2E_DIR;
  if (!dir || !screenshotsAvailable()) return undefined;
  const doneFile = join(dir, `${name}.done`);
  const taken = new Promise<string | undefined>((resolve) => {
    const watcher = watch(dir, () => {
      if (existsSync(doneFile)) finish(true);
    });
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(ok: boolean): void {
      clearTimeout(timer);
      watcher.close();
      resolve(ok ? readFileSync(doneFile, 'utf8') : undefined);
    }
  });
  // Written whole, then renamed: the runner reads it as soon as the name appears.
  writeFileSync(join(dir, `${name}.request.tmp`), JSON.stringify({ name, ...options }));
  renameSync(join(dir, `${name}.request.tmp`), join(dir, `${name}.request`));
  return taken;
}
