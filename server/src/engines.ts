/**
 * One detection engine per model folder, loaded on first use. A model that fails to load never
 * takes the server down: the validators-only engine stands in and the failure is reported, so
 * emails, cards and IBANs are still found.
 */
import { createEngine, ModelLoadError, type Engine, type EngineOptions } from './engine/engine';
import { describeError, errorSummary, type Logger } from './log';

export interface LoadedEngine {
  engine: Engine;
  /** Model name, or null when running validators only. */
  model: string | null;
  /** Why the requested model is not the one running. */
  error?: string;
}

export type EngineFactory = (options: EngineOptions) => Promise<Engine>;

export interface EngineEvents {
  loading(modelDir: string | undefined): void;
  loaded(result: LoadedEngine): void;
}

const BUILTIN = '<built-in>';
/** A model whose inference fails this often is not reloaded again until the server restarts. */
const MAX_FAILURES = 3;

export class EngineManager {
  private readonly engines = new Map<string, Promise<LoadedEngine>>();
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly log: Logger,
    private readonly events: EngineEvents,
    private readonly factory: EngineFactory = createEngine,
  ) {}

  /** The engine for a model folder (undefined = the built-in model). */
  get(modelDir: string | undefined): Promise<LoadedEngine> {
    const key = modelDir ?? BUILTIN;
    let p = this.engines.get(key);
    if (!p) {
      p = this.load(modelDir);
      this.engines.set(key, p);
    }
    return p;
  }

  /**
   * A scan failed inside the engine (not a cancellation): the inference worker may have died.
   * The engine is dropped so the next scan loads it afresh; after repeated failures the model is
   * given up on and validators run alone.
   */
  async failed(modelDir: string | undefined, error: unknown): Promise<void> {
    const key = modelDir ?? BUILTIN;
    const p = this.engines.get(key);
    if (!p) return;
    const loaded = await p;
    if (loaded.model === null) return; // the validators-only engine has no worker to lose
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    this.log.error(`inference failed (${n}/${MAX_FAILURES}); reloading the model\n${describeError(error)}`);
    if (this.engines.get(key) === p) this.engines.delete(key);
    await loaded.engine.dispose().catch(() => undefined);
  }

  private async load(modelDir: string | undefined): Promise<LoadedEngine> {
    this.events.loading(modelDir);
    const started = Date.now();
    let result: LoadedEngine;
    const failures = this.failures.get(modelDir ?? BUILTIN) ?? 0;
    try {
      if (failures >= MAX_FAILURES) throw new ModelLoadError(`inference failed ${failures} times; not reloaded until the server restarts`);
      const engine = await this.factory(modelDir === undefined ? {} : { modelDir });
      result = { engine, model: engine.model?.name ?? null };
      this.log.info(`model ${result.model ?? '(none)'} loaded in ${Date.now() - started} ms (${engine.model?.classes.length ?? 0} classes)`);
    } catch (e) {
      const error = `model not loaded, validators only: ${errorSummary(e)}`;
      this.log.error(`model failed to load; falling back to validators only\n${describeError(e)}`);
      const engine = await this.factory({ modelDir: null });
      result = { engine, model: null, error };
    }
    this.events.loaded(result);
    return result;
  }

  /** Disposes the engines of model folders no longer in use. */
  async retain(modelDirs: ReadonlyArray<string | undefined>): Promise<void> {
    const keep = new Set(modelDirs.map((d) => d ?? BUILTIN));
    const drop = [...this.engines.entries()].filter(([k]) => !keep.has(k));
    for (const [k] of drop) this.engines.delete(k);
    await Promise.allSettled(drop.map(async ([, p]) => (await p).engine.dispose()));
  }

  async disposeAll(): Promise<void> {
    await this.retain([]);
  }
}
