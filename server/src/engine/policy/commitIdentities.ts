/**
 * Commit messages name people on purpose: `git commit -s` adds the committer's own
 * `Signed-off-by: Name <address>`, and trailers credit co-authors and reviewers. Those people are
 * the repository's authors already (their names and addresses are in every `git log`), so a hook
 * that calls them personal data just teaches `--no-verify`. This module decides which parts of a
 * message are such identities; gathering them (git config, history) is the caller's job.
 *
 * What stays a finding: anyone else, anywhere in the message ("Reported-by: a customer's address"
 * where that customer never committed here), and known people outside trailers unless they are the
 * committer.
 */
import type { Finding, Region } from '../types';
import { inAnyRegion } from '../text/regions';

/** Trailers that credit a person (git's, the kernel's and GitHub's). */
export const PERSON_TRAILERS = [
  'Signed-off-by',
  'Co-authored-by',
  'Reviewed-by',
  'Acked-by',
  'Tested-by',
  'Reported-by',
  'Helped-by',
  'Suggested-by',
  'Cc',
] as const;

/** How far identities are trusted: the repository's authors and committers, only the committer, or nobody. */
export type CommitIdentityMode = 'history' | 'committer' | 'off';

export interface Identity {
  name: string;
  email: string;
}

export interface KnownIdentities {
  /** Whoever is committing now (`git var GIT_COMMITTER_IDENT`, GIT_AUTHOR_IDENT). */
  self: readonly Identity[];
  /** Authors and committers in the repository's history. */
  history: readonly Identity[];
}

const TRAILER_RE = new RegExp(`^(${PERSON_TRAILERS.join('|')})[ \\t]*:[ \\t]*(.*?)[ \\t]*$`, 'i');
/** GitHub's private-address form: an account, not a mailbox (`123+user@users.noreply.github.com`). */
const NOREPLY_RE = /@users\.noreply\.github\.com$/i;

function normName(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function normEmail(s: string): string {
  return s.trim().toLowerCase();
}

/** "Name <address>", "<address>", "address" or "Name": the parts and where they are in `value`. */
function parsePerson(value: string): { name: string; email: string } {
  const m = /^(.*?)\s*<([^<>\s]+)>\s*$/.exec(value);
  if (m) return { name: (m[1] ?? '').replace(/^"|"$/g, ''), email: m[2] ?? '' };
  if (/^\S+@\S+$/.test(value)) return { name: '', email: value };
  return { name: value, email: '' };
}

class IdentitySet {
  private readonly names = new Set<string>();
  private readonly emails = new Set<string>();

  add(identities: readonly Identity[]): void {
    for (const id of identities) {
      if (id.name.trim() !== '') this.names.add(normName(id.name));
      if (id.email.trim() !== '') this.emails.add(normEmail(id.email));
    }
  }

  /** An e-mail match is enough; a name alone must be a known full name (two words or more). */
  knows(person: { name: string; email: string }): boolean {
    if (person.email !== '' && this.emails.has(normEmail(person.email))) return true;
    const name = normName(person.name);
    return name.includes(' ') && this.names.has(name) && (person.email === '' || NOREPLY_RE.test(person.email));
  }

  hasName(s: string): boolean {
    return this.names.has(normName(s));
  }

  hasEmail(s: string): boolean {
    return this.emails.has(normEmail(s));
  }
}

/**
 * Ranges of `text` that name a known person: the value of each person trailer whose person is
 * known (by address, or by full name with no address or a GitHub no-reply one), or whose address is
 * a GitHub no-reply one. Lines starting with `commentChar` are git's and are skipped.
 */
export function knownIdentityRegions(text: string, known: KnownIdentities, mode: CommitIdentityMode, commentChar = '#'): Region[] {
  if (mode === 'off') return [];
  const ids = new IdentitySet();
  ids.add(known.self);
  if (mode === 'history') ids.add(known.history);
  const out: Region[] = [];
  const lineRe = /[^\r\n]*(?:\r\n|\n|\r|$)/g;
  for (const m of text.matchAll(lineRe)) {
    if (m[0] === '') break;
    const line = m[0].replace(/[\r\n]+$/, '');
    if (commentChar !== '' && line.startsWith(commentChar)) continue;
    const t = TRAILER_RE.exec(line);
    if (!t) continue;
    const value = t[2] ?? '';
    const person = parsePerson(value);
    if (!ids.knows(person) && !NOREPLY_RE.test(person.email)) continue;
    const valueStart = m.index + line.trimEnd().length - value.length;
    out.push({ start: valueStart, end: valueStart + value.length });
  }
  return out;
}

/**
 * Findings that are not personal data in a commit message: inside a known person's trailer, or
 * exactly the committer's own name, a part of it, or address, wherever it stands.
 */
export function isKnownIdentity(text: string, finding: Finding, regions: readonly Region[], known: KnownIdentities, mode: CommitIdentityMode): boolean {
  if (mode === 'off') return false;
  if (inAnyRegion(regions, finding)) return true;
  const value = text.slice(finding.start, finding.end);
  const self = new IdentitySet();
  self.add(known.self);
  if (self.hasEmail(value) || self.hasName(value)) return true;
  // A first or last name alone: one word of the committer's own full name.
  const word = normName(value);
  return !word.includes(' ') && word.length > 1 && known.self.some((id) => normName(id.name).split(' ').includes(word));
}

/** `findings` of a commit message less those naming a known person (the hook's rule, and the editor's). */
export function withoutKnownIdentities<F extends Finding>(text: string, findings: F[], known: KnownIdentities, mode: CommitIdentityMode, commentChar = '#'): F[] {
  if (mode === 'off' || findings.length === 0) return findings;
  const regions = knownIdentityRegions(text, known, mode, commentChar);
  return findings.filter((f) => !isKnownIdentity(text, f, regions, known, mode));
}

/** `Name <email> 1700000000 +0100` (what `git var GIT_COMMITTER_IDENT` prints) -> identity. */
export function parseIdent(line: string): Identity | undefined {
  const m = /^(.*?)\s*<([^<>]*)>/.exec(line.trim());
  return m ? { name: m[1] ?? '', email: m[2] ?? '' } : undefined;
}

/** Lines of `name NUL email` (from `git log --format=%aN%x00%aE…`) -> identities. */
export function parseIdentityLines(out: string): Identity[] {
  const ids: Identity[] = [];
  for (const line of out.split('\n')) {
    const parts = line.split('\0');
    for (let i = 0; i + 1 < parts.length; i += 2) ids.push({ name: parts[i] ?? '', email: parts[i + 1] ?? '' });
  }
  return ids;
}

/**
 * Whether a `# pii-lint-disable [CLASS…]` comment line of a commit message turns `label` off for the
 * whole message. git strips `#` lines, so the directive never reaches the history, and where it
 * stands does not matter (git's template puts comments last, below the text they are about).
 * `-line` and `-next-line` directives keep their usual, positional meaning.
 */
export function messageWideDisables(text: string, commentChar = '#'): (label: string) => boolean {
  if (commentChar === '' || !text.includes('pii-lint-disable')) return () => false;
  const classes = new Set<string>();
  let all = false;
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (!line.startsWith(commentChar)) continue;
    const m = /pii-lint-disable(?![\w-])((?:[ \t]*,?[ \t]*[A-Z][A-Z0-9_]*(?![\w-]))*)/.exec(line);
    if (!m) continue;
    const names = (m[1] ?? '').split(/[\s,]+/u).filter((s) => s !== '');
    if (names.length === 0) all = true;
    for (const n of names) classes.add(n);
  }
  return (label) => all || classes.has(label);
}
