/**
 * Model guesses in technical files (code, data, logs, man pages, licences, changelogs, a project's
 * docs) that need more than a prose sentence would. There a capitalised word is far more often a
 * product than a person, a place or a firm: `Vera` and `Serif` fonts, `Maxim` chips, `Readline`,
 * `Thunderbird`, "O'Reilly and Associates", "Boston Red Sox". So in these files:
 *
 * - a person's name stands only as a full name: a given name beside a surname (or a title), not a
 *   word alone — a lone given name identifies nobody, and a lone capitalised word is mostly not one;
 * - a company is the file's vendor or product unless its key says otherwise (a data file's
 *   `employer:` is read by the key rules before this);
 * - a city, state or county stands only beside the rest of an address (street, number, postcode),
 *   and a house number, suite or postcode only beside another part (`debhelper 6` is a version);
 * - a password or a user name needs a word on its line naming it (unnamedValues).
 *
 * Checksum and format recognizers are not read here: they carry their own proof.
 */
import type { Finding } from '../types';
import { PERSON_NAME_CLASSES } from '../labels';
import { isUnnamedValue } from './unnamedValues';

const PERSON_OR_TITLE = new Set([...PERSON_NAME_CLASSES, 'PREFIX']);
const PLACE = new Set(['CITY', 'STATE', 'COUNTY']);
const ADDRESS = new Set(['STREET', 'BUILDINGNUMBER', 'ZIPCODE', 'SECONDARYADDRESS']);
/** What may stand between two parts of one name: a space, a comma ("Lefevre, Vincent"), a hyphen. */
const NAME_JOIN = /^(?:[ \t]{1,2}|[ \t]*,[ \t]*|-)$/;
/** How far an address part may stand from the place it backs (a one-line address, or the line above). */
const ADDRESS_REACH = 80;

export class TechnicalGuesses {
  /** Name and title guesses by their start and by their end offset. */
  private readonly nameStarts = new Map<number, Finding>();
  private readonly nameEnds = new Map<number, Finding>();
  /** Address-part guesses, and these with places, sorted by start. */
  private readonly addressParts: Finding[];
  private readonly anyAddressParts: Finding[];

  constructor(
    private readonly text: string,
    model: readonly Finding[],
  ) {
    for (const f of model) {
      if (!PERSON_OR_TITLE.has(f.label)) continue;
      this.nameStarts.set(f.start, f);
      this.nameEnds.set(f.end, f);
    }
    const parts = (labels: ReadonlySet<string>) => model.filter((f) => labels.has(f.label)).sort((a, b) => a.start - b.start);
    this.addressParts = parts(ADDRESS);
    this.anyAddressParts = parts(new Set([...ADDRESS, ...PLACE]));
  }

  /** Whether a model guess in a technical file is the file's word, not personal data. */
  isNoise(f: Finding): boolean {
    if (PERSON_NAME_CLASSES.has(f.label)) return !this.partOfFullName(f);
    if (f.label === 'COMPANYNAME') return true;
    if (PLACE.has(f.label)) return !near(this.addressParts, f);
    if (ADDRESS.has(f.label) && f.label !== 'STREET') return !near(this.anyAddressParts, f);
    return isUnnamedValue(this.text, f, true);
  }

  private partOfFullName(f: Finding): boolean {
    for (let gap = 1; gap <= 3; gap++) {
      const before = this.nameEnds.get(f.start - gap);
      if (before && NAME_JOIN.test(this.text.slice(before.end, f.start))) return true;
      const after = this.nameStarts.get(f.end + gap);
      if (after && NAME_JOIN.test(this.text.slice(f.end, after.start))) return true;
    }
    return false;
  }
}

/**
 * Whether a guess of another class among `parts` (sorted) begins within reach of `f`: a column
 * of numbers (`150000000` under `50000000`) is no address however close its rows stand.
 */
function near(parts: readonly Finding[], f: Finding): boolean {
  let lo = 0;
  let hi = parts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((parts[mid] as Finding).start < f.start - ADDRESS_REACH) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < parts.length && (parts[i] as Finding).start <= f.end + ADDRESS_REACH; i++) if ((parts[i] as Finding).label !== f.label) return true;
  return false;
}
