/**
 * Where an inline suppression can go without changing what the file says. A directive is a
 * comment of the file's own syntax on a line of its own; it is never written into the text of a
 * docstring, a string or a block comment (it would become part of the documentation or the
 * value). A finding inside a multi-line string or block comment gets a `pii-lint-disable` /
 * `pii-lint-enable` pair around it instead; a file without comments (CSV, JSON) and the Source
 * Control input box get none: the allowlist is what works there.
 */
import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { commentLine, lineCommentFor, type LineComment } from './commentSyntax';
import { schemeOf, SCM_INPUT_SCHEME } from './documentKind';
import { regionsFor, scanModeFor, type DocumentKind } from './engine/text/regions';
import type { Region } from './engine/types';

export interface SuppressionFix {
  title: string;
  /** What the hover calls it: "disable for this line". */
  short: string;
  edits: TextEdit[];
}

/** An existing directive naming classes, up to the end of its class list. */
const EXISTING_DIRECTIVE = /pii-lint-disable-next-line((?:[ \t]*,?[ \t]*[A-Z][A-Z0-9_]*(?![\w-]))+)/;

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function kindOf(doc: TextDocument): DocumentKind {
  return { languageId: doc.languageId, path: doc.uri };
}

/** The string or comment whose text runs across `offset` (not one that starts or ends there). */
function regionAcross(regions: readonly Region[], offset: number): Region | undefined {
  return regions.find((r) => r.start < offset && offset < r.end);
}

function lineStartOf(doc: TextDocument, offset: number): number {
  return doc.offsetAt({ line: doc.positionAt(offset).line, character: 0 });
}

function indentAt(text: string, lineStart: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** The directive for `label` on a line of its own before `lineStart`. */
function lineBefore(doc: TextDocument, syntax: LineComment, lineStart: number, directive: string): TextEdit {
  const text = doc.getText();
  const pos = doc.positionAt(lineStart);
  return { range: { start: pos, end: pos }, newText: `${indentAt(text, lineStart)}${commentLine(syntax, directive)}${eolOf(text)}` };
}

/** Adds `label` to a `disable-next-line` directive on the line above, if there is one. */
function joinExisting(doc: TextDocument, line: number, label: string): TextEdit | 'listed' | undefined {
  if (line === 0) return undefined;
  const text = doc.getText();
  const prevStart = doc.offsetAt({ line: line - 1, character: 0 });
  const prevText = text.slice(prevStart, doc.offsetAt({ line, character: 0 })).replace(/\r?\n$/, '');
  const m = EXISTING_DIRECTIVE.exec(prevText);
  if (!m) return undefined;
  const names = (m[1] ?? '').split(/[\s,]+/).filter((s) => s !== '');
  if (names.includes(label)) return 'listed';
  const pos = doc.positionAt(prevStart + m.index + m[0].length);
  return { range: { start: pos, end: pos }, newText: ` ${label}` };
}

/**
 * The suppression quick fix for a finding of `label` starting at `start`, or undefined where no
 * directive can be written without editing the document's content.
 */
export function suppressionFix(doc: TextDocument, start: number, label: string): SuppressionFix | undefined {
  if (schemeOf(doc.uri) === SCM_INPUT_SCHEME) return undefined; // git keeps `#` lines of a message given whole
  const syntax = lineCommentFor(doc.languageId);
  if (!syntax) return undefined;
  const text = doc.getText();
  const line = doc.positionAt(start).line;
  const lineStart = doc.offsetAt({ line, character: 0 });
  const forLine = (edits: TextEdit[]): SuppressionFix => ({ title: `Disable ${label} for this line`, short: 'disable for this line', edits });

  // Only source code has strings and block comments to stay out of.
  const regions = scanModeFor(kindOf(doc)) === 'code' ? regionsFor(text, kindOf(doc)) : [];
  const across = regionAcross(regions, lineStart);
  if (!across) {
    const existing = joinExisting(doc, line, label);
    if (existing === 'listed') return undefined;
    return forLine([existing ?? lineBefore(doc, syntax, lineStart, `pii-lint-disable-next-line ${label}`)]);
  }

  // Inside a multi-line string or block comment: a disable/enable pair on lines of their own
  // before the line it opens on and after the line it closes on.
  const openLine = lineStartOf(doc, across.start);
  const closeLineEnd = doc.offsetAt({ line: doc.positionAt(across.end).line + 1, character: 0 });
  if (regionAcross(regions, openLine) || regionAcross(regions, closeLineEnd)) return undefined;
  const indent = indentAt(text, openLine);
  const eol = eolOf(text);
  const endPos = doc.positionAt(closeLineEnd);
  const atEnd = closeLineEnd >= text.length && !/\r?\n$/.test(text);
  const enable: TextEdit = {
    range: { start: endPos, end: endPos },
    newText: atEnd ? `${eol}${indent}${commentLine(syntax, `pii-lint-enable ${label}`)}` : `${indent}${commentLine(syntax, `pii-lint-enable ${label}`)}${eol}`,
  };
  const openPos = doc.positionAt(openLine);
  const disable: TextEdit = { range: { start: openPos, end: openPos }, newText: `${indent}${commentLine(syntax, `pii-lint-disable ${label}`)}${eol}` };
  return {
    title: `Disable ${label} for this multi-line string or comment (comments around it)`,
    short: 'disable around this string or comment',
    edits: [disable, enable],
  };
}
