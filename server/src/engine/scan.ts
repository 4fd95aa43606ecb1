/**
 * One document through the whole engine: which parts to scan (regions), what is there (the
 * engine's model and recognizers), what the team wants reported (policy), and where it is
 * (1-based lines and UTF-16 columns).
 */
import { applyPolicy, type Policy, type PolicyFinding } from './policy/policy';
import { LineIndex, regionsFor, scanModeFor, type DocumentKind } from './text/regions';
import type { DetectOptions, Engine, FileFinding, Finding, Region } from './types';
import { refineForFile } from './filters/fileContext';

export interface ScanOptions extends DocumentKind {
  policy: Policy;
  /** Source code: scan comments and string literals only (default), or all of it. */
  code?: 'commentsAndStrings' | 'all';
  signal?: AbortSignal;
  /** Progress through a long text (the engine's raw findings so far: apply the policy to show them). */
  onProgress?: DetectOptions['onProgress'];
}

/** The regions a scan with these options covers. */
export function scanRegions(text: string, options: DocumentKind & { code?: ScanOptions['code'] }): Region[] {
  if (options.code === 'all' && scanModeFor(options) === 'code') return text.length > 0 ? [{ start: 0, end: text.length }] : [];
  return regionsFor(text, options);
}

/** The policy-filtered findings of one document, sorted by position. */
export async function scanText(engine: Engine, text: string, options: ScanOptions): Promise<PolicyFinding[]> {
  const regions = scanRegions(text, options);
  if (regions.length === 0) return [];
  const detected = await engine.detect(text, {
    regions,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return applyPolicy(text, refineForFile(text, detected, options), options.policy).sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Places findings in a file: 1-based line and column of the start, and of the (exclusive) end, in
 * UTF-16 code units as editors and SARIF count them. CRLF and lone CR are single line breaks.
 */
export function toFileFindings<T extends Finding>(path: string, text: string, findings: readonly T[]): Array<T & FileFinding> {
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const start = lines.position(f.start);
    const end = lines.position(f.end);
    return {
      ...f,
      path,
      line: start.line + 1,
      column: start.column + 1,
      endLine: end.line + 1,
      endColumn: end.column + 1,
    };
  });
}
