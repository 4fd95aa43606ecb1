/**
 * `pii-lint allow PATH:LINE:COL [--label CLASS]`: adds the finding reported there to the
 * repository's allowlist as a keyed fingerprint. The value is read from the file, never typed on
 * the command line (so it is in no shell history) and never printed; the place is what `scan`
 * prints, so a report line can be pasted as is.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE, ConfigError, addToAllowlist, findConfigFile, findRepositoryRoot } from '../../engine/policy/config';
import { scanText, toFileFindings } from '../../engine/scan';
import { CliError, type AllowArgs } from '../args';
import { readTextFile } from '../files';
import { ConfigResolver, LazyEngine, notice } from '../session';

/** `src/a.ts:12:5` (a path may itself hold colons: the last two fields are the place). */
export function parsePlace(place: string): { path: string; line: number; column: number } | undefined {
  const m = /^(.+):(\d+):(\d+)(?::.*)?$/.exec(place);
  if (!m) return undefined;
  return { path: m[1] as string, line: Number(m[2]), column: Number(m[3]) };
}

export async function runAllow(args: AllowArgs): Promise<number> {
  const cwd = process.cwd();
  const place = parsePlace(args.place);
  if (!place) throw new CliError(`expected PATH:LINE:COLUMN as scan prints it, got "${args.place}"`);
  const abs = resolve(cwd, place.path);
  if (!existsSync(abs)) throw new CliError(`no such file: ${place.path}`);
  const decoded = readTextFile(abs, Number.MAX_SAFE_INTEGER);
  if (decoded.kind !== 'text') throw new CliError(`${place.path} is a binary file`);
  const configs = new ConfigResolver(args.config);
  const ws = configs.forPath(abs);
  const engine = new LazyEngine(args.model !== undefined ? resolve(cwd, args.model) : ws.modelDir);
  let findings;
  try {
    const found = await scanText(await engine.get(), decoded.text, { path: abs, policy: ws.policy });
    findings = toFileFindings(place.path, decoded.text, found);
  } finally {
    await engine.dispose();
  }
  const here = findings.filter(
    (f) =>
      (args.label === undefined || f.label === args.label) &&
      (f.line < place.line || (f.line === place.line && f.column <= place.column)) &&
      (f.endLine > place.line || (f.endLine === place.line && f.endColumn > place.column)),
  );
  const hit = here[0];
  if (!hit) throw new CliError(`no ${args.label ?? ''}${args.label ? ' ' : ''}finding at ${place.path}:${place.line}:${place.column} (nothing changed)`);
  // The allowlist lives in the repository's .piilintrc.json: the nearest one, else a new one at the root.
  const configFile = args.config !== undefined ? resolve(cwd, args.config) : (findConfigFile(abs) ?? join(findRepositoryRoot(abs) ?? dirname(abs), CONFIG_FILE));
  let fp: string;
  try {
    fp = addToAllowlist(configFile, hit.label, decoded.text.slice(hit.start, hit.end));
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message);
    throw e;
  }
  notice(`allowed the ${hit.label} at ${place.path}:${hit.line}:${hit.column} in ${configFile} (${fp.slice(0, 24)}…)${here.length > 1 ? `; ${here.length - 1} other finding(s) there: --label picks one` : ''}`);
  return 0;
}
