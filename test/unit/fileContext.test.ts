/** Findings read with their file type: time stamps, licence ids, machine tokens, keys, logs, licences. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileFlavour, refineForFile } from '../../server/src/engine/filters/fileContext';
import { keyedLines, keyVerdict } from '../../server/src/engine/filters/keyContext';
import { enclosingToken, isLicenceId, isMachineToken, timestampRegions } from '../../server/src/engine/filters/machineTokens';
import type { DocumentKind } from '../../server/src/engine/text/regions';
import type { Finding } from '../../server/src/engine/types';
import { findingAt } from './helpers/findings';

/** The values of the findings of `specs` that survive in a file of `kind`. */
function kept(text: string, kind: DocumentKind, specs: Array<[value: string, label: string]>): string[] {
  const findings = specs.map(([v, l]) => findingAt(text, v, l));
  return refineForFile(text, findings, kind).map((f) => text.slice(f.start, f.end));
}

describe('machine tokens', () => {
  test('time stamps: RFC 2822, ctime, ISO 8601, syslog', () => {
    for (const s of ['Mon, 19 Dec 2022 17:06:38 +1100', 'Thu Dec  5 01:38:42 UTC 2026', '2024-03-01 10:22:13', '2009-10-21T13:36:00Z', 'Dec  6 01:43:00']) {
      const r = timestampRegions(`x ${s} y`);
      assert.deepEqual(r.map((x) => `x ${s} y`.slice(x.start, x.end).trim()), [s], s);
    }
    assert.deepEqual(timestampRegions('Sunday we meet Dec and Mon.'), []);
  });

  test('licence ids, also cut short; versions and pins, paths, file names, package:arch, constants (also @NAME:), issue keys', () => {
    for (const t of ['MIT', 'GPL-2', 'BSD-3-Clause', 'BSD-3', 'Apache-2.0', 'BlueOak', '(MIT', 'LGPL-2.1+']) assert.ok(isLicenceId(t), t);
    for (const t of ['Smith', 'Mitchell', 'GPLX']) assert.ok(!isLicenceId(t), t);
    for (const t of ['2.5.0-1+deb12u1', '1:2.3.4-1', 'amd64', 'libc6:amd64', 'tsconfig.json', 'lib/index.js', '.../08-libfoo_1.2_all.deb', 'GNUTLS_X509', 'JDK-8316138', 'debian:Go_Daddy_Class_2_CA.pem', '/038-pinentry-curses_1.2.1-1_amd64.deb', 'google-cloud-cli=528.0.0-0', 'requests==2.31.0', '@GNUTLS_OCSP_PRINT_FULL:', '%GNUTLS_E_SUCCESS', 'u_int16_t', 'int32', '#1029404']) {
      assert.ok(isMachineToken(t), t);
    }
    for (const t of ['Jennifer', 'jsmith42', 'maria.gonzalez@contoso.com', '+49 30 2758 4410', 'O\'Brien', '@jsmith', 'Jane=Doe', '@Jennifer:']) assert.ok(!isMachineToken(t), t);
  });

  test('the token around a guess ignores a bracket the guess starts on', () => {
    const text = 'Unpacking publicsuffix (20230209.2326-1) ...';
    const start = text.indexOf('(');
    assert.equal(enclosingToken(text, start, start + 14).value, '20230209.2326-1');
  });
});

