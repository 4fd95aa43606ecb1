/**
 * Running the built CLI (dist/cli.js) as git and users do, for CLI test files: a bundle built from
 * the current sources, child processes with a clean git identity, temp folders removed after.
 * PII_LINT_TEST_MODEL=<dir> runs against another model folder (passed as --model).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const BUILTIN_MODEL = join(ROOT, 'models', 'pii-lint-mini');
/**
 * The built-in model once it ships; until then the small Hugging Face-shaped ONNX fixture, which
 * runs through the same engine (its random weights leave the work to the checksum recognizers).
 */
export const MODEL_DIR = process.env.PII_LINT_TEST_MODEL
  ? resolve(process.env.PII_LINT_TEST_MODEL)
  : existsSync(join(BUILTIN_MODEL, 'config.json'))
    ? undefined
    : join(ROOT, 'test', 'fixtures', 'tiny-hf-model');
export const MODEL_ARGS = MODEL_DIR ? ['--model', MODEL_DIR] : [];

/** The CLI bundle and its inference worker, built from the current sources as esbuild.mjs does. */
export async function buildCli(outdir = join(ROOT, 'dist')): Promise<void> {
  await build({
    entryPoints: [
      { in: join(ROOT, 'server/src/cli/main.ts'), out: 'cli' },
      { in: join(ROOT, 'server/src/engine/model/worker.ts'), out: 'worker' },
    ],
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode', 'onnxruntime-node'],
    logLevel: 'silent',
  });
}

/** The environment of a child process: a clean git identity (overridable), no user or system git config. */
export function gitEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'CI',
    GIT_AUTHOR_EMAIL: 'ci@localhost',
    GIT_COMMITTER_NAME: 'CI',
    GIT_COMMITTER_EMAIL: 'ci@localhost',
    ...extra,
  };
  for (const k of ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE']) delete env[k];
  return env;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export class CliHarness {
  private readonly temps: string[] = [];
  private home = '';

  /** Builds the CLI bundle and its inference worker exactly as esbuild.mjs does. */
  async setUp(): Promise<void> {
    await buildCli();
    this.home = this.tempDir('pii-lint-home-');
  }

  tearDown(): void {
    for (const d of this.temps) rmSync(d, { recursive: true, force: true });
  }

  tempDir(prefix = 'pii-lint-cli-'): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.temps.push(dir);
    return dir;
  }

  /** A clean git identity (overridable) and no user or system git config. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return gitEnv(this.home, extra);
  }

  cli(args: string[], opts: { cwd: string; env?: Record<string, string> }): Run {
    const r = spawnSync(process.execPath, [CLI, ...args, ...MODEL_ARGS], {
      cwd: opts.cwd,
      input: '',
      encoding: 'utf8',
      env: this.env(opts.env),
      timeout: 180_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  git(cwd: string, args: string[], env: Record<string, string> = {}): string {
    return execFileSync('git', args, { cwd, encoding: 'utf8', env: this.env(env), stdio: ['ignore', 'pipe', 'pipe'] });
  }

  gitRun(cwd: string, args: string[], env: Record<string, string> = {}): Run {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: this.env(env), timeout: 180_000 });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  newRepo(): string {
    const dir = this.tempDir('pii-lint-repo-');
    this.git(dir, ['init', '-q', '-b', 'main']);
    this.git(dir, ['config', 'commit.gpgsign', 'false']);
    return dir;
  }
}
