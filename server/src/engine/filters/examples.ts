/**
 * Where technical files show example values: documentation writes "e.g. the French number
 * "+33 1 42 68 53 00"", a JSDoc `@example` calls `parse('+12133734253')`, a man page's EXAMPLES
 * section reserves `162.222.181.198`; a README's code fence, a doctest's `>>>` line, a shell
 * prompt's `$ ` line. What stands there illustrates the program; it is nobody's. A value shown
 * once as an example is the same example wherever else the file repeats it ("will result in
 * 162.222.181.197 being reserved").
 */
import type { Finding, Region } from '../types';
import { appendAll } from '../arrays';
import { inAnyRegion } from '../text/regions';

/** "e.g.", "for example", "such as", "Example:": an example follows, to the end of its sentence. */
const MARKER = /\b(?:e\.\s?g\.|for (?:example|instance)|such as|examples?:)/gi;
/**
 * A tag that opens a doc comment's example block, up to the next tag or the comment's end. Only
 * the block's string literals are its examples (the inputs of the calls it shows); a comment
 * written inside the block is still somebody's words.
 */
const DOC_EXAMPLE_TAG = /@example\b/g;
/** A command as documentation shows it (`$ gcloud …`) and a doctest line (`>>> parse(…)`) with its expected output. */
const PROMPT_LINE = /^[ \t]*(?:[#*/]+[ \t]*)?(?:\$|>>>)[ \t]/gm;
/** A Markdown code fence (```js … ```, ~~~) up to its closing fence, also inside a comment (`// ```js`). */
const FENCE = /^[ \t]*(?:(?:\/\/+|#+|\*)[ \t]*)?(`{3,}|~{3,})[^\n]*\n[\s\S]*?^[ \t]*(?:(?:\/\/+|#+|\*)[ \t]*)?\1[ \t]*$/gm;
/** A man page's EXAMPLES section, up to the next section. */
const MAN_EXAMPLES = /^\.S[Hh][ \t]+"?EXAMPLES?\b/gm;
const STRING_LITERAL = /(['"`])(?:(?!\1)[^\\\n]|\\.)*\1/g;
/** A command line continued on the next (`\` in a shell, `\e` in roff). */
const CONTINUED = /\\e?[ \t]*$/;

function lineEnd(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  return n < 0 ? text.length : n;
}

/** From a marker to its sentence's end: this line, and the next when the sentence goes on. */
function sentenceAfter(text: string, at: number, marker: string): Region {
  const end = lineEnd(text, at);
  // After the marker: "e.g." ends no sentence.
  if (/\.(?:\s|$)/.test(text.slice(at + marker.length, end)) || end >= text.length) return { start: at, end };
  return { start: at, end: lineEnd(text, end + 1) };
}

function docExampleLiterals(text: string, at: number): Region[] {
  const close = text.indexOf('*/', at);
  const nextTag = /\n[ \t]*\*?[ \t]*@(?!example)\w/g;
  nextTag.lastIndex = at;
  const tag = nextTag.exec(text);
  const ends = [close, tag ? tag.index : -1].filter((i) => i >= 0);
  return literals(text, at, ends.length > 0 ? Math.min(...ends) : lineEnd(text, at));
}

/** A prompt's command line with its continuation lines; a doctest's `>>>` line with its output. */
function commandLines(text: string, at: number, doctest: boolean): Region {
  let end = lineEnd(text, at);
  if (doctest) return { start: at, end: lineEnd(text, end + 1) };
  while (end < text.length && CONTINUED.test(text.slice(Math.max(at, end - 4), end))) end = lineEnd(text, end + 1);
  return { start: at, end };
}

/** String literals of `text` from `start` to `end`, as regions. */
function literals(text: string, start: number, end: number): Region[] {
  return [...text.slice(start, end).matchAll(STRING_LITERAL)].map((m) => ({ start: start + m.index, end: start + m.index + m[0].length }));
}

/**
 * The regions of `text` that show examples. `man`: a man page's EXAMPLES section; `fences` (a
 * project's docs, code comments): the string literals of code fences (a comment or a note inside
 * is still somebody's words, as in a JSDoc `@example`).
 */
export function exampleRegions(text: string, kind: { man: boolean; fences: boolean }): Region[] {
  const regions: Region[] = [];
  for (const m of text.matchAll(MARKER)) regions.push(sentenceAfter(text, m.index, m[0]));
  for (const m of text.matchAll(DOC_EXAMPLE_TAG)) appendAll(regions, docExampleLiterals(text, m.index));
  for (const m of text.matchAll(PROMPT_LINE)) regions.push(commandLines(text, m.index, m[0].includes('>>>')));
  if (kind.fences) for (const m of text.matchAll(FENCE)) appendAll(regions, literals(text, m.index, m.index + m[0].length));
  if (kind.man) {
    for (const m of text.matchAll(MAN_EXAMPLES)) {
      const next = /^\.S[Hh]\b/gm;
      next.lastIndex = lineEnd(text, m.index);
      const n = next.exec(text);
      regions.push({ start: m.index, end: n ? n.index : text.length });
    }
  }
  return regions;
}

/**
 * The values of `findings` that stand inside an example region, as a set of strings: every
 * finding with one of these values is the file's example, wherever it stands.
 */
export function exampleValues(text: string, findings: readonly Finding[], regions: readonly Region[]): Set<string> {
  const values = new Set<string>();
  if (regions.length === 0) return values;
  for (const f of findings) {
    if (inAnyRegion(regions, f)) values.add(text.slice(f.start, f.end));
  }
  return values;
}
