/**
 * Turning bytes into text worth scanning, and folders into files. Every file that is not scanned
 * in full says so (a notice on stderr and in the report): a skipped file must never look clean.
 */
import { closeSync, lstatSync, openSync, readSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';

/** NUL bytes in this many leading bytes make a file binary (git's own heuristic). */
const BINARY_SNIFF_BYTES = 8000;

/** How a text file's bytes were read: UTF-8, UTF-16 by its byte-order mark, else windows-1252. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type Decoded =
  | {
      kind: 'text';
      text: string;
      truncated: boolean;
      size: number;
      encoding: TextEncoding;
      /** Bytes of the file `text` covers (BOM included): where the rest of a truncated file starts. */
      bytesRead: number;
    }
  | { kind: 'binary'; size: number };

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

/** Cuts UTF-16 `bytes` back to whole code units, never between the halves of a surrogate pair. */
function wholeUnits(bytes: Buffer, littleEndian: boolean): Buffer {
  let end = bytes.length - (bytes.length % 2);
  if (end >= 2) {
    const unit = littleEndian ? bytes.readUInt16LE(end - 2) : bytes.readUInt16BE(end - 2);
    if (unit >= 0xd800 && unit <= 0xdbff) end -= 2;
  }
  return bytes.subarray(0, end);
}

function bomOf(bytes: Buffer): { encoding: TextEncoding; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * UTF-16 written without a BOM (some Windows tools do): mostly-Latin text has a NUL in nearly
 * every high byte and almost none in the low ones. Binary formats don't keep that rhythm.
 */
function bomlessUtf16(sniff: Buffer): TextEncoding | undefined {
  const units = sniff.length >> 1;
  if (units < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sniff.length; i += 2) {
    if (sniff[i] === 0) evenZeros++;
    if (sniff[i + 1] === 0) oddZeros++;
  }
  if (oddZeros >= 0.7 * units && evenZeros <= 0.02 * units) return 'utf-16le';
  if (evenZeros >= 0.7 * units && oddZeros <= 0.02 * units) return 'utf-16be';
  return undefined;
}

function bomlessUtf16Encoding(sniff: Buffer): { encoding: TextEncoding; length: number } | undefined {
  const encoding = bomlessUtf16(sniff);
  return encoding ? { encoding, length: 0 } : undefined;
}

/**
 * Bytes -> text. A UTF-16 byte-order mark is honoured (before the binary sniff: UTF-16 is full of
 * NULs), and so is the NUL rhythm of BOM-less UTF-16; other bytes with a NUL are binary; valid UTF-8 is UTF-8; anything else is read as
 * windows-1252 (a superset of Latin-1 that maps every byte), so a Latin-1 `kunden.csv` is scanned,
 * not skipped. A BOM is dropped. `bytes` may be only the first part of a file of `totalSize` bytes.
 */
export function decodeText(bytes: Buffer, maxBytes: number, totalSize = bytes.length): Decoded {
  const truncated = totalSize > maxBytes;
  const capped = truncated ? bytes.subarray(0, maxBytes) : bytes;
  const sniff = bytes.subarray(0, Math.min(bytes.length, BINARY_SNIFF_BYTES));
  const bom = bomOf(bytes) ?? (sniff.includes(0) ? bomlessUtf16Encoding(sniff) : undefined);
  if (bom && bom.encoding !== 'utf-8') {
    const body = wholeUnits(capped.subarray(bom.length), bom.encoding === 'utf-16le');
    const text = new TextDecoder(bom.encoding).decode(body);
    return { kind: 'text', text, truncated, size: totalSize, encoding: bom.encoding, bytesRead: bom.length + body.length };
  }
  if (sniff.includes(0)) return { kind: 'binary', size: totalSize };
  const body = truncated ? wholeCharacters(capped) : capped;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { kind: 'text', text, truncated, size: totalSize, encoding: 'utf-8', bytesRead: body.length };
  } catch {
    const text = new TextDecoder('windows-1252').decode(capped);
    return { kind: 'text', text, truncated, size: totalSize, encoding: 'windows-1252', bytesRead: capped.length };
  }
}

/** Reads `length` bytes of a file from `position` (fewer at its end). */
export function readRange(path: string, position: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, bytes, got, length - got, position + got);
      if (n === 0) break;
      got += n;
    }
    return bytes.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** Bytes of the rest of a file per piece: big enough to be quick, small enough to hold. */
const REST_PIECE_BYTES = 4 * 1024 * 1024;

/**
 * The rest of a truncated file, as text pieces that end after a line feed (so line numbers add
 * up): `read(position, length)` gives the file's bytes, from `start` to `size`.
 */
export function* restPieces(
  read: (position: number, length: number) => Buffer,
  start: number,
  size: number,
  encoding: TextEncoding,
): Generator<{ text: string; byteOffset: number }> {
  const unit = encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 1;
  const decoder = new TextDecoder(encoding);
  let pos = start;
  while (pos < size) {
    const bytes = read(pos, Math.min(REST_PIECE_BYTES, size - pos));
    if (bytes.length === 0) break;
    let end = bytes.length;
    if (pos + end < size) {
      const cut = lastLineFeed(bytes, encoding);
      if (cut > 0) end = cut;
      else end -= end % unit;
    }
    yield { text: decoder.decode(bytes.subarray(0, end)), byteOffset: pos };
    pos += end;
  }
}

/** Offset just after the last line feed in `bytes`, 0 when there is none. */
function lastLineFeed(bytes: Buffer, encoding: TextEncoding): number {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    for (let i = bytes.length - 2 - (bytes.length % 2); i >= 0; i -= 2) {
      const lf = encoding === 'utf-16le' ? bytes[i] === 0x0a && bytes[i + 1] === 0 : bytes[i] === 0 && bytes[i + 1] === 0x0a;
      if (lf) return i + 2;
    }
    return 0;
  }
  return bytes.lastIndexOf(0x0a) + 1;
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

export interface WalkEntry<R extends string = string> {
  path: string;
  /** Why the file was passed over, when it was. */
  skipped?: 'ignored' | 'not-a-file' | 'unreadable';
  /** For an ignored entry: the rule's reason, and whether it is a folder (not entered). */
  reason?: R;
  isDirectory?: boolean;
}

/**
 * Files under `start` in a stable (sorted) order. Ignored folders are not entered; folder
 * symlinks are not followed (no cycles), file symlinks are. Ignored entries are yielded, marked
 * with the reason `ignoreReason` gives, so the caller can say what it passed over and why.
 */
export function* walkFiles<R extends string>(start: string, ignoreReason: (absPath: string, isDirectory: boolean) => R | undefined): Generator<WalkEntry<R>> {
  let st: Stats;
  try {
    st = statSync(start);
  } catch {
    yield { path: start, skipped: 'unreadable' };
    return;
  }
  if (st.isFile()) {
    const reason = ignoreReason(start, false);
    yield reason !== undefined ? { path: start, skipped: 'ignored', reason, isDirectory: false } : { path: start };
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
      if (!entry.isDirectory() && !entry.isFile()) continue;
      const isDirectory = entry.isDirectory();
      const reason = ignoreReason(full, isDirectory);
      if (reason !== undefined) yield { path: full, skipped: 'ignored', reason, isDirectory };
      else if (isDirectory) subdirs.push(full);
      else yield { path: full };
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as string);
  }
}
