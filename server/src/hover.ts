/**
 * Hover over a finding: its class, confidence and why — the model's score and what text it read,
 * the validator that checked the value ("Luhn ✓", "email format ✓"), the recognizer that found
 * it, a rule — and the quick fixes actually offered here. The value itself is never repeated.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { schemeOf, SCM_INPUT_SCHEME } from './documentKind';
import type { PolicyFinding } from './engine/policy/policy';
import { scanModeFor } from './engine/text/regions';
import type { Evidence } from './engine/types';
import { percent } from './findingsToDiagnostics';
import { suppressionFix } from './suppression';
import { KIND_TITLES } from './engine/recognizers/registry';

/** What the model read around a finding, by kind of document. */
export function modelContext(doc: TextDocument): string {
  if (schemeOf(doc.uri) === SCM_INPUT_SCHEME) return 'the commit message';
  const mode = scanModeFor({ languageId: doc.languageId, path: doc.uri });
  return mode === 'code' ? 'the comment or string it is in' : mode === 'commit' ? 'the commit message' : 'the text around it';
}

export function evidenceLines(e: Evidence, context = 'the text around it'): string[] {
  const lines: string[] = [];
  const modelOnly = e.validator === undefined && !e.recognizer && e.rule === undefined;
  if (e.model !== undefined) {
    lines.push(
      modelOnly
        ? `model: ${percent(e.model)}, from the words of ${context} alone; no pattern, checksum or rule confirms it`
        : `model: ${percent(e.model)}`,
    );
  }
  // Validators name themselves with their verdict ("Luhn ✓"); a bare name means it passed.
  if (e.validator) lines.push(`checked by: ${/[✓✔✗]/u.test(e.validator) ? e.validator : `${e.validator} ✓`}`);
  if (e.recognizer) lines.push('found by: a pattern recognizer');
  if (e.rule) lines.push(`rule: ${e.rule}`);
  if (lines.length === 0) lines.push('model');
  return lines;
}

/** The quick fixes offered for this finding, in the words of the hover. */
function offeredFixes(doc: TextDocument | undefined, f: PolicyFinding): string {
  const fixes = ['mask', 'synthetic value', 'allow'];
  const suppress = doc ? suppressionFix(doc, f.start, f.label) : undefined;
  if (suppress) fixes.push(suppress.short);
  return fixes.join(', ');
}

export function hoverMarkdown(f: PolicyFinding, doc?: TextDocument): string {
  return [
    `**${f.label}**${f.kind ? ` (${KIND_TITLES[f.kind] ?? f.kind})` : ''} · ${percent(f.score)} · ${f.severity}`,
    '',
    ...evidenceLines(f.evidence, doc ? modelContext(doc) : undefined).map((l) => `- ${l}`),
    '',
    `_PII Lint_ — quick fixes: ${offeredFixes(doc, f)}`,
  ].join('\n');
}

/** Hover for the findings under `position`, from the document's current scan result. */
export function provideHover(doc: TextDocument, findings: readonly PolicyFinding[], position: Position): Hover | null {
  const offset = doc.offsetAt(position);
  const hits = findings.filter((f) => f.start <= offset && offset < f.end);
  if (hits.length === 0) return null;
  const start = Math.min(...hits.map((f) => f.start));
  const end = Math.max(...hits.map((f) => f.end));
  return {
    contents: { kind: MarkupKind.Markdown, value: hits.map((f) => hoverMarkdown(f, doc)).join('\n\n---\n\n') },
    range: { start: doc.positionAt(start), end: doc.positionAt(end) },
  };
}
