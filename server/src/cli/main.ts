/**
 * `pii-lint` entry point: parse, dispatch, and map every outcome to an exit status
 * (0 clean, 1 findings at or above --fail-on, 2 usage or runtime error). Nothing a command prints
 * on failure contains detected values: errors name files, options and classes only.
 */
import { version } from '../../../package.json';
import { CliError, HELP, UsageError, parseCommandLine } from './args';
import { runAllow } from './commands/allow';
import { runDetect } from './commands/detect';
import { runInstallHook } from './commands/installHook';
import { runRedact } from './commands/redact';
import { runRekey } from './commands/rekey';
import { runRestore } from './commands/restore';
import { runScan } from './commands/scan';

async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  switch (parsed.command) {
    case 'help': {
      const topic = parsed.topic;
      if (topic !== undefined && !Object.hasOwn(HELP, topic)) throw new UsageError(`no help for "${topic}"`);
      process.stdout.write(`${HELP[topic ?? 'main']}\n`);
      return 0;
    }
    case 'version':
      process.stdout.write(`${version}\n`);
      return 0;
    case 'scan':
      return runScan(parsed, version);
    case 'detect':
      return runDetect(parsed);
    case 'redact':
      return runRedact(parsed);
    case 'restore':
      return runRestore(parsed);
    case 'install-hook':
      return runInstallHook(parsed);
    case 'allow':
      return runAllow(parsed);
    case 'rekey':
      return runRekey(parsed);
  }
}

function fail(e: unknown): number {
  if (e instanceof UsageError) {
    process.stderr.write(`pii-lint: ${e.message}\nRun "pii-lint --help" for usage.\n`);
  } else if (e instanceof CliError) {
    process.stderr.write(`pii-lint: error: ${e.message}\n`);
  } else {
    // An internal error: its message and stack describe code, not input (no command formats values into errors).
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(`pii-lint: internal error: ${err.message}\n${process.env.PII_LINT_DEBUG ? `${err.stack ?? ''}\n` : ''}`);
  }
  return 2;
}

// EPIPE (`pii-lint scan | head`) is the reader leaving, not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = fail(e);
  },
);
