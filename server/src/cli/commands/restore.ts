/**
 * `pii-lint restore --map NAME`: stdin -> stdout with the tokens of a `redact --map` run replaced
 * by the real values again (an LLM's answer to a redacted prompt). No model, no policy: only the map.
 */
import { restore } from '../../redact/reversible';
import type { RestoreArgs } from '../args';
import { readMapFile, resolveMapPath } from '../mapFile';
import { writeOutput } from '../session';
import { readStdin } from './redact';

export async function runRestore(args: RestoreArgs): Promise<number> {
  const map = readMapFile(resolveMapPath(args.map, process.cwd()), true);
  const result = restore(await readStdin(), map);
  await writeOutput(result.text);
  process.stderr.write(`pii-lint: ${result.restored} token${result.restored === 1 ? '' : 's'} restored\n`);
  return 0;
}
