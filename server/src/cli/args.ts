/**
 * Command-line parsing: one `node:util` parseArgs table per command, strict (an unknown option is a
 * usage error, exit 2), and typed results the commands can trust.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SEVERITIES, type Severity } from '../engine/policy/policy';

/** Exit 2: the command line is wrong. The message is printed with a pointer to --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit 2: a runtime failure the user can act on (missing model, not a git repository…). */
export class CliError extends Error {
  override readonly name = 'CliError';
}

export type Format = 'text' | 'json' | 'sarif';
export type FailOn = Severity | 'never';
export type Operator = 'mask' | 'placeholder' | 'synthetic';

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export interface CommonOptions {
  model?: string;
  config?: string;
}

export interface ScanArgs extends CommonOptions {
  command: 'scan';
  paths: string[];
  staged: boolean;
  commitMsg?: string;
  format: Format;
  failOn: FailOn;
  minSeverity: Severity;
  maxFileSize: number;
  code: 'commentsAndStrings' | 'all';
  output?: string;
  /** Hook mode prints on a pass too. */
  verbose?: boolean;
  /** Exit 0 even when a text file could not be scanned at all (default: such a file fails the run). */
  allowUnscanned: boolean;
  /** Scan what .gitignore, .piilintignore and "ignore" exclude (not .git or node_modules). */
  noIgnore: boolean;
}

export interface DetectArgs extends CommonOptions {
  command: 'detect';
  /** Set: raw detections at or above it; unset: the model's own per-class thresholds. */
  minScore: number | undefined;
  batchSize: number;
}

export interface RedactArgs extends CommonOptions {
  command: 'redact';
  operator: Operator;
  seed?: string;
  languageId?: string;
  path?: string;
  /** Reversible: keep token -> value here (a bare name or a path); see mapFile.ts. */
  map?: string;
}

export interface RestoreArgs extends CommonOptions {
  command: 'restore';
  map: string;
}

export interface InstallHookArgs extends CommonOptions {
  command: 'install-hook';
  force: boolean;
}

export interface AllowArgs extends CommonOptions {
  command: 'allow';
  /** PATH:LINE:COLUMN as scan prints it. */
  place: string;
  label?: string;
}

/** `allow --rekey [PATH...]`: an unsalted allowlist keyed again from the values in these files. */
export interface RekeyArgs extends CommonOptions {
  command: 'rekey';
  /** Files and folders to look for the values in; empty: the folder holding .piilintrc.json. */
  paths: string[];
}

export type CommandArgs = ScanArgs | DetectArgs | RedactArgs | RestoreArgs | InstallHookArgs | AllowArgs | RekeyArgs;
export type ParsedArgs = CommandArgs | { command: 'help'; topic?: string } | { command: 'version' };

export const COMMANDS = ['scan', 'detect', 'redact', 'restore', 'install-hook', 'allow'] as const;

