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
import { commentLine, lineCommentFor } from './commentSyntax';
import { schemeOf, SCM_INPUT_SCHEME } from './documentKind';
import { findingData, locateFinding } from './findingsToDiagnostics';
import { CommandIds, FIX_ALL_KIND, type AddToAllowlistArgs, type RedactOperator } from '../../common/protocol';
import { redact, type Redactor } from './redact/redact';

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

const DIRECTIVE = 'pii-lint-disable-next-line';
/** An existing directive naming classes, up to the end of its class list. */
const EXISTING_DIRECTIVE = /pii-lint-disable-next-line((?:[ \t]*,?[ \t]*[A-Z][A-Z0-9_]*(?![\w-]))+)/;

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * A `pii-lint-disable-next-line LABEL` comment above the finding's line, indented like it; when
 * the line above already holds such a directive, the class is added to it instead.
 */
export function disableLineEdit(doc: TextDocument, start: number, label: string): TextEdit | undefined {
  if (schemeOf(doc.uri) === SCM_INPUT_SCHEME) return undefined; // the input box is not cleaned up by git
  const syntax = lineCommentFor(doc.languageId);
  if (!syntax) return undefined;
  const text = doc.getText();
  const line = doc.positionAt(start).line;
  if (line > 0) {
    const prevStart = doc.offsetAt({ line: line - 1, character: 0 });
    const prevText = text.slice(prevStart, doc.offsetAt({ line, character: 0 })).replace(/\r?\n$/, '');
    const m = EXISTING_DIRECTIVE.exec(prevText);
    if (m) {
      const names = (m[1] ?? '').split(/[\s,]+/).filter((s) => s !== '');
      if (names.includes(label)) return undefined;
      const at = prevStart + m.index + m[0].length;
      const pos = doc.positionAt(at);
      return { range: { start: pos, end: pos }, newText: ` ${label}` };
    }
  }
  const lineStart = doc.offsetAt({ line, character: 0 });
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const pos = { line, character: 0 };
  return { range: { start: pos, end: pos }, newText: `${indent}${commentLine(syntax, `${DIRECTIVE} ${label}`)}${eolOf(text)}` };
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
      mask.isPreferred = true;
      out.push(mask);
      out.push(action(`Replace this ${label} with a synthetic value`, CodeActionKind.QuickFix, [diagnostic], edit('synthetic')));
      const args: AddToAllowlistArgs = { uri: doc.uri, version: doc.version, label, start: finding.start, end: finding.end };
      out.push({
        ...action(`Allow this ${label} (add its fingerprint to .piilintrc.json)`, CodeActionKind.QuickFix, [diagnostic]),
        command: { title: 'Add to allowlist', command: CommandIds.addToAllowlist, arguments: [args] },
      });
      const disable = disableLineEdit(doc, finding.start, label);
      if (disable) {
        out.push(action(`Disable ${label} for this line`, CodeActionKind.QuickFix, [diagnostic], documentEdit(doc, [disable], ctx.documentChanges)));
      }
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
      out.push(action(title, CodeActionKind.QuickFix, located.map((l) => l.diagnostic), edit));
    }
  }
  return out;
}
