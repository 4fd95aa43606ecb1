/**
 * Findings -> LSP diagnostics: `EMAIL · 97%`, code = class, source = pii-lint, and the finding
 * itself in `data` (see FindingData) so code actions and hovers work from it alone.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicyFinding, Severity } from './engine/policy/policy';
import { labelWithKind } from './engine/recognizers/registry';
import { SOURCE, type FindingData } from '../../common/protocol';

/** Key of `valueHash`: lives only in this process, so a hash means nothing outside it. */
const SESSION_KEY = randomBytes(32);

/** Keyed hash of a finding's value, to check later that the text still holds it. */
export function valueHash(label: string, value: string): string {
  return createHmac('sha256', SESSION_KEY).update(`${label}\0${value}`, 'utf8').digest('hex').slice(0, 32);
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function percent(score: number): string {
  return `${Math.round(Math.min(1, Math.max(0, score)) * 100)}%`;
}

/** `NATIONALID (UK NHS number) · 99%`: the scheme a recognizer proved goes beside the class. */
export function diagnosticMessage(label: string, score: number, kind?: string): string {
  return `${labelWithKind(label, kind)} · ${percent(score)}`;
}

export function findingToDiagnostic(doc: TextDocument, text: string, f: PolicyFinding): Diagnostic {
  const data: FindingData = {
    label: f.label,
    score: f.score,
    start: f.start,
    end: f.end,
    version: doc.version,
    evidence: f.evidence,
    valueHash: valueHash(f.label, text.slice(f.start, f.end)),
  };
  return {
    range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
    severity: SEVERITY[f.severity],
    code: f.label,
    source: SOURCE,
    message: diagnosticMessage(f.label, f.score, f.kind),
    data,
  };
}

export function findingsToDiagnostics(doc: TextDocument, findings: readonly PolicyFinding[]): Diagnostic[] {
  const text = doc.getText();
  return findings.map((f) => findingToDiagnostic(doc, text, f));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The FindingData of a PII Lint diagnostic, or undefined for anyone else's (or a mangled one). */
export function findingData(d: Diagnostic): FindingData | undefined {
  if (d.source !== SOURCE || !isRecord(d.data)) return undefined;
  const x = d.data;
  if (
    typeof x.label !== 'string' ||
    typeof x.score !== 'number' ||
    typeof x.start !== 'number' ||
    typeof x.end !== 'number' ||
    typeof x.version !== 'number' ||
    typeof x.valueHash !== 'string' ||
    !isRecord(x.evidence) ||
    x.end < x.start
  ) {
    return undefined;
  }
  return x as unknown as FindingData;
}

/**
 * Where the finding is in `doc` now, or undefined when the text there no longer holds its value.
 * The diagnostic's range is the truth (the editor moves it along with edits); the keyed hash
 * confirms the value. Edits are offered only then, so a fix never lands on text that changed
 * since the scan.
 */
export function locateFinding(doc: TextDocument, d: Diagnostic, data: FindingData): { start: number; end: number } | undefined {
  const start = doc.offsetAt(d.range.start);
  const end = doc.offsetAt(d.range.end);
  if (end <= start || end - start !== data.end - data.start) return undefined;
  return valueHash(data.label, doc.getText().slice(start, end)) === data.valueHash ? { start, end } : undefined;
}
