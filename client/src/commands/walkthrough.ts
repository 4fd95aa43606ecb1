/**
 * The commands behind the "Get Started with PII Lint" walkthrough's buttons: a sample to try the
 * findings and Redact Selection on, and the settings filtered to PII Lint's.
 */
import * as vscode from 'vscode';

export const OPEN_SAMPLE_COMMAND = 'piiLint.openSample';
export const OPEN_SETTINGS_COMMAND = 'piiLint.openSettings';

/** Fictional people and values that pass their checksums (not published test values, which the engine scores down). */
export const SAMPLE_TEXT = `Customer follow-up (a sample: every person and number here is made up)

Met Maria Kowalski from Brightline Logistics on Tuesday about the delayed refund.
Refund to IBAN DE44 5001 0517 5407 3249 31 once finance approves; call +49 30 90182017 first.
Send the corrected invoice to maria.kowalski@posteo.de before Friday.
Card on file: 4916 7302 5188 3408

Try it: select the lines above and run "PII Lint: Redact Selection…".
`;

/** An unsaved plaintext document with the sample: nothing is written to disk. */
export async function openSample(): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: SAMPLE_TEXT });
  return vscode.window.showTextDocument(doc, { preview: false });
}

export async function openSettings(extensionId: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${extensionId}`);
}
