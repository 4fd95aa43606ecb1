#!/usr/bin/env node
// Draws the extension's 128×128 icon (media/icon.png): a page of text lines on a dark tile, one
// value in the middle line hidden under a redaction bar. Plain zlib PNG encoding, 4×4 supersampled
// for smooth edges, so the icon is rebuilt from this file alone: `node scripts/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4;

/** Shapes in 128-unit coordinates, painted in order; the last one that covers a point wins. */
const shapes = [
  { kind: 'rounded', x: 4, y: 4, w: 120, h: 120, r: 22, color: [0x1e, 0x3a, 0x5f] }, // tile
  { kind: 'rounded', x: 26, y: 20, w: 76, h: 88, r: 8, color: [0xf4, 0xf6, 0xf9] }, // page
  { kind: 'rounded', x: 36, y: 34, w: 56, h: 7, r: 3.5, color: [0x8a, 0x99, 0xad] }, // line 1
  { kind: 'rounded', x: 36, y: 50, w: 18, h: 7, r: 3.5, color: [0x8a, 0x99, 0xad] }, // line 2, before the value
  { kind: 'rounded', x: 58, y: 46, w: 34, h: 15, r: 3, color: [0xe5, 0x48, 0x4d] }, // the redacted value
  { kind: 'rounded', x: 36, y: 66, w: 48, h: 7, r: 3.5, color: [0x8a, 0x99, 0xad] }, // line 3
  { kind: 'rounded', x: 36, y: 82, w: 36, h: 7, r: 3.5, color: [0x8a, 0x99, 0xad] }, // line 4
];

function inside(s, px, py) {
  const dx = Math.max(s.x + s.r - px, 0, px - (s.x + s.w - s.r));
  const dy = Math.max(s.y + s.r - py, 0, py - (s.y + s.h - s.r));
  return px >= s.x && px <= s.x + s.w && py >= s.y && py <= s.y + s.h && dx * dx + dy * dy <= s.r * s.r;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const px = x + (sx + 0.5) / SS;
        const py = y + (sy + 0.5) / SS;
        let color;
        for (const s of shapes) if (inside(s, px, py)) color = s.color;
        if (color) {
          acc[0] += color[0];
          acc[1] += color[1];
          acc[2] += color[2];
          acc[3] += 255;
        }
      }
    }
    const n = SS * SS;
    const covered = acc[3] / 255;
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    // Straight (not premultiplied) alpha: average the covering samples' colors.
    raw[o] = covered ? Math.round(acc[0] / covered) : 0;
    raw[o + 1] = covered ? Math.round(acc[1] / covered) : 0;
    raw[o + 2] = covered ? Math.round(acc[2] / covered) : 0;
    raw[o + 3] = Math.round(acc[3] / n);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = resolve(import.meta.dirname, '..', 'media', 'icon.png');
writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);
