/**
 * One status bar item: model loaded · findings · scanning, fed by the server's `piiLint/status`
 * notification and the client's own state (starting, stopped, failed).
 */
import * as vscode from 'vscode';
import type { SeverityCounts, StatusParams } from '../../common/protocol';

function addCounts(a: SeverityCounts, b: SeverityCounts): SeverityCounts {
  return { error: a.error + b.error, warning: a.warning + b.warning, info: a.info + b.info, hint: a.hint + b.hint };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 warnings, 1 info (and 4 hints, not listed in Problems)", or "no problems". */
export function describeCounts(c: SeverityCounts): string {
  const listed = [
    c.error > 0 ? plural(c.error, 'error', 'errors') : '',
    c.warning > 0 ? plural(c.warning, 'warning', 'warnings') : '',
    c.info > 0 ? plural(c.info, 'info', 'infos') : '',
  ].filter((s) => s !== '');
  const hints = c.hint > 0 ? `${plural(c.hint, 'hint', 'hints')}, not listed in Problems` : '';
  if (listed.length === 0) return hints ? `no problems (${hints})` : 'no problems';
  return `${listed.join(', ')}${hints ? ` (and ${hints})` : ''}`;
}

export type ClientState = 'starting' | 'running' | 'stopped';

export const SHOW_OUTPUT_COMMAND = 'piiLint.showOutput';

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private clientState: ClientState = 'starting';
  private server: StatusParams | undefined;
  private fatal: string | undefined;
  private taskCounts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  private accessibleLabel = 'PII Lint';

  constructor() {
    this.item = vscode.window.createStatusBarItem('piiLint.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'PII Lint';
    this.item.command = SHOW_OUTPUT_COMMAND;
    this.render();
  }

  /** Shown once the server starts: a window with nothing to scan shows no PII Lint item. */
  show(): void {
    this.item.show();
  }

  /** The latest `piiLint/status` from the server. */
  update(params: StatusParams): void {
    this.server = params;
    this.render();
  }

  setClientState(state: ClientState): void {
    this.clientState = state;
    if (state === 'starting') {
      this.fatal = undefined;
      this.server = undefined;
    }
    this.render();
  }

  /** The server could not start or crashed too often; stays until the next start. */
  setFatal(message: string): void {
    this.fatal = message;
    this.render();
  }

  /** What the item shows now, for tests and the output channel. */
  get text(): string {
    return this.item.text;
  }

  /** The screen-reader label, plain text. */
  get accessibilityLabel(): string {
    return this.accessibleLabel;
  }

  /** Findings of the pii-lint task in closed files: they are in Problems too. */
  setTaskCounts(counts: SeverityCounts): void {
    this.taskCounts = counts;
    this.render();
  }

  private render(): void {
    const item = this.item;
    const tooltip = new vscode.MarkdownString(undefined, true);
    let accessible: string | undefined;
    tooltip.appendMarkdown('**PII Lint**\n\n');
    item.backgroundColor = undefined;

    if (this.fatal !== undefined || this.server?.state === 'error') {
      item.text = '$(error) PII Lint';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      const reason = this.fatal ?? this.server?.message ?? 'The server reported an error.';
      tooltip.appendText(reason);
      // A screen reader hears why, as the tooltip shows it (the icon alone says nothing).
      accessible = `PII Lint: error. ${reason}`;
    } else if (this.clientState === 'stopped') {
      item.text = '$(circle-slash) PII Lint';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      tooltip.appendText('The server is stopped. Run "PII Lint: Restart Server" to start it.');
    } else if (this.clientState === 'starting' || this.server === undefined || this.server.state === 'loading') {
      item.text = '$(loading~spin) PII Lint';
      tooltip.appendText('Loading the model…');
    } else {
      const { state, model, scope } = this.server;
      const counts = addCounts(this.server.counts, this.taskCounts);
      // The number Problems lists: errors, warnings and infos. Hints only show in the editor.
      const listed = counts.error + counts.warning + counts.info;
      const where = scope === 'workspace' ? 'in the workspace' : 'in open documents';
      item.text = state === 'scanning' ? `$(sync~spin) PII Lint · ${listed}` : `$(shield) PII Lint · ${listed}`;
      const summary = `${describeCounts(counts)} ${where}`;
      const modelLine = model ? `Model ${model} loaded` : 'Validators only (no model loaded)';
      tooltip.appendText(`${modelLine} · ${summary}`);
      if (state === 'scanning') tooltip.appendText(' · scanning…');
      accessible = `PII Lint: ${summary}. ${modelLine}.${state === 'scanning' ? ' Scanning.' : ''}`;
    }
    tooltip.appendMarkdown('\n\nClick to show the output.');
    item.tooltip = tooltip;
    // Screen readers get plain words, not the tooltip's markdown source.
    item.accessibilityInformation = { label: accessible ?? `PII Lint: ${item.text.replace(/\$\([^)]*\)\s*/g, '')}`, role: 'button' };
    this.accessibleLabel = item.accessibilityInformation.label;
  }

  dispose(): void {
    this.item.dispose();
  }
}
