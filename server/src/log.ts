/**
 * Logging that cannot leak what it is about. Error messages are dropped unless the error type is
 * known to word its own message safely (paths, file names, counts): a JSON.parse error, for one,
 * quotes the text it choked on. Stack frames are kept: they locate a bug and hold only code paths.
 */
import { ConfigError } from './engine/policy/config';
import { ModelLoadError } from './engine/errors';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  /** Detail for the trace channel: timings, counts. */
  trace(message: string): void;
}

/** Errors whose messages are written to be shown: they name files and keys, never values. */
function hasSafeMessage(e: Error): boolean {
  return e instanceof ModelLoadError || e instanceof ConfigError || e.name === 'AbortError';
}

/** Error name, code and stack frames; the message only when its type is known to be safe. */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return `non-error thrown (${typeof e})`;
  const code = (e as NodeJS.ErrnoException).code;
  const head = `${e.name}${typeof code === 'string' ? ` [${code}]` : ''}${hasSafeMessage(e) ? `: ${e.message}` : ''}`;
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 8);
  return [head, ...frames].join('\n');
}

/** A short, safe one-liner for users (status bar, notifications). */
export function errorSummary(e: unknown): string {
  if (e instanceof Error && hasSafeMessage(e)) return e.message;
  if (e instanceof Error) return e.name;
  return 'unknown error';
}

export function isAbortError(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}
