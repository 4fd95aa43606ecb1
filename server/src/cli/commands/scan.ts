/**
 * `pii-lint scan`: files and folders, the staged index (pre-commit), or a commit message
 * (commit-msg). Findings are filtered by the repository's policy, reported in text, JSON or SARIF,
 * and turned into an exit status: 0 clean, 1 findings at or above --fail-on.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { severityRank, type PolicyFinding } from '../../engine/policy/policy';
import { scanText, toFileFindings } from '../../engine/scan';
import { CliError, type ScanArgs } from '../args';
import { blockReason } from '../blockReason';
import { decodeText, formatBytes, readCapped, readTextFile, walkFiles } from '../files';
import { formatJson, formatSarif, formatText, summaryLine, type NoticeKind, type ReportedFinding, type ScanReport } from '../formatters';
import { addedLines, commentChar, readBlob, repositoryRoot, runGit, stagedFiles } from '../git';
import { ConfigResolver, LazyEngine, notice, writeOutput } from '../session';
import { appendAll } from '../../engine/arrays';

interface ScanContext {
  args: ScanArgs;
  cwd: string;
  configs: ConfigResolver;
  engine: LazyEngine;
  report: ScanReport;
  /** Hook mode (--staged, --commit-msg) without --verbose: notices wait for the block reason, or stay quiet on a pass. */
  deferred: string[] | null;
  /** git's comment character, once a commit message was read. */
  commentChar?: string;
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

function noticeForSkip(kind: 'binary' | 'not-utf8', size: number): string {
  return kind === 'binary' ? `skipped: binary file (${formatBytes(size)})` : 'skipped: not valid UTF-8 text';
}

function truncatedMessage(size: number, cap: number): string {
  return `${formatBytes(size)} exceeds --max-file-size ${formatBytes(cap)}: scanned the first ${formatBytes(cap)} only`;
}

function addFindings(ctx: ScanContext, findings: readonly ReportedFinding[]): void {
  appendAll(ctx.report.findings, findings);
}

async function scanOne(ctx: ScanContext, absPath: string, text: string, extra: { languageId?: string; commentChar?: string } = {}): Promise<ReportedFinding[]> {
  const ws = ctx.configs.forPath(absPath);
  const engine = await ctx.engine.get();
  ctx.report.model ??= engine.model;
  const findings: PolicyFinding[] = await scanText(engine, text, { path: absPath, policy: ws.policy, code: ctx.args.code, ...extra });
  ctx.report.filesScanned++;
  return toFileFindings(displayPath(ctx.cwd, absPath), text, findings).map((f) => ({ ...f, absPath }));
}

async function scanPaths(ctx: ScanContext): Promise<void> {
  const starts = ctx.args.paths.map((p) => resolve(ctx.cwd, p));
  for (const [i, abs] of starts.entries()) {
    if (!existsSync(abs)) throw new CliError(`no such file or directory: ${ctx.args.paths[i]}`);
  }
  const isIgnored = (p: string, isDir?: boolean): boolean => ctx.configs.forPath(p).isIgnored(p, isDir);
  const seen = new Set<string>();
  for (const start of starts) {
    for (const entry of walkFiles(start, isIgnored)) {
      if (seen.has(entry.path)) continue;
      seen.add(entry.path);
      if (entry.skipped === 'ignored') {
        addNotice(ctx, entry.path, 'ignored', 'skipped: matched by .piilintignore or "ignore" in .piilintrc.json');
        continue;
      }
      if (entry.skipped) {
        addNotice(ctx, entry.path, entry.skipped, entry.skipped === 'unreadable' ? 'skipped: cannot read' : 'skipped: not a regular file');
        continue;
      }
      let decoded;
      try {
        decoded = readTextFile(entry.path, ctx.args.maxFileSize);
      } catch (e) {
        addNotice(ctx, entry.path, 'unreadable', `skipped: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
        continue;
      }
      if (decoded.kind !== 'text') {
        addNotice(ctx, entry.path, decoded.kind, noticeForSkip(decoded.kind, decoded.size));
        continue;
      }
      if (decoded.truncated) addNotice(ctx, entry.path, 'truncated', truncatedMessage(decoded.size, ctx.args.maxFileSize));
      addFindings(ctx, await scanOne(ctx, entry.path, decoded.text));
    }
  }
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
      addNotice(ctx, abs, decoded.kind, noticeForSkip(decoded.kind, decoded.size));
      continue;
    }
    if (decoded.truncated) addNotice(ctx, abs, 'truncated', truncatedMessage(decoded.size, ctx.args.maxFileSize));
    const added = await addedLines(root, file);
    if (added.size === 0) continue;
    const findings = await scanOne(ctx, abs, decoded.text);
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
  // A message in another encoding (i18n.commitEncoding) is still scanned, with replacement characters.
  let decoded = decodeText(bytes, ctx.args.maxFileSize, size);
  if (decoded.kind !== 'text') {
    addNotice(ctx, abs, decoded.kind, 'not valid UTF-8: scanned with undecodable bytes replaced');
    decoded = { kind: 'text', text: new TextDecoder('utf-8').decode(bytes).replace(/\0/g, ' '), truncated: size > ctx.args.maxFileSize, size };
  }
  if (decoded.truncated) addNotice(ctx, abs, 'truncated', truncatedMessage(size, ctx.args.maxFileSize));
  const inRepo = (await runGit(ctx.cwd, ['rev-parse', '--is-inside-work-tree'])).code === 0;
  const char = inRepo ? await commentChar(ctx.cwd) : '#';
  ctx.commentChar = char;
  addFindings(ctx, await scanOne(ctx, abs, decoded.text, { languageId: 'git-commit', commentChar: char }));
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

  const blocked = failing.length > 0 && hook;
  // A hook's first line of output is all that VS Code's Git dialog shows (git sends a hook's
  // stdout to stderr too): when a commit is blocked, the reason comes first.
  if (blocked) {
    const what = args.staged ? 'staged' : 'message';
    process.stderr.write(`${blockReason(what, failing, ctx.commentChar)}\n`);
  }
  const out = args.format === 'json' ? formatJson(report) : args.format === 'sarif' ? formatSarif(report) : formatText(report);
  // A passing hook is silent: findings below --fail-on are the editor's to show.
  const quietPass = ctx.deferred !== null && !blocked && args.format === 'text' && args.output === undefined;
  if (!quietPass) await writeOutput(out, args.output);
  if (blocked || ctx.deferred === null) {
    for (const line of ctx.deferred ?? []) notice(line);
    if (args.format === 'text') notice(summaryLine(report));
  }
  return failing.length > 0 ? 1 : 0;
}
