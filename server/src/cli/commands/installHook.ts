/**
 * `pii-lint install-hook`: a pre-commit hook (`scan --staged`) and a commit-msg hook
 * (`scan --commit-msg "$1"`). A hook pii-lint did not write is never overwritten: without --force
 * the command refuses and writes nothing; with --force the old hook is kept beside ours as
 * `<hook>.pre-pii-lint` and runs first, so both must pass.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { CliError, type InstallHookArgs } from '../args';
import { hooksDir } from '../git';
import { notice } from '../session';

/** Marks a hook as ours, so reinstalling replaces it in place. */
export const HOOK_MARKER = 'pii-lint-managed-hook';
const CHAINED_SUFFIX = '.pre-pii-lint';

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

interface HookSpec {
  name: 'pre-commit' | 'commit-msg';
  /** Arguments after `pii-lint`, already shell-quoted where needed. */
  command: string;
}

/**
 * The hook script. It runs this very CLI bundle with this node when both still exist, else a
 * `pii-lint` on PATH; when neither is found it blocks the commit and says how to bypass, rather
 * than letting personal data through silently.
 */
function hookScript(spec: HookSpec, cliPath: string, chained: boolean): string {
  const lines = [
    '#!/bin/sh',
    `# ${HOOK_MARKER}: written by \`pii-lint install-hook\`; rerun it to update, delete this file to remove.`,
    '# Blocks commits that add personal data. Bypass once: git commit --no-verify',
  ];
  if (chained) {
    lines.push(
      `# The hook that was here before runs first and must pass too.`,
      `if [ -x "$0${CHAINED_SUFFIX}" ]; then "$0${CHAINED_SUFFIX}" "$@" || exit $?; fi`,
    );
  }
  lines.push(
    `PII_LINT_NODE=${shellQuote(process.execPath)}`,
    `PII_LINT_CLI=${shellQuote(cliPath)}`,
    '[ -x "$PII_LINT_NODE" ] || PII_LINT_NODE=node',
    ...siblingLookup(cliPath),
    'if [ -f "$PII_LINT_CLI" ]; then',
    // Installed from VS Code, execPath may be Electron: this makes it behave as plain Node (a no-op for node).
    `  ELECTRON_RUN_AS_NODE=1 exec "$PII_LINT_NODE" "$PII_LINT_CLI" ${spec.command}`,
    'fi',
    'if command -v pii-lint >/dev/null 2>&1; then',
    `  exec pii-lint ${spec.command}`,
    'fi',
    'echo "pii-lint: not found ($PII_LINT_CLI, nor pii-lint on PATH): commit blocked. Reinstall the hook, or bypass once with git commit --no-verify." >&2',
    'exit 2',
    '',
  );
  return lines.join('\n');
}

/**
 * An extension update moves the CLI: `…/extensions/pii-lint.pii-lint-0.1.0/dist/cli.js` becomes
 * `…-0.2.0/…` and the old folder is deleted. When the bundle is in such a versioned folder, the
 * hook looks for the newest sibling of the same extension (`sort -V`) before giving up, so an
 * installed hook keeps working across updates without being reinstalled.
 */
function siblingLookup(cliPath: string): string[] {
  const m = /^(.*[\\/])([^\\/]+?)-\d+\.\d+\.\d+[^\\/]*[\\/](dist[\\/]cli\.js)$/.exec(cliPath);
  if (!m) return [];
  const [, parent, id, rest] = m as unknown as [string, string, string, string];
  const file = rest.replace(/\\/g, '/');
  // A glob, not `ls`: folder names with spaces stay whole; `sort -V` keeps the newest version.
  return [
    'if [ ! -f "$PII_LINT_CLI" ]; then',
    '  PII_LINT_BEST=',
    `  for c in ${shellQuote(parent + id)}-[0-9]*; do`,
    `    [ -f "$c/${file}" ] || continue`,
    '    if [ -z "$PII_LINT_BEST" ] || [ "$(printf \'%s\\n%s\\n\' "$PII_LINT_BEST" "$c" | sort -V | tail -n 1)" = "$c" ]; then PII_LINT_BEST="$c"; fi',
    '  done',
    `  [ -n "$PII_LINT_BEST" ] && PII_LINT_CLI="$PII_LINT_BEST/${file}"`,
    'fi',
  ];
}

export async function runInstallHook(args: InstallHookArgs): Promise<number> {
  const cwd = process.cwd();
  const rawDir = await hooksDir(cwd);
  const dir = isAbsolute(rawDir) ? rawDir : resolve(cwd, rawDir);
  // The bundle running now (dist/cli.js), so the hook runs the same version; from sources, the
  // script node was started with.
  const cliPath = __filename.endsWith('.js') ? __filename : resolve(process.argv[1] ?? __filename);
  const model = args.model !== undefined ? ` --model ${shellQuote(resolve(cwd, args.model))}` : '';
  const config = args.config !== undefined ? ` --config ${shellQuote(resolve(cwd, args.config))}` : '';
  const specs: HookSpec[] = [
    { name: 'pre-commit', command: `scan --staged${model}${config}` },
    { name: 'commit-msg', command: `scan --commit-msg "$1"${model}${config}` },
  ];

  // Decide for both hooks before writing either: a refusal leaves everything as it was.
  const plan = specs.map((spec) => {
    const path = join(dir, spec.name);
    const exists = existsSync(path);
    const ours = exists && readFileSync(path, 'utf8').includes(HOOK_MARKER);
    const chainedPath = path + CHAINED_SUFFIX;
    return { spec, path, foreign: exists && !ours, chainedPath, alreadyChained: existsSync(chainedPath) };
  });
  const foreign = plan.filter((p) => p.foreign);
  if (foreign.length > 0 && !args.force) {
    const names = foreign.map((p) => relative(cwd, p.path) || p.path).join(' and ');
    throw new CliError(
      `${names} already exist${foreign.length === 1 ? 's' : ''} and ${foreign.length === 1 ? 'was' : 'were'} not written by pii-lint; nothing changed. ` +
        `Rerun with --force to keep ${foreign.length === 1 ? 'it' : 'them'} as <hook>${CHAINED_SUFFIX} and run ${foreign.length === 1 ? 'it' : 'them'} before pii-lint.`,
    );
  }
  for (const p of foreign) {
    if (p.alreadyChained) throw new CliError(`${relative(cwd, p.chainedPath)} already exists; move it away first (nothing changed)`);
  }

  mkdirSync(dir, { recursive: true });
  for (const p of plan) {
    if (p.foreign) renameSync(p.path, p.chainedPath);
    const chained = p.foreign || p.alreadyChained;
    writeFileSync(p.path, hookScript(p.spec, cliPath, chained));
    chmodSync(p.path, 0o755);
    notice(`installed ${relative(cwd, p.path) || p.path} (pii-lint ${p.spec.command.replace(/ --(model|config) '.*?'(?= |$)/g, '')})${chained ? `, running ${relative(cwd, p.chainedPath)} first` : ''}`);
  }
  return 0;
}
