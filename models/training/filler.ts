/**
 * Unlabelled filler text for the synthetic corpus: sentences that carry no personal data, so the
 * model learns that ordinary words (capitalised or not, unfamiliar or not) are not entities.
 *
 * Sources, all offline and permissively licensed (nothing here is committed except this code):
 *  - README.md files and JSDoc comments of packages in node_modules whose licence is MIT, ISC,
 *    Apache-2.0, BSD or CC0 (GPL/LGPL/unknown are skipped);
 *  - faker's English phrase generators (MIT);
 *  - a small set of hand-written everyday sentences below (part of this project, MIT).
 * Sentences that look like they might contain personal data (emails, URLs, long digit runs,
 * author/copyright lines, capitalised words that are known first names) are dropped.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OK_LICENCE = /^\(?(MIT|ISC|Apache-2\.0|BSD-[23]-Clause|0BSD|CC0-1\.0|Unlicense)/i;

export const EVERYDAY = [
  'Thanks for getting back to me so quickly.',
  'Let me know if you have any questions.',
  'I hope this message finds you well.',
  'Sorry for the late reply, it has been a busy week.',
  'Could you take a look when you have a moment?',
  'We will follow up after the meeting on Thursday.',
  'Please find the attached document for your review.',
  'The weather has been terrible all week.',
  'Happy to help with anything else you need.',
  'I am not sure this is the right approach.',
  'The package should arrive within five business days.',
  'Our team reviewed the request and everything looks fine.',
  'Your order has been shipped.',
  'We appreciate your patience while we look into this.',
  'The issue seems to happen only on the first login.',
  'I will be out of the office next week.',
  'Can we move the call to the afternoon?',
  'The new version fixes the crash on startup.',
  'This change should not affect existing users.',
  'Please do not reply to this automated message.',
  'The report is due at the end of the month.',
  'Everything is working as expected now.',
  'I tried restarting the app but nothing changed.',
  'The patient was advised to rest and drink plenty of water.',
  'Follow-up appointment recommended in two weeks.',
  'No known allergies were reported.',
  'The invoice has been paid in full.',
  'Payment is due within thirty days.',
  'The candidate has strong communication skills.',
  'Onboarding starts on the first Monday of the month.',
  'The contract will be renewed automatically.',
  'We need approval from the finance department.',
  'Let us discuss this in the next sprint planning.',
  'The build failed because of a missing dependency.',
  'Tests pass locally but fail on the CI server.',
  'I added a comment explaining the workaround.',
  'See the documentation for more details.',
  'This function returns null when the input is empty.',
  'Refactor the parser to handle nested lists.',
  'Bump dependencies and regenerate the lockfile.',
  'The cache is cleared every night.',
  'Make sure the configuration file is valid.',
  'Good morning everyone!',
  'See you tomorrow.',
  'Looking forward to hearing from you.',
  'Thank you for your order.',
  'We are sorry to hear about the problem.',
  'The room was clean and the staff were friendly.',
  'Delivery was delayed because of the holidays.',
  'I would like to cancel my subscription.',
  'The meeting notes are in the shared folder.',
  'Please update your password regularly.',
  'Your account settings have been updated.',
  'The form could not be submitted.',
  'Some fields are missing.',
  'We have received your application.',
  'The results will be published next week.',
  'Keep up the great work.',
  'ok sounds good',
  'lol that is hilarious',
  'yes, exactly what I meant',
  'no worries, take your time',
  'Note that the values are approximate.',
  'The blood pressure was within the normal range.',
  'The claim is being processed.',
  'Reference documents are listed below.',
  'Kind regards,',
  'Best wishes,',
  'Cheers,',
  'Regards,',
];

function sentencesOf(text: string): string[] {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, (m) => (m.length < 30 ? m.slice(1, -1) : ' '))
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_#>|]+/g, ' ')
    .split(/(?<=[.!?])\s+|\n\s*\n/)
    .map((s) => s.replace(/\s+/g, ' ').trim());
}

function plausible(s: string, firstNames: Set<string>): boolean {
  if (s.length < 25 || s.length > 220) return false;
  if (/[@]|https?:|www\.|\d{4,}|copyright|\(c\)|author|licen[cs]e|maintain|contribut|thanks to|sponsor|twitter|github\.com/i.test(s)) return false;
  if (/[{}<>=;$\\]/.test(s)) return false;
  const letters = (s.match(/\p{L}/gu) ?? []).length;
  if (letters < s.length * 0.6) return false;
  // Capitalised non-initial words that are known first names: probably a person, skip.
  const words = s.split(/\s+/).slice(1);
  for (const w of words) {
    const c = w.replace(/[^\p{L}]/gu, '');
    if (/^\p{Lu}\p{Ll}+$/u.test(c) && firstNames.has(c.toLowerCase())) return false;
  }
  return true;
}

function walk(dir: string, depth: number, out: string[]): void {
  if (depth < 0 || !existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(p, depth - 1, out);
    else out.push(p);
  }
}

/**
 * Packages whose docs are read: the project's own dependencies, pinned by package-lock.json, so the
 * corpus is a function of the seed and the lockfile (not of whatever else is installed).
 */
export const FILLER_PACKAGES = ['typescript', '@types/node', 'validator', 'libphonenumber-js', '@faker-js/faker', 'ignore', 'onnxruntime-node', 'esbuild', 'tsx', '@huggingface/tokenizers', 'semver'];

/** Filler sentences from permissively licensed docs in node_modules (sorted, deterministic). */
export function loadFiller(root: string, firstNames: Set<string>): string[] {
  const nm = join(root, 'node_modules');
  const out = new Set<string>();
  // TypeScript 7 ships its lib .d.ts files in a platform package (@typescript/typescript-<platform>).
  const tsPlatform = existsSync(join(nm, '@typescript')) ? readdirSync(join(nm, '@typescript')).sort().filter((d) => d.startsWith('typescript-')).slice(0, 1).map((d) => `@typescript/${d}`) : [];
  const pkgs = [...FILLER_PACKAGES, ...tsPlatform].map((p) => join(nm, p)).filter((p) => existsSync(join(p, 'package.json')));
  for (const pkg of pkgs) {
    let licence = '';
    try {
      licence = String(JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).license ?? '');
    } catch {
      continue;
    }
    if (!OK_LICENCE.test(licence)) continue;
    const files: string[] = [];
    walk(pkg, 3, files);
    for (const f of files.sort()) {
      if (/node_modules.*node_modules/.test(f.slice(nm.length))) continue;
      let text = '';
      if (/readme\.md$/i.test(f)) text = readFileSync(f, 'utf8');
      else if (/\.d\.ts$/.test(f) && statSync(f).size < 3_000_000) {
        const src = readFileSync(f, 'utf8');
        // JSDoc prose: comment lines without tags.
        text = (src.match(/^\s*\*\s+[A-Z][^@\n]*$/gm) ?? []).map((l) => l.replace(/^\s*\*\s+/, '')).join(' ');
      } else continue;
      for (const s of sentencesOf(text)) if (plausible(s, firstNames)) out.add(s);
    }
  }
  return [...out].sort();
}