const COMMON = {
  model: { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** "2MB", "500k", "1048576" -> bytes. */
export function parseSize(value: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(value.trim());
  if (!m) throw new UsageError(`${option}: expected a size such as 2MB, 512KB or 1048576, got "${value}"`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const bytes = Math.floor(Number(m[1]) * mult);
  if (bytes < 1) throw new UsageError(`${option}: must be at least 1 byte`);
  return bytes;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option}: expected one of ${allowed.join(', ')}, got "${value}"`);
}

function probability(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${option}: expected a number between 0 and 1, got "${value}"`);
  return n;
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, positionals: boolean) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: positionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function common(values: { model?: string | boolean; config?: string | boolean }): CommonOptions {
  const out: CommonOptions = {};
  if (typeof values.model === 'string') out.model = values.model;
  if (typeof values.config === 'string') out.config = values.config;
  return out;
}

export function parseCommandLine(argv: string[]): ParsedArgs {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return rest[0] ? { command: 'help', topic: rest[0] } : { command: 'help' };
  }
  if (first === '--version' || first === '-v' || first === 'version') return { command: 'version' };
  if (first.startsWith('-')) throw new UsageError(`expected a command (${COMMANDS.join(', ')}) before "${first}"`);

  switch (first) {
    case 'scan': {
      const { values, positionals } = parse(
        rest,
        {
          staged: { type: 'boolean' },
          'commit-msg': { type: 'string' },
          format: { type: 'string', short: 'f' },
          'fail-on': { type: 'string' },
          'min-severity': { type: 'string' },
          'max-file-size': { type: 'string' },
          code: { type: 'string' },
          output: { type: 'string', short: 'o' },
          verbose: { type: 'boolean', short: 'v' },
          'allow-unscanned': { type: 'boolean' },
          'no-ignore': { type: 'boolean' },
        },
        true,
      );
      if (values.help) return { command: 'help', topic: 'scan' };
      const staged = values.staged ?? false;
      const commitMsg = values['commit-msg'];
      if (staged && commitMsg !== undefined) throw new UsageError('--staged and --commit-msg cannot be combined');
      if ((staged || commitMsg !== undefined) && positionals.length > 0) {
        throw new UsageError(`${staged ? '--staged' : '--commit-msg'} takes no paths (got "${positionals[0]}")`);
      }
      const failOn = oneOf(values['fail-on'], [...SEVERITIES, 'never'] as const, '--fail-on', 'warning');
      const minSeverity = oneOf(values['min-severity'], SEVERITIES, '--min-severity', 'info');
      const out: ScanArgs = {
        command: 'scan',
        ...common(values),
        paths: positionals.length > 0 ? positionals : staged || commitMsg !== undefined ? [] : ['.'],
        staged,
        format: oneOf(values.format, ['text', 'json', 'sarif'] as const, '--format', 'text'),
        failOn,
        minSeverity,
        maxFileSize: values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(values['max-file-size'], '--max-file-size'),
        code: oneOf(values.code, ['commentsAndStrings', 'all'] as const, '--code', 'commentsAndStrings'),
        allowUnscanned: values['allow-unscanned'] ?? false,
        noIgnore: values['no-ignore'] ?? false,
      };
      if (commitMsg !== undefined) out.commitMsg = commitMsg;
      if (values.output !== undefined) out.output = values.output;
      if (values.verbose) out.verbose = true;
      return out;
    }
    case 'detect': {
      const { values } = parse(rest, { jsonl: { type: 'boolean' }, 'min-score': { type: 'string' }, 'batch-size': { type: 'string' } }, false);
      if (values.help) return { command: 'help', topic: 'detect' };
      if (!values.jsonl) throw new UsageError('detect needs --jsonl (the only input format)');
      const batch = values['batch-size'] === undefined ? 16 : Number(values['batch-size']);
      if (!Number.isInteger(batch) || batch < 1 || batch > 1024) throw new UsageError('--batch-size: expected an integer from 1 to 1024');
      const minScore = values['min-score'] === undefined ? undefined : probability(values['min-score'], '--min-score', 0);
      return { command: 'detect', ...common(values), minScore, batchSize: batch };
    }
    case 'redact': {
      const { values } = parse(
        rest,
        { operator: { type: 'string' }, seed: { type: 'string' }, language: { type: 'string' }, path: { type: 'string' }, map: { type: 'string' } },
        false,
      );
      if (values.help) return { command: 'help', topic: 'redact' };
      const out: RedactArgs = {
        command: 'redact',
        ...common(values),
        operator: oneOf(values.operator, ['mask', 'placeholder', 'synthetic'] as const, '--operator', 'placeholder'),
      };
      if (values.map !== undefined) {
        if (out.operator === 'mask') throw new UsageError('--map needs --operator placeholder or synthetic: a mask cannot be restored');
        out.map = values.map;
      }
      if (values.seed !== undefined) out.seed = values.seed;
      if (values.language !== undefined) out.languageId = values.language;
      if (values.path !== undefined) out.path = values.path;
      return out;
    }
    case 'restore': {
      const { values } = parse(rest, { map: { type: 'string' } }, false);
      if (values.help) return { command: 'help', topic: 'restore' };
      if (values.map === undefined) throw new UsageError('restore needs --map (the map "pii-lint redact --map" wrote)');
      return { command: 'restore', ...common(values), map: values.map };
    }
    case 'install-hook': {
      const { values } = parse(rest, { force: { type: 'boolean' } }, false);
      if (values.help) return { command: 'help', topic: 'install-hook' };
      return { command: 'install-hook', ...common(values), force: values.force ?? false };
    }
    case 'allow': {
      const { values, positionals } = parse(rest, { label: { type: 'string' }, rekey: { type: 'boolean' } }, true);
      if (values.help) return { command: 'help', topic: 'allow' };
      if (values.rekey) {
        if (values.label !== undefined) throw new UsageError('--label and --rekey cannot be combined');
        return { command: 'rekey', ...common(values), paths: positionals };
      }
      if (positionals.length !== 1) throw new UsageError('allow takes one PATH:LINE:COLUMN');
      if (values.label !== undefined && !/^[A-Z][A-Z0-9_]*$/.test(values.label)) throw new UsageError(`--label: expected a class such as EMAIL, got "${values.label}"`);
      const out: AllowArgs = { command: 'allow', ...common(values), place: positionals[0] as string };
      if (values.label !== undefined) out.label = values.label;
      return out;
    }
    default:
      throw new UsageError(`unknown command "${first}" (expected ${COMMANDS.join(', ')})`);
  }
}