describe('keys in data files', () => {
  const json = '{\n  "name": "left-pad",\n  "license": "MIT",\n  "author": {\n    "name": "Jane Roe",\n    "email": "x"\n  },\n  "keywords": [\n    "pad"\n  ]\n}\n';

  test('each line\'s key; a name under author is a person\'s; list items take their list\'s key', () => {
    const spans = keyedLines(json);
    const at = (needle: string) => spans.find((s) => json.slice(s.valueStart, s.valueEnd).includes(needle));
    assert.equal(at('"left-pad"')?.key, 'name');
    assert.equal(at('"Jane Roe"')?.key, 'name-of-person');
    assert.equal(at('"pad"')?.key, 'keywords');
    const lic = at('"MIT"')!;
    assert.equal(keyVerdict(lic, lic.valueStart + 1, lic.valueStart + 4, 'MIT'), 'not-personal');
    assert.equal(keyVerdict(lic, lic.keyStart, lic.keyEnd, ''), 'key');
  });

  test('software keys and keys drop guesses, personal keys raise them, a package "name" is not a person', () => {
    const kind = { path: '/r/package.json' };
    const text = '{\n  "name": "chai",\n  "version": "Jennifer 4.1",\n  "dev": true,\n  "author": "Jane Roe",\n  "description": "Jane Roe wrote it"\n}\n';
    const findings: Finding[] = [
      findingAt(text, 'chai', 'FIRSTNAME'),
      findingAt(text, 'Jennifer', 'FIRSTNAME'),
      findingAt(text, 'dev', 'FIRSTNAME'),
      findingAt(text, 'Jane', 'FIRSTNAME', 0.62),
      findingAt(text, 'Jane', 'FIRSTNAME', 0.62, text.indexOf('description')),
      findingAt(text, 'Roe', 'LASTNAME', 0.6, text.indexOf('description')),
    ];
    const out = refineForFile(text, findings, kind);
    assert.deepEqual(out.map((f) => [text.slice(f.start, f.end), f.score]), [['Jane', 0.77], ['Jane', 0.62], ['Roe', 0.6]]);
    assert.match(out[0]!.evidence.rule ?? '', /"author" key/);
  });

  test('one-line XML elements: the element names the value (a font family is no person; an author is)', () => {
    const text = '<fontconfig>\n  <alias>\n    <family>Bitstream Vera Serif</family>\n    <author>Jane Roe</author>\n  </alias>\n</fontconfig>\n';
    const spans = keyedLines(text);
    assert.deepEqual(spans.map((s) => [s.key, text.slice(s.valueStart, s.valueEnd)]), [['family', 'Bitstream Vera Serif'], ['author', 'Jane Roe']]);
    assert.deepEqual(kept(text, { path: '/etc/fonts/conf.d/58-vera.conf' }, [['Vera', 'FIRSTNAME'], ['Jane', 'FIRSTNAME'], ['family', 'FIRSTNAME']]), ['Jane']);
  });

  test('roff: a guess starting on a font escape\'s letter or on a request is markup; a name after the escape stays', () => {
    const text = '.SH SYNOPSIS\n\\f5gcloud compute\\fR\n.RE\n.SH AUTHOR\n\\fBJane Roe\\fR wrote it\n';
    assert.deepEqual(kept(text, { path: 'man/gcloud.1' }, [['f5gcloud', 'PASSWORD'], ['RE', 'COMPANYNAME'], ['Jane', 'FIRSTNAME'], ['Roe', 'LASTNAME']]), ['Jane', 'Roe']);
  });

  test('code: a word the file uses as code is a symbol (Promise), an ALL-CAPS phrase a name for something; man pages: ALL-CAPS placeholders', () => {
    const js = '// Returns a Promise of the Element for Ada Lovelace\nconst p = new Promise((r) => r(Element.prototype));\n';
    assert.deepEqual(kept(js, { path: 'a.js', languageId: 'javascript' }, [['Promise', 'FIRSTNAME'], ['Element', 'USERNAME'], ['Ada', 'FIRSTNAME'], ['Lovelace', 'LASTNAME']]), ['Ada', 'Lovelace']);
    const py = "# CYRILLIC HARD SIGN, then Ada Lovelace\nNAMES = {'x': 1}\n";
    assert.deepEqual(kept(py, { path: 'u.py', languageId: 'python' }, [['HARD SIGN', 'COMPANYNAME'], ['Ada', 'FIRSTNAME'], ['Lovelace', 'LASTNAME']]), ['Ada', 'Lovelace']);
    const man = '.TP\n\\fB\\-\\-billing\\-account\\fR=\\fIACCOUNT\\fR, ask Jane Roe\n';
    assert.deepEqual(kept(man, { path: 'gcloud_billing.1' }, [['ACCOUNT', 'ACCOUNTNAME'], ['Jane', 'FIRSTNAME'], ['Roe', 'LASTNAME']]), ['Jane', 'Roe']);
    assert.deepEqual(kept(man, { path: 'notes.txt' }, [['ACCOUNT', 'ACCOUNTNAME'], ['Jane', 'FIRSTNAME']]), ['ACCOUNT', 'Jane']);
  });

  test('a licence notice in a header comment: its organisation and address go, a copyright holder\'s name and a person stay', () => {
    const text = [
      '#!/bin/sh',
      '# Copyright (C) 2004 Jane Roe',
      '# You should have received a copy of the GNU General Public License',
      '# along with this program; if not, write to the Free Software',
      '# Foundation, Inc., 59 Temple Place, Suite 330, Boston, MA 02111-1307 USA',
      '',
      '# Ask Maria Lopez at 12 Main Street, Boston before changing this.',
      '',
    ].join('\n');
    const specs: Array<[string, string]> = [['Free Software', 'COMPANYNAME'], ['Temple Place', 'STREET'], ['Boston', 'CITY'], ['Jane', 'FIRSTNAME'], ['Roe', 'LASTNAME']];
    assert.deepEqual(kept(text, { path: 'run.sh', languageId: 'shellscript' }, specs), ['Jane', 'Roe']);
    const later = text.lastIndexOf('Boston');
    const f = refineForFile(text, [findingAt(text, 'Main Street', 'STREET'), findingAt(text, 'Boston', 'CITY', 0.9, later)], { path: 'run.sh', languageId: 'shellscript' });
    assert.equal(f.length, 2, 'the address of a sentence below the notice stays');
  });

  test('a lower-case person name under a personal key stays', () => {
    const text = 'customer:\n  first_name: jane\n  city: lyon\n';
    assert.deepEqual(kept(text, { path: 'c.yaml' }, [['jane', 'FIRSTNAME'], ['lyon', 'CITY']]), ['jane', 'lyon']);
  });
});

