/**
 * Turning bytes into text worth scanning, and folders into files. Every file that is not scanned
 * in full says so (a notice on stderr and in the report): a skipped file must never look clean.
 */
import { closeSync, lstatSync, openSync, readSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { PathFilter } from '../engine/policy/config';

/** NUL bytes in this many leading bytes make a file binary (git's own heuristic). */
const BINARY_SNIFF_BYTES = 8000;

export type Decoded =
  | { kind: 'text'; text: string; truncated: boolean; size: number }
  | { kind: 'binary'; size: number }
  | { kind: 'not-utf8'; size: number };

/** Cuts `bytes` back to the last whole UTF-8 character (a cap may fall inside one). */
function wholeCharacters(bytes: Buffer): Buffer {
  let end = bytes.length;
  // Step back over at most 3 continuation bytes to the lead byte of the last sequence.
  let i = end - 1;
  while (i >= 0 && end - i <= 4 && ((bytes[i] as number) & 0xc0) === 0x80) i--;
  if (i < 0) return bytes;
  const lead = bytes[i] as number;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  if (end - i < need) end = i;
  return bytes.subarray(0, end);
}

/** Bytes -> text: binary and non-UTF-8 content is recognised, not guessed at; a BOM is dropped. */
export function decodeText(bytes: Buffer, maxBytes: number, totalSize = bytes.length): Decoded {
  const sniff = bytes.subarray(0, Math.min(bytes.length, BINARY_SNIFF_BYTES));
  if (sniff.includes(0)) return { kind: 'binary', size: totalSize };
  const truncated = totalSize > maxBytes;
  const body = truncated ? wholeCharacters(bytes.subarray(0, maxBytes)) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { kind: 'text', text, truncated, size: totalSize };
  } catch {
    return { kind: 'not-utf8', size: totalSize };
  }
}

/** Reads at most `maxBytes` of a file (a 20 MB log costs 2 MB of memory, not 20). */
export function readCapped(path: string, maxBytes: number): { bytes: Buffer; size: number } {
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size;
    const want = Math.min(size, maxBytes);
    const bytes = Buffer.alloc(want);
    let got = 0;
    while (got < want) {
      const n = readSync(fd, bytes, got, want - got, got);
      if (n === 0) break;
      got += n;
    }
    return { bytes: bytes.subarray(0, got), size };
  } finally {
    closeSync(fd);
  }
}

export function readTextFile(path: string, maxBytes: number): Decoded {
  const { bytes, size } = readCapped(path, maxBytes);
  return decodeText(bytes, maxBytes, size);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export interface WalkEntry {
  path: string;
  /** Why the file was passed over, when it was. */
  skipped?: 'ignored' | 'not-a-file' | 'unreadable';
}

/**
 * Files under `start` in a stable (sorted) order. Ignored folders are not entered; folder
 * symlinks are not followed (no cycles), file symlinks are. `start` itself, when a file the
 * user named, is yielded even if ignored, marked so the caller can say why it was not scanned.
 */
export function* walkFiles(start: string, isIgnored: PathFilter): Generator<WalkEntry> {
  let st: Stats;
  try {
    st = statSync(start);
  } catch {
    yield { path: start, skipped: 'unreadable' };
    return;
  }
  if (st.isFile()) {
    yield isIgnored(start) ? { path: start, skipped: 'ignored' } : { path: start };
    return;
  }
  if (!st.isDirectory()) {
    yield { path: start, skipped: 'not-a-file' };
    return;
  }
  const stack = [start];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      yield { path: dir, skipped: 'unreadable' };
      continue;
    }
    const subdirs: string[] = [];
    for (const name of names) {
      const full = join(dir, name);
      let entry: Stats;
      try {
        entry = lstatSync(full);
        if (entry.isSymbolicLink()) {
          const target = statSync(full);
          if (!target.isFile()) continue;
          entry = target;
        }
      } catch {
        continue;
      }
      if (entry.isDirectory()) {
        if (!isIgnored(full, true)) subdirs.push(full);
      } else if (entry.isFile() && !isIgnored(full)) {
        yield { path: full };
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as string);
  }
}
