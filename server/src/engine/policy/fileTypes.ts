/**
 * Files that tools write and nobody reads: lockfiles, source maps, minified bundles. Their values
 * are hashes, versions, registry URLs and mangled code, so a scan of them is all noise (698
 * findings in one package-lock.json) and personal data in them has a real source elsewhere. They
 * are skipped by default, with a notice; `"skipGenerated": []` in `.piilintrc.json` scans them.
 */

export type GeneratedKind = 'lockfile' | 'sourcemap' | 'minified';
export const GENERATED_KINDS: readonly GeneratedKind[] = ['lockfile', 'sourcemap', 'minified'];

/** Lockfiles of the common package managers, by file name. */
const LOCKFILES = new Set([
  'package-lock.json', '.package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'deno.lock',
  'cargo.lock', 'poetry.lock', 'pipfile.lock', 'pdm.lock', 'uv.lock', 'composer.lock', 'gemfile.lock',
  'go.sum', 'flake.lock', 'packages.lock.json', 'mix.lock', 'pubspec.lock', 'podfile.lock',
  'gradle.lockfile', 'conan.lock', 'paket.lock', 'cartfile.resolved', 'package.resolved', 'shard.lock',
]);

const MINIFIED_NAME = /[.-]min\.(?:js|mjs|cjs|css)$/i;
const SOURCE_MAP_NAME = /\.(?:js|mjs|cjs|css|ts)\.map$|\.map$/i;
const BUNDLE_EXT = /\.(?:js|mjs|cjs|css)$/i;

/** A line this long in a script or stylesheet is a bundle: people wrap lines, minifiers don't. */
const MINIFIED_LINE = 1000;

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(i + 1);
}

/** What kind of generated file `path` is by its name alone (undefined: not one, or can't tell). */
export function generatedKindByName(path: string): GeneratedKind | undefined {
  const name = baseName(path).toLowerCase();
  if (LOCKFILES.has(name)) return 'lockfile';
  if (SOURCE_MAP_NAME.test(name)) return 'sourcemap';
  if (MINIFIED_NAME.test(name)) return 'minified';
  return undefined;
}

/**
 * By name, else by content: a script or stylesheet whose average line is over a thousand
 * characters (looking at the first 64 KB) is minified; a JSON file shaped as a source map
 * (`"version":3` with `"mappings"`) is a source map.
 */
export function generatedKind(path: string, text: string): GeneratedKind | undefined {
  const byName = generatedKindByName(path);
  if (byName) return byName;
  const head = text.slice(0, 65536);
  if (BUNDLE_EXT.test(path) && head.length >= 2 * MINIFIED_LINE) {
    const lines = head.split('\n').length;
    if (head.length / lines > MINIFIED_LINE) return 'minified';
  }
  if (/\.json$/i.test(path) && /^\s*\{\s*"version"\s*:\s*3\b/.test(head) && head.includes('"mappings"')) return 'sourcemap';
  return undefined;
}

/** How a notice names it. */
export function generatedLabel(kind: GeneratedKind): string {
  return kind === 'lockfile' ? 'lockfile' : kind === 'sourcemap' ? 'source map' : 'minified bundle';
}

/** The generated kind of `path` when `skip` (default: every kind) says not to scan it. */
export function skippedGeneratedKind(path: string, skip: readonly GeneratedKind[] = GENERATED_KINDS, text?: string): GeneratedKind | undefined {
  if (skip.length === 0) return undefined;
  const kind = text === undefined ? generatedKindByName(path) : generatedKind(path, text);
  return kind !== undefined && skip.includes(kind) ? kind : undefined;
}