describe('file flavours', () => {
  test('flavours by name and language', () => {
    assert.equal(fileFlavour({ path: '/var/log/dpkg.log' }), 'log');
    assert.equal(fileFlavour({ path: 'x/term.log.1' }), 'log');
    assert.equal(fileFlavour({ path: 'a/.env.example' }), 'data');
    assert.equal(fileFlavour({ path: 'a/ci.yml' }), 'data');
    assert.equal(fileFlavour({ path: 'a/LICENSE' }), 'licence');
    assert.equal(fileFlavour({ path: 'a/b.ts' }), 'code');
    assert.equal(fileFlavour({ path: 'a/notes.md' }), 'text');
  });

  test('a Debian changelog trailer: the weekday and the zone go, the maintainer stays', () => {
    const text = ' -- Craig Small <csmall@debian.org>  Mon, 19 Dec 2022 17:06:38 +1100\n';
    assert.deepEqual(kept(text, { path: 'debian/changelog' }, [['Craig', 'FIRSTNAME'], ['Small', 'LASTNAME'], ['Mon', 'FIRSTNAME'], ['+1100', 'PHONENUMBER']]), ['Craig', 'Small']);
  });

  test('dpkg log lines: packages, versions and architectures are the machine\'s; a name in a log stays', () => {
    const text = '2024-03-01 10:22:13 status installed libsasl2-2:amd64 2.1.28+dfsg-10\nupdate-alternatives: link group vim\nlogin by Jennifer Alvarez\n';
    assert.deepEqual(
      kept(text, { path: '/var/log/dpkg.log' }, [['libsasl2', 'USERNAME'], ['amd64', 'PASSWORD'], ['2.1.28', 'PHONENUMBER'], ['group', 'COMPANYNAME'], ['Jennifer', 'FIRSTNAME'], ['Alvarez', 'LASTNAME']]),
      ['Jennifer', 'Alvarez'],
    );
  });

  test('code: ALL-CAPS and lower-case words and calls go, a capitalised name in a comment stays', () => {
    const text = '# EOF marker; see malloc(3) and cppcheck\n# Ask Jennifer Alvarez first\n';
    assert.deepEqual(kept(text, { path: 'a.py' }, [['EOF', 'FIRSTNAME'], ['malloc', 'COMPANYNAME'], ['cppcheck', 'STREET'], ['Jennifer', 'FIRSTNAME'], ['Alvarez', 'LASTNAME']]), ['Jennifer', 'Alvarez']);
  });

  test('licence texts: addresses and organisations outside copyright lines go, names stay; the same words elsewhere stay', () => {
    const text = 'Copyright (c) 2015 Sindre Sorhus, Oslo\n\nPermission is hereby granted, free of charge, to Guido and the Free Software Foundation, Boston\n';
    const specs: Array<[string, string]> = [['Sindre', 'FIRSTNAME'], ['Sorhus', 'LASTNAME'], ['Guido', 'FIRSTNAME'], ['Free Software Foundation', 'COMPANYNAME'], ['Boston', 'CITY']];
    // (Guido alone goes by the technical-file rule: a licence names people in full.)
    assert.deepEqual(kept(text, { path: 'LICENSE' }, specs), ['Sindre', 'Sorhus']);
    assert.deepEqual(kept(text.replace('Permission is hereby granted', 'Thanks'), { path: 'notes.md' }, specs), ['Sindre', 'Sorhus', 'Guido', 'Free Software Foundation', 'Boston']);
  });

  test('recognizer findings are only touched as examples', () => {
    const text = 'version: maria.gonzalez@contoso.com\n';
    const f = { ...findingAt(text, 'maria.gonzalez@contoso.com', 'EMAIL'), evidence: { recognizer: true, validator: 'e-mail' } };
    assert.equal(refineForFile(text, [f], { path: 'a.yaml' }).length, 1);
  });

  test('flavours: a project\'s docs by name or folder; other Markdown is prose', () => {
    for (const p of ['README.md', 'pkg/readme.markdown', 'CONTRIBUTING.md', 'SECURITY.md', 'docs/api.md', 'doc/guide/intro.rst', 'README']) assert.equal(fileFlavour({ path: p }), 'docs', p);
    for (const p of ['notes.md', 'meeting/2026-12-01.md', 'docs/photo.png']) assert.notEqual(fileFlavour({ path: p }), 'docs', p);
  });

  test('flavours: changelogs by name, a script without an extension by its #! line', () => {
    assert.equal(fileFlavour({ path: 'debian/changelog' }), 'changelog');
    assert.equal(fileFlavour({ path: 'x/changelog.Debian' }), 'changelog');
    assert.equal(fileFlavour({ path: 'NEWS' }), 'changelog');
    assert.equal(fileFlavour({ path: 'bin/make-ssl-cert' }, '#!/bin/bash\necho hi\n'), 'code');
    assert.equal(fileFlavour({ path: 'bin/make-ssl-cert' }, 'echo hi\n'), 'text');
  });
});

