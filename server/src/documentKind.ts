/**
 * What kind of document a URI + language id is, for the scanner: where it lives on disk (if it
 * does), whether it is a commit message, and what regions.ts should be told about it.
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentKind } from './engine/text/regions';

/** VS Code's Source Control input box. */
export const SCM_INPUT_SCHEME = 'vscode-scm';
const COMMIT_LANGUAGES = new Set(['git-commit', 'scminput']);

export function schemeOf(uri: string): string {
  const colon = uri.indexOf(':');
  return colon > 0 ? uri.slice(0, colon).toLowerCase() : '';
}

/** The file system path of a `file:` URI; undefined for every other scheme. */
export function fsPathOf(uri: string): string | undefined {
  if (schemeOf(uri) !== 'file') return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function isCommitMessage(uri: string, languageId: string): boolean {
  if (schemeOf(uri) === SCM_INPUT_SCHEME || COMMIT_LANGUAGES.has(languageId)) return true;
  const path = fsPathOf(uri);
  return path !== undefined && ['COMMIT_EDITMSG', 'MERGE_MSG', 'SQUASH_MSG', 'TAG_EDITMSG'].includes(basename(path));
}

/**
 * The repository an SCM input box belongs to: VS Code's git extension names it in the URI's
 * `rootUri` query parameter (`vscode-scm:git/scm0/input?rootUri=file%3A%2F%2F%2Frepo`).
 */
export function scmRootPath(uri: string): string | undefined {
  if (schemeOf(uri) !== SCM_INPUT_SCHEME) return undefined;
  try {
    const root = new URL(uri).searchParams.get('rootUri');
    return root ? fsPathOf(root) : undefined;
  } catch {
    return undefined;
  }
}

/** How regions.ts should see the document: commit messages always as git-commit. */
export function documentKindOf(uri: string, languageId: string): DocumentKind {
  const path = fsPathOf(uri);
  if (isCommitMessage(uri, languageId)) return { languageId: 'git-commit', ...(path ? { path } : {}) };
  return { languageId, ...(path ? { path } : {}) };
}

/**
 * Where to look for the `.piilintrc.json` that governs a document: the file itself, the SCM
 * input's repository, else the first workspace folder (untitled documents).
 */
export function configAnchorOf(uri: string, workspaceFolders: readonly string[]): string | undefined {
  return fsPathOf(uri) ?? scmRootPath(uri) ?? workspaceFolders[0];
}
