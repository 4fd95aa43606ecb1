/**
 * Network addresses: IPv4, IPv6, MAC and http(s) URLs.
 *
 * Dotted quads whose four parts are all single digits (1.2.3.4) read as version numbers and are
 * dropped unless an IP context word is near (then 0.6); any dotted quad right after a version
 * word or operator (v, version, ==, @, ^) or before a pre-release tag (-beta) is dropped.
 * Networks (`10.0.0.0`, `192.168.1.0/24`, `2002::`, `::ffff:0:0`) name a block of addresses, no
 * one's machine: reported at 0.3, under every default threshold, like loopback and broadcast.
 */
import isIP from 'validator/lib/isIP';
import isMACAddress from 'validator/lib/isMACAddress';
import isURL from 'validator/lib/isURL';
import type { Finding } from '../types';
import { matches } from './matches';
import { after, before, finding, VERSION_BEFORE, type Scan } from './scanner';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');
const IP_CONTEXT = /\b(?:ip|ipv4|ipv6|ip address|addr|address|host|hostname|server|gateway|dns|subnet|router|client|remote|src|dst|source|destination|connect(?:ed|ion)?|ping|inet|proxy|firewall|login|logged|visitor|user)\b/;
/** A pre-release tag, or a Debian revision (`2.39.90.1-1)`; not the `-10.0.0.9` of a range). */
const VERSION_AFTER = /^-(?:alpha|beta|rc|dev|pre|snapshot|final|release|\d+(?![.\d]))/;
/** `/24` after an address: a block of addresses (a routing table, a firewall rule), no one's host; `/32` and `/128` are one host. */
const CIDR_AFTER = /^\/(?!32(?!\d)|128(?!\d))\d{1,3}(?!\d)/;

function ipv4Special(ip: string): boolean {
  return /^(?:0\.0\.0\.0|127\.\d+\.\d+\.\d+|255\.255\.255\.255|255\.255\.\d+\.\d+)$/.test(ip);
}

export function scanIpv4(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start, end } of matches(s, IPV4)) {
    const ctxBefore = before(s.text, start, 24);
    if (VERSION_BEFORE.test(ctxBefore) || VERSION_AFTER.test(after(s.text, end))) continue;
    const ipContext = IP_CONTEXT.test(before(s.text, start, 40));
    if (ipv4Special(m[0])) {
      out.push(finding(start, end, 'IPV4', 0.3, 'IPv4 format ✓ (loopback/broadcast/netmask)'));
    } else if (m[0].endsWith('.0') || CIDR_AFTER.test(after(s.text, end))) {
      out.push(finding(start, end, 'IPV4', 0.3, 'IPv4 format ✓ (a network, not a host)'));
    } else if (/^\d\.\d\.\d\.\d$/.test(m[0])) {
      if (ipContext) out.push(finding(start, end, 'IPV4', 0.6, 'IPv4 format ✓ (version-like)'));
    } else {
      out.push(finding(start, end, 'IPV4', ipContext ? 0.95 : 0.9, 'IPv4 format ✓'));
    }
  }
  return out;
}

const IPV6 = /(?<![\w:.])[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}(?![\w:]|\.\w)/g;

export function scanIpv6(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start } of matches(s, IPV6)) {
    const value = m[0].replace(/\.+$/, '');
    if (value.indexOf(':') === value.lastIndexOf(':') || !isIP(value, 6)) continue;
    const groups = value.split(/:+/).filter((g) => g.length > 0);
    // a::b and dead::beef are IPv6 on paper; real addresses have ≥ 3 groups or a 4-digit prefix (fe80::1).
    if (groups.length < 3 && !(groups.length > 0 && groups[0].length >= 3)) continue;
    const end = start + value.length;
    if (/^(?:0*:)*:?0*1?$/.test(value) || value === '::') {
      out.push(finding(start, end, 'IPV6', 0.3, 'IPv6 format ✓ (loopback/unspecified)'));
    } else if (value.endsWith('::') || /:0+:0+$/.test(value) || CIDR_AFTER.test(after(s.text, end))) {
      out.push(finding(start, end, 'IPV6', 0.3, 'IPv6 format ✓ (a network prefix, not a host)'));
    } else {
      out.push(finding(start, end, 'IPV6', groups.length >= 5 ? 0.95 : 0.8, 'IPv6 format ✓'));
    }
  }
  return out;
}

// MAC: 6 hex pairs with ':' or '-', or Cisco's xxxx.xxxx.xxxx (which needs a hex letter or context,
// as 1234.5678.9012 is more often a number).

const MAC_PAIRS = /(?<![\w:.\-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![\w:\-]|\.\w)/g;
const MAC_DOTTED = /(?<![\w:.\-])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w:\-]|\.\w)/g;
const MAC_CONTEXT = /\b(?:mac|hwaddr|ether|hardware address|bssid|wifi|wi-fi)\b/;

export function scanMacs(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const re of [MAC_PAIRS, MAC_DOTTED]) {
    for (const { m, start, end } of matches(s, re)) {
      if (!isMACAddress(m[0])) continue;
      if (re === MAC_DOTTED && !/[a-f]/i.test(m[0]) && !MAC_CONTEXT.test(before(s.text, start))) continue;
      const hex = m[0].replace(/[^0-9a-f]/gi, '').toLowerCase();
      if (hex === '000000000000' || hex === 'ffffffffffff') out.push(finding(start, end, 'MAC', 0.3, 'MAC address format ✓ (null/broadcast)'));
      else out.push(finding(start, end, 'MAC', MAC_CONTEXT.test(before(s.text, start)) ? 0.95 : 0.9, 'MAC address format ✓'));
    }
  }
  return out;
}

// URL (http/https only).

const URL_RE = /\bhttps?:\/\/[^\s<>"'`{}|\\^\[\]]{1,2048}/gi;

export function scanUrls(s: Scan): Finding[] {
  const out: Finding[] = [];
  for (const { m, start } of matches(s, URL_RE)) {
    let value = m[0].replace(/[.,;:!?'"*]+$/, '');
    // A closing bracket belongs to the URL only when the URL opened one: (see https://x.y/a).
    while (value.endsWith(')') && (value.match(/\(/g)?.length ?? 0) < (value.match(/\)/g)?.length ?? 0)) {
      value = value.slice(0, -1).replace(/[.,;:!?'"*]+$/, '');
    }
    if (isURL(value, { require_protocol: true, protocols: ['http', 'https'] })) out.push(finding(start, start + value.length, 'URL', 0.8, 'URL format ✓'));
  }
  return out;
}
