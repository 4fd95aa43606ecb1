/**
 * Company names that end in a legal form ("Opportunityspace Inc.", "Drake PLC", "Underwood Group").
 * The small model finds such names but often doubts them (0.57 for "Opportunityspace Inc", under
 * COMPANYNAME's threshold), stops before the form's dot, or tags the form alone ("PLC", with
 * "Drake" as a first name). The legal form is proof the model's guess is a company: the finding
 * takes the form and its dot, the capitalised words before a bare form, and a confident score.
 *
 * Only the model's COMPANYNAME findings are touched: a legal form alone in text ("Copyright
 * Microsoft Corporation" in a licence header) is no finding of its own.
 */
import type { Finding } from '../types';

/** Score of a company name ending in a legal form: as sure as a checksum-less recognizer. */
export const LEGAL_FORM_SCORE = 0.9;
/** Legal forms written with a capital, matched case-sensitively ("SA" but not "sa"). */
const FORMS = new Set([
  'Inc', 'Incorporated', 'LLC', 'Ltd', 'Limited', 'PLC', 'Plc', 'Corp', 'Corporation', 'Co', 'Company',
  'GmbH', 'AG', 'KG', 'SE', 'SA', 'SAS', 'SARL', 'SRL', 'SpA', 'NV', 'BV', 'Oy', 'AB', 'ASA', 'ApS',
  'Pty', 'LLP', 'LP', 'Group', 'Holdings', 'Partners', 'Associates', 'Bros',
]);
/** Long forms also count lower-cased ("think computer corporation"); two-letter ones never do. */
const LOWER_FORMS = new Set(['inc', 'incorporated', 'llc', 'ltd', 'limited', 'plc', 'corp', 'corporation', 'company', 'gmbh', 'group', 'holdings']);
/** Abbreviations whose full stop belongs to the name ("Mclaughlin Ltd."). */
const DOTTED = new Set(['inc', 'ltd', 'corp', 'co', 'bros']);
/** Words capitalised before a bare form: "Underwood" of "Underwood Group", "Spikes Cavell". */
const NAME_WORD = /^[\p{Lu}\d][\p{L}\p{M}\d'’&-]*$/u;
const MAX_NAME_WORDS = 3;
/** Words that make no name in front of a form: "the Group", "our company". */
const FILLER = new Set(['the', 'a', 'an', 'of', 'and', 'our', 'my', 'your', 'their', 'his', 'her', 'this', 'that', 'its']);

function isForm(word: string): boolean {
  return FORMS.has(word) || LOWER_FORMS.has(word);
}

/** The legal form one space after `end` ("Opportunityspace| Inc"), or null. */
export function legalFormAfter(text: string, end: number): string | null {
  const next = /^ ([\p{L}]+)/u.exec(text.slice(end, end + 16));
  return next && isForm(next[1]) ? next[1] : null;
}

/** The last word of `s` (letters only), or ''. */
const lastWord = (s: string): string => /[\p{L}]+$/u.exec(s)?.[0] ?? '';

/**
 * Extends and scores COMPANYNAME findings that end in a legal form. `findings` (decoded: sorted,
 * not overlapping) share `text`'s offsets; the result is sorted and not overlapping either.
 */
export function completeLegalForms(text: string, findings: readonly Finding[]): Finding[] {
  if (!findings.some((f) => f.label === 'COMPANYNAME')) return [...findings];
  const out: Finding[] = [];
  for (let k = 0; k < findings.length; k++) {
    const f = findings[k];
    if (f.label !== 'COMPANYNAME') {
      out.push(f);
      continue;
    }
    let { start, end } = f;
    // "Opportunityspace" + " Inc": the form right after the name, on its line.
    const after = legalFormAfter(text, end);
    if (after && !isForm(lastWord(text.slice(start, end)))) end += 1 + after.length;
    const value = text.slice(start, end);
    const form = lastWord(value);
    const bare = value === form;
    const name = value.split(/\s+/).filter((w) => !isForm(lastWord(w)) && !FILLER.has(w.toLowerCase()));
    if (!isForm(form) || (name.length === 0 && !bare)) {
      out.push(f);
      continue;
    }
    if (text[end] === '.' && DOTTED.has(form.toLowerCase())) end++;
    // "PLC" alone: the name is the capitalised words before it ("Drake PLC").
    if (bare) {
      let words = 0;
      let m: RegExpExecArray | null;
      while (words < MAX_NAME_WORDS && (m = /(?:^|[^\S\n])(\S+) $/u.exec(text.slice(Math.max(0, start - 64), start))) && NAME_WORD.test(m[1]) && !isForm(m[1])) {
        start -= m[1].length + 1;
        words++;
      }
      if (words === 0) {
        out.push(f);
        continue;
      }
    }
    // Findings the company now covers (the first name "Drake") give way to it; one it only
    // touches keeps its words.
    while (out.length > 0 && out[out.length - 1].start >= start) out.pop();
    if (out.length > 0) start = Math.max(start, out[out.length - 1].end);
    while (k + 1 < findings.length && findings[k + 1].start < end) k++;
    out.push({ start, end, label: 'COMPANYNAME', score: Math.max(f.score, LEGAL_FORM_SCORE), evidence: { ...f.evidence, rule: `legal form "${form}"` } });
  }
  return out;
}
