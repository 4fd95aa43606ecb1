/**
 * The few git reads the CLI needs. Read-only by construction: nothing here writes the index, the
 * work tree or refs, so a pre-commit scan can never change what is being committed.
 */
import { execFile } from 'node:child_process';
import { parseIdent, parseIdentityLines, type Identity, type KnownIdentities } from '../engine/policy/commitIdentities';
import { CliError } from './args';

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/** Runs git with `args` in `cwd`; never throws for a non-zero exit (the caller decides). */
export function runGit(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      // No pager, no colour, no external diff/textconv drivers: bytes as stored.
      ['-c', 'core.quotePath=false', '-c', 'color.ui=false', ...args],
      { cwd, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, GIT_PAGER: 'cat', LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new CliError(`cannot run git: ${error.message}`));
          return;
        }
        resolve({ stdout, stderr: stderr.toString('utf8'), code: error ? (error.code as number) : 0 });
      },
    );
  });
}

async function gitText(cwd: string, args: string[], what: string): Promise<string> {
  const r = await runGit(cwd, args);
  if (r.code !== 0) throw new CliError(`${what} failed: ${r.stderr.trim() || `git exited with ${r.code}`}`);
  return r.stdout.toString('utf8');
}

/** The work tree's top folder, or a CliError when `cwd` is not inside a git work tree. */
export async function repositoryRoot(cwd: string): Promise<string> {
  const r = await runGit(cwd, ['rev-parse', '--show-toplevel']);
  if (r.code !== 0) throw new CliError(`not inside a git work tree (${cwd})`);
  return r.stdout.toString('utf8').trim();
}

/** git's comment character for commit messages ("#" unless core.commentChar says otherwise). */
export async function commentChar(cwd: string): Promise<string> {
  const r = await runGit(cwd, ['config', '--get', 'core.commentChar']);
  const value = r.code === 0 ? r.stdout.toString('utf8').trim() : '';
  return value === '' || value === 'auto' ? '#' : value;
}

/** Where hooks go: `git rev-parse --git-path hooks` (honours core.hooksPath and worktrees). */
export async function hooksDir(cwd: string): Promise<string> {
  const r = await runGit(cwd, ['rev-parse', '--git-path', 'hooks']);
  if (r.code !== 0) throw new CliError(`not inside a git repository (${cwd})`);
  return r.stdout.toString('utf8').trim();
}

export interface StagedFile {
  /** Path relative to the repository root, '/'-separated. */
  path: string;
  /** The path before a rename or copy, when there was one. */
  from?: string;
  /** Index file mode, e.g. "100644"; gitlinks (160000) and symlinks (120000) hold no text. */
  mode: string;
  /** Blob id of the staged content. */
  blob: string;
}

/**
 * Staged added, copied, modified and renamed files: `git diff --cached --raw -z --diff-filter=ACMR`
 * (the raw form of `--name-only`: it also gives the mode and the staged blob id).
 */
export async function stagedFiles(root: string): Promise<StagedFile[]> {
  const out = await gitText(root, ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--diff-filter=ACMR', '--no-ext-diff'], 'git diff --cached');
  const fields = out.split('\0');
  const files: StagedFile[] = [];
  for (let i = 0; i < fields.length; i++) {
    const meta = fields[i];
    if (!meta || !meta.startsWith(':')) continue;
    // ":100644 100644 <old> <new> M"
    const [, dstMode, , dstBlob, status] = meta.slice(1).split(' ');
    if (!dstMode || !dstBlob || !status) continue;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = fields[++i] ?? '';
      const path = fields[++i] ?? '';
      files.push({ path, from, mode: dstMode, blob: dstBlob });
    } else {
      files.push({ path: fields[++i] ?? '', mode: dstMode, blob: dstBlob });
    }
  }
  return files.filter((f) => f.path !== '');
}

/** The staged bytes of a file (what `git show :path` prints), read by blob id. */
export async function readBlob(root: string, blob: string): Promise<Buffer> {
  const r = await runGit(root, ['cat-file', 'blob', blob]);
  if (r.code !== 0) throw new CliError(`cannot read staged content ${blob.slice(0, 12)}: ${r.stderr.trim()}`);
  return r.stdout;
}

/**
 * 1-based line numbers the staged version of `file` adds or changes, from the zero-context diff
 * against HEAD (for a new file: all of them).
 */
export async function addedLines(root: string, file: StagedFile): Promise<Set<number>> {
  const paths = file.from ? [file.from, file.path] : [file.path];
  const args = ['diff', '--cached', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '-M', '--', ...paths];
  const diff = await gitText(root, args, 'git diff --cached -U0');
  const lines = new Set<number>();
  for (const m of diff.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    for (let k = 0; k < count; k++) lines.add(start + k);
  }
  return lines;
}

/**
 * Who is committing (`git var GIT_COMMITTER_IDENT` and GIT_AUTHOR_IDENT: config and GIT_* variables
 * as git itself resolves them) and, when `withHistory`, every author and committer of every ref
 * (mailmap applied). A repository without commits or identity simply knows fewer people.
 */
export async function knownIdentities(cwd: string, withHistory: boolean): Promise<KnownIdentities> {
  const self: Identity[] = [];
  for (const which of ['GIT_COMMITTER_IDENT', 'GIT_AUTHOR_IDENT']) {
    const r = await runGit(cwd, ['var', which]);
    const id = r.code === 0 ? parseIdent(r.stdout.toString('utf8')) : undefined;
    if (id) self.push(id);
  }
  if (!withHistory) return { self, history: [] };
  // The newest 200,000 commits: enough for any team, bounded for a kernel-sized history.
  const r = await runGit(cwd, ['log', '--all', '-n', '200000', '--format=%aN%x00%aE%x00%cN%x00%cE']);
  return { self, history: r.code === 0 ? parseIdentityLines(r.stdout.toString('utf8')) : [] };
}
