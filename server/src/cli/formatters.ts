/**
 * Scan reports as text (one finding a line, for problem matchers), JSON and SARIF 2.1.0.
 *
 * No format ever contains the detected value, a piece of it or an unkeyed hash of it: a report is
 * pasted into tickets, uploaded to code scanning and kept in CI logs. Class, place and confidence
 * are enough to find the spot; the file is where the value is.
 */
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModelInfo } from '../engine/engine';
import { KNOWN_CLASSES } from '../engine/labels';
import { KIND_TITLES } from '../engine/recognizers/registry';
import { severityFor, type Policy, type PolicyFinding, type Severity } from '../engine/policy/policy';
import type { Evidence, FileFinding } from '../engine/types';

export type ReportedFinding = PolicyFinding & FileFinding & { absPath: string };

export type NoticeKind = 'binary' | 'decoded' | 'truncated' | 'ignored' | 'unreadable' | 'not-a-file' | 'skipped' | 'generated';

/** Notices of text that was not scanned at all: they fail a hook unless --allow-unscanned. */
export const UNSCANNED_KINDS: ReadonlySet<NoticeKind> = new Set(['unreadable']);

/** A file not scanned, or not scanned in full. */
export interface Notice {
  path: string;
  absPath: string;
  kind: NoticeKind;
  message: string;
}

export interface ScanReport {
  findings: ReportedFinding[];
  notices: Notice[];
  filesScanned: number;
  model: ModelInfo | null;
  /** Folder SARIF URIs are relative to (the repository root, else the current folder). */
  root: string;
  policy: Policy;
  toolVersion: string;
}

const CLASS_TITLES: Record<string, string> = {
  FIRSTNAME: 'first name', LASTNAME: 'last name', MIDDLENAME: 'middle name', PREFIX: 'name prefix',
  SEX: 'sex', GENDER: 'gender', AGE: 'age', DOB: 'date of birth', DATE: 'date', TIME: 'time',
  EYECOLOR: 'eye colour', HEIGHT: 'height', JOBTITLE: 'job title', JOBAREA: 'job area', JOBTYPE: 'job type',
  COMPANYNAME: 'company name', EMAIL: 'email address', USERNAME: 'user name', PASSWORD: 'password',
  URL: 'URL', IP: 'IP address', IPV4: 'IPv4 address', IPV6: 'IPv6 address', MAC: 'MAC address',
  USERAGENT: 'user agent', PHONENUMBER: 'phone number', PHONEIMEI: 'IMEI', STREET: 'street',
  BUILDINGNUMBER: 'building number', SECONDARYADDRESS: 'secondary address', CITY: 'city', STATE: 'state',
  COUNTY: 'county', ZIPCODE: 'postal code', NEARBYGPSCOORDINATE: 'GPS coordinate',
  ORDINALDIRECTION: 'direction', ACCOUNTNAME: 'account name', ACCOUNTNUMBER: 'account number',
  IBAN: 'IBAN', BIC: 'BIC', CREDITCARDNUMBER: 'credit card number', CREDITCARDISSUER: 'card issuer',
  CREDITCARDCVV: 'card CVV', MASKEDNUMBER: 'masked number', PIN: 'PIN', SSN: 'social security number',
  AMOUNT: 'amount', CURRENCY: 'currency', CURRENCYCODE: 'currency code', CURRENCYNAME: 'currency name',
  CURRENCYSYMBOL: 'currency symbol', BITCOINADDRESS: 'bitcoin address', ETHEREUMADDRESS: 'ethereum address',
  LITECOINADDRESS: 'litecoin address', VEHICLEVIN: 'vehicle VIN', VEHICLEVRM: 'vehicle registration',
  MRN: 'medical record number', NPI: 'US National Provider Identifier', NATIONALID: 'national identifier',
  ROUTINGNUMBER: 'bank routing number',
};

export function classTitle(label: string): string {
  return CLASS_TITLES[label] ?? label.toLowerCase();
}

/** "model 0.97, Luhn" — where the confidence comes from. */
function evidenceText(f: PolicyFinding): string {
  const parts: string[] = [];
  if (f.evidence.model !== undefined) parts.push(`model ${f.evidence.model.toFixed(2)}`);
  if (f.evidence.validator) parts.push(f.evidence.validator);
  if (f.evidence.recognizer && !f.evidence.validator) parts.push('pattern');
  if (f.evidence.rule) parts.push(f.evidence.rule);
  return parts.join(', ');
}

/** The class, or the scheme a recognizer proved ("UK NHS number" rather than "national identifier"). */
function findingTitle(f: PolicyFinding): string {
  return f.kind ? (KIND_TITLES[f.kind] ?? f.kind) : classTitle(f.label);
}

