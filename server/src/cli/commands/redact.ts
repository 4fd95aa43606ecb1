/**
 * `pii-lint redact`: stdin -> stdout with the personal data the policy reports replaced. The
 * repository's policy applies (classes that are off, allowlisted values and suppressed lines are
 * left as they are), so redaction and scanning agree on what counts. With `--map`, reversibly:
 * the token -> value map goes to a private file for `pii-lint restore`.
 */
import { resolve } from 'node:path';
import { redact } from '../../redact/redact';
import { redactReversibly } from '../../redact/reversible';
import { scanText } from '../../engine/scan';
import { CliError, type RedactArgs } from '../args';
import { assertOutsideWorkTree, readMapFile, resolveMapPath, writeMapFile } from '../mapFile';
import { ConfigResolver, LazyEngine, writeOutput } from '../session';

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const bytes = Buffer.concat(chunks);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError('stdin is not valid UTF-8 text');
  }
}

export async function runRedact(args: RedactArgs): Promise<number> {
  const cwd = process.cwd();
  // The map is checked before anything is read: a refused location loses no input.
  const mapFile = args.map !== undefined ? resolveMapPath(args.map, cwd) : undefined;
  if (mapFile !== undefined) await assertOutsideWorkTree(mapFile);
  const map = mapFile !== undefined ? readMapFile(mapFile, false) : undefined;
  const ws = new ConfigResolver(args.config).forDir(cwd);
  const engine = new LazyEngine(args.model !== undefined ? resolve(cwd, args.model) : ws.modelDir);
  try {
    // The model is loaded before stdin is read: a bad model fails fast, even on a blocking pipe.
    const e = await engine.get();
    const text = await readStdin();
    const findings = await scanText(e, text, {
      policy: ws.policy,
      ...(args.languageId !== undefined ? { languageId: args.languageId } : {}),
      ...(args.path !== undefined ? { path: args.path } : {}),
    });
    const seed = args.seed !== undefined ? { seed: args.seed } : {};
    if (mapFile !== undefined && map !== undefined && args.operator !== 'mask') {
      const before = map.size;
      const result = redactReversibly(text, findings, { operator: args.operator, map, ...seed });
      // The map first: redacted text whose map was lost could never be restored.
      writeMapFile(mapFile, map);
      await writeOutput(result.text);
      process.stderr.write(`pii-lint: ${result.replaced} value${result.replaced === 1 ? '' : 's'} redacted, ${map.size - before} new in the map ${mapFile} (private: holds the real values)\n`);
    } else {
      const result = redact(text, findings, { operator: args.operator, everyOccurrence: true, ...seed });
      await writeOutput(result.text);
    }
  } finally {
    await engine.dispose();
  }
  return 0;
}