describe('technical files: names in full, places with addresses, companies by key, unnamed values', () => {
  test('a name alone (a font, a chip, a first name) goes; a full name, "Lefevre, Vincent" and Dr. Roe stay; prose keeps the name alone', () => {
    const text = '# The Bitstream Vera fonts; add Maxim MAX6639\n# Ask Jennifer Alvarez, or Lefevre, Vincent, or Dr. Roe\n';
    const specs: Array<[string, string]> = [['Vera', 'FIRSTNAME'], ['Maxim', 'FIRSTNAME'], ['Jennifer', 'FIRSTNAME'], ['Alvarez', 'LASTNAME'], ['Lefevre', 'LASTNAME'], ['Vincent', 'FIRSTNAME'], ['Dr.', 'PREFIX'], ['Roe', 'LASTNAME']];
    assert.deepEqual(kept(text, { path: 'a.py' }, specs), ['Jennifer', 'Alvarez', 'Lefevre', 'Vincent', 'Dr.', 'Roe']);
    assert.deepEqual(kept(text, { path: 'notes.txt' }, specs).length, specs.length);
  });

  test('companies go unless keyed; a city goes without an address, stays with one; a house number needs its street', () => {
    const yaml = 'teams:\n  - Boston Red Sox\n  - Chicago Cubs\n  - Detroit Tigers\nbuild: debhelper 6\nversion: 2\nbill-to:\n  address: 458 Walkman Dr., Royal Oak\n  employer: Acme Corp\n';
    const specs: Array<[string, string]> = [['Boston', 'CITY'], ['Red Sox', 'COMPANYNAME'], ['458', 'BUILDINGNUMBER'], ['Walkman Dr', 'STREET'], ['Royal Oak', 'CITY'], ['Acme Corp', 'COMPANYNAME'], ['6', 'BUILDINGNUMBER']];
    assert.deepEqual(kept(yaml, { path: 'x.yaml' }, specs), ['458', 'Walkman Dr', 'Royal Oak', 'Acme Corp']);
  });

  test('a password, a user name or a birth year with nothing naming it goes; named, it stays', () => {
    const text = '# build X509 with LZ4; Debconf failed in 2002\n# password: hunter22 for user JDoe42, born 1962\n';
    const specs: Array<[string, string]> = [['X509', 'PASSWORD'], ['LZ4', 'PASSWORD'], ['Debconf', 'USERNAME'], ['2002', 'DOB'], ['hunter22', 'PASSWORD'], ['JDoe42', 'USERNAME'], ['1962', 'DOB']];
    assert.deepEqual(kept(text, { path: 'b.sh', languageId: 'shellscript' }, specs), ['hunter22', 'JDoe42', '1962']);
  });

  test('a number written the national way needs a phone word; an international one does not; a letter alone is nobody', () => {
    const text = '* 3 973 193 d/m; <Buffer 02 00 00 00 00>; escalate to +49 30 2758 4410\n* Fix the property (JDK-8272157, 914278); A to B; call 0301234567\n';
    const recognized = (value: string): Finding => ({ ...findingAt(text, value, 'PHONENUMBER'), evidence: { recognizer: true, validator: 'libphonenumber ✓ (national, DE guessed)' } });
    const f = [findingAt(text, '914278', 'PHONENUMBER'), findingAt(text, 'B', 'FIRSTNAME'), recognized('0301234567'), recognized('973 193'), recognized('02 00 00 00 00'), recognized('+49 30 2758 4410')];
    assert.deepEqual(refineForFile(text, f, { path: 'debian/changelog' }).map((x) => text.slice(x.start, x.end)), ['0301234567', '+49 30 2758 4410']);
    assert.deepEqual(kept(text, { path: 'notes.txt' }, [['914278', 'PHONENUMBER'], ['B', 'FIRSTNAME']]), ['914278']);
  });
});

