/**
 * Joins the model's findings with the checksum recognizers' and the validators' verdicts.
 * A checksum is stronger evidence than a model score: a proven card number wins over a model's
 * "PHONENUMBER" on the same digits, and a model's "CREDITCARDNUMBER" that fails Luhn is demoted.
 */
import { placeholderReason } from '../recognizers/placeholders';
import { isBareDigitRun, PHONE_WORD_RULE } from '../recognizers/phoneNumbers';
import { validateEntity } from '../recognizers/validators';
import type { Finding } from '../types';

/** Classes that name the same kind of value at different granularity. */
const SAME_KIND: Record<string, string> = { IPV4: 'IP', IPV6: 'IP', IP: 'IP' };
const kind = (label: string): string => SAME_KIND[label] ?? label;
/** A recognizer finding this sure (checksum-proven) overrides a model finding of another class. */
const PROVEN = 0.9;
/** A validator failure keeps the finding (a typo'd card is still sensitive) at a lower score. */
const FAILED_VALIDATION_FACTOR = 0.5;
/** Documentation/test values stay visible to tuning and hovers but under every default threshold. */
const PLACEHOLDER_SCORE = 0.1;
/**
 * A recognizer's score this low is its verdict that a real-looking value is no one's (a loopback
 * or network address, a 555-01xx fiction number): a model reading the same value agrees it is an
 * address or a number, not that it is personal, so it does not raise the score.
 */
const NOT_PERSONAL_MAX = 0.3;

/** Address parts that are only digits to the model: a phone line under a postcode reads like one. */
const NUMBER_PARTS = new Set(['ZIPCODE', 'BUILDINGNUMBER', 'SECONDARYADDRESS']);
const HAS_ALNUM = /[\p{L}\p{N}]/u;

function overlaps(a: Finding, b: Finding): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Whether recognizer finding `r` replaces the model's reading `m` of the same characters as another
 * class: when `r` is proven, when `m` is a documentation value, or when `m`'s own check disproved it
 * (the model's "IBAN" failing mod-97 right after "account number" is that account number).
 */
function outranks(text: string, r: Finding, m: Finding, disproven: ReadonlySet<Finding>): boolean {
  if (r.score >= PROVEN || placeholderReason(m.label, text.slice(m.start, m.end)) !== null) return true;
  if (disproven.has(m)) return true;
  if (r.evidence.rule === PHONE_WORD_RULE && NUMBER_PARTS.has(m.label)) return true;
  return isFragmentOf(text, m, r);
}

/** `m` is a small piece ("7890" as an AMOUNT) of the one unbroken token `r` reads whole ("4532****7890"). */
function isFragmentOf(text: string, m: Finding, r: Finding): boolean {
  return m.start >= r.start && m.end <= r.end && (m.end - m.start) * 2 < r.end - r.start && !/\s/.test(text.slice(r.start, r.end));
}

/** What is left of `m` outside `r` on one side ("33716" of a ZIPCODE "33716\n25 833387"), if anything. */
function remainder(text: string, m: Finding, r: Finding): Finding | null {
  if (m.start < r.start && m.end > r.end) return null; // on both sides: no one part is the reading
  const [start, end] = m.start < r.start ? [m.start, r.start] : [r.end, m.end];
  if (end <= start) return null;
  const value = text.slice(start, end);
  const lead = value.length - value.trimStart().length;
  const kept = value.trim().replace(/[\s,;:\-]+$/u, '');
  return HAS_ALNUM.test(kept) ? { ...m, start: start + lead, end: start + lead + kept.length } : null;
}

/** Each model finding with its validator's verdict applied; those their own check disproved also go into `disproven`. */
function applyValidators(text: string, findings: Finding[], disproven: Set<Finding>): Finding[] {
  return findings.map((f) => {
    const v =
      f.label === 'PHONENUMBER' && isBareDigitRun(text, f.start, f.end)
        ? { valid: false, validator: 'bare digit run, no phone layout or word ✗' }
        : validateEntity(f.label, text.slice(f.start, f.end));
    if (!v) return f;
    if (v.valid) return { ...f, score: Math.max(f.score, 1 - (1 - f.score) * 0.2), evidence: { ...f.evidence, validator: v.validator } };
    const failed = { ...f, score: f.score * FAILED_VALIDATION_FACTOR, evidence: { ...f.evidence, validator: v.validator } };
    disproven.add(failed);
    return failed;
  });
}

/**
 * Linear-ish in the number of findings (a CSV of 60,000 emails has 60,000 of each): model findings
 * are sorted once and each recognizer finding looks only at the model findings it can overlap.
 */
export function combineFindings(text: string, model: Finding[], recognized: Finding[]): Finding[] {
  const disproven = new Set<Finding>();
  const base = applyValidators(text, model, disproven).sort((a, b) => a.start - b.start);
  // prefixEnd[i] = max end of base[0..i]: the first index that can reach past r.start is found by bisection.
  const prefixEnd: number[] = [];
  base.forEach((m, i) => prefixEnd.push(Math.max(m.end, i > 0 ? prefixEnd[i - 1] : 0)));
  const removed = new Uint8Array(base.length);
  const out: Finding[] = [];
  for (const r of recognized) {
    let lo = 0;
    let hi = base.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (prefixEnd[mid] > r.start) hi = mid;
      else lo = mid + 1;
    }
    const hits: number[] = [];
    for (let i = lo; i < base.length && base[i].start < r.end; i++) if (!removed[i] && overlaps(base[i], r)) hits.push(i);
    const same = hits.filter((i) => kind(base[i].label) === kind(r.label));
    const outranked = hits.filter((i) => !same.includes(i) && outranks(text, r, base[i], disproven));
    if (hits.length > 0 && same.length === 0 && outranked.length < hits.length) continue; // the model's reading stands
    // The recognizer's span is exact (a whole card number, a whole email). A proven value takes its
    // whole span from whatever the model made of the pieces ("DE44" as a name inside an IBAN);
    // otherwise it replaces the model findings it agrees with or contains. A model finding of
    // another class keeps the part that lies wholly outside (a postcode before a phone line).
    for (const i of hits) {
      if (!outranked.includes(i) && !same.includes(i) && !(base[i].start >= r.start && base[i].end <= r.end)) continue;
      removed[i] = 1;
      const rest = outranked.includes(i) ? remainder(text, base[i], r) : null;
      if (rest) out.push(rest);
    }
    const modelScore = Math.max(0, ...same.map((i) => base[i].evidence.model ?? base[i].score));
    // Agreement counts the model's score after its validator: a value failing its checksum stays doubtful.
    const agreed = Math.max(0, ...same.map((i) => base[i].score));
    const score = r.score > NOT_PERSONAL_MAX ? Math.max(r.score, 1 - (1 - r.score) * (1 - agreed)) : r.score;
    out.push(same.length > 0 ? { ...r, score, evidence: { ...r.evidence, model: modelScore } } : r);
  }
  base.forEach((m, i) => {
    if (!removed[i]) out.push(m);
  });
  return out.map((f) => demotePlaceholder(text, f)).sort((a, b) => a.start - b.start || b.end - a.end);
}

function demotePlaceholder(text: string, f: Finding): Finding {
  const reason = placeholderReason(f.label, text.slice(f.start, f.end));
  if (!reason) return f;
  return { ...f, score: Math.min(f.score, PLACEHOLDER_SCORE), evidence: { ...f.evidence, placeholder: reason } };
}
