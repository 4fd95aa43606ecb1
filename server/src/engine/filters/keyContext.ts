/**
 * Data and config files (JSON, YAML, TOML, INI, .env, properties, one-line XML elements) say what
 * each value is: its key.
 * A `license`, `version`, `integrity` or `resolved` value is not personal data whatever the model
 * reads into it, a key itself is a field name (like an identifier in code), and an `email`,
 * `phone` or `author` value is more likely personal than the same words in prose. Line-based, so
 * it reads any of these formats without a parser and never fails on a broken file.
 */

/** Where a line's key and value are (offsets in the whole text), and the key, normalized. */
export interface KeyedSpan {
  key: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** `"key": value`, `key: value`, `key = value`, `- key: value`, `export KEY=value`. */
const KEY_LINE = /^([ \t]*(?:-[ \t]+)?(?:export[ \t]+)?)(["']?)([\w$@.\-/ ]{1,80}?)\2[ \t]*([:=])(?![:=])[ \t]*/;

/** `<family>DejaVu Serif</family>`: an XML element holding text on one line (fontconfig, Maven, plists). */
const XML_LINE = /^[ \t]*<((?:[A-Za-z_][\w.-]{0,40}:)?([A-Za-z_][\w.-]{0,79}))(?:\s[^<>]*)?>([^<]*)<\/\1>/;

/** Lower-case, letters and digits only, last dotted segment: `author.email` -> `email`, `first_name` -> `firstname`. */
export function normalizeKey(key: string): string {
  const last = key.split('.').pop() ?? key;
  return last.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Keys whose values describe software, never a person. */
const NOT_PERSONAL = new Set([
  'license', 'licenses', 'licence', 'version', 'versions', 'integrity', 'resolved', 'checksum', 'checksums', 'hash', 'sha',
  'sha1', 'sha256', 'sha512', 'shasum', 'tarball', 'dev', 'optional', 'peer', 'devoptional', 'engines', 'engine', 'os', 'cpu',
  'arch', 'architecture', 'platform', 'main', 'module', 'types', 'typings', 'exports', 'imports', 'bin', 'files', 'type', 'lang',
  'language', 'locale', 'encoding', 'charset', 'format', 'extends', 'include', 'exclude', 'target', 'lib', 'outdir', 'rootdir',
  'path', 'paths', 'dir', 'file', 'filename', 'image', 'tag', 'digest', 'source', 'sources', 'registry', 'protocol', 'scheme',
  'level', 'loglevel', 'mode', 'env', 'runson', 'uses', 'run', 'shell', 'workingdirectory', 'script', 'scripts', 'test', 'build',
  'lint', 'keywords', 'directories', 'dependencies', 'devdependencies', 'peerdependencies', 'optionaldependencies',
  'bundleddependencies', 'overrides', 'resolutions', 'workspaces', 'packagemanager', 'requires', 'specifiers', 'font',
  'fontfamily', 'family', 'fontname', 'typeface', 'groupid', 'artifactid', 'color', 'theme', 'icon', 'id', 'uuid', 'guid', 'ref', 'branch', 'commit', 'rev', 'revision', 'depends', 'provides',
  'conflicts', 'suggests', 'recommends', 'section', 'priority', 'architecture', 'sideeffects', 'browser', 'unpkg', 'jsdelivr',
  'funding', 'bugs', 'homepage', 'repository', 'url', 'gitrepo', 'timezone', 'tz', 'region', 'zone', 'service', 'container',
]);

/** Keys whose values are about a person. */
const PERSONAL = new Set([
  'author', 'authors', 'maintainer', 'maintainers', 'contributors', 'owner', 'owners', 'contact', 'email', 'mail', 'emailaddress',
  'phone', 'phonenumber', 'mobile', 'tel', 'telephone', 'fax', 'firstname', 'givenname', 'lastname', 'surname', 'familyname',
  'fullname', 'displayname', 'username', 'user', 'login', 'customer', 'person', 'address', 'street', 'city', 'zip', 'zipcode',
  'postcode', 'postalcode', 'birthday', 'birthdate', 'dob', 'dateofbirth', 'ssn', 'iban', 'card', 'cardnumber', 'creditcard',
  'passport', 'nationalid', 'taxid', 'company', 'companyname', 'employer',
]);

/** Parents whose `name` is a person's (`"author": { "name": … }`). */
const PERSON_PARENTS = new Set(['author', 'authors', 'maintainer', 'maintainers', 'contributors', 'owner', 'owners', 'contact', 'person', 'customer', 'user', 'people']);

export type KeyVerdict = 'key' | 'not-personal' | 'personal' | 'neutral';

/**
 * The keyed lines of a data file. Each line's key; for a value that opens an object or a list
 * (`"author": {`, `keywords:`) the key stays the parent of what follows until the indentation
 * (or bracket) closes, so `"name"` under `"author"` is a person's name.
 */
export function keyedLines(text: string): KeyedSpan[] {
  const out: KeyedSpan[] = [];
  const parents: Array<{ key: string; indent: number }> = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const indent = /^[ \t-]*/.exec(line)?.[0].length ?? 0;
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('//')) {
      while (parents.length > 0 && indent <= (parents[parents.length - 1] as { indent: number }).indent && !/^[\]}]/.test(trimmed)) parents.pop();
      if (/^[\]}]/.test(trimmed)) parents.pop();
    }
    const m = KEY_LINE.exec(line);
    if (m) {
      const keyStart = offset + (m[1] ?? '').length + (m[2] ?? '').length;
      const key = (m[3] ?? '').trim();
      const valueStart = offset + m[0].length;
      const parent = parents[parents.length - 1]?.key;
      out.push({ key: parent && normalizeKey(key) === 'name' && PERSON_PARENTS.has(parent) ? 'name-of-person' : key, keyStart, keyEnd: keyStart + key.length, valueStart, valueEnd: offset + line.length });
      const rest = line.slice(m[0].length).trim();
      if (rest === '' || rest === '{' || rest === '[' || rest === '|' || rest === '>') parents.push({ key: normalizeKey(key), indent });
    } else if (XML_LINE.test(line)) {
      // The element's name is the value's key; the tags themselves are markup, like a key.
      const x = XML_LINE.exec(line) as RegExpExecArray;
      const open = x[0].length - (x[3] ?? '').length - `</${x[1] ?? ''}>`.length;
      const keyStart = offset + x[0].indexOf('<') + 1;
      out.push({ key: x[2] ?? '', keyStart, keyEnd: keyStart + (x[1] ?? '').length, valueStart: offset + open, valueEnd: offset + open + (x[3] ?? '').length });
    } else {
      const parent = parents[parents.length - 1];
      // A list item or a bare value inside a list: the parent's key is its key.
      if (parent && trimmed !== '' && !/^[\]}]/.test(trimmed)) {
        const start = offset + line.indexOf(trimmed);
        out.push({ key: parent.key, keyStart: start, keyEnd: start, valueStart: start, valueEnd: start + trimmed.length });
      }
    }
    offset += raw.length + 1;
  }
  return out;
}

/** What the key says about a finding at [start, end) on a keyed line. */
export function keyVerdict(span: KeyedSpan, start: number, end: number, value: string): KeyVerdict {
  if (start >= span.keyStart && end <= span.keyEnd && span.keyEnd > span.keyStart) return 'key';
  if (start < span.valueStart) return 'neutral';
  if (span.key === 'name-of-person') return 'personal';
  const key = normalizeKey(span.key);
  if (NOT_PERSONAL.has(key)) return 'not-personal';
  // `"name": "chai"` is a package; `"name": "Jane Roe"` may be a person: only the latter is raised.
  if (key === 'name') {
    const v = value.trim();
    if (/^\p{Lu}\p{L}+(?:[ .'-]+\p{Lu}\p{L}*)+$/u.test(v)) return 'personal';
    return /^[^\s\p{Lu}]+$/u.test(v) ? 'not-personal' : 'neutral';
  }
  if (PERSONAL.has(key)) return 'personal';
  return 'neutral';
}
