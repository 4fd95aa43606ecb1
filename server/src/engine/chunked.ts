/**
 * Long documents in content-defined chunks, each scanned on its own with some context and its
 * findings remembered by content hash. A one-line edit in a 10,000-line document then costs the
 * chunk (or two) that holds the line: tokenization, decoding and the recognizers no longer run over
 * the whole text on every keystroke, and the model windows of that chunk come from the window cache
 * except the ones the edit touched.
 *
 * - Cuts fall at line starts, decided by the text around them (a blank line, or a line whose hash
 *   hits a divisor, once a chunk is MIN_CHUNK long; always by MAX_CHUNK): an edit moves no cut
 *   except, rarely, one next to the edited line, so every other chunk keeps its content and key.
 *   A line longer than MAX_CHUNK (minified code) is cut at a space or punctuation.
 * - Each chunk is scanned with CONTEXT characters of text either side, and owns the findings that
 *   start inside it: an entity next to a cut is seen whole by the chunk it starts in.
 * - Results depend only on the text (and regions), never on what was scanned before: a document
 *   scanned fresh and one reached by a thousand edits give the same findings.
 * - Chunks are scanned in document order and reported as they finish (`onProgress`), so a caller
 *   can show the first lines' findings while the rest is still being scanned; the event loop gets a
 *   turn between chunks, so a language server keeps answering requests during a long scan.
 */
import { createHash } from 'node:crypto';
import type { DetectOptions, DetectProgress, Engine, EngineStats, ModelInfo } from './engine';
import type { Finding, Region } from './types';

/** A chunk is cut at the first eligible line start after this many characters... */
export const MIN_CHUNK = 4096;
/** ...and at the latest after this many. */
export const MAX_CHUNK = 32768;
/** One line in this many (by hash) is a cut point where no blank line comes first. */
const CUT_DIVISOR = 32;
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

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
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

/** The chunks of `text` (one chunk, without context, when it is short). */
export function chunkText(text: string): Chunk[] {
  const n = text.length;
  const owned: Array<[number, number]> = [];
  let start = 0;
  let pos = 0;
  while (pos < n) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? n : nl + 1;
    // The chunk would outgrow MAX_CHUNK with this line: cut before it, or inside it when it is
    // that long by itself.
    while (lineEnd - start > MAX_CHUNK) {
      if (pos > start) {
        owned.push([start, pos]);
        start = pos;
        continue;
      }
      const cut = cutInLine(text, start + MAX_CHUNK, lineEnd);
      if (cut >= lineEnd) break;
      owned.push([start, cut]);
      start = cut;
    }
    if (lineEnd < n && lineEnd - start >= MIN_CHUNK && (isBlank(text, pos, lineEnd) || lineHash(text, pos, lineEnd) % CUT_DIVISOR === 0)) {
      owned.push([start, lineEnd]);
      start = lineEnd;
    }
    pos = lineEnd;
  }
  if (start < n) owned.push([start, n]);
  if (owned.length <= 1) return [{ start: 0, end: n, from: 0, to: n }];
  return owned.map(([s, e]) => ({
    start: s,
    end: e,
    from: s === 0 ? 0 : snapContext(text, s - CONTEXT, -1),
    to: e === n ? n : snapContext(text, e + CONTEXT, 1),
  }));
}

function normalizeRegions(length: number, regions: Region[] | undefined): Region[] | undefined {
  if (!regions) return undefined;
  const sorted = regions
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(length, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: Region[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
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
  /** Model windows the chunk took (counted as cached when the entry is reused). */
  windows: number;
}

function abortError(): Error {
  const e = new Error('scan cancelled');
  e.name = 'AbortError';
  return e;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class ChunkedEngine implements Engine {
  private readonly memo = new Map<string, MemoEntry>();
  private readonly counters = { chunksRun: 0, chunksCached: 0, windowsFromMemo: 0 };

  constructor(private readonly inner: Engine) {}

  get model(): ModelInfo | null {
    return this.inner.model;
  }

  async detect(text: string, options: DetectOptions = {}): Promise<Finding[]> {
    const { onProgress, ...rest } = options;
    const regions = normalizeRegions(text.length, rest.regions);
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
    let pending = planned.filter((p) => !this.memo.has(p.key)).length;
    const out: Finding[] = [];
    for (let i = 0; i < planned.length; i++) {
      const { chunk: c, sub, key } = planned[i]!;
      if (rest.signal?.aborted) throw abortError();
      let entry = this.memo.get(key);
      if (entry) {
        this.memo.delete(key);
        this.memo.set(key, entry);
        this.counters.chunksCached++;
        this.counters.windowsFromMemo += entry.windows;
      } else {
        if (i > 0) await nextTurn();
        if (rest.signal?.aborted) throw abortError();
        const before = this.inner.stats();
        const piece = text.slice(c.from, c.to);
        const found = await this.inner.detect(piece, {
          ...(sub ? { regions: sub } : {}),
          ...(rest.allScores ? { allScores: true } : {}),
          ...(rest.signal ? { signal: rest.signal } : {}),
        });
        const after = this.inner.stats();
        const lo = c.start - c.from;
        const hi = c.end - c.from;
        entry = { findings: found.filter((f) => f.start >= lo && f.start < hi), windows: after.windowsRun + after.windowsCached - before.windowsRun - before.windowsCached };
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
      windowsCached: s.windowsCached + this.counters.windowsFromMemo,
      chunksRun: this.counters.chunksRun,
      chunksCached: this.counters.chunksCached,
    };
  }

  dispose(): Promise<void> {
    this.memo.clear();
    return this.inner.dispose();
  }
}

/** Long texts (over MIN_CHUNK, more than one chunk) in chunks; findings concatenated in order. */
export function chunked(engine: Engine): Engine {
  return new ChunkedEngine(engine);
}
