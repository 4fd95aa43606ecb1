/**
 * Parses the date formats people write (2024-03-05, 05/03/2024, 3.5.24, 20240305, March 5th, 2024,
 * 5 Mar 2024, Tuesday, 5 March 2024, March 2024) into a calendar date plus a template of how it was
 * written. validators.ts uses the date to judge sanity (no 31 February); redact/synthetic.ts renders
 * a different date through the same template, so a pseudonym keeps the original's format.
 * Anything else returns null: free text like "last Tuesday" gets no verdict rather than a wrong one.
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

type Case = 'lower' | 'upper' | 'title';
export type DatePart =
  | { kind: 'lit'; text: string }
  | { kind: 'year'; width: 2 | 4 }
  | { kind: 'month'; width: number }
  | { kind: 'monthName'; abbr: boolean; dot: boolean; case: Case }
  | { kind: 'day'; width: number; ordinal: boolean }
  | { kind: 'weekday'; abbr: boolean; case: Case };

export interface ParsedDate {
  year: number;
  month: number;
  /** Absent for "March 2024". */
  day?: number;
  parts: DatePart[];
  /** True when day and month could be swapped (05/03/2024): either reading is a real date. */
  ambiguous: boolean;
}

function caseOf(s: string): Case {
  if (s === s.toUpperCase()) return 'upper';
  if (s === s.toLowerCase()) return 'lower';
  return 'title';
}

function applyCase(s: string, c: Case): string {
  if (c === 'upper') return s.toUpperCase();
  if (c === 'lower') return s.toLowerCase();
  return s[0].toUpperCase() + s.slice(1);
}

function monthFromName(name: string): number | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (n.length < 3) return null;
  const i = MONTHS.findIndex((m) => m === n || (n.length <= 4 && m.startsWith(n)));
  return i < 0 ? null : i + 1;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function fullYear(text: string): number {
  const y = Number(text);
  // Two-digit years: 00–49 -> 2000s, 50–99 -> 1900s (POSIX strptime's pivot is similar).
  return text.length === 2 ? (y < 50 ? 2000 + y : 1900 + y) : y;
}

const MONTH_NAME = '(jan(?:uary|\\.)?|feb(?:ruary|\\.)?|mar(?:ch|\\.)?|apr(?:il|\\.)?|may|june?|july?|aug(?:ust|\\.)?|sept?(?:ember|\\.)?|oct(?:ober|\\.)?|nov(?:ember|\\.)?|dec(?:ember|\\.)?)';
const WEEKDAY = '(?:(mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)(,? ))?';
const NUMERIC = /^(\d{1,4})([-/. ])(\d{1,2})\2(\d{1,4})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const DAY_MONTH_YEAR = new RegExp(`^${WEEKDAY}(\\d{1,2})(st|nd|rd|th)?((?: of)?[ -])${MONTH_NAME}(,?[ -])(\\d{4}|\\d{2})$`, 'i');
const MONTH_DAY_YEAR = new RegExp(`^${WEEKDAY}${MONTH_NAME}([ -])(\\d{1,2})(st|nd|rd|th)?(,? |-)(\\d{4})$`, 'i');
const MONTH_YEAR = new RegExp(`^${MONTH_NAME}(,? )(\\d{4})$`, 'i');

function monthNamePart(text: string): DatePart {
  return { kind: 'monthName', abbr: text.replace(/\.$/, '').length <= 4 && text.toLowerCase() !== 'june' && text.toLowerCase() !== 'july', dot: text.endsWith('.'), case: caseOf(text) };
}

function weekdayParts(name: string | undefined, sep: string | undefined): DatePart[] {
  if (!name) return [];
  return [{ kind: 'weekday', abbr: name.length <= 4, case: caseOf(name) }, { kind: 'lit', text: sep ?? ' ' }];
}

