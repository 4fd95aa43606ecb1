/**
 * The one line a blocking hook leads with. Git shows only the first line of a failed hook's output
 * in most front ends (VS Code's "Git: …" dialog among them), so that line must say why the commit
 * was refused and what to do, in words, naming the file, line and class but never the value.
 */
import type { Severity } from '../engine/policy/policy';
import { classTitle } from './formatters';

export interface BlockingFinding {
  path: string;
  line: number;
  label: string;
  severity: Severity;
}

/** "an email address", "a phone number". */
function withArticle(title: string): string {
  // No title starts with a vowel sound spelled "u" ("user name", "URL"): a/e/i/o are enough.
  return `${/^[aeio]/i.test(title) ? 'an' : 'a'} ${title}`;
}

/**
 * `PII Lint blocked this commit: the message contains an email address (line 3). Fix it, or …`.
 * `findings` are the failing ones, in report order; `commentChar` is git's core.commentChar.
 */
export function blockReason(what: 'staged' | 'message', findings: readonly BlockingFinding[], commentChar = '#'): string {
  const first = findings[0];
  if (!first) return 'PII Lint blocked this commit.';
  const title = withArticle(classTitle(first.label));
  const firstPlace = what === 'message' ? `the message contains ${title} (line ${first.line})` : `${first.path} line ${first.line} adds ${title}`;
  const rest = findings.length - 1;
  const files = new Set(findings.map((f) => f.path)).size;
  const more =
    rest === 0 ? '' : `, and ${rest} more finding${rest === 1 ? '' : 's'}${what === 'staged' && files > 1 ? ` in ${files} files` : ''} (listed below)`;
  const it = rest === 0 ? 'it' : 'them';
  const howToMark =
    what === 'message'
      ? `a "${commentChar} pii-lint-disable-next-line ${first.label}" line above it`
      : `a "pii-lint-disable-next-line ${first.label}" comment on the line above`;
  return (
    `PII Lint blocked this commit: ${firstPlace}${more}. ` +
    `Fix ${it}, or mark a false positive with ${howToMark}; bypass once with git commit --no-verify.`
  );
}