describe('addresses technical files hold as machines', () => {
  const recognized = (text: string, value: string, label: string, from = 0): Finding => ({ ...findingAt(text, value, label, 0.9, from), evidence: { recognizer: true, validator: 'format' } });

  test('private and documentation ranges go in configs, a public address stays; prose keeps both', () => {
    const text = '#publish-dns-servers=192.168.50.1, 10.1.2.3, 172.20.0.9, 203.0.113.7\nupstream=81.2.69.160\n';
    const f = ['192.168.50.1', '10.1.2.3', '172.20.0.9', '203.0.113.7', '81.2.69.160'].map((v) => recognized(text, v, 'IPV4'));
    assert.deepEqual(refineForFile(text, f, { path: 'avahi-daemon.conf' }).map((x) => text.slice(x.start, x.end)), ['81.2.69.160']);
    assert.equal(refineForFile(text, f, { path: 'notes.txt' }).length, 5);
  });

  test('a test file\'s addresses are fixtures; its e-mail is not', () => {
    const text = "t.equal(parse('//129.144.52.38').host, '129.144.52.38')\n// mail maria.gonzalez@contoso.com\n";
    const f = [recognized(text, '129.144.52.38', 'IPV4'), recognized(text, 'maria.gonzalez@contoso.com', 'EMAIL')];
    for (const path of ['test/parse.test.js', 'pkg/__tests__/uri.js', 'spec/fixtures/a.json']) {
      assert.deepEqual(refineForFile(text, f, { path }).map((x) => x.label), ['EMAIL'], path);
    }
    assert.equal(refineForFile(text, f, { path: 'src/parse.js' }).length, 2);
  });

  test('a changelog entry\'s [category] label is no person; Debian\'s [ Name ] line is', () => {
    const text = '- [Dev Deps] update `tape`\n  [ Cyril Brulebois ]\n';
    assert.deepEqual(kept(text, { path: 'CHANGELOG' }, [['Dev', 'FIRSTNAME'], ['Deps', 'LASTNAME'], ['Cyril', 'FIRSTNAME'], ['Brulebois', 'LASTNAME']]), ['Cyril', 'Brulebois']);
  });

  test('a changelog\'s dotted quads are versions unless the line speaks of networks', () => {
    const text = '  * Require libXext 1.0.99.4\n  * Version bump: 1.0.99.2\n  * Fix the DNS server 81.2.69.160 lookup\n';
    const f = ['1.0.99.4', '1.0.99.2', '81.2.69.160'].map((v) => recognized(text, v, 'IPV4'));
    assert.deepEqual(refineForFile(text, f, { path: 'debian/changelog' }).map((x) => text.slice(x.start, x.end)), ['81.2.69.160']);
  });

  test('lower-case phrases and dotted words are a program\'s; a column of numbers is no address; "Pass -c4" names no password', () => {
    const sh = '#!/bin/sh\nciphers="arcfour blowfish cast5 des aes rfc2268"\n# use python3-lazr.uri\n';
    assert.deepEqual(kept(sh, { path: 'libgcrypt-config' }, [['arcfour blowfish cast5 des', 'STREET'], ['rfc2268', 'ZIPCODE'], ['lazr.uri', 'STREET']]), []);
    const conf = '#vacuum_freeze_table_age = 150000000\n#vacuum_freeze_min_age = 50000000\n';
    assert.deepEqual(kept(conf, { path: 'postgresql.conf' }, [['150000000', 'ZIPCODE'], ['50000000', 'ZIPCODE']]), []);
    const log = '  * Pass -c4 to dpkg-gensymbols, so that we notice\n';
    assert.deepEqual(kept(log, { path: 'debian/changelog' }, [['dpkg-gensymbols', 'PASSWORD']]), []);
  });
});