function parseNumeric(value: string): ParsedDate | null {
  const m = NUMERIC.exec(value);
  if (!m) return null;
  const [, a, sep, b, c] = m;
  const lit: DatePart = { kind: 'lit', text: sep };
  if (a.length === 4) {
    if (c.length > 2) return null;
    const year = Number(a);
    const month = Number(b);
    const day = Number(c);
    if (!isRealDate(year, month, day)) return null;
    return { year, month, day, ambiguous: false, parts: [{ kind: 'year', width: 4 }, lit, { kind: 'month', width: b.length }, lit, { kind: 'day', width: c.length, ordinal: false }] };
  }
  if (a.length > 2 || (c.length !== 2 && c.length !== 4)) return null;
  // Dots are the German/Russian style and always day-first; for '/' and '-' the US reading is
  // month-first, the rest of the world day-first. Either reading that is a real date is accepted.
  const year = fullYear(c);
  const x = Number(a);
  const y = Number(b);
  const dmy = isRealDate(year, y, x);
  const mdy = sep !== '.' && isRealDate(year, x, y);
  if (!dmy && !mdy) return null;
  const yearPart: DatePart = { kind: 'year', width: c.length === 2 ? 2 : 4 };
  if (dmy) {
    return { year, month: y, day: x, ambiguous: mdy && x !== y, parts: [{ kind: 'day', width: a.length, ordinal: false }, lit, { kind: 'month', width: b.length }, lit, yearPart] };
  }
  return { year, month: x, day: y, ambiguous: false, parts: [{ kind: 'month', width: a.length }, lit, { kind: 'day', width: b.length, ordinal: false }, lit, yearPart] };
}

/** Parses a date written in one of the formats above; null when the format is unknown or the date impossible. */
export function parseDate(raw: string): ParsedDate | null {
  const value = raw.trim();
  if (value.length < 6 || value.length > 40) return null;
  const numeric = parseNumeric(value);
  if (numeric) return numeric;
  let m = COMPACT.exec(value);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (year < 1800 || year > 2200 || !isRealDate(year, month, day)) return null;
    return { year, month, day, ambiguous: false, parts: [{ kind: 'year', width: 4 }, { kind: 'month', width: 2 }, { kind: 'day', width: 2, ordinal: false }] };
  }
  m = DAY_MONTH_YEAR.exec(value);
  if (m) {
    const [, wd, wdSep, d, ord, sep1, mon, sep2, y] = m;
    const month = monthFromName(mon);
    const year = fullYear(y);
    const day = Number(d);
    if (!month || !isRealDate(year, month, day)) return null;
    return {
      year, month, day, ambiguous: false,
      parts: [...weekdayParts(wd, wdSep), { kind: 'day', width: d.length, ordinal: !!ord }, { kind: 'lit', text: sep1 }, monthNamePart(mon), { kind: 'lit', text: sep2 }, { kind: 'year', width: y.length === 2 ? 2 : 4 }],
    };
  }
  m = MONTH_DAY_YEAR.exec(value);
  if (m) {
    const [, wd, wdSep, mon, sep1, d, ord, sep2, y] = m;
    const month = monthFromName(mon);
    const year = Number(y);
    const day = Number(d);
    if (!month || !isRealDate(year, month, day)) return null;
    return {
      year, month, day, ambiguous: false,
      parts: [...weekdayParts(wd, wdSep), monthNamePart(mon), { kind: 'lit', text: sep1 }, { kind: 'day', width: d.length, ordinal: !!ord }, { kind: 'lit', text: sep2 }, { kind: 'year', width: 4 }],
    };
  }
  m = MONTH_YEAR.exec(value);
  if (m) {
    const month = monthFromName(m[1]);
    if (!month) return null;
    return { year: Number(m[3]), month, ambiguous: false, parts: [monthNamePart(m[1]), { kind: 'lit', text: m[2] }, { kind: 'year', width: 4 }] };
  }
  return null;
}

/** True when the value has the shape of a date this module reads, whether or not it is a real day. */
export function isDateShaped(raw: string): boolean {
  const value = raw.trim();
  return NUMERIC.test(value) || DAY_MONTH_YEAR.test(value) || MONTH_DAY_YEAR.test(value);
}

function ordinalSuffix(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

/** Writes year/month/day through a template from parseDate. */
export function renderDate(parts: DatePart[], year: number, month: number, day: number): string {
  let out = '';
  for (const p of parts) {
    switch (p.kind) {
      case 'lit':
        out += p.text;
        break;
      case 'year':
        out += p.width === 2 ? String(year % 100).padStart(2, '0') : String(year).padStart(4, '0');
        break;
      case 'month':
        out += String(month).padStart(p.width, '0');
        break;
      case 'day':
        out += String(day).padStart(p.width, '0') + (p.ordinal ? ordinalSuffix(day) : '');
        break;
      case 'monthName': {
        const name = MONTHS[month - 1];
        out += applyCase(p.abbr ? name.slice(0, 3) : name, p.case) + (p.dot ? '.' : '');
        break;
      }
      case 'weekday': {
        const name = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
        out += applyCase(p.abbr ? name.slice(0, 3) : name, p.case);
        break;
      }
    }
  }
  return out;
}
