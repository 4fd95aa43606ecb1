/**
 * `pii-lint scan`: files and folders, the staged index (pre-commit), or a commit message
 * (commit-msg). Findings are filtered by the repository's policy, reported in text, JSON or SARIF,
 * and turned into an exit status: 0 clean, 1 findings at or above --fail-on.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { severityRank, type PolicyFinding } from '../../engine/policy/policy';
import { LineIndex } from '../../engine/text/regions';
import { scanText, toFileFindings } from '../../engine/scan';
import { CliError, type ScanArgs } from '../args';
import { blockReason } from '../blockReason';
import { decodeText, formatBytes, readCapped, readRange, readTextFile, restPieces, walkFiles, type Decoded } from '../files';
import { formatJson, formatSarif, formatText, summaryLine, type NoticeKind, type ReportedFinding, UNSCANNED_KINDS, type ScanReport } from '../formatters';
import { addedLines, commentChar, knownIdentities, readBlob, repositoryRoot, runGit, stagedFiles } from '../git';
import { messageWideDisables, withoutKnownIdentities } from '../../engine/policy/commitIdentities';
import { ConfigResolver, LazyEngine, notice, writeOutput } from '../session';
import { IGNORE_REASON_TEXT, IgnoreRules, type IgnoreReason } from '../ignores';
import { generatedLabel, skippedGeneratedKind } from '../../engine/policy/fileTypes';
import { appendAll } from '../../engine/arrays';

/** What walking files needs of scan's options (`allow --rekey` walks with scan's defaults). */
export type WalkArgs = Pick<ScanArgs, 'paths' | 'maxFileSize' | 'code' | 'noIgnore'>;

/** Sees each scanned text with its findings (offsets into that text); keeps no value it reads. */
export type TextVisitor = (text: string, findings: readonly PolicyFinding[]) => void;

interface ScanContext {
  args: WalkArgs;
  cwd: string;
  configs: ConfigResolver;
  engine: LazyEngine;
  report: ScanReport;
  /** Hook mode (--staged, --commit-msg) without --verbose: notices wait for the block reason, or stay quiet on a pass. */
  deferred: string[] | null;
  /** git's comment character, once a commit message was read. */
  commentChar?: string;
  visit?: TextVisitor;
}

/** How a path is shown: relative to the current folder when inside it. */
function displayPath(cwd: string, absPath: string): string {
  const rel = relative(cwd, absPath);
  return rel === '' ? '.' : rel.startsWith('..') && rel.split(/[\\/]/).length > 4 ? absPath : rel;
}

function addNotice(ctx: ScanContext, absPath: string, kind: NoticeKind, message: string): void {
  const path = displayPath(ctx.cwd, absPath);
  ctx.report.notices.push({ path, absPath, kind, message });
  if (ctx.deferred) ctx.deferred.push(`${path}: ${message}`);
  else notice(`${path}: ${message}`);
}

function binaryNotice(size: number): string {
  return `skipped: binary file (${formatBytes(size)})`;
}

function truncatedMessage(size: number, cap: number): string {
  return (
    `${formatBytes(size)} exceeds --max-file-size ${formatBytes(cap)}: the model scanned the first ${formatBytes(cap)}, ` +
    'the checksum and format recognizers (e-mails, phones, cards, IBANs…) all of it'
  );
}

function addFindings(ctx: ScanContext, findings: readonly ReportedFinding[]): void {
  appendAll(ctx.report.findings, findings);
}

interface ScanExtra {
  languageId?: string;
  commentChar?: string;
}

async function scanOne(ctx: ScanContext, absPath: string, text: string, extra: ScanExtra = {}): Promise<ReportedFinding[]> {
  const ws = ctx.configs.forPath(absPath);
  const engine = await ctx.engine.get();
  ctx.report.model ??= engine.model;
  const findings: PolicyFinding[] = await scanText(engine, text, { path: absPath, policy: ws.policy, code: ctx.args.code, ...extra });
  ctx.report.filesScanned++;
  ctx.visit?.(text, findings);
  return toFileFindings(displayPath(ctx.cwd, absPath), text, findings).map((f) => ({ ...f, absPath }));
}

/** Characters of the capped text's last line read again with the rest, so a value across the cap is whole. */
const REST_OVERLAP_CHARS = 1000;

