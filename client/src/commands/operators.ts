/** The redaction operators, as a QuickPick, and the argument tests pass to skip it. */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { REDACT_OPERATORS, type RedactOperator, type RedactResult } from '../../../common/protocol';

interface OperatorItem extends vscode.QuickPickItem {
  operator: RedactOperator;
}

const ITEMS: readonly OperatorItem[] = [
  { operator: 'mask', label: '$(eye-closed) Mask', description: 'jane.doe@mail.com → j***@***.com', detail: 'Keeps the shape and a hint of the value.' },
  { operator: 'placeholder', label: '$(symbol-constant) Placeholder', description: 'jane.doe@mail.com → [EMAIL]', detail: 'Replaces each value with its class.' },
  { operator: 'synthetic', label: '$(sparkle) Synthetic', description: 'jane.doe@mail.com → lena.moss@example.net', detail: 'A realistic fake of the same format (checksums valid); the same value gets the same fake.' },
];

/**
 * `'mask'`, `{ operator: 'mask' }` -> the operator; anything else -> undefined (ask the user).
 * Commands run from menus receive a URI or nothing here, never an operator.
 */
export function operatorFromArgument(arg: unknown): RedactOperator | undefined {
  const value = typeof arg === 'object' && arg !== null && 'operator' in arg ? (arg as { operator: unknown }).operator : arg;
  return typeof value === 'string' && (REDACT_OPERATORS as readonly string[]).includes(value) ? (value as RedactOperator) : undefined;
}

export async function pickOperator(title: string): Promise<RedactOperator | undefined> {
  const picked = await vscode.window.showQuickPick(ITEMS, { title, placeHolder: 'How should personal data be replaced?' });
  return picked?.operator;
}

function isRedactResult(v: unknown): v is RedactResult {
  return typeof v === 'object' && v !== null && typeof (v as RedactResult).applied === 'boolean';
}

/**
 * Calls a server command over `workspace/executeCommand`. The server edits the document through
 * `workspace/applyEdit`, so a redaction is one undoable edit however many values it replaces.
 */
export async function runRedaction(client: LanguageClient, command: string, args: object): Promise<RedactResult> {
  const result: unknown = await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [args] });
  if (!isRedactResult(result)) return { applied: false, redacted: 0, reason: 'the server gave no result' };
  return result;
}

export function reportRedaction(result: RedactResult): void {
  if (result.applied) {
    vscode.window.setStatusBarMessage(`PII Lint: redacted ${result.redacted} ${result.redacted === 1 ? 'value' : 'values'}`, 4000);
  } else {
    void vscode.window.showInformationMessage(`PII Lint: nothing redacted${result.reason ? ` (${result.reason})` : ''}.`);
  }
}
