/**
 * Where `redact --map` keeps the token -> value map, and how: it holds the real values, so it is
 * written with 0600 permissions (atomically, through a private temp file), never printed, and
 * never inside a git work tree, where one `git add -A` would commit the data it was made to hide.
 *
 * A bare name (`--map chat-1`) lives in the per-user map folder: $PII_LINT_MAP_DIR, else
 * $XDG_STATE_HOME/pii-lint/maps, else ~/.local/state/pii-lint/maps (%LOCALAPPDATA% on Windows).
 * A path (`--map ./x.json`, `--map /tmp/x.json`) is taken as given.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { RedactionMap, type MapEntry } from '../redact/reversible';
import { CliError } from './args';
import { runGit } from './git';

const FORMAT = 'pii-lint-redaction-map';

export function defaultMapDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PII_LINT_MAP_DIR) return resolve(env.PII_LINT_MAP_DIR);
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'pii-lint', 'maps');
  const state = env.XDG_STATE_HOME ? resolve(env.XDG_STATE_HOME) : join(homedir(), '.local', 'state');
  return join(state, 'pii-lint', 'maps');
}

/** A bare name goes to the map folder (with `.json` added); anything with a slash is a path. */
export function resolveMapPath(arg: string, cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  if (arg.trim() === '') throw new CliError('--map: expected a name or a file path');
  if (/[\\/]/.test(arg)) return resolve(cwd, arg);
  if (arg === '.' || arg === '..') throw new CliError(`--map: "${arg}" is not a file name`);
  return join(defaultMapDir(env), arg.endsWith('.json') ? arg : `${arg}.json`);
}

/** The nearest existing folder at or above `dir`. */
function existingAncestor(dir: string): string {
  let d = dir;
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  return d;
}

/** Refuses a map file inside a git work tree (checked from its nearest existing folder). */
export async function assertOutsideWorkTree(file: string): Promise<void> {
  const dir = existingAncestor(dirname(file));
  const r = await runGit(dir, ['rev-parse', '--show-toplevel']);
  if (r.code === 0) {
    const top = r.stdout.toString('utf8').trim();
    throw new CliError(
      `--map ${file} is inside the git work tree ${top}: a map holds the real values, keep it out of repositories ` +
        `(a bare name such as "--map ${basename(file, '.json')}" keeps it in ${defaultMapDir()})`,
    );
  }
}

interface MapFileContent {
  format: typeof FORMAT;
  version: 1;
  note: string;
  entries: MapEntry[];
}

/** The map in `file`, or an empty one when the file does not exist yet. */
export function readMapFile(file: string, mustExist: boolean): RedactionMap {
  if (!existsSync(file)) {
    if (mustExist) throw new CliError(`--map ${file}: no such map (write one with "pii-lint redact --map")`);
    return new RedactionMap();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    // The parser's message can quote the file's content, which holds values: name the file only.
    throw new CliError(`--map ${file}: not a readable pii-lint map (${e instanceof SyntaxError ? 'invalid JSON' : (e as NodeJS.ErrnoException).code ?? 'read error'})`);
  }
  const content = parsed as Partial<MapFileContent> | null;
  if (typeof content !== 'object' || content === null || content.format !== FORMAT || content.version !== 1 || !Array.isArray(content.entries)) {
    throw new CliError(`--map ${file}: not a pii-lint map (format "${FORMAT}", version 1)`);
  }
  try {
    return new RedactionMap(content.entries);
  } catch (e) {
    throw new CliError(`--map ${file}: ${(e as Error).message}`);
  }
}

/** Writes the map readable by its owner only, replacing the file in one rename. */
export function writeMapFile(file: string, map: RedactionMap): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const content: MapFileContent = {
    format: FORMAT,
    version: 1,
    note: 'Private: the real values behind redacted text. Keep out of repositories, chats and logs; delete when done.',
    entries: map.entries(),
  };
  const tmp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(tmp, 0o600); // the umask may have narrowed it further, never widened: make it exact
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new CliError(`--map ${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) throw new CliError(`--map ${file}: could not make it private`);
}