/**
 * The part of a file past --max-file-size, through the checksum and format recognizers only (they
 * read megabytes a second; the model does not): an e-mail on the last line of a big file still
 * blocks the commit. The rest is read whole, not as comments and strings: a piece may start inside
 * either, and what recognizers report needs a checksum or a strict format anyway.
 */
async function scanRest(
  ctx: ScanContext,
  absPath: string,
  head: string,
  pieces: Iterable<{ text: string }>,
): Promise<ReportedFinding[]> {
  const policy = ctx.configs.forPath(absPath).policy;
  const engine = await ctx.engine.recognizers();
  const headLines = new LineIndex(head);
  const lastLineStart = headLines.starts[headLines.lineCount - 1] as number;
  const overlapStart = Math.max(lastLineStart, head.length - REST_OVERLAP_CHARS);
  const shown = displayPath(ctx.cwd, absPath);
  const out: ReportedFinding[] = [];
  let lineBase = headLines.lineCount - 1;
  let firstColumn = overlapStart - lastLineStart;
  let charBase = overlapStart;
  let overlap = head.length - overlapStart;
  for (const piece of pieces) {
    const text = overlap > 0 ? head.slice(overlapStart) + piece.text : piece.text;
    const found = await scanText(engine, text, { path: absPath, policy, code: 'all', languageId: 'plaintext' });
    ctx.visit?.(text, found);
    for (const f of toFileFindings(shown, text, found)) {
      if (f.end <= overlap) continue; // the head's scan had it
      out.push({
        ...f,
        absPath,
        start: f.start + charBase,
        end: f.end + charBase,
        line: f.line + lineBase,
        endLine: f.endLine + lineBase,
        column: f.line === 1 ? f.column + firstColumn : f.column,
        endColumn: f.endLine === 1 ? f.endColumn + firstColumn : f.endColumn,
      });
    }
    const lines = new LineIndex(text);
    lineBase += lines.lineCount - 1;
    charBase += text.length;
    firstColumn = 0;
    overlap = 0;
  }
  return out;
}

/** A file's decoded text, scanned in full: the head by the model, any rest by the recognizers. */
async function scanDecoded(
  ctx: ScanContext,
  absPath: string,
  decoded: Extract<Decoded, { kind: 'text' }>,
  read: (position: number, length: number) => Buffer,
  extra: ScanExtra = {},
): Promise<ReportedFinding[]> {
  if (decoded.encoding === 'windows-1252') addNotice(ctx, absPath, 'decoded', 'not valid UTF-8: read as windows-1252 (Latin-1)');
  const findings = await scanOne(ctx, absPath, decoded.text, extra);
  if (!decoded.truncated) return findings;
  addNotice(ctx, absPath, 'truncated', truncatedMessage(decoded.size, ctx.args.maxFileSize));
  const rest = await scanRest(ctx, absPath, decoded.text, restPieces(read, decoded.bytesRead, decoded.size, decoded.encoding));
  return findings.concat(rest);
}

/** Generated files the configuration skips (by name, else by content), said in a notice. */
function skippedAsGenerated(ctx: ScanContext, absPath: string, text?: string): boolean {
  const kind = skippedGeneratedKind(absPath, ctx.configs.forPath(absPath).config.skipGenerated, text);
  if (kind === undefined) return false;
  addNotice(ctx, absPath, 'generated', `skipped: ${generatedLabel(kind)} (generated; "skipGenerated" in .piilintrc.json decides)`);
  return true;
}

