/**
 * Long documents in content-defined chunks, each scanned on its own with some context and its
 * findings remembered by content hash. A one-line edit in a 10,000-line document then costs the
 * chunk (or two) that holds the line: tokenization, decoding and the recognizers no longer run over
 * the whole text on every keystroke, and the model windows of that chunk come from the window cache
 * except the ones the edit touched.
 *
 * - Cuts fall at line starts, each decided by the lines within CUT_SPAN characters of it (see
 *   lineCuts): an edit moves no cut farther away, so every other chunk keeps its content and key.
 *   A stretch longer than MAX_CHUNK is cut at a line start, or inside a line (minified code) at a
 *   space or punctuation.
 * - Each chunk is scanned with CONTEXT characters of text either side, and owns the findings that
 *   start inside it: an entity next to a cut is seen whole by the chunk it starts in.
 * - Results depend only on the text (and regions), never on what was scanned before: a document
 *   scanned fresh and one reached by a thousand edits give the same findings.
 * - Chunks are scanned in document order and reported as they finish (`onProgress`), so a caller
 *   can show the first lines' findings while the rest is still being scanned; the event loop gets a
 *   turn between chunks, so a language server keeps answering requests during a long scan.
 */
import { createHash } from 'node:crypto';
import { abortError } from '../errors';
import type { DetectOptions, DetectProgress, Engine, EngineStats, Finding, ModelInfo, Region } from '../types';
import { mergeRegions } from './regions';

/** A line end is a cut when its line's hash is the least of the lines starting within this many characters either side... */
export const CUT_SPAN = 4096;
/** ...and a chunk is cut at a line start (or inside a line) by this size anyway. */
export const MAX_CHUNK = 32768;
/** Characters of neighbouring text each chunk is scanned with (≈ 60 tokens: more than the model's window overlap). */
export const CONTEXT = 256;
/** Remembered chunk results (about 8 KB of text each). */
const MEMO_ENTRIES = 8192;

export interface Chunk {
  /** The range the chunk owns: findings starting here are its own. */
  start: number;
  end: number;
  /** The range scanned: the chunk with CONTEXT characters either side, cut at a space. */
  from: number;
  to: number;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** A cut position near `at` inside one long line: the next space or punctuation, never inside a surrogate pair. */
function cutInLine(text: string, at: number, limit: number): number {
  const end = Math.min(limit, at + 1024);
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || c === 0x2c || c === 0x3b || c === 0x7b || c === 0x7d) return i + 1;
  }
  return isHighSurrogate(text.charCodeAt(at - 1)) ? at + 1 : at;
}

/** FNV-1a of text[from, to). */
function lineHash(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Backs `at` up (or forward, with dir 1) to just after a space within 64 characters, else a safe boundary. */
function snapContext(text: string, at: number, dir: -1 | 1): number {
  if (at <= 0) return 0;
  if (at >= text.length) return text.length;
  for (let k = 0; k < 64; k++) {
    const i = at + dir * k;
    if (i <= 0 || i >= text.length) return Math.max(0, Math.min(text.length, i));
    if (isSpace(text.charCodeAt(i - 1))) return i;
  }
  return isHighSurrogate(text.charCodeAt(at - 1)) ? at + (dir === 1 ? 1 : -1) : at;
}

/**
 * Where the cuts fall: after line i when hash(line i) is less than the hash of every other line
 * starting within CUT_SPAN characters of it (ties: the earlier line wins), and the cut is at least
 * CUT_SPAN from either end of the text. The decision looks at nothing but those neighbours (and
 * the ends), so an edit moves only the cuts within CUT_SPAN of itself, and two cuts are never
 * closer than CUT_SPAN (chunks are CUT_SPAN to about 2·CUT_SPAN long, capped at MAX_CHUNK).
 */
function lineCuts(text: string): number[] {
  const starts: number[] = [];
  const hashes: number[] = [];
  for (let pos = 0; pos < text.length; ) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    starts.push(pos);
    hashes.push(lineHash(text, pos, end));
    pos = end;
  }
  const cuts: number[] = [];
  for (let i = 0; i < starts.length - 1; i++) {
    const h = hashes[i]!;
    const at = starts[i]!;
    // No chunk shorter than CUT_SPAN at either end (a short text stays whole).
    if (starts[i + 1]! < CUT_SPAN || text.length - starts[i + 1]! < CUT_SPAN) continue;
    let least = true;
    for (let j = i - 1; least && j >= 0 && at - starts[j]! <= CUT_SPAN; j--) if (hashes[j]! <= h) least = false;
    for (let j = i + 1; least && j < starts.length && starts[j]! - at <= CUT_SPAN; j++) if (hashes[j]! < h) least = false;
    if (least) cuts.push(starts[i + 1]!);
  }
  return cuts;
}

