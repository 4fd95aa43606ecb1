/**
 * What every command shares: the engine (loaded once, disposed always), configuration lookup with
 * caching, and output helpers. Messages here name files and classes, never detected values.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { ConfigError, findConfigFile, findRepositoryRoot, loadWorkspaceConfig, type ParseOptions, type WorkspaceConfig } from '../engine/policy/config';
import { createEngine, ModelLoadError, type Engine } from '../engine/engine';
import { CliError } from './args';

/** A line on stderr, prefixed so it can't be mistaken for a finding. */
export function notice(message: string): void {
  process.stderr.write(`pii-lint: ${message}\n`);
}

/** Writes `data` to stdout (waiting until it is flushed) or to a file. */
export function writeOutput(data: string, file?: string): Promise<void> {
  if (file !== undefined) {
    try {
      writeFileSync(file, data);
    } catch (e) {
      throw new CliError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return Promise.resolve();
  }
  if (data === '') return Promise.resolve();
  return new Promise((resolvePromise, reject) => {
    process.stdout.write(data, (err) => (err ? reject(err) : resolvePromise()));
  });
}

/**
 * Loads the model: `modelDir` when given (from --model or .piilintrc.json), else the built-in one.
 * A missing or corrupt folder becomes a CliError naming the file: exit 2, before any scanning.
 */
export async function openEngine(modelDir: string | undefined): Promise<Engine> {
  if (modelDir !== undefined && !existsSync(modelDir)) throw new CliError(`model folder not found: ${resolve(modelDir)}`);
  try {
    const threads = Math.max(1, Math.min(4, availableParallelism() - 1));
    return await createEngine(modelDir === undefined ? { threads } : { modelDir: resolve(modelDir), threads });
  } catch (e) {
    if (e instanceof ModelLoadError) throw new CliError(`cannot load the model: ${e.message}`);
    throw e;
  }
}

/** Loads the engine on first use, so a run with nothing to scan (an empty commit) costs nothing. */
export class LazyEngine {
  private engine: Promise<Engine> | null = null;
  private recognizersOnly: Promise<Engine> | null = null;

  constructor(private readonly modelDir: string | undefined) {}

  get(): Promise<Engine> {
    this.engine ??= openEngine(this.modelDir);
    return this.engine;
  }

  /** The checksum and format recognizers without the model (the rest of an over-size file). */
  recognizers(): Promise<Engine> {
    this.recognizersOnly ??= createEngine({ modelDir: null });
    return this.recognizersOnly;
  }

  async dispose(): Promise<void> {
    for (const engine of [this.engine, this.recognizersOnly]) {
      if (!engine) continue;
      try {
        await (await engine).dispose();
      } catch {
        // A failed load has nothing to dispose; its error was reported by get().
      }
    }
  }
}

/**
 * The configuration that applies to each path: one explicit file (--config) for everything, or the
 * nearest `.piilintrc.json` per folder, each loaded once and its warnings printed once.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, WorkspaceConfig>();
  /** Keyed by config file (or, without one, by the root it falls back to). */
  private readonly byId = new Map<string, WorkspaceConfig>();

  constructor(
    private readonly configFile?: string,
    private readonly options: ParseOptions = {},
  ) {}

  private load(from: string, configFile: string | undefined): WorkspaceConfig {
    try {
      return loadWorkspaceConfig(from, configFile === undefined ? this.options : { ...this.options, configFile });
    } catch (e) {
      if (e instanceof ConfigError) throw new CliError(e.message);
      throw e;
    }
  }

  /** Configuration for a folder. */
  forDir(dir: string): WorkspaceConfig {
    const key = resolve(dir);
    const cached = this.byDir.get(key);
    if (cached) return cached;
    if (this.configFile !== undefined && !existsSync(this.configFile)) throw new CliError(`config file not found: ${resolve(this.configFile)}`);
    const file = this.configFile !== undefined ? resolve(this.configFile) : findConfigFile(key);
    const id = file ?? `root:${findRepositoryRoot(key) ?? key}`;
    let ws = this.byId.get(id);
    if (!ws) {
      ws = this.load(key, file);
      this.byId.set(id, ws);
      for (const w of ws.warnings) notice(`warning: ${w}`);
    }
    this.byDir.set(key, ws);
    return ws;
  }

  /** Configuration for a file (or, with isDirectory, a folder's own entry in its parent). */
  forPath(path: string): WorkspaceConfig {
    return this.forDir(dirname(resolve(path)));
  }
}
