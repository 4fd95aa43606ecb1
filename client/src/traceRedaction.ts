/**
 * What `piiLint.trace.server` may write to the output: which messages went where, their ids,
 * timings and shape, never document text or values. vscode-languageclient traces verbatim (at
 * `verbose` a didOpen's params hold the whole document, a didChange's the typed text, an
 * applyEdit the replacements), so the trace channel handed to it rewrites every string in a
 * message's params or result to its length, except under keys that only ever hold structure
 * (URIs, language ids, method names, classes). No `vscode` import: the unit tests run it in Node.
 */

/** Keys whose string values are structure, not content. */
const STRUCTURAL_KEYS = new Set([
  'uri', 'scopeUri', 'languageId', 'method', 'jsonrpc', 'type', 'kind', 'source', 'code', 'section',
  'command', 'trace', 'timestamp', 'state', 'model',
]);

/** The payload vscode-jsonrpc appends to a traced message: `Params: {…}`, `Result: …`, `Error data: …`. */
const PAYLOAD = /\n(Params|Result|Error data): ([\s\S]*)$/;

/** Strings become `‹N chars›` unless their key is structural; numbers, booleans and shape stay. */
export function redactTraceValue(value: unknown, key?: string): unknown {
  if (typeof value === 'string') return key !== undefined && STRUCTURAL_KEYS.has(key) ? value : `‹${value.length} chars›`;
  if (Array.isArray(value)) return value.map((v) => redactTraceValue(v));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactTraceValue(v, k);
    return out;
  }
  return value;
}

/**
 * One trace entry as the client writes it: `message` then `\nParams: <JSON>` (text format), or a
 * whole JSON object (`trace.server.format: json`). A payload that is not JSON is dropped whole.
 */
export function redactTraceEntry(entry: string): string {
  const trimmed = entry.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.stringify(redactTraceValue(JSON.parse(trimmed)));
    } catch {
      return '‹trace entry not shown›';
    }
  }
  const m = PAYLOAD.exec(entry);
  if (!m) return entry;
  const head = entry.slice(0, m.index);
  try {
    return `${head}\n${m[1]}: ${JSON.stringify(redactTraceValue(JSON.parse(m[2] as string)), null, 4)}`;
  } catch {
    return `${head}\n${m[1]}: ‹not shown›`;
  }
}

interface TraceChannel {
  trace(message: string, ...args: unknown[]): void;
}

/**
 * `channel` with its `trace` redacting; everything else (log level, events, other levels) read
 * from the channel itself. The proxy's target is an empty object, not the channel: a frozen API
 * object would make returning bound methods break the Proxy invariants.
 */
export function redactingTraceChannel<T extends TraceChannel>(channel: T): T {
  return new Proxy({} as T, {
    get(_, prop) {
      if (prop === 'trace') return (message: string, ...args: unknown[]) => channel.trace(redactTraceEntry(message), ...args);
      const v: unknown = Reflect.get(channel, prop, channel);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(channel) : v;
    },
  });
}
