/**
 * "Redact Selection…": pick mask / placeholder / synthetic, and the server replaces the findings
 * in the selection with one edit. Tests (and keybindings) pass the operator to skip the pick:
 * `executeCommand('piiLint.redactSelection', 'mask')`.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SOURCE, CommandIds, type RedactRangeArgs, type RedactResult } from '../../../common/protocol';
import { operatorFromArgument, pickOperator, reportRedaction, runRedaction } from './operators';

export const REDACT_SELECTION_COMMAND = 'piiLint.redactSelection';

/**
 * The selection, or with nothing selected the PII Lint finding under the cursor: redacting "the
 * thing I'm on" is what a bare invocation from the palette means.
 */
function targetRange(editor: vscode.TextEditor): vscode.Range | undefined {
  const selection = editor.selection;
  if (!selection.isEmpty) return selection;
  const here = vscode.languages
    .getDiagnostics(editor.document.uri)
    .find((d) => d.source === SOURCE && d.range.contains(selection.active));
  return here?.range;
}

/**
 * After the edit, select what the old selection became (its redacted text included): the editor
 * itself would leave the selection where the longer or shorter replacement does not match it.
 */
function reselect(editor: vscode.TextEditor, before: string, from: number, to: number): void {
  const after = editor.document.getText();
  let prefix = 0;
  const maxPrefix = Math.min(from, after.length);
  while (prefix < maxPrefix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const maxSuffix = Math.min(before.length - to, after.length - prefix);
  while (suffix < maxSuffix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const doc = editor.document;
  editor.selection = new vscode.Selection(doc.positionAt(prefix), doc.positionAt(after.length - suffix));
}

export async function redactSelection(client: LanguageClient, arg?: unknown): Promise<RedactResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('PII Lint: open a file and select the text to redact.');
    return undefined;
  }
  const range = targetRange(editor);
  if (!range) {
    void vscode.window.showInformationMessage('PII Lint: select the text to redact (or put the cursor on a finding).');
    return undefined;
  }
  const operator = operatorFromArgument(arg) ?? (await pickOperator('Redact Selection'));
  if (!operator) return undefined;
  const args: RedactRangeArgs = {
    uri: client.code2ProtocolConverter.asUri(editor.document.uri),
    range: client.code2ProtocolConverter.asRange(range),
    operator,
  };
  const before = editor.document.getText();
  const from = editor.document.offsetAt(range.start);
  const to = editor.document.offsetAt(range.end);
  const result = await runRedaction(client, CommandIds.redactRange, args);
  if (result?.applied) reselect(editor, before, from, to);
  reportRedaction(result);
  return result;
}
