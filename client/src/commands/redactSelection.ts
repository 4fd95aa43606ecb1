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
  const result = await runRedaction(client, CommandIds.redactRange, args);
  reportRedaction(result);
  return result;
}
