/**
 * Splits a token sequence into model-sized windows that overlap, so an entity crossing a window
 * edge is still seen whole by some window. Each token takes its prediction from the window where
 * it sits farthest from an edge, so every entity is decoded once.
 */

export interface Window {
  /** Token index range [from, to). */
  from: number;
  to: number;
  /** Tokens [ownFrom, ownTo) take their prediction from this window. */
  ownFrom: number;
  ownTo: number;
}

export interface WindowTokenInfo {
  /** Token starts a word (cutting here never splits a word). */
  wordStart: boolean;
  /** Token starts a line (the preferred place to cut: windows then stay put across edits elsewhere). */
  lineStart: boolean;
}

export function planWindows(info: WindowTokenInfo[], maxTokens: number, overlap: number): Window[] {
  const n = info.length;
  if (n === 0) return [];
  if (n <= maxTokens) return [{ from: 0, to: n, ownFrom: 0, ownTo: n }];
  const ov = Math.max(0, Math.min(overlap, Math.floor(maxTokens / 2)));
  const windows: Window[] = [];
  let start = 0;
  for (;;) {
    let end = Math.min(start + maxTokens, n);
    if (end < n) end = chooseCut(info, start + Math.ceil(maxTokens * 0.6), end);
    windows.push({ from: start, to: end, ownFrom: start, ownTo: end });
    if (end >= n) break;
    let next = end - ov;
    while (next < end && !info[next].wordStart) next++;
    if (next <= start) next = end;
    start = next;
  }
  // Split each overlap between the two windows at its middle.
  for (let i = 1; i < windows.length; i++) {
    const a = windows[i - 1];
    const b = windows[i];
    const mid = Math.floor((b.from + a.to) / 2);
    a.ownTo = mid;
    b.ownFrom = mid;
  }
  return windows;
}

/** The last line start in (lo, hi], else the last word start, else hi. */
function chooseCut(info: WindowTokenInfo[], lo: number, hi: number): number {
  for (let k = hi; k > lo; k--) if (info[k].lineStart) return k;
  for (let k = hi; k > lo; k--) if (info[k].wordStart) return k;
  return hi;
}
