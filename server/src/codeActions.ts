/**
 * Quick fixes built from the findings carried in `Diagnostic.data`: the model is never re-run.
 * Every fix is one WorkspaceEdit (one undo step), pinned to the document version it was computed
 * for, and offered only when the text still holds the value the diagnostic was about.
 */
import {
  CodeActionKind,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from './engine/types';
import { findingData, locateFinding } from './findingsToDiagnostics';
import { CommandIds, FIX_ALL_KIND, type AddToAllowlistArgs, type RedactOperator } from '../../common/protocol';
import { redact, type Redactor } from './redact/redact';
import { suppressionFix } from './suppression';

export interface CodeActionContext {
  getDocument(uri: string): TextDocument | undefined;
  /** The findings of the document's last scan, if that scan was of its current version. */
  currentFindings(doc: TextDocument): readonly Finding[] | undefined;
  /** Holds the pseudonym key and map: one value gets one pseudonym everywhere it is used. */
  redactor: Redactor;
  /** The client understands versioned `documentChanges`. */
  documentChanges: boolean;
}

/** Offsets-based edits -> one versioned WorkspaceEdit on `doc`. */
export function documentEdit(doc: TextDocument, edits: TextEdit[], documentChanges: boolean): WorkspaceEdit {
  if (documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits)] };
  return { changes: { [doc.uri]: edits } };
}

/** The TextEdits that redact `findings` in `doc` with `operator` (overlaps resolved by redact()). */
export function redactionEdits(
  doc: TextDocument,
  findings: readonly Finding[],
  operator: RedactOperator,
  redactor: Redactor,
  everyOccurrence = false,
): TextEdit[] {
  const { edits } = redact(doc.getText(), findings, { operator, redactor, everyOccurrence });
  return edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
}

function kindWanted(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function action(title: string, kind: string, diagnostics: Diagnostic[], edit?: WorkspaceEdit): CodeAction {
  return { title, kind, diagnostics, ...(edit ? { edit } : {}) };
}

export function provideCodeActions(params: CodeActionParams, ctx: CodeActionContext): CodeAction[] {
  const doc = ctx.getDocument(params.textDocument.uri);
  if (!doc) return [];
  const only = params.context.only;
  const out: CodeAction[] = [];

  // Findings of the diagnostics in context that still hold: (diagnostic, finding at its current place).
  const located: Array<{ diagnostic: Diagnostic; finding: Finding }> = [];
  for (const d of params.context.diagnostics) {
    const data = findingData(d);
    if (!data) continue;
    const at = locateFinding(doc, d, data);
    if (!at) continue;
    located.push({ diagnostic: d, finding: { label: data.label, score: data.score, start: at.start, end: at.end, evidence: data.evidence } });
  }

  if (kindWanted(CodeActionKind.QuickFix, only)) {
    for (const { diagnostic, finding } of located) {
      const { label } = finding;
      const edit = (op: RedactOperator): WorkspaceEdit => documentEdit(doc, redactionEdits(doc, [finding], op, ctx.redactor), ctx.documentChanges);
      const mask = action(`Mask this ${label}`, CodeActionKind.QuickFix, [diagnostic], edit('mask'));
      // Preferred (Auto Fix, and the editor lists it first) only when it is the one finding here:
      // two preferred masks would be pulled out of their findings' groups in the menu.
      if (located.length === 1) mask.isPreferred = true;
      out.push(mask);
      out.push(action(`Replace this ${label} with a synthetic value`, CodeActionKind.QuickFix, [diagnostic], edit('synthetic')));
      const args: AddToAllowlistArgs = { uri: doc.uri, version: doc.version, label, start: finding.start, end: finding.end };
      out.push({
        ...action(`Allow this ${label} (add its fingerprint to .piilintrc.json)`, CodeActionKind.QuickFix, [diagnostic]),
        command: { title: 'Add to allowlist', command: CommandIds.addToAllowlist, arguments: [args] },
      });
      const suppress = suppressionFix(doc, finding.start, label);
      if (suppress) out.push(action(suppress.title, CodeActionKind.QuickFix, [diagnostic], documentEdit(doc, suppress.edits, ctx.documentChanges)));
    }
  }

  // Fix all: every current finding of the document (the last scan's, if it is of this version).
  const all = ctx.currentFindings(doc) ?? located.map((l) => l.finding);
  if (all.length > 0) {
    const edit = documentEdit(doc, redactionEdits(doc, all, 'mask', ctx.redactor, true), ctx.documentChanges);
    const title = `Mask all PII in this file (${all.length})`;
    // Source actions only when asked for by kind (Source Action menu, codeActionsOnSave).
    if (only && kindWanted(FIX_ALL_KIND, only)) out.push(action(title, FIX_ALL_KIND, [], edit));
    if (all.length > 1 && located.length > 0 && kindWanted(CodeActionKind.QuickFix, only)) {
      // No diagnostics of its own: VS Code sorts quick fixes by their first diagnostic, and one
      // tied to a finding would sit among that finding's actions instead of after all of them.
      out.push(action(title, CodeActionKind.QuickFix, [], edit));
    }
  }
  return out;
}
