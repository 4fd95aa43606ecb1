/**
 * Cryptocurrency address checksums: base58check (Bitcoin/Litecoin legacy), bech32/bech32m
 * (BIP-173/BIP-350 segwit) and EIP-55 (Ethereum mixed-case). `validator`'s isBtcAddress and
 * isEthereumAddress match the format only; a checksum is what separates an address from a random
 * base58 word. Encoders are here too so that synthetic pseudonyms carry valid checksums.
 */
import { createHash } from 'node:crypto';
import { keccak256 } from './keccak';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const B58_INDEX = new Map([...B58].map((c, i) => [c, i]));

function sha256d(data: Uint8Array): Buffer {
  return createHash('sha256').update(createHash('sha256').update(data).digest()).digest();
}

function base58Decode(s: string): Uint8Array | null {
  let n = 0n;
  for (const ch of s) {
    const v = B58_INDEX.get(ch);
    if (v === undefined) return null;
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  for (let i = 0; i < s.length && s[i] === '1'; i++) bytes.unshift(0);
  return Uint8Array.from(bytes);
}

function base58Encode(data: Uint8Array): string {
  let n = 0n;
  for (const b of data) n = (n << 8n) | BigInt(b);
  let out = '';
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (let i = 0; i < data.length && data[i] === 0; i++) out = '1' + out;
  return out;
}

/** Version byte of a valid base58check address with a 20-byte hash, else null. */
export function base58checkVersion(address: string): number | null {
  if (address.length < 26 || address.length > 35) return null;
  const raw = base58Decode(address);
  if (!raw || raw.length !== 25) return null;
  const payload = raw.subarray(0, 21);
  const check = sha256d(payload);
  for (let i = 0; i < 4; i++) if (check[i] !== raw[21 + i]) return null;
  return raw[0];
}

/** base58check address for a version byte and a 20-byte hash. */
export function base58checkEncode(version: number, hash20: Uint8Array): string {
  const payload = Uint8Array.from([version, ...hash20]);
  return base58Encode(Uint8Array.from([...payload, ...sha256d(payload).subarray(0, 4)]));
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_INDEX = new Map([...BECH32].map((c, i) => [c, i]));
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;

function polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i];
  }
  return chk >>> 0;
}

function hrpExpand(hrp: string): number[] {
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  return [...codes.map((c) => c >> 5), 0, ...codes.map((c) => c & 31)];
}

function convertBits(data: number[], from: number, to: number, pad: boolean): number[] | null {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const maxv = (1 << to) - 1;
  for (const v of data) {
    acc = (acc << from) | v;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >> bits) & maxv);
    }
  }
  if (pad) {
    if (bits > 0) out.push((acc << (to - bits)) & maxv);
  } else if (bits >= from || ((acc << (to - bits)) & maxv) !== 0) {
    return null;
  }
  return out;
}

export interface SegwitAddress {
  hrp: string;
  version: number;
  program: Uint8Array;
}

/** Decodes a segwit address (bech32 for v0, bech32m for v1+) for one of `hrps`, else null. */
export function decodeSegwit(address: string, hrps: readonly string[]): SegwitAddress | null {
  if (address.length > 90 || (address !== address.toLowerCase() && address !== address.toUpperCase())) return null;
  const s = address.toLowerCase();
  const sep = s.lastIndexOf('1');
  if (sep < 1 || s.length - sep - 1 < 7) return null;
  const hrp = s.slice(0, sep);
  if (!hrps.includes(hrp)) return null;
  const data: number[] = [];
  for (const ch of s.slice(sep + 1)) {
    const v = BECH32_INDEX.get(ch);
    if (v === undefined) return null;
    data.push(v);
  }
  const constant = polymod([...hrpExpand(hrp), ...data]);
  const version = data[0];
  if (version > 16) return null;
  if (constant !== (version === 0 ? BECH32_CONST : BECH32M_CONST)) return null;
  const program = convertBits(data.slice(1, -6), 5, 8, false);
  if (!program || program.length < 2 || program.length > 40) return null;
  if (version === 0 && program.length !== 20 && program.length !== 32) return null;
  return { hrp, version, program: Uint8Array.from(program) };
}

export function encodeSegwit({ hrp, version, program }: SegwitAddress): string {
  const data = [version, ...(convertBits([...program], 8, 5, true) ?? [])];
  const mod = polymod([...hrpExpand(hrp), ...data, 0, 0, 0, 0, 0, 0]) ^ (version === 0 ? BECH32_CONST : BECH32M_CONST);
  const check = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...data, ...check].map((v) => BECH32[v]).join('')}`;
}

/** EIP-55 mixed-case form of a 0x address (input in any case). */
export function toEip55(address: string): string {
  const hex = address.slice(2).toLowerCase();
  const hash = keccak256(new TextEncoder().encode(hex));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const nibble = (hash[i >> 1] >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    out += nibble >= 8 ? hex[i].toUpperCase() : hex[i];
  }
  return out;
}

/** 'checksum' for a valid mixed-case EIP-55 address, 'no-checksum' for single-case, 'invalid' otherwise. */
export function eip55Status(address: string): 'checksum' | 'no-checksum' | 'invalid' {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return 'invalid';
  const body = address.slice(2);
  if (body === body.toLowerCase() || body === body.toUpperCase()) return 'no-checksum';
  return toEip55(address) === address ? 'checksum' : 'invalid';
}
