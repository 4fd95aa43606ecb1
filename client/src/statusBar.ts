/**
 * One status bar item: model loaded · findings · scanning, fed by the server's `piiLint/status`
 * notification and the client's own state (starting, stopped, failed).
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';

export type ClientState = 'starting' | 'running' | 'stopped';

export const SHOW_OUTPUT_COMMAND = 'piiLint.showOutput';

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private clientState: ClientState = 'starting';
  private server: StatusParams | undefined;
  private fatal: string | undefined;

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

  private render(): void {
    const item = this.item;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown('**PII Lint**\n\n');
    item.backgroundColor = undefined;

    if (this.fatal !== undefined || this.server?.state === 'error') {
      item.text = '$(error) PII Lint';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      tooltip.appendText(this.fatal ?? this.server?.message ?? 'The server reported an error.');
    } else if (this.clientState === 'stopped') {
      item.text = '$(circle-slash) PII Lint';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      tooltip.appendText('The server is stopped. Run "PII Lint: Restart Server" to start it.');
    } else if (this.clientState === 'starting' || this.server === undefined || this.server.state === 'loading') {
      item.text = '$(loading~spin) PII Lint';
      tooltip.appendText('Loading the model…');
    } else {
      const { state, model, findings } = this.server;
      const count = findings === 1 ? '1 finding' : `${findings} findings`;
      item.text = state === 'scanning' ? `$(sync~spin) PII Lint · ${findings}` : `$(shield) PII Lint · ${findings}`;
      tooltip.appendText(model ? `Model ${model} loaded` : 'Validators only (no model loaded)');
      tooltip.appendText(` · ${count} in open documents`);
      if (state === 'scanning') tooltip.appendText(' · scanning…');
    }
    tooltip.appendMarkdown('\n\nClick to show the output.');
    item.tooltip = tooltip;
  }

  dispose(): void {
    this.item.dispose();
  }
}