describe('examples in technical files', () => {
  const recognized = (text: string, value: string, label: string, from = 0): Finding => ({ ...findingAt(text, value, label, 0.9, from), evidence: { recognizer: true, validator: 'format' } });

  test('after "e.g." / "For example" to the sentence\'s end, also on the next line; the same value elsewhere in the file too', () => {
    const text = '// The code comes from the number,\n// e.g. the French number "+33 1 42 68 53 00".\n// For example, this is set when parsing the\n// number "01 42 68 53 00" in France.\n// Call +33 1 42 68 53 00 or +49 30 2758 4410 at night.\n';
    const f = [recognized(text, '+33 1 42 68 53 00', 'PHONENUMBER'), recognized(text, '01 42 68 53 00', 'PHONENUMBER', text.indexOf('number "01')), recognized(text, '+33 1 42 68 53 00', 'PHONENUMBER', text.indexOf('Call')), recognized(text, '+49 30 2758 4410', 'PHONENUMBER')];
    const out = refineForFile(text, f, { path: 'parse.js', languageId: 'javascript' });
    assert.deepEqual(out.map((x) => text.slice(x.start, x.end)), ['+49 30 2758 4410']);
    assert.equal(refineForFile(text, f, { path: 'notes.txt' }).length, 4, 'prose is not read for examples');
  });

  test('a JSDoc @example: its string literals are examples, a comment written inside the block is not', () => {
    const text = "/**\n * @example\n * // Call +49 30 2758 4410 if it breaks.\n * parse('+12133734253', 'US')\n * @param n a number\n */\nparse('+12133734253')\n";
    const f = [recognized(text, '+49 30 2758 4410', 'PHONENUMBER'), recognized(text, '+12133734253', 'PHONENUMBER'), recognized(text, '+12133734253', 'PHONENUMBER', text.indexOf('*/'))];
    assert.deepEqual(refineForFile(text, f, { path: 'parse.ts' }).map((x) => text.slice(x.start, x.end)), ['+49 30 2758 4410']);
  });

  test('code fences: their string literals in a project\'s docs and in code comments; a note inside, and an e-mail anywhere, stay', () => {
    const md = "# Use\n\n```js\nparse('8 (800) 555-35-35', 'RU')\n// call +49 30 2758 4410 if it breaks\n```\n\nWrite to maria.gonzalez@contoso.com, e.g. maria.gonzalez@contoso.com\n";
    const f = [recognized(md, '8 (800) 555-35-35', 'PHONENUMBER'), recognized(md, '+49 30 2758 4410', 'PHONENUMBER'), recognized(md, 'maria.gonzalez@contoso.com', 'EMAIL'), recognized(md, 'maria.gonzalez@contoso.com', 'EMAIL', md.indexOf('e.g.'))];
    const values = (path: string) => refineForFile(md, f, { path }).map((x) => md.slice(x.start, x.end));
    assert.deepEqual(values('README.md'), ['+49 30 2758 4410', 'maria.gonzalez@contoso.com', 'maria.gonzalez@contoso.com']);
    assert.deepEqual(values('docs/guide/parsing.md'), values('README.md'));
    assert.equal(values('notes/meeting.md').length, 4, 'other Markdown is prose: its fences are read as they are');
    const js = "// Examples:\n//\n// ```js\n// parse('+7 800 555 35 35')\n// ```\nrun('+7 800 555 35 35')\n";
    const g = [recognized(js, '+7 800 555 35 35', 'PHONENUMBER'), recognized(js, '+7 800 555 35 35', 'PHONENUMBER', js.indexOf('run'))];
    assert.deepEqual(refineForFile(js, g, { path: 'parse.js' }), []);
  });

  test('a man page\'s EXAMPLES section and a prompt\'s command with its continuation lines; a checksum value is never an example', () => {
    const man = '.SH "EXAMPLES"\nTo reserve 162.222.181.198 run:\n.SH "FLAGS"\n$ gcloud create \\e\n  \\-\\-addresses 162.222.181.197 \\e\n  \\-\\-region us\n.RE\nwill reserve 162.222.181.197 and 162.222.181.198, not 8.8.4.4; card 4539 1488 0343 6467\n';
    const f = [
      recognized(man, '162.222.181.198', 'IPV4'),
      recognized(man, '162.222.181.197', 'IPV4'),
      recognized(man, '162.222.181.197', 'IPV4', man.indexOf('will')),
      recognized(man, '162.222.181.198', 'IPV4', man.indexOf('will')),
      recognized(man, '8.8.4.4', 'IPV4'),
      recognized(man, '4539 1488 0343 6467', 'CREDITCARDNUMBER'),
    ];
    assert.deepEqual(refineForFile(man, f, { path: 'gcloud_create.1' }).map((x) => man.slice(x.start, x.end)), ['8.8.4.4', '4539 1488 0343 6467']);
  });
});
