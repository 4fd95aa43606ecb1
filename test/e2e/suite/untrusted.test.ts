/**
 * Restricted mode (run by `runCodeServer.js --untrusted` in a window of its own): the workspace
 * names a model folder of its own — in .vscode/settings.json and .piilintrc.json — holding a
 * corrupt model. PII Lint must ignore it (a workspace must not choose what the editor loads) and
 * keep scanning with the built-in model: the names it finds come from the model, which a corrupt
 * one could not give (validators alone find only structured values such as e-mails).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, openFixture, waitForDiagnostics, withCode } from './helpers';

describe('untrusted workspace', () => {
  it('ignores the model folder the workspace names, and still scans with the built-in model', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the runner opened the workspace in restricted mode');
    const api = await activateExtension();
    const editor = await openFixture('contact.md');
    const names = (ds: vscode.Diagnostic[]): boolean => ds.some((d) => ['FIRSTNAME', 'LASTNAME'].includes(codeOf(d) ?? ''));
    const diagnostics = await waitForDiagnostics(editor.document.uri, (ds) => withCode('EMAIL')(ds) && names(ds), 'an EMAIL and a name found by the built-in model');
    assert.ok(diagnostics.length >= 2);
    assert.doesNotMatch(api.statusText(), /\$\(error\)/, `the status bar shows no model error (${api.statusText()})`);
  });
});
