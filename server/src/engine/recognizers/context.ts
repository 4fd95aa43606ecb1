/**
 * Context words, one implementation for every recognizer: is one of a recognizer's words written
 * near a value — before it on the same line within N characters (which covers `"mrn": "…"`,
 * `MRN: …` and YAML `patient_id: …`), or as the header of the value's column in a CSV/TSV or
 * Markdown table? Identifiers are split the way people write them in code (patientMrn, nhs_number,
 * NHS-Number all read "patient mrn", "nhs number"), and casing never matters.
 */

/** Lower-case words, camelCase and snake/kebab case split into spaces. */
export function contextText(s: string): string {
  return s
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    // A lookahead, not ([A-Z]+)([A-Z][a-z]): that backtracks over every capital of a long
    // all-caps run from every position (a 64 KB run took 3.4 s, a 1 MB one minutes).
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .replace(/[_\-]+/g, ' ')
    .toLowerCase();
}

/** A matcher for a list of context words or phrases ("medical record", "mrn"), whole words only. */
export function contextMatcher(words: readonly string[]): RegExp {
  if (words.length === 0) return /(?!)/;
  const alts = words.map((w) => contextText(w).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*'));
  return new RegExp(`(?<![a-z\\d])(?:${alts.join('|')})(?![a-z\\d])`);
}

/** How far before a value its context word may stand on the same line. */
export const CONTEXT_CHARS = 40;
const DELIMITERS = [',', '\t', ';', '|'];
const BLANK_LINE = /\n[ \t\r]*\n/g;

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** A line longer than this is no table row; reading it whole for every value would be quadratic. */
const MAX_ROW_CHARS = 4096;

/** Where the line holding `at` starts, looking back at most `limit` characters; -1 if farther. */
function lineStartWithin(text: string, at: number, limit: number): number {
  const lo = Math.max(0, at - limit);
  for (let i = at - 1; i >= lo; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return lo === 0 ? 0 : -1;
}

/**
 * Where the block of lines holding `ls` starts (after the last blank line). Scanners walk a text
 * left to right, so the last answer is kept and extended: a long CSV costs one pass, not one per value.
 */
let blockCache: { text: string; start: number; checkedTo: number } | null = null;

function blockStart(text: string, ls: number): number {
  const c = blockCache;
  if (c && c.text === text && c.start <= ls && c.checkedTo <= ls) {
    // Only the lines since the last answer are searched (the regex would otherwise run to the end).
    const from = Math.max(c.start, c.checkedTo - 1);
    const gap = text.slice(from, ls);
    BLANK_LINE.lastIndex = 0;
    let m: RegExpExecArray | null;
    let start = c.start;
    while ((m = BLANK_LINE.exec(gap)) !== null) start = from + m.index + m[0].length;
    blockCache = { text, start, checkedTo: ls };
    return start;
  }
  let start = ls;
  while (start > 0) {
    const prev = lineStart(text, start - 1);
    if (text.slice(prev, start - 1).trim() === '') break;
    start = prev;
  }
  blockCache = { text, start, checkedTo: ls };
  return start;
}

/** The header cell of the column `start` lies in, when its line is a row of a delimited table. */
function columnHeader(text: string, start: number): string | null {
  const ls = lineStartWithin(text, start, MAX_ROW_CHARS);
  if (ls < 0) return null;
  const rest = text.slice(start, ls + MAX_ROW_CHARS + 1);
  const nl = rest.indexOf('\n');
  if (nl < 0 && start + rest.length < text.length) return null;
  const line = text.slice(ls, nl < 0 ? start + rest.length : start + nl);
  const prefix = text.slice(ls, start);
  for (const d of DELIMITERS) {
    if (!line.includes(d)) continue;
    const hs = blockStart(text, ls);
    if (hs === ls) return null;
    const he = text.indexOf('\n', hs);
    const cells = text.slice(hs, he < 0 ? text.length : he).split(d);
    const column = prefix.split(d).length - 1;
    if (cells.length < 2 || column >= cells.length) continue;
    return cells[column];
  }
  return null;
}

/**
 * True when a context word stands before [start, end) on its line within `chars` characters, or
 * heads its table column.
 */
export function hasContext(text: string, start: number, words: RegExp, chars = CONTEXT_CHARS): boolean {
  const ls = lineStartWithin(text, start, chars);
  const from = ls < 0 ? start - chars : ls;
  if (words.test(contextText(text.slice(from, start)))) return true;
  const header = columnHeader(text, start);
  return header !== null && words.test(contextText(header));
}
