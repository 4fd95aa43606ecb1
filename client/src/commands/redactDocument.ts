/** "Redact Document…": every finding in the active editor, one edit. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CommandIds, type RedactDocumentArgs, type RedactResult } from '../../../common/protocol';
import { operatorFromArgument, pickOperator, reportRedaction, runRedaction } from './operators';

export const REDACT_DOCUMENT_COMMAND = 'piiLint.redactActiveDocument';

export async function redactDocument(client: LanguageClient, arg?: unknown): Promise<RedactResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('PII Lint: open the file to redact.');
    return undefined;
  }
  const operator = operatorFromArgument(arg) ?? (await pickOperator('Redact Document'));
  if (!operator) return undefined;
  const args: RedactDocumentArgs = { uri: client.code2ProtocolConverter.asUri(editor.document.uri), operator };
  const result = await runRedaction(client, CommandIds.redactDocument, args);
  reportRedaction(result);
  return result;
}
