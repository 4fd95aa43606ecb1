/**
 * Keeping personal data out of LLM prompts, both ways:
 * - "Redact Selection for a Prompt…": the selection (or the document) with each value replaced by
 *   a token (`[EMAIL_1]`, or a pseudonym) goes to the clipboard; the document is not edited.
 * - "Restore Values in Selection": the tokens in the selection (the pasted answer) become the real
 *   values again.
 * The token -> value map lives in this extension host's memory only: never written to disk,
 * settings or logs, and gone when the window closes (or with "Forget Prompt Values").
 * Tests pass the operator to skip the pick: `executeCommand('piiLint.redactSelectionForPrompt', 'placeholder')`.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { CommandIds, type RedactForPromptArgs, type RedactForPromptResult } from '../../../common/protocol';
import { RedactionMap, restore, type MapEntry } from '../../../common/redactionMap';

export const REDACT_FOR_PROMPT_COMMAND = 'piiLint.redactSelectionForPrompt';
export const RESTORE_VALUES_COMMAND = 'piiLint.restoreValuesInSelection';
export const FORGET_PROMPT_VALUES_COMMAND = 'piiLint.forgetPromptValues';

type PromptOperator = RedactForPromptArgs['operator'];

interface OperatorItem extends vscode.QuickPickItem {
  operator: PromptOperator;
}

const ITEMS: readonly OperatorItem[] = [
  { operator: 'placeholder', label: '$(symbol-constant) Numbered placeholders', description: 'jane.doe@mail.com → [EMAIL_1]', detail: 'Unmistakable: restoring can never touch a word of the answer.' },
  { operator: 'synthetic', label: '$(sparkle) Synthetic values', description: 'jane.doe@mail.com → lena.moss@example.net', detail: 'Reads naturally to the model; restored where the answer quotes them whole.' },
];

/** The conversation's map: in memory only. */
export class PromptValues {
  private map = new RedactionMap();

  get entries(): MapEntry[] {
    return this.map.entries();
  }

  replace(entries: readonly MapEntry[]): void {
    this.map = new RedactionMap(entries);
  }

  restore(text: string): { text: string; restored: number } {
    return restore(text, this.map);
  }

  forget(): number {
    const n = this.map.size;
    this.map = new RedactionMap();
    return n;
  }
}

export interface PromptRedactionResult {
  /** The redacted text (also on the clipboard); absent when nothing was redacted. */
  text?: string;
  redacted: number;
  reason?: string;
}

function operatorOf(arg: unknown): PromptOperator | undefined {
  const value = typeof arg === 'object' && arg !== null && 'operator' in arg ? (arg as { operator: unknown }).operator : arg;
  return value === 'placeholder' || value === 'synthetic' ? value : undefined;
}

function isResult(v: unknown): v is RedactForPromptResult {
  return typeof v === 'object' && v !== null && typeof (v as RedactForPromptResult).redacted === 'number';
}

/** The selection, or the whole document when nothing is selected. */
function selectedRange(editor: vscode.TextEditor): vscode.Range {
  const s = editor.selection;
  if (!s.isEmpty) return s;
  return new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(editor.document.getText().length));
}

export async function redactSelectionForPrompt(client: LanguageClient, values: PromptValues, arg?: unknown): Promise<PromptRedactionResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('PII Lint: open the text to send and select it.');
    return undefined;
  }
  const operator = operatorOf(arg) ?? (await vscode.window.showQuickPick(ITEMS, { title: 'Redact Selection for a Prompt', placeHolder: 'What should replace personal data?' }))?.operator;
  if (!operator) return undefined;
  const args: RedactForPromptArgs = {
    uri: client.code2ProtocolConverter.asUri(editor.document.uri),
    range: client.code2ProtocolConverter.asRange(selectedRange(editor)),
    operator,
    map: values.entries,
  };
  const result: unknown = await client.sendRequest(ExecuteCommandRequest.type, { command: CommandIds.redactForPrompt, arguments: [args] });
  if (!isResult(result) || result.text === undefined || result.map === undefined) {
    const reason = isResult(result) ? result.reason : 'the server gave no result';
    void vscode.window.showInformationMessage(`PII Lint: nothing copied${reason ? ` (${reason})` : ''}.`);
    return { redacted: 0, ...(reason ? { reason } : {}) };
  }
  values.replace(result.map);
  try {
    await vscode.env.clipboard.writeText(result.text);
  } catch {
    // A browser may refuse the clipboard: show the text instead of losing it.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: result.text }));
    return { text: result.text, redacted: result.redacted };
  }
  const what = result.redacted === 0 ? 'no personal data found' : `${result.redacted} ${result.redacted === 1 ? 'value' : 'values'} replaced`;
  void vscode.window.showInformationMessage(
    `PII Lint: redacted text copied (${what}). Paste the answer, select it and run "Restore Values in Selection".`,
  );
  return { text: result.text, redacted: result.redacted };
}

export async function restoreValuesInSelection(values: PromptValues): Promise<{ restored: number } | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  if (values.entries.length === 0) {
    void vscode.window.showInformationMessage('PII Lint: no values to restore in this window: run "Redact Selection for a Prompt…" first.');
    return { restored: 0 };
  }
  const range = selectedRange(editor);
  const { text, restored } = values.restore(editor.document.getText(range));
  if (restored > 0) await editor.edit((b) => b.replace(range, text));
  vscode.window.setStatusBarMessage(`PII Lint: ${restored} ${restored === 1 ? 'value' : 'values'} restored`, 4000);
  return { restored };
}

export function forgetPromptValues(values: PromptValues): number {
  const n = values.forget();
  vscode.window.setStatusBarMessage(`PII Lint: forgot ${n} prompt ${n === 1 ? 'value' : 'values'}`, 4000);
  return n;
}