const USAGE_COMMON = `  --model DIR            model folder (config.json, tokenizer.json, *.onnx); default: the built-in model
  --config FILE          .piilintrc.json to use (default: found upward from the current folder)
  -h, --help             this help`;

export const HELP: Record<string, string> = {
  main: `pii-lint: find personal data (names, emails, phones, IBANs, cards, addresses…) on your machine

Usage:
  pii-lint scan [paths...]            scan files and folders (default: .)
  pii-lint scan --staged              scan the lines a commit would add (pre-commit hook)
  pii-lint scan --commit-msg FILE     scan a commit message (commit-msg hook)
  pii-lint detect --jsonl             raw detections: {"id","text"} lines in, {"id","entities"} lines out
  pii-lint redact [--operator mask|placeholder|synthetic] [--seed S] < in > out
  pii-lint redact --map NAME < prompt > redacted      reversible: keep token -> value in a private map
  pii-lint restore --map NAME < answer > restored     put the real values back
  pii-lint install-hook [--force]     install the pre-commit and commit-msg git hooks
  pii-lint allow PATH:LINE:COL        add the finding there to the allowlist (a keyed fingerprint)
  pii-lint allow --rekey [paths...]   key an allowlist that has no salt (older versions wrote one)
  pii-lint --version | --help [command]

Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or runtime error.
Reports show class, place and confidence, never the personal data itself.

Options for every command:
${USAGE_COMMON}`,
  scan: `Usage: pii-lint scan [paths...] | --staged | --commit-msg FILE [options]

Scans files and folders recursively. Skipped, with a notice saying why: .git and node_modules;
in a git work tree what git ignores (.gitignore, .git/info/exclude); .piilintignore and "ignore"
globs; lockfiles, source maps and minified bundles ("skipGenerated" in .piilintrc.json).
Binary files are skipped with a notice; text that is not UTF-8 is read as UTF-16 (by its BOM) or
windows-1252. Past --max-file-size the model stops and the checksum and format recognizers (e-mails,
phones, cards, IBANs…) scan the rest, with a notice. A text file that cannot be read at all fails
the run (exit 1) unless --allow-unscanned.

  --staged               scan the index content of staged files, report lines the commit adds
  --commit-msg FILE      scan a commit message file (git comment lines and the diff below the
                         scissors line are ignored)
  -f, --format FMT       text (default; path:line:column: LABEL 97% severity: message), json, sarif
  -o, --output FILE      write the report to FILE instead of stdout
  --fail-on LEVEL        exit 1 when a finding is at least this severe: error, warning (default),
                         info, hint, never
  --min-severity LEVEL   report findings at least this severe (default info; hints are editor-only)
  --max-file-size SIZE   scan at most this much of each file (default 2MB)
  --code MODE            source files: commentsAndStrings (default) or all
  -v, --verbose          with --staged/--commit-msg: print notices and the summary even when the
                         commit passes (hooks are silent on a pass; a block's reason comes first)
  --no-ignore            also scan what .gitignore, .piilintignore and "ignore" exclude
  --allow-unscanned      exit 0 even when a text file could not be read (it is still named on stderr)
${USAGE_COMMON}`,
  detect: `Usage: pii-lint detect --jsonl [--min-score N] < in.jsonl > out.jsonl

Reads one JSON object per line, {"id": any, "text": string}, and writes one line per input, in order:
{"id": ..., "entities": [{"start", "end", "label", "score"}]} with UTF-16 offsets into "text".
Detections above the model's per-class thresholds, no policy. A bad line yields {"id", "error"}.

  --min-score N          raw mode: every detection scored at least N (0..1), model thresholds ignored
  --batch-size N         texts per model batch (default 16)
${USAGE_COMMON}`,
  redact: `Usage: pii-lint redact [--operator mask|placeholder|synthetic] [--seed S] [--map NAME] < in > out

Replaces the personal data the policy reports (.piilintrc.json applies) in stdin, writes stdout.

  --operator OP          placeholder (default: [EMAIL]), mask (j***@*******.com), synthetic (fake
                         values that keep format and checksums, one pseudonym per original)
  --seed S               seed for synthetic values (same seed, same pseudonyms)
  --language ID          scan as this language (e.g. typescript: comments and strings only)
  --path NAME            file name to infer the language from
  --map NAME|FILE        reversible (for LLM prompts): each value becomes a numbered placeholder
                         ([EMAIL_1]) or, with --operator synthetic, a pseudonym, and the token ->
                         value map is saved for "pii-lint restore". A bare NAME is kept in
                         $XDG_STATE_HOME/pii-lint/maps (override: PII_LINT_MAP_DIR); a path with a
                         slash is used as given, but never inside a git work tree. The file is
                         private (0600), holds the real values, is never printed, and grows with
                         each redact into it (one map per conversation). Delete it when done.
${USAGE_COMMON}`,
  restore: `Usage: pii-lint restore --map NAME|FILE < answer > restored

Puts the real values back into a text that quotes the tokens of "pii-lint redact --map" (an LLM's
answer): every occurrence of every token, in any order; pseudonyms only as whole words. Prints
how many tokens it restored on stderr. No model is loaded.

  --map NAME|FILE        the map redact wrote (same NAME or path)
${USAGE_COMMON}`,
  allow: `Usage: pii-lint allow PATH:LINE:COLUMN [--label CLASS]
       pii-lint allow --rekey [paths...]

Adds the finding that scan reports at PATH:LINE:COLUMN to the allowlist of the nearest
.piilintrc.json (created at the repository root when there is none) as a keyed HMAC fingerprint.
The value is read from the file: it is never typed on the command line (so it is in no shell
history) nor printed.

  --label CLASS          the finding of this class, when several start there
  --rekey                re-key an allowlist that has entries but no "salt" (refused everywhere
                         else): scans the paths (default: the folder holding .piilintrc.json) as
                         scan does, keys each entry whose value it finds with a new random salt,
                         and drops the entries whose values are in none of the files. Prints
                         only how many were re-keyed and dropped; nothing changes when a file
                         could not be read.
${USAGE_COMMON}`,
  'install-hook': `Usage: pii-lint install-hook [--force] [--model DIR]

Writes .git/hooks/pre-commit (pii-lint scan --staged) and .git/hooks/commit-msg
(pii-lint scan --commit-msg "$1"); core.hooksPath is honoured. An existing hook that pii-lint did
not write is left alone unless --force, which keeps it as <hook>.pre-pii-lint and runs it first.
--model is passed on to the hooks.

  --force                chain an existing foreign hook instead of refusing
${USAGE_COMMON}`,
};
