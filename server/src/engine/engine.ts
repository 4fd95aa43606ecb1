/**
 * The detection engine's front door: text in, PII findings out. Used alike by the CLI, the language
 * server and the tests; it knows nothing of LSP or VS Code.
 */
import { chunked } from './text/chunked';
import { ModelLoadError } from './errors';
import { createModelEngine } from './modelEngine';
import type { Engine, EngineOptions } from './types';

export { ModelLoadError };
export type { DetectOptions, DetectProgress, Engine, EngineOptions, EngineStats, ModelInfo } from './types';

/**
 * Loads the model (the built-in one unless `modelDir` says otherwise) in a worker thread.
 * Rejects with ModelLoadError when the folder is missing or corrupt; callers that must keep
 * working (the editor) then fall back to `createEngine({ modelDir: null })`.
 */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  return chunked(await createModelEngine(options));
}