async function scanPaths(ctx: ScanContext): Promise<void> {
  const starts = ctx.args.paths.map((p) => resolve(ctx.cwd, p));
  for (const [i, abs] of starts.entries()) {
    if (!existsSync(abs)) throw new CliError(`no such file or directory: ${ctx.args.paths[i]}`);
  }
  const rules = new IgnoreRules(ctx.configs, !ctx.args.noIgnore);
  for (const abs of starts) await rules.prepare(abs, statSync(abs).isDirectory());
  const seen = new Set<string>();
  for (const start of starts) {
    const passedOver = new Map<IgnoreReason, { files: number; folders: number }>();
    for (const entry of walkFiles(start, (p, isDir) => rules.reason(p, isDir))) {
      if (seen.has(entry.path)) continue;
      seen.add(entry.path);
      if (entry.skipped === 'ignored' && entry.reason !== undefined) {
        if (entry.path === start) {
          addNotice(ctx, entry.path, 'ignored', `skipped: ignored by ${IGNORE_REASON_TEXT[entry.reason]}`);
        } else {
          const count = passedOver.get(entry.reason) ?? { files: 0, folders: 0 };
          if (entry.isDirectory) count.folders++;
          else count.files++;
          passedOver.set(entry.reason, count);
        }
        continue;
      }
      if (entry.skipped) {
        addNotice(ctx, entry.path, entry.skipped === 'ignored' ? 'ignored' : entry.skipped, entry.skipped === 'unreadable' ? 'skipped: cannot read' : 'skipped: not a regular file');
        continue;
      }
      if (skippedAsGenerated(ctx, entry.path)) continue;
      let decoded;
      try {
        decoded = readTextFile(entry.path, ctx.args.maxFileSize);
      } catch (e) {
        addNotice(ctx, entry.path, 'unreadable', `skipped: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
        continue;
      }
      if (decoded.kind !== 'text') {
        addNotice(ctx, entry.path, decoded.kind, binaryNotice(decoded.size));
        continue;
      }
      if (skippedAsGenerated(ctx, entry.path, decoded.text)) continue;
      const path = entry.path;
      addFindings(ctx, await scanDecoded(ctx, path, decoded, (pos, len) => readRange(path, pos, len)));
    }
    for (const [reason, n] of passedOver) {
      const what = [n.files > 0 ? plural(n.files, 'file') : '', n.folders > 0 ? plural(n.folders, 'folder') : ''].filter((s) => s !== '').join(' and ');
      addNotice(ctx, start, 'ignored', `skipped ${what} ignored by ${IGNORE_REASON_TEXT[reason]}${reason === 'built-in' ? '' : ' (--no-ignore scans them)'}`);
    }
  }
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** The lines a commit would add, in the content the index holds (never the work tree's). */
async function scanStaged(ctx: ScanContext): Promise<void> {
  const root = await repositoryRoot(ctx.cwd);
  ctx.report.root = root;
  for (const file of await stagedFiles(root)) {
    const abs = join(root, ...file.path.split('/'));
    // Submodules and symlinks have no text of their own in the index.
    if (file.mode === '160000' || file.mode === '120000') continue;
    if (ctx.configs.forPath(abs).isIgnored(abs)) continue;
    const bytes = await readBlob(root, file.blob);
    const decoded = decodeText(bytes, ctx.args.maxFileSize, bytes.length);
    if (decoded.kind !== 'text') {
      addNotice(ctx, abs, decoded.kind, binaryNotice(decoded.size));
      continue;
    }
    if (skippedAsGenerated(ctx, abs, decoded.text)) continue;
    const added = await addedLines(root, file);
    if (added.size === 0) continue;
    const findings = await scanDecoded(ctx, abs, decoded, (pos, len) => bytes.subarray(pos, pos + len));
    addFindings(
      ctx,
      findings.filter((f) => {
        for (let line = f.line; line <= f.endLine; line++) if (added.has(line)) return true;
        return false;
      }),
    );
  }
}

async function scanCommitMessage(ctx: ScanContext, file: string): Promise<void> {
  const abs = resolve(ctx.cwd, file);
  let bytes: Buffer;
  let size: number;
  try {
    ({ bytes, size } = readCapped(abs, ctx.args.maxFileSize));
  } catch (e) {
    throw new CliError(`cannot read commit message file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // A message in another encoding (i18n.commitEncoding) is still scanned: UTF-16 by its BOM, else
  // windows-1252; NUL bytes (which git would refuse anyway) become spaces rather than "binary".
  let decoded = decodeText(bytes, ctx.args.maxFileSize, size);
  if (decoded.kind !== 'text') {
    const text = new TextDecoder('utf-8').decode(bytes).replace(/\0/g, ' ');
    decoded = { kind: 'text', text, truncated: size > ctx.args.maxFileSize, size, encoding: 'utf-8', bytesRead: bytes.length };
  }
  const inRepo = (await runGit(ctx.cwd, ['rev-parse', '--is-inside-work-tree'])).code === 0;
  const char = inRepo ? await commentChar(ctx.cwd) : '#';
  const text = decoded.text;
  const disabled = messageWideDisables(text, char);
  let findings = (await scanDecoded(ctx, abs, decoded, (pos, len) => readRange(abs, pos, len), { languageId: 'git-commit', commentChar: char })).filter(
    (f) => !disabled(f.label),
  );
  // The committer's own sign-off, and trailers naming the repository's authors, are not findings.
  const mode = ctx.configs.forPath(abs).config.commitIdentities ?? 'history';
  if (inRepo && mode !== 'off' && findings.length > 0) {
    findings = withoutKnownIdentities(text, findings, await knownIdentities(ctx.cwd, mode === 'history'), mode, char);
  }
  addFindings(ctx, findings);
}

/**
 * Every text `scan PATHS` reads, walked and skipped as it does (ignore rules, generated and binary
 * files, the recognizers past --max-file-size), handed to `visit` with its findings; notices go to
 * stderr as scan's do. For `allow --rekey`, which reads the allowlisted values there. The report
 * says what was scanned and passed over; it is never formatted.
 */
export async function visitPaths(args: WalkArgs, configs: ConfigResolver, engine: LazyEngine, visit: TextVisitor): Promise<ScanReport> {
  const cwd = process.cwd();
  const base = configs.forDir(cwd);
  const report: ScanReport = { findings: [], notices: [], filesScanned: 0, model: null, root: base.root, policy: base.policy, toolVersion: '' };
  await scanPaths({ args, cwd, configs, engine, report, deferred: null, visit });
  return report;
}

export async function runScan(args: ScanArgs, version: string): Promise<number> {
  const cwd = process.cwd();
  const configs = new ConfigResolver(args.config);
  const base = configs.forDir(cwd);
  const engine = new LazyEngine(args.model !== undefined ? resolve(cwd, args.model) : base.modelDir);
  const report: ScanReport = { findings: [], notices: [], filesScanned: 0, model: null, root: base.root, policy: base.policy, toolVersion: version };
  const hook = args.staged || args.commitMsg !== undefined;
  const ctx: ScanContext = { args, cwd, configs, engine, report, deferred: hook && !args.verbose ? [] : null };
  try {
    if (args.commitMsg !== undefined) await scanCommitMessage(ctx, args.commitMsg);
    else if (args.staged) await scanStaged(ctx);
    else await scanPaths(ctx);
  } finally {
    await engine.dispose();
  }

  // Whatever can fail the run is reported, whatever --min-severity says.
  const failRank = args.failOn === 'never' ? Infinity : severityRank(args.failOn);
  const reportRank = Math.min(severityRank(args.minSeverity), failRank);
  report.findings = report.findings.filter((f) => severityRank(f.severity) >= reportRank);
  const failing = report.findings.filter((f) => severityRank(f.severity) >= failRank);

  const unscanned = report.notices.filter((n) => UNSCANNED_KINDS.has(n.kind));
  const blocked = failing.length > 0 && hook;
  const unscannedFails = unscanned.length > 0 && !args.allowUnscanned;
  // A hook's first line of output is all that VS Code's Git dialog shows (git sends a hook's
  // stdout to stderr too): when a commit is blocked, the reason comes first.
  if (blocked) {
    const what = args.staged ? 'staged' : 'message';
    process.stderr.write(`${blockReason(what, failing, ctx.commentChar)}\n`);
  } else if (hook && unscannedFails) {
    process.stderr.write(`PII Lint blocked this commit: ${unscanned.length} file${unscanned.length === 1 ? '' : 's'} could not be scanned (named below); --allow-unscanned lets ${unscanned.length === 1 ? 'it' : 'them'} pass.\n`);
  }
  const out = args.format === 'json' ? formatJson(report) : args.format === 'sarif' ? formatSarif(report) : formatText(report);
  // A passing hook is silent: findings below --fail-on are the editor's to show.
  const quietPass = ctx.deferred !== null && !blocked && !unscannedFails && args.format === 'text' && args.output === undefined;
  if (!quietPass) await writeOutput(out, args.output);
  if (blocked || unscannedFails || ctx.deferred === null) {
    for (const line of ctx.deferred ?? []) notice(line);
    if (args.format === 'text') notice(summaryLine(report));
  }
  if (unscannedFails) {
    notice(`${unscanned.length} file${unscanned.length === 1 ? '' : 's'} could not be scanned (named above): failing, as a skipped file must not pass as clean; --allow-unscanned lets it pass.`);
    return 1;
  }
  return failing.length > 0 ? 1 : 0;
}
