/**
 * The repository policy (`.piilintrc.json`, `.piilintignore`) for each document, read through the
 * editor: when one of those files is open, its unsaved text is what counts, so an allowlist entry
 * added by a quick fix works before the file is saved. Cached per folder, cleared when either file
 * changes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  ConfigError,
  createPathFilter,
  findConfigFile,
  findRepositoryRoot,
  IGNORE_FILE,
  parseConfig,
  type PathFilter,
  type PiiLintConfig,
} from './engine/policy/config';
import { errorSummary } from './log';

export interface ResolvedConfig {
  /** Folder holding `.piilintrc.json`, else the repository root; undefined for documents with no folder. */
  root?: string;
  configFile?: string;
  config: PiiLintConfig;
  /** `model` from the configuration, resolved against the root. */
  modelDir?: string;
  isIgnored: PathFilter;
  /** A `.piilintrc.json` that could not be used (its message names the file and key, never values). */
  error?: string;
  warnings: string[];
}

const NO_CONFIG: ResolvedConfig = { config: {}, isIgnored: () => false, warnings: [] };

function folderOf(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return dirname(path);
  }
}

export class WorkspaceConfigs {
  private readonly byFolder = new Map<string, ResolvedConfig>();

  /** `openText(path)`: the text of that file if the editor has it open. */
  constructor(private readonly openText: (path: string) => string | undefined) {}

  /** The configuration governing `anchor` (a file or folder path); defaults when there is none. */
  for(anchor: string | undefined): ResolvedConfig {
    if (!anchor) return NO_CONFIG;
    const folder = folderOf(resolve(anchor));
    let c = this.byFolder.get(folder);
    if (!c) {
      c = this.load(folder);
      this.byFolder.set(folder, c);
    }
    return c;
  }

  clear(): void {
    this.byFolder.clear();
  }

  /** Problems with the configuration files loaded so far (one per file). */
  errors(): string[] {
    return [...new Set([...this.byFolder.values()].flatMap((c) => (c.error ? [c.error] : [])))];
  }

  private read(path: string): string | undefined {
    const open = this.openText(path);
    if (open !== undefined) return open;
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  }

  private load(folder: string): ResolvedConfig {
    const configFile = findConfigFile(folder);
    const root = configFile ? dirname(configFile) : (findRepositoryRoot(folder) ?? folder);
    let config: PiiLintConfig = {};
    let warnings: string[] = [];
    let error: string | undefined;
    if (configFile) {
      try {
        let errors: string[];
        ({ config, warnings, errors } = parseConfig(this.read(configFile) ?? '', configFile));
        // Refused team patterns are shown as an error; the rest of the file still applies.
        if (errors.length > 0) error = errors.join('\n');
      } catch (e) {
        error = e instanceof ConfigError ? e.message : `${configFile}: ${errorSummary(e)}`;
      }
    }
    const patterns = [...(config.ignore ?? [])];
    const ignoreText = this.read(join(root, IGNORE_FILE));
    if (ignoreText !== undefined) patterns.push(...ignoreText.split(/\r?\n/));
    return {
      root,
      ...(configFile ? { configFile } : {}),
      config,
      ...(config.model ? { modelDir: resolve(root, config.model) } : {}),
      isIgnored: createPathFilter(root, patterns),
      ...(error ? { error } : {}),
      warnings,
    };
  }
}
