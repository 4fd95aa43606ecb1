/**
 * The commit-msg hook's rule in the editor: in the Source Control input box and COMMIT_EDITMSG,
 * the committer's own sign-off and trailers naming the repository's authors are not findings
 * (engine/policy/commitIdentities.ts decides which parts of a message those are). Without it the box
 * underlines the `Signed-off-by:` line that the hook lets through.
 *
 * Who is known comes from git (`git var`, `git log --all`), run only in a trusted workspace: a
 * repository's own config can name programs git runs. Each repository's answer is kept for a short
 * while, since the box is rescanned on every keystroke and a long history costs a `git log`.
 */
import { dirname } from 'node:path';
import { knownIdentities } from './cli/git';
import { withoutKnownIdentities, type CommitIdentityMode, type KnownIdentities } from './engine/policy/commitIdentities';
import type { Finding } from './engine/types';

/** How long a repository's known identities are reused (a new commit or `git config` shows after this). */
const TTL_MS = 30_000;
const NOBODY: KnownIdentities = { self: [], history: [] };

export class KnownPeople {
  private readonly cache = new Map<string, { at: number; known: Promise<KnownIdentities> }>();

  constructor(private readonly ttlMs = TTL_MS) {}

  /** The identities git knows in `cwd`'s repository; nobody when git fails or is missing. */
  in(cwd: string, mode: CommitIdentityMode): Promise<KnownIdentities> {
    const key = `${mode}\0${cwd}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.known;
    const known = knownIdentities(cwd, mode === 'history').catch(() => NOBODY);
    this.cache.set(key, { at: Date.now(), known });
    return known;
  }

  /** `findings` of a commit message less those that name a known person where the hook allows it. */
  async filter<F extends Finding>(text: string, findings: F[], where: { repoRoot: string | undefined; file: string | undefined }, mode: CommitIdentityMode): Promise<F[]> {
    const cwd = where.repoRoot ?? (where.file !== undefined ? dirname(where.file) : undefined);
    if (mode === 'off' || cwd === undefined || findings.length === 0) return findings;
    return withoutKnownIdentities(text, findings, await this.in(cwd, mode), mode);
  }
}
