/**
 * Cryptocurrency addresses: only with a valid checksum (base58check, bech32, EIP-55), or a
 * single-case Ethereum address by its format alone.
 */
import type { Finding } from '../types';
import { base58checkVersion, decodeSegwit, eip55Status } from './coinAddress';
import { matches } from './matches';
import { finding, type Scan } from './scanner';

const BASE58_ADDRESS = /(?<![A-Za-z0-9])[13mn2LM][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/g;
const BECH32_ADDRESS = /(?<![A-Za-z0-9])(?:bc|tb|ltc|tltc)1[02-9ac-hj-np-z]{6,87}(?![A-Za-z0-9])/gi;
const ETH_ADDRESS = /(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])/g;

export function scanCoins(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, BASE58_ADDRESS)) {
    const version = base58checkVersion(m[0]);
    if (version === null) continue;
    if ([0x00, 0x05, 0x6f, 0xc4].includes(version)) out.push(finding(start, end, 'BITCOINADDRESS', 0.99, 'base58check ✓'));
    else if (version === 0x30 || version === 0x32) out.push(finding(start, end, 'LITECOINADDRESS', 0.99, 'base58check ✓'));
  }
  for (const { m, start, end } of matches(s, BECH32_ADDRESS)) {
    const lower = m[0].toLowerCase();
    const ltc = lower.startsWith('ltc1') || lower.startsWith('tltc1');
    if (decodeSegwit(m[0], ltc ? ['ltc', 'tltc'] : ['bc', 'tb'])) {
      out.push(finding(start, end, ltc ? 'LITECOINADDRESS' : 'BITCOINADDRESS', 0.99, 'bech32 ✓'));
    }
  }
  for (const { m, start, end } of matches(s, ETH_ADDRESS)) {
    const status = eip55Status(m[0]);
    if (status === 'checksum') out.push(finding(start, end, 'ETHEREUMADDRESS', 0.99, 'EIP-55 checksum ✓'));
    else if (status === 'no-checksum') out.push(finding(start, end, 'ETHEREUMADDRESS', 0.8, 'Ethereum address format (no EIP-55 checksum)'));
  }
  return out;
}
