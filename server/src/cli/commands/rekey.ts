/**
 * `pii-lint allow --rekey [PATH...]`: an allowlist written without a salt (older versions wrote
 * `"salt": ""`, or none: HMACs with an empty key, which a dictionary lookup reverses, so everything
 * else refuses them) keyed again. An entry can't be re-keyed from itself, only from its value: the
 * paths are scanned as `scan` scans them, each finding whose empty-key fingerprint is listed gets
 * its keyed one under a new random salt, and the entries no finding matched are dropped. Values
 * are hashed where they are read and never kept or printed; the output is counts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CONFIG_FILE, ConfigError, findConfigFile, generateSalt, isUnsalted, withRekeyedAllowlist } from '../../engine/policy/config';
import { fingerprint } from '../../engine/policy/policy';
import { CliError, DEFAULT_MAX_FILE_SIZE, type RekeyArgs } from '../args';
import { UNSCANNED_KINDS } from '../formatters';
import { ConfigResolver, LazyEngine, notice } from '../session';
import { visitPaths } from './scan';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export async function runRekey(args: RekeyArgs): Promise<number> {
  const cwd = process.cwd();
  const configFile = args.config !== undefined ? resolve(cwd, args.config) : findConfigFile(cwd);
  if (configFile === undefined) throw new CliError(`no ${CONFIG_FILE} in this folder or above it (up to the repository root): nothing to re-key`);
  if (!existsSync(configFile)) throw new CliError(`config file not found: ${configFile}`);
  // Every file is read with this one configuration, as `scan --config` does: the list is this file's.
  const configs = new ConfigResolver(configFile, { acceptUnsalted: true });
  const ws = configs.forDir(dirname(configFile));
  if (!isUnsalted(ws.config)) {
    notice(`${configFile}: ${ws.config.allowlist?.length ? 'the allowlist has its "salt" already' : 'the allowlist is empty'}: nothing to re-key`);
    return 0;
  }
  const unkeyed = new Set((ws.config.allowlist ?? []).map((e) => e.trim().toLowerCase()));
  const salt = generateSalt();
  /** Unkeyed entry -> its keyed fingerprint, for the entries a value was found for. */
  const keyed = new Map<string, string>();
  const engine = new LazyEngine(args.model !== undefined ? resolve(cwd, args.model) : ws.modelDir);
  let report;
  try {
    // Scan's defaults (comments and strings of code, 2 MB for the model): a keyed entry is made
    // from the value as scan reads it, so scan is what it then silences.
    const walk = { paths: args.paths.length > 0 ? args.paths : [ws.root], maxFileSize: DEFAULT_MAX_FILE_SIZE, code: 'commentsAndStrings', noIgnore: false } as const;
    report = await visitPaths(walk, configs, engine, (text, findings) => {
      for (const f of findings) {
        const value = text.slice(f.start, f.end);
        const entry = fingerprint(f.label, value, '');
        if (unkeyed.has(entry) && !keyed.has(entry)) keyed.set(entry, fingerprint(f.label, value, salt));
      }
    });
  } finally {
    await engine.dispose();
  }

  // An entry is dropped for good when its value isn't found: never because a file went unread.
  const unread = report.notices.filter((n) => UNSCANNED_KINDS.has(n.kind)).length;
  if (unread > 0) throw new CliError(`${plural(unread, 'file', 'files')} could not be read (named above), so the values there could not be matched: nothing changed`);
  if (report.filesScanned === 0) throw new CliError('no file was scanned, so no value could be matched: nothing changed');

  const entries = [...new Set([...unkeyed].flatMap((e) => keyed.get(e) ?? []))];
  try {
    writeFileSync(configFile, withRekeyedAllowlist(readFileSync(configFile, 'utf8'), configFile, salt, entries));
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message);
    throw new CliError(`cannot write ${configFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const dropped = unkeyed.size - keyed.size;
  notice(
    `${configFile}: re-keyed ${plural(keyed.size, 'allowlist entry', 'allowlist entries')} with a new random salt; ` +
      `dropped ${plural(dropped, 'entry', 'entries')} whose value is in none of the ${plural(report.filesScanned, 'file', 'files')} scanned` +
      (dropped > 0 ? ' ("pii-lint allow PATH:LINE:COL" adds a value again)' : ''),
  );
  return 0;
}
