/**
 * Why `scan` passes over a path, like ripgrep: `.git` and `node_modules` always; in a git work
 * tree, whatever git itself ignores (`.gitignore` files, `.git/info/exclude`, core.excludesFile:
 * git lists them, so its rules hold exactly, and tracked files are never ignored); and the
 * repository's `.piilintignore` / "ignore" globs. `--no-ignore` keeps only the first.
 */
import { dirname, relative, resolve } from 'node:path';
import { runGit } from './git';
import type { ConfigResolver } from './session';

export type IgnoreReason = 'built-in' | 'gitignore' | 'piilintignore';

export const IGNORE_REASON_TEXT: Record<IgnoreReason, string> = {
  'built-in': 'built-in rule (.git, node_modules)',
  gitignore: '.gitignore',
  piilintignore: '.piilintignore or "ignore" in .piilintrc.json',
};

const BUILT_IN_SEGMENT = /(?:^|[\\/])(?:\.git|node_modules)(?:[\\/]|$)/;

/** The paths git ignores in one work tree: files, and folders (ignored whole). */
interface GitIgnored {
  root: string;
  files: Set<string>;
  dirs: Set<string>;
}

export class IgnoreRules {
  private readonly repos = new Map<string, GitIgnored | null>();

  constructor(
    private readonly configs: ConfigResolver,
    private readonly useIgnoreFiles: boolean,
  ) {}

  /** Asks git, once per work tree, what it ignores under `start` (a folder or file). */
  async prepare(start: string, isDirectory: boolean): Promise<void> {
    if (!this.useIgnoreFiles) return;
    const dir = isDirectory ? start : resolve(start, '..');
    const top = await runGit(dir, ['rev-parse', '--show-toplevel']);
    if (top.code !== 0) return;
    const root = resolve(top.stdout.toString('utf8').trim());
    if (this.repos.has(root)) return;
    const r = await runGit(root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']);
    if (r.code !== 0) {
      this.repos.set(root, null);
      return;
    }
    const files = new Set<string>();
    const dirs = new Set<string>();
    for (const p of r.stdout.toString('utf8').split('\0')) {
      if (p === '') continue;
      if (p.endsWith('/')) dirs.add(resolve(root, p.slice(0, -1)));
      else files.add(resolve(root, p));
    }
    this.repos.set(root, { root, files, dirs });
  }

  private gitIgnores(absPath: string): boolean {
    for (const repo of this.repos.values()) {
      if (!repo) continue;
      const rel = relative(repo.root, absPath);
      if (rel === '' || rel.startsWith('..')) continue;
      if (repo.files.has(absPath)) return true;
      // An ignored folder is listed once: look for it among the ancestors.
      for (let d = absPath; d.length > repo.root.length; d = dirname(d)) if (repo.dirs.has(d)) return true;
    }
    return false;
  }

  /** Why `absPath` is not scanned, or undefined when it is. */
  reason(absPath: string, isDirectory = false): IgnoreReason | undefined {
    const ws = this.configs.forPath(absPath);
    const rel = relative(ws.root, absPath);
    if (!rel.startsWith('..') && BUILT_IN_SEGMENT.test(rel)) return 'built-in';
    if (!this.useIgnoreFiles) return undefined;
    if (this.gitIgnores(absPath)) return 'gitignore';
    if (ws.isIgnored(absPath, isDirectory)) return 'piilintignore';
    return undefined;
  }
}
