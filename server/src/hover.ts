/**
 * Hover over a finding: its class, confidence and why — model score, the validator that confirmed
 * it ("Luhn ✓"), or the recognizer that found it. The value itself is never repeated.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicyFinding } from './engine/policy/policy';
import type { Evidence } from './engine/types';
import { percent } from './findingsToDiagnostics';
import { KIND_TITLES } from './engine/recognizers/registry';

export function evidenceLines(e: Evidence): string[] {
  const lines: string[] = [];
  if (e.model !== undefined) lines.push(`model: ${percent(e.model)}`);
  // Validators name themselves with their verdict ("Luhn ✓"); a bare name means it passed.
  if (e.validator) lines.push(`validator: ${/[✓✔]/u.test(e.validator) ? e.validator : `${e.validator} ✓`}`);
  if (e.recognizer) lines.push('recognizer: pattern + checksum');
  if (e.rule) lines.push(`rule: ${e.rule}`);
  if (lines.length === 0) lines.push('model');
  return lines;
}

export function hoverMarkdown(f: PolicyFinding): string {
  return [
    `**${f.label}**${f.kind ? ` (${KIND_TITLES[f.kind] ?? f.kind})` : ''} · ${percent(f.score)} · ${f.severity}`,
    '',
    ...evidenceLines(f.evidence).map((l) => `- ${l}`),
    '',
    '_PII Lint_ — quick fixes: mask, synthetic value, allow, disable for this line',
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
    contents: { kind: MarkupKind.Markdown, value: hits.map(hoverMarkdown).join('\n\n---\n\n') },
    range: { start: doc.positionAt(start), end: doc.positionAt(end) },
  };
}