/** The chunks of `text` (one chunk, without context, when it is short). */
export function chunkText(text: string): Chunk[] {
  const n = text.length;
  const owned: Array<[number, number]> = [];
  let start = 0;
  const capTo = (end: number): void => {
    // A stretch longer than MAX_CHUNK: cut at the last line start that keeps it under, else inside a line.
    while (end - start > MAX_CHUNK) {
      const nl = text.lastIndexOf('\n', start + MAX_CHUNK - 1);
      const cut = nl >= start ? nl + 1 : cutInLine(text, start + MAX_CHUNK, end);
      if (cut >= end) break;
      owned.push([start, cut]);
      start = cut;
    }
  };
  for (const cut of lineCuts(text)) {
    capTo(cut);
    owned.push([start, cut]);
    start = cut;
  }
  capTo(n);
  if (start < n) owned.push([start, n]);
  if (owned.length <= 1) return [{ start: 0, end: n, from: 0, to: n }];
  return owned.map(([s, e]) => ({
    start: s,
    end: e,
    from: s === 0 ? 0 : snapContext(text, s - CONTEXT, -1),
    to: e === n ? n : snapContext(text, e + CONTEXT, 1),
  }));
}


/** `regions` within [from, to), relative to `from`; undefined = all of it. */
function regionsWithin(regions: Region[] | undefined, from: number, to: number): Region[] | undefined {
  if (!regions) return undefined;
  const out: Region[] = [];
  for (const r of regions) {
    if (r.end <= from) continue;
    if (r.start >= to) break;
    out.push({ start: Math.max(r.start, from) - from, end: Math.min(r.end, to) - from });
  }
  if (out.length === 1 && out[0]!.start === 0 && out[0]!.end === to - from) return undefined;
  return out;
}

function touches(regions: Region[] | undefined, start: number, end: number): boolean {
  return !regions || regions.some((r) => r.start < end && r.end > start);
}

interface MemoEntry {
  /** Findings the chunk owns, relative to its `from`. */
  findings: Finding[];
}

export class ChunkedEngine implements Engine {
  private readonly memo = new Map<string, MemoEntry>();
  private readonly counters = { chunksRun: 0, chunksCached: 0 };

  constructor(private readonly inner: Engine) {}

  get model(): ModelInfo | null {
    return this.inner.model;
  }

  async detect(text: string, options: DetectOptions = {}): Promise<Finding[]> {
    const { onProgress, ...rest } = options;
    const regions = rest.regions ? mergeRegions(text.length, rest.regions) : undefined;
    const chunks = chunkText(text).filter((c) => touches(regions, c.start, c.end));
    const planned = chunks.map((c) => {
      const sub = regionsWithin(regions, c.from, c.to);
      const key = createHash('sha256')
        .update(rest.allScores ? 'all\0' : 'thr\0')
        .update(sub ? JSON.stringify(sub) : '*')
        .update('\0')
        .update(text.slice(c.from, c.to))
        .digest('base64');
      return { chunk: c, sub, key };
    });
    const misses = planned.map((p) => !this.memo.has(p.key));
    let pending = misses.filter(Boolean).length;
    // Two chunks in flight: while the inference worker runs one chunk's windows, this thread
    // tokenizes the next and decodes the last (the worker still runs one window at a time).
    const started = new Map<number, Promise<MemoEntry>>();
    const begin = (i: number): void => {
      if (started.has(i)) return;
      const { chunk: c, sub } = planned[i]!;
      const run = this.inner
        .detect(text.slice(c.from, c.to), {
          ...(sub ? { regions: sub } : {}),
          ...(rest.allScores ? { allScores: true } : {}),
          ...(rest.signal ? { signal: rest.signal } : {}),
        })
        .then((found) => ({ findings: found.filter((f) => f.start >= c.start - c.from && f.start < c.end - c.from) }));
      run.catch(() => undefined); // awaited below; an abort must not surface as unhandled meanwhile
      started.set(i, run);
    };
    const out: Finding[] = [];
    for (let i = 0; i < planned.length; i++) {
      const { chunk: c, key } = planned[i]!;
      if (rest.signal?.aborted) throw abortError();
      let entry: MemoEntry | undefined;
      if (!misses[i]) {
        entry = this.memo.get(key);
        if (entry) {
          this.memo.delete(key);
          this.memo.set(key, entry);
        }
      }
      if (entry) this.counters.chunksCached++;
      else {
        begin(i);
        const next = misses.indexOf(true, i + 1);
        if (next > 0) begin(next);
        entry = await started.get(i)!;
        started.delete(i);
        this.remember(key, entry);
        this.counters.chunksRun++;
        pending--;
      }
      for (const f of entry.findings) out.push({ ...f, start: f.start + c.from, end: f.end + c.from });
      if (onProgress) {
        const progress: DetectProgress = { done: c.end, total: text.length, pending, findings: out };
        onProgress(progress);
      }
    }
    return out.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  async detectMany(texts: string[], options: Omit<DetectOptions, 'regions'> = {}): Promise<Finding[][]> {
    const results: Finding[][] = [];
    for (const t of texts) results.push(await this.detect(t, options));
    return results;
  }

  private remember(key: string, entry: MemoEntry): void {
    this.memo.set(key, entry);
    if (this.memo.size > MEMO_ENTRIES) {
      const oldest = this.memo.keys().next();
      if (!oldest.done) this.memo.delete(oldest.value);
    }
  }

  stats(): EngineStats {
    const s = this.inner.stats();
    return {
      windowsRun: s.windowsRun,
      windowsCached: s.windowsCached,
      chunksRun: this.counters.chunksRun,
      chunksCached: this.counters.chunksCached,
    };
  }

  dispose(): Promise<void> {
    this.memo.clear();
    return this.inner.dispose();
  }
}

/** An engine that scans long texts chunk by chunk (see the top of this file). */
export function chunked(engine: Engine): Engine {
  return new ChunkedEngine(engine);
}