export function findingMessage(f: PolicyFinding): string {
  const ev = evidenceText(f);
  return `possible ${findingTitle(f)}${ev ? ` (${ev})` : ''}`;
}

export function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/** `path:line:column: LABEL 97% severity: message`, one finding a line. */
export function formatText(report: ScanReport): string {
  return report.findings
    .map((f) => `${f.path}:${f.line}:${f.column}: ${f.label} ${percent(f.score)} ${f.severity}: ${findingMessage(f)}\n`)
    .join('');
}

/** One line for stderr after a text report. */
export function summaryLine(report: ScanReport): string {
  const n = report.findings.length;
  const files = new Set(report.findings.map((f) => f.absPath)).size;
  const counts = severityCounts(report.findings);
  const bySeverity = (['error', 'warning', 'info', 'hint'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
  const scanned = `${report.filesScanned} file${report.filesScanned === 1 ? '' : 's'} scanned`;
  if (n === 0) return `no personal data found (${scanned})`;
  return `${n} finding${n === 1 ? '' : 's'} (${bySeverity}) in ${files} file${files === 1 ? '' : 's'}; ${scanned}`;
}

function severityCounts(findings: readonly PolicyFinding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

/** Evidence fields copied by name: whatever else a finding may carry stays out of reports. */
function safeEvidence(e: Evidence): Evidence {
  const out: Evidence = {};
  if (typeof e.model === 'number') out.model = round(e.model);
  if (typeof e.validator === 'string') out.validator = e.validator;
  if (e.recognizer === true) out.recognizer = true;
  if (typeof e.rule === 'string') out.rule = e.rule;
  return out;
}

export function formatJson(report: ScanReport): string {
  const doc = {
    version: 1,
    tool: { name: 'pii-lint', version: report.toolVersion },
    model: report.model ? { name: report.model.name } : null,
    summary: { filesScanned: report.filesScanned, findings: report.findings.length, ...severityCounts(report.findings) },
    findings: report.findings.map((f) => ({
      path: f.path,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      start: f.start,
      end: f.end,
      label: f.label,
      ...(f.kind ? { kind: f.kind } : {}),
      score: round(f.score),
      severity: f.severity,
      message: findingMessage(f),
      evidence: safeEvidence(f.evidence),
    })),
    notices: report.notices.map((n) => ({ path: n.path, kind: n.kind, message: n.message })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

function sarifLevel(s: Severity | 'off'): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : s === 'off' ? 'none' : 'note';
}

/** Root-relative, '/'-separated, percent-encoded: a SARIF artifactLocation.uri. */
function artifactUri(root: string, absPath: string): string {
  const rel = relative(root, absPath);
  if (rel.startsWith('..')) return pathToFileURL(absPath).href;
  return rel.split(sep).map(encodeURIComponent).join('/');
}

function pascal(label: string): string {
  return classTitle(label)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

export function formatSarif(report: ScanReport): string {
  const labels = [...KNOWN_CLASSES];
  for (const f of report.findings) if (!labels.includes(f.label)) labels.push(f.label);
  const ruleIndex = new Map(labels.map((l, i) => [l, i]));
  const rules = labels.map((label) => {
    const setting = severityFor(report.policy, label);
    return {
      id: label,
      name: `PersonalData${pascal(label)}`,
      shortDescription: { text: `Personal data: ${classTitle(label)}` },
      fullDescription: {
        text: `A ${classTitle(label)} was detected. Personal data in source, documents and commits can leak; remove or redact it, or suppress it with "pii-lint-disable-line ${label}" when it is not personal data.`,
      },
      defaultConfiguration: { enabled: setting !== 'off', level: sarifLevel(setting) },
      properties: { tags: ['privacy', 'pii'] },
    };
  });
  const results = report.findings.map((f) => ({
    ruleId: f.label,
    ruleIndex: ruleIndex.get(f.label) as number,
    level: sarifLevel(f.severity),
    message: { text: `Possible ${findingTitle(f)} (confidence ${percent(f.score)}).` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(report.root, f.absPath), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: f.line,
            startColumn: f.column,
            endLine: f.endLine,
            endColumn: f.endColumn,
            charOffset: f.start,
            charLength: f.end - f.start,
          },
        },
      },
    ],
    properties: { score: round(f.score), severity: f.severity, ...(f.kind ? { kind: f.kind } : {}), evidence: safeEvidence(f.evidence) },
  }));
  const notifications = report.notices.map((n) => ({
    level: n.kind === 'truncated' || n.kind === 'unreadable' ? 'warning' : 'note',
    message: { text: n.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(report.root, n.absPath), uriBaseId: '%SRCROOT%' } } }],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pii-lint',
            semanticVersion: report.toolVersion,
            version: report.toolVersion,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(report.root.endsWith(sep) ? report.root : report.root + sep).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
        ...(report.model ? { properties: { model: report.model.name } } : {}),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
