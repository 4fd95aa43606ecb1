/**
 * The built CLI (dist/cli.js) as a user and git run it: a child process, real git repositories in
 * temp folders, the real model. PII_LINT_TEST_MODEL=<dir> runs the suite against another model
 * folder (passed as --model).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { BUILTIN_MODEL, buildCli, CLI, gitEnv, MODEL_ARGS, MODEL_DIR, ROOT } from './helpers/cli';
import { PII_CLASSES } from '../../server/src/engine/labels';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');

/** Values in the fixtures and examples: none may ever appear in anything the CLI prints. */
const SECRET_VALUES = [
  'maria.gonzalez@contoso.com',
  '4539 1488 0343 6467',
  'DE44 5001 0517 5407 3249 31',
  'jon.whitaker@fabrikam.com',
  'aisha.khan@adventure-works.com',
  'helen.park@fabrikam.com',
  'rob.sanders@contoso.com',
];

const TEXT_LINE = /^(.+):(\d+):(\d+): ([A-Z0-9_]+) (\d{1,3})% (error|warning|info|hint): (.+)$/;

const temps: string[] = [];
let home: string;

function tempDir(prefix = 'pii-lint-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Child processes see a clean git identity and no user/system git config. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return gitEnv(home, extra);
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { cwd?: string; input?: string | Buffer; model?: boolean } = {}): Run {
  const withModel = opts.model ?? true;
  const r = spawnSync(process.execPath, [CLI, ...args, ...(withModel ? MODEL_ARGS : [])], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: childEnv(),
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const run = { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  assertNoPlaintext(run);
  return run;
}

function assertNoPlaintext(run: Run): void {
  for (const v of SECRET_VALUES) {
    assert.ok(!run.stdout.includes(v) && !run.stderr.includes(v), 'CLI output must not contain a detected value');
  }
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

function gitRun(cwd: string, ...args: string[]): Run {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: childEnv(), timeout: 180_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function newRepo(): string {
  const dir = tempDir('pii-lint-repo-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'commit.gpgsign', 'false');
  return dir;
}

/** Everything a scan must leave alone: index entries, status, HEAD and the bytes of every file. */
function snapshot(repo: string): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name === '.git') continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(`${relative(repo, p)}\0`).update(readFileSync(p));
    }
  };
  walk(repo);
  if (!existsSync(join(repo, '.git'))) return h.digest('hex');
  const headRun = gitRun(repo, 'rev-parse', '--verify', '-q', 'HEAD');
  return [git(repo, 'status', '--porcelain=v1', '-z', '--untracked-files=all'), git(repo, 'ls-files', '-s', '-z'), headRun.stdout, h.digest('hex')].join('|');
}

function parseText(stdout: string): Array<{ path: string; line: number; column: number; label: string; severity: string }> {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const m = TEXT_LINE.exec(l);
      assert.ok(m, `text output line has the problem-matcher shape: ${l}`);
      return { path: m[1] as string, line: Number(m[2]), column: Number(m[3]), label: m[4] as string, severity: m[6] as string };
    });
}

interface JsonFinding {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  start: number;
  end: number;
  label: string;
  score: number;
  severity: string;
  message: string;
}

interface JsonReport {
  version: number;
  summary: { filesScanned: number; findings: number };
  findings: JsonFinding[];
  notices: Array<{ path: string; kind: string; message: string }>;
}

function json(run: Run): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}

/** The text a finding's line/column range covers, read back from the file. */
function spanText(file: string, f: JsonFinding): string {
  const lines = readFileSync(file, 'utf8').split(/\r\n|\n|\r/);
  assert.equal(f.line, f.endLine, 'single-line fixture values');
  return (lines[f.line - 1] ?? '').slice(f.column - 1, f.endColumn - 1);
}

/** The SARIF 2.1.0 shape code-scanning uploads need (checked in development against the OASIS schema). */
/** SARIF 2.1.0's JSON schema (test/fixtures/sarif/README.md says where it comes from). */
const validateSarif = ((): ((doc: unknown) => string) => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  // unicodeRegExp off: the schema's language pattern ("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$") is not a valid /u regex.
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (doc) => (validate(doc) ? '' : ajv.errorsText(validate.errors, { separator: '; ' }));
})();

function assertSarif(doc: unknown, expectResults: boolean): void {
  assert.equal(validateSarif(doc), '', 'valid against the SARIF 2.1.0 schema');
  const log = doc as {
    version: string;
    $schema: string;
    runs: Array<{
      tool: { driver: { name: string; rules: Array<{ id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }> } };
      columnKind: string;
      results: Array<{
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }>;
      }>;
      originalUriBaseIds: Record<string, { uri: string }>;
    }>;
  };
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const run = log.runs[0]!;
  assert.equal(run.tool.driver.name, 'pii-lint');
  const ids = run.tool.driver.rules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'one rule per class');
  for (const c of PII_CLASSES) assert.ok(ids.includes(c), `rule for ${c}`);
  for (const r of run.tool.driver.rules) {
    assert.ok(r.shortDescription.text.length > 0);
    assert.ok(['error', 'warning', 'note', 'none'].includes(r.defaultConfiguration.level));
  }
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.match(run.originalUriBaseIds['%SRCROOT%']!.uri, /^file:\/\/.*\/$/);
  if (expectResults) assert.ok(run.results.length > 0);
  for (const r of run.results) {
    assert.equal(ids[r.ruleIndex], r.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(r.level));
    assert.match(r.message.text, /^Possible .+ \(confidence \d+%\)\.$/);
    const loc = r.locations[0]!.physicalLocation;
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.ok(!loc.artifactLocation.uri.startsWith('/') && !loc.artifactLocation.uri.includes('\\'));
    assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    assert.ok(loc.region.endLine > loc.region.startLine || loc.region.endColumn > loc.region.startColumn);
  }
}

function modelDirForCopies(): string {
  return MODEL_DIR ?? BUILTIN_MODEL;
}

before(async () => {
  await buildCli();
  home = tempDir('pii-lint-home-');
});

after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe('command line', () => {
  test('--version and --help', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const v = cli(['--version'], { model: false });
    assert.equal(v.code, 0);
    assert.equal(v.stdout.trim(), pkg.version);
    const h = cli(['--help'], { model: false });
    assert.equal(h.code, 0);
    assert.match(h.stdout, /pii-lint scan --staged/);
    for (const cmd of ['scan', 'detect', 'redact', 'restore', 'install-hook']) {
      const r = cli([cmd, '--help'], { model: false });
      assert.equal(r.code, 0, cmd);
      assert.match(r.stdout, /^Usage: pii-lint /);
    }
  });

  test('usage errors exit 2 with a pointer to --help', () => {
    for (const args of [['frobnicate'], ['scan', '--nope'], ['scan', '--format', 'xml'], ['scan', '--fail-on', 'loud'], ['scan', '--staged', 'x.txt'], ['detect'], ['scan', '--max-file-size', 'big']]) {
      const r = cli(args, { model: false });
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /--help/);
      assert.equal(r.stdout, '');
    }
    const missing = cli(['scan', 'no/such/file.txt']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or directory: no\/such\/file\.txt/);
  });
});

describe('scan files', () => {
  test('examples/: text format, one problem-matcher line per finding, exit 1, no plaintext', () => {
    const r = cli(['scan', 'examples/']);
    assert.equal(r.code, 1, r.stderr);
    const findings = parseText(r.stdout);
    assert.ok(findings.some((f) => f.path === join('examples', 'support-ticket.md') && f.label === 'EMAIL' && f.line === 3));
    assert.ok(findings.some((f) => f.path === join('examples', 'customers.csv') && f.label === 'EMAIL'));
    assert.ok(findings.some((f) => f.path === join('examples', 'signup.ts') && f.label === 'EMAIL' && f.line === 22));
    // Identifiers in code are not scanned: nothing on the interface lines of signup.ts.
    assert.ok(!findings.some((f) => f.path.endsWith('signup.ts') && f.line >= 4 && f.line <= 9));
    assert.match(r.stderr, /\d+ findings? .* in 3 files; 3 files scanned/);
  });

  test('json: positions read back to the detected value', () => {
    const r = cli(['scan', '--format', 'json', 'examples/support-ticket.md']);
    assert.equal(r.code, 1, r.stderr);
    const report = json(r);
    assert.equal(report.version, 1);
    assert.equal(report.summary.filesScanned, 1);
    const email = report.findings.find((f) => f.label === 'EMAIL');
    assert.ok(email);
    assert.equal(spanText(join(ROOT, 'examples', 'support-ticket.md'), email), 'maria.gonzalez@contoso.com');
    const card = report.findings.find((f) => f.label === 'CREDITCARDNUMBER');
    assert.ok(card);
    assert.equal(spanText(join(ROOT, 'examples', 'support-ticket.md'), card), '4539 1488 0343 6467');
    for (const f of report.findings) assert.ok(f.score >= 0 && f.score <= 1 && f.message.startsWith('possible '));
  });

  test('sarif: valid 2.1.0 shape, one rule per class, root-relative locations', () => {
    const r = cli(['scan', '--format', 'sarif', 'examples/']);
    assert.equal(r.code, 1, r.stderr);
    assertSarif(JSON.parse(r.stdout), true);
    const out = join(tempDir(), 'report.sarif');
    const w = cli(['scan', '--format', 'sarif', '-o', out, 'examples/customers.csv']);
    assert.equal(w.code, 1);
    assert.equal(w.stdout, '');
    assertSarif(JSON.parse(readFileSync(out, 'utf8')), true);
    // The schema check is live: a log without its tool, or with a made-up level, fails it.
    const broken = JSON.parse(r.stdout) as { runs: Array<{ tool?: unknown; results: Array<{ level: string }> }> };
    const noTool = structuredClone(broken);
    delete noTool.runs[0]!.tool;
    assert.match(validateSarif(noTool), /tool/);
    const badLevel = structuredClone(broken);
    badLevel.runs[0]!.results[0]!.level = 'severe';
    assert.notEqual(validateSarif(badLevel), '');
  });

  test('a clean file exits 0 with no output; --fail-on decides the exit status', () => {
    const clean = cli(['scan', join(FIXTURES, 'clean.md')]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.equal(clean.stdout, '');
    assert.match(clean.stderr, /no personal data found \(1 file scanned\)/);
    const errorOnly = cli(['scan', '--fail-on', 'error', join(FIXTURES, 'contact.txt')]);
    assert.equal(errorOnly.code, 0);
    assert.ok(parseText(errorOnly.stdout).length > 0, 'warnings are still reported');
    assert.equal(cli(['scan', '--fail-on', 'never', join(FIXTURES, 'contact.txt')]).code, 0);
    assert.equal(cli(['scan', join(FIXTURES, 'contact.txt')]).code, 1);
  });

  test('.piilintrc.json, .piilintignore and inline suppressions apply', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.git'));
    const contact = readFileSync(join(FIXTURES, 'contact.txt'), 'utf8');
    writeFileSync(join(dir, 'a.txt'), contact);
    mkdirSync(join(dir, 'fixtures'));
    writeFileSync(join(dir, 'fixtures', 'b.txt'), contact);
    writeFileSync(join(dir, 'c.txt'), `note: helen.park@fabrikam.com (pii-lint-disable-line EMAIL)\n`);
    writeFileSync(join(dir, '.piilintignore'), 'fixtures/\n');
    const before = json(cli(['scan', '--format', 'json', '.'], { cwd: dir }));
    assert.ok(before.findings.some((f) => f.path === 'a.txt' && f.label === 'EMAIL'));
    assert.ok(!before.findings.some((f) => f.path.startsWith('fixtures')), '.piilintignore');
    assert.ok(!before.findings.some((f) => f.path === 'c.txt' && f.label === 'EMAIL'), 'inline suppression');
    writeFileSync(join(dir, '.piilintrc.json'), JSON.stringify({ classes: { EMAIL: 'off' } }));
    const after = json(cli(['scan', '--format', 'json', '.'], { cwd: dir }));
    assert.ok(!after.findings.some((f) => f.label === 'EMAIL'), 'class turned off');
    writeFileSync(join(dir, '.piilintrc.json'), JSON.stringify({ classes: { EMAIL: 'error' } }));
    const loud = json(cli(['scan', '--format', 'json', 'a.txt'], { cwd: dir }));
    assert.equal(loud.findings.find((f) => f.label === 'EMAIL')?.severity, 'error');
    writeFileSync(join(dir, '.piilintrc.json'), '{"allowlist": ["helen.park@fabrikam.com"]}');
    const bad = cli(['scan', 'a.txt'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /allowlist\[0\]/);
  });
});

describe('bad input', () => {
  test('empty and binary files: scanned or skipped with a notice, never an error', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'image.bin'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), Buffer.from(' rob.sanders@contoso.com ')]));
    const snap = snapshot(dir);
    const r = cli(['scan', '--format', 'json', '.'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const report = json(r);
    assert.equal(report.findings.length, 0);
    assert.equal(report.summary.filesScanned, 1, 'the empty file');
    assert.deepEqual(report.notices.map((n) => [n.path, n.kind]).sort(), [['image.bin', 'binary']]);
    assert.match(r.stderr, /image\.bin: skipped: binary file/);
    assert.equal(snapshot(dir), snap);
  });

  test('a 20 MB file: the model scans up to the size cap, the recognizers all of it, with a notice', () => {
    const dir = tempDir();
    const filler = 'The deployment finished without errors and the cache was warmed up again.\n';
    const head = 'Owner: rob.sanders@contoso.com\n';
    const tail = 'Escalate to helen.park@fabrikam.com\n';
    const repeats = Math.ceil((20 * 1024 * 1024) / filler.length);
    const big = head + filler.repeat(repeats) + tail;
    writeFileSync(join(dir, 'big.log'), big);
    const r = cli(['scan', '--format', 'json', 'big.log'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /big\.log: 20\.\d MB exceeds --max-file-size 2\.0 MB: the model scanned the first 2\.0 MB/);
    const report = json(r);
    assert.deepEqual(report.notices.map((n) => n.kind), ['truncated']);
    const emails = report.findings.filter((f) => f.label === 'EMAIL');
    assert.deepEqual(emails.map((f) => f.line), [1, repeats + 2], 'the email past the cap is found by the recognizers');
    const small = cli(['scan', '--max-file-size', '64KB', '--format', 'json', 'big.log'], { cwd: dir });
    assert.match(small.stderr, /the model scanned the first 64\.0 KB/);
  });

  test('missing or corrupt model: exit 2 naming the file, nothing scanned or modified', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), readFileSync(join(FIXTURES, 'contact.txt')));
    const snap = snapshot(dir);

    const missing = cli(['scan', 'a.txt', '--model', join(dir, 'no-model')], { cwd: dir, model: false });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /model folder not found: .*no-model/);
    assert.equal(missing.stdout, '');

    const src = modelDirForCopies();
    const copy = (name: string): string => {
      const target = join(dir, name);
      mkdirSync(target);
      for (const f of readdirSync(src)) if (statSync(join(src, f)).isFile()) copyFileSync(join(src, f), join(target, f));
      return target;
    };
    const badConfig = copy('bad-config');
    writeFileSync(join(badConfig, 'config.json'), '{ "id2label": ');
    const r1 = cli(['scan', 'a.txt', '--model', badConfig], { cwd: dir, model: false });
    assert.equal(r1.code, 2);
    assert.match(r1.stderr, /config\.json/);

    const badOnnx = copy('bad-onnx');
    const onnx = readdirSync(badOnnx).find((f) => f.endsWith('.onnx'));
    assert.ok(onnx, 'model folder has an .onnx file');
    writeFileSync(join(badOnnx, onnx), Buffer.from('this is not an onnx protobuf'));
    const r2 = cli(['scan', 'a.txt', '--model', badOnnx], { cwd: dir, model: false });
    assert.equal(r2.code, 2);
    assert.ok(r2.stderr.includes(onnx), `names ${onnx}: ${r2.stderr}`);
    assert.match(r2.stderr, /^pii-lint: error: cannot load the model/m);

    const noOnnx = copy('no-onnx');
    rmSync(join(noOnnx, onnx));
    const r3 = cli(['scan', 'a.txt', '--model', noOnnx], { cwd: dir, model: false });
    assert.equal(r3.code, 2);
    assert.match(r3.stderr, /ONNX/);

    rmSync(badConfig, { recursive: true });
    rmSync(badOnnx, { recursive: true });
    rmSync(noOnnx, { recursive: true });
    assert.equal(snapshot(dir), snap);
  });
});

describe('scan --staged', () => {
  test('reports only lines the commit adds, from the index; never touches index or work tree', () => {
    const repo = newRepo();
    writeFileSync(join(repo, 'notes.txt'), 'Contact rob.sanders@contoso.com for access.\n');
    git(repo, 'add', 'notes.txt');
    git(repo, 'commit', '-q', '--no-verify', '-m', 'initial');

    // A clean line added under an existing email: nothing new to report.
    writeFileSync(join(repo, 'notes.txt'), 'Contact rob.sanders@contoso.com for access.\nThe release is on Friday.\n');
    git(repo, 'add', 'notes.txt');
    let snap = snapshot(repo);
    const clean = cli(['scan', '--staged'], { cwd: repo });
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.equal(snapshot(repo), snap);

    // An email added on line 3 and staged, then removed from the work tree only: the index counts.
    writeFileSync(join(repo, 'notes.txt'), 'Contact rob.sanders@contoso.com for access.\nThe release is on Friday.\nAsk helen.park@fabrikam.com too.\n');
    git(repo, 'add', 'notes.txt');
    writeFileSync(join(repo, 'notes.txt'), 'Contact rob.sanders@contoso.com for access.\nThe release is on Friday.\n');
    snap = snapshot(repo);
    const dirty = cli(['scan', '--staged', '--format', 'json'], { cwd: repo });
    assert.equal(dirty.code, 1, dirty.stderr);
    const emails = json(dirty).findings.filter((f) => f.label === 'EMAIL');
    assert.deepEqual(emails.map((f) => [f.path, f.line]), [['notes.txt', 3]]);
    assert.match(dirty.stderr, /^PII Lint blocked this commit: notes\.txt line 3 adds an email address/);
    assert.equal(snapshot(repo), snap);

    // From a subfolder, paths are shown relative to it; SARIF stays root-relative.
    mkdirSync(join(repo, 'sub'));
    const sub = cli(['scan', '--staged'], { cwd: join(repo, 'sub') });
    assert.equal(parseText(sub.stdout)[0]?.path, join('..', 'notes.txt'));
    const sarif = JSON.parse(cli(['scan', '--staged', '--format', 'sarif'], { cwd: join(repo, 'sub') }).stdout) as {
      runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
    assertSarif(sarif, true);
    assert.equal(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, 'notes.txt');

    // Staged clean, work tree dirty: the work tree is not what gets committed.
    git(repo, 'reset', '-q', 'notes.txt');
    git(repo, 'add', 'notes.txt');
    writeFileSync(join(repo, 'notes.txt'), 'Contact rob.sanders@contoso.com for access.\nThe release is on Friday.\nhelen.park@fabrikam.com\n');
    snap = snapshot(repo);
    assert.equal(cli(['scan', '--staged'], { cwd: repo }).code, 0);
    assert.equal(snapshot(repo), snap);
  });

  test('renames, new files, binaries, deletions and an empty index', () => {
    const repo = newRepo();
    assert.equal(cli(['scan', '--staged'], { cwd: repo }).code, 0, 'nothing staged, no HEAD');
    writeFileSync(join(repo, 'a.txt'), 'Contact rob.sanders@contoso.com for access.\nline two\nline three\n');
    writeFileSync(join(repo, 'gone.txt'), 'helen.park@fabrikam.com\n');
    git(repo, 'add', '.');
    const first = cli(['scan', '--staged', '--format', 'json'], { cwd: repo });
    assert.equal(first.code, 1, 'a new file is all added lines');
    assert.deepEqual(json(first).findings.filter((f) => f.label === 'EMAIL').map((f) => f.path).sort(), ['a.txt', 'gone.txt']);
    git(repo, 'commit', '-q', '--no-verify', '-m', 'initial');

    git(repo, 'mv', 'a.txt', 'b.txt');
    git(repo, 'rm', '-q', 'gone.txt');
    writeFileSync(join(repo, 'b.txt'), 'Contact rob.sanders@contoso.com for access.\nline two\nline three\nline four\n');
    writeFileSync(join(repo, 'blob.bin'), Buffer.from([0, 1, 2, 3, 0x41, 0]));
    git(repo, 'add', '.');
    const snap = snapshot(repo);
    const r = cli(['scan', '--staged', '--format', 'json'], { cwd: repo });
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(json(r).notices.map((n) => [n.path, n.kind]), [['blob.bin', 'binary']]);
    assert.equal(snapshot(repo), snap);
  });

  test('outside a git repository: exit 2', () => {
    const r = cli(['scan', '--staged'], { cwd: tempDir() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not inside a git work tree/);
  });
});

describe('scan --commit-msg', () => {
  test('git comment lines and the diff below the scissors line are not the message', () => {
    const dir = tempDir();
    const msg = join(dir, 'COMMIT_EDITMSG');
    writeFileSync(msg, 'Fix the login redirect\n\n# Author: helen.park@fabrikam.com\n# ------------------------ >8 ------------------------\n+rob.sanders@contoso.com\n');
    assert.equal(cli(['scan', '--commit-msg', msg], { cwd: dir }).code, 0);
    writeFileSync(msg, 'Fix the login redirect\n\nReported by helen.park@fabrikam.com\n');
    const r = cli(['scan', '--commit-msg', msg, '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.deepEqual(json(r).findings.filter((f) => f.label === 'EMAIL').map((f) => f.line), [3]);
    assert.equal(cli(['scan', '--commit-msg', join(dir, 'nope')], { cwd: dir }).code, 2);
  });
});

describe('identifier kinds', () => {
  test('NATIONALID carries its kind in detect --jsonl, JSON and SARIF, and the message names the scheme', () => {
    const text = 'NHS number: 401 023 2137';
    const d = cli(['detect', '--jsonl'], { input: `${JSON.stringify({ id: 1, text })}\n` });
    assert.equal(d.code, 0, d.stderr);
    const entity = (JSON.parse(d.stdout) as { entities: Array<{ label: string; kind?: string }> }).entities.find((e) => e.label === 'NATIONALID');
    assert.equal(entity?.kind, 'uk-nhs');
    const dir = tempDir();
    writeFileSync(join(dir, 'patient.md'), `${text}\n`);
    const report = json(cli(['scan', '--format', 'json', 'patient.md'], { cwd: dir })) as unknown as { findings: Array<{ label: string; kind?: string; message: string }> };
    const f = report.findings.find((x) => x.label === 'NATIONALID');
    assert.equal(f?.kind, 'uk-nhs');
    assert.match(f?.message ?? '', /^possible UK NHS number/);
    const sarif = JSON.parse(cli(['scan', '--format', 'sarif', 'patient.md'], { cwd: dir }).stdout) as { runs: Array<{ results: Array<{ ruleId: string; properties?: { kind?: string }; message: { text: string } }> }> };
    const r = sarif.runs[0]!.results.find((x) => x.ruleId === 'NATIONALID');
    assert.equal(r?.properties?.kind, 'uk-nhs');
    assert.match(r?.message.text ?? '', /UK NHS number/);
    assert.ok(!d.stdout.includes('401 023 2137') && !JSON.stringify(report).includes('401 023 2137'), 'the value is never printed');
  });
});

describe('team patterns', () => {
  test('a .piilintrc.json pattern is found by scan and blocks a commit; a catastrophic one exits 2 naming file and pattern', () => {
    const repo = newRepo();
    const rc = { patterns: [{ label: 'EMPLOYEEID', regex: 'EMP-\\d{6}', context: ['employee'], score: 0.8 }] };
    writeFileSync(join(repo, '.piilintrc.json'), JSON.stringify(rc));
    writeFileSync(join(repo, 'staff.md'), 'Badge for employee EMP-482913 is ready.\n');
    const scan = json(cli(['scan', '--format', 'json', 'staff.md'], { cwd: repo }));
    const f = scan.findings.find((x) => x.label === 'EMPLOYEEID');
    assert.ok(f, 'found by scan');
    assert.equal(f.line, 1);
    assert.ok(!JSON.stringify(scan).includes('EMP-482913'), 'the value is never printed');

    assert.equal(cli(['install-hook'], { cwd: repo }).code, 0);
    git(repo, 'add', '.piilintrc.json', 'staff.md');
    const blocked = gitRun(repo, 'commit', '-q', '-m', 'Add staff');
    assert.notEqual(blocked.code, 0);
    assert.match(blocked.stderr, /PII Lint blocked this commit/);

    writeFileSync(join(repo, '.piilintrc.json'), JSON.stringify({ patterns: [{ label: 'SLOW', regex: '(a+)+$' }] }));
    const bad = cli(['scan', 'staff.md'], { cwd: repo });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\.piilintrc\.json: "patterns\[0\]" \(SLOW\): regex .* can backtrack catastrophically/);
  });
});

describe('install-hook', () => {
  test('pre-commit and commit-msg hooks block personal data and let clean commits through', () => {
    const repo = newRepo();
    const inst = cli(['install-hook'], { cwd: repo });
    assert.equal(inst.code, 0, inst.stderr);
    for (const hook of ['pre-commit', 'commit-msg']) {
      const p = join(repo, '.git', 'hooks', hook);
      assert.ok(statSync(p).mode & 0o100, `${hook} is executable`);
      assert.match(readFileSync(p, 'utf8'), /pii-lint-managed-hook/);
    }
    assert.equal(cli(['install-hook'], { cwd: repo }).code, 0, 'reinstalling our own hooks is fine');

    writeFileSync(join(repo, 'README.md'), '# Project\n\nBuild with make.\n');
    git(repo, 'add', 'README.md');
    const ok = gitRun(repo, 'commit', '-q', '-m', 'Add readme');
    assert.equal(ok.code, 0, ok.stderr);

    writeFileSync(join(repo, 'contacts.md'), 'Escalations go to helen.park@fabrikam.com.\n');
    git(repo, 'add', 'contacts.md');
    const headBefore = git(repo, 'rev-parse', 'HEAD');
    const blocked = gitRun(repo, 'commit', '-q', '-m', 'Add contacts');
    assert.notEqual(blocked.code, 0);
    assert.match(blocked.stderr, /^PII Lint blocked this commit/);
    assert.ok(!blocked.stderr.includes('helen.park@fabrikam.com'));
    assert.equal(git(repo, 'rev-parse', 'HEAD'), headBefore);
    git(repo, 'rm', '-q', '--cached', 'contacts.md');
    rmSync(join(repo, 'contacts.md'));

    writeFileSync(join(repo, 'CHANGELOG.md'), '## 0.1.0\n\nFirst release.\n');
    git(repo, 'add', 'CHANGELOG.md');
    const badMsg = gitRun(repo, 'commit', '-q', '-m', 'Changelog\n\nThanks to rob.sanders@contoso.com');
    assert.notEqual(badMsg.code, 0);
    assert.match(badMsg.stderr, /^PII Lint blocked this commit: the message contains/);
    assert.equal(git(repo, 'rev-parse', 'HEAD'), headBefore);

    const good = gitRun(repo, 'commit', '-q', '-m', 'Add changelog');
    assert.equal(good.code, 0, good.stderr);
    assert.notEqual(git(repo, 'rev-parse', 'HEAD'), headBefore);
  });

  test('a foreign hook is refused without --force, chained with it', () => {
    const repo = newRepo();
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    mkdirSync(join(repo, '.git', 'hooks'), { recursive: true });
    const foreign = '#!/bin/sh\necho ran > "$(git rev-parse --git-dir)/foreign-ran"\n';
    writeFileSync(hook, foreign);
    chmodSync(hook, 0o755);
    const refused = cli(['install-hook'], { cwd: repo });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /not written by pii-lint; nothing changed.*--force/);
    assert.equal(readFileSync(hook, 'utf8'), foreign);
    assert.ok(!existsSync(join(repo, '.git', 'hooks', 'commit-msg')), 'all or nothing');

    const forced = cli(['install-hook', '--force'], { cwd: repo });
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(readFileSync(`${hook}.pre-pii-lint`, 'utf8'), foreign);

    writeFileSync(join(repo, 'x.md'), 'Ping helen.park@fabrikam.com\n');
    git(repo, 'add', 'x.md');
    const blocked = gitRun(repo, 'commit', '-q', '-m', 'x');
    assert.notEqual(blocked.code, 0);
    assert.ok(existsSync(join(repo, '.git', 'foreign-ran')), 'the old hook ran first');
    assert.equal(gitRun(repo, 'rev-parse', '--verify', '-q', 'HEAD').code, 1, 'no commit');
  });
});

describe('detect --jsonl', () => {
  test('one line out per line in, in order, UTF-16 offsets', () => {
    const inputs = [
      { id: 1, text: 'Write to helen.park@fabrikam.com today.' },
      { id: 'b', text: '😀 Ünïcödé first, then rob.sanders@contoso.com' },
      { id: null, text: '' },
      { id: { nested: true }, text: 'The build is green.' },
    ];
    const lines = inputs.map((i) => JSON.stringify(i)).join('\n') + '\n\n';
    const r = cli(['detect', '--jsonl'], { input: lines });
    assert.equal(r.code, 0, r.stderr);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; entities: Array<{ start: number; end: number; label: string; score: number }> });
    assert.deepEqual(out.map((o) => o.id), inputs.map((i) => i.id));
    for (const [k, o] of out.entries()) {
      for (const e of o.entities) {
        assert.ok(e.start >= 0 && e.end > e.start && e.end <= inputs[k]!.text.length);
        assert.ok(e.score >= 0 && e.score <= 1);
      }
    }
    const email = (k: number): string | undefined => {
      const e = out[k]!.entities.find((x) => x.label === 'EMAIL');
      return e && inputs[k]!.text.slice(e.start, e.end);
    };
    assert.equal(email(0), 'helen.park@fabrikam.com');
    assert.equal(email(1), 'rob.sanders@contoso.com');
    assert.deepEqual(out[2]!.entities, []);

    const strict = cli(['detect', '--jsonl', '--min-score', '1'], { input: lines });
    const strictOut = strict.stdout.trim().split('\n').map((l) => JSON.parse(l) as { entities: Array<{ score: number }> });
    assert.ok(strictOut.every((o) => o.entities.every((e) => e.score >= 1)));
  });

  test('streams: each answer comes before the next question is asked', async () => {
    const child = spawn(process.execPath, [CLI, 'detect', '--jsonl', ...MODEL_ARGS], { cwd: ROOT, env: childEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const rl = createInterface({ input: child.stdout });
    const answers = rl[Symbol.asyncIterator]();
    const ask = async (id: number, text: string): Promise<{ id: number; entities: unknown[] }> => {
      child.stdin.write(`${JSON.stringify({ id, text })}\n`);
      const next = await answers.next();
      assert.ok(!next.done, 'an answer arrives while stdin is still open');
      return JSON.parse(next.value as string) as { id: number; entities: unknown[] };
    };
    assert.equal((await ask(1, 'Write to helen.park@fabrikam.com')).id, 1);
    assert.equal((await ask(2, 'The build is green.')).id, 2);
    child.stdin.end();
    const code = await new Promise<number | null>((r) => child.on('close', r));
    assert.equal(code, 0);
  });

  test('many lines keep their order; bad lines yield an error line and exit 2 without echoing input', () => {
    const many = Array.from({ length: 150 }, (_, i) => JSON.stringify({ id: i, text: i % 3 === 0 ? `mail helen.park@fabrikam.com #${i}` : `plain line ${i}` })).join('\n');
    const r = cli(['detect', '--jsonl', '--batch-size', '7'], { input: many });
    assert.equal(r.code, 0, r.stderr);
    const ids = r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id);
    assert.deepEqual(ids, Array.from({ length: 150 }, (_, i) => i));

    const bad = cli(['detect', '--jsonl'], { input: '{"id":1,"text":"ok"}\nrob.sanders@contoso.com is not json\n{"id":3}\n' });
    assert.equal(bad.code, 2);
    const out = bad.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; error?: string; entities?: unknown[] });
    assert.equal(out.length, 3);
    assert.equal(out[0]!.id, 1);
    assert.ok(Array.isArray(out[0]!.entities));
    assert.equal(out[1]!.error, 'line 2: not valid JSON');
    assert.equal(out[2]!.id, 3);
    assert.match(out[2]!.error ?? '', /"text" must be a string/);

    const empty = cli(['detect', '--jsonl'], { input: '' });
    assert.equal(empty.code, 0);
    assert.equal(empty.stdout, '');
  });
});

describe('redact', () => {
  const input = 'Hi, this is Rob (rob.sanders@contoso.com), card 4539 1488 0343 6467.\r\nSee you.\n';

  test('stdin to stdout, every value replaced, the rest byte for byte', () => {
    const r = cli(['redact'], { input });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes('rob.sanders@contoso.com') && !r.stdout.includes('4539 1488 0343 6467'));
    assert.match(r.stdout, /\[EMAIL\]/);
    assert.match(r.stdout, /\[CREDITCARDNUMBER\]/);
    assert.ok(r.stdout.endsWith('.\r\nSee you.\n'));
    const masked = cli(['redact', '--operator', 'mask'], { input });
    assert.equal(masked.code, 0);
    assert.ok(!masked.stdout.includes('rob.sanders@contoso.com'));
  });

  test('copies the detector misses go too: the same card right after an unspaced IBAN, spaced or dashed', () => {
    // The card scanner reads digits after a digit-bearing token as the rest of a longer number, so
    // the second and third copies are not found there (the built-in model: AMOUNT pieces at most).
    const text = 'Card 4443 6446 3146 5608; IBAN DE54751097486567993482 4443 6446 3146 5608.\nIBAN DE54751097486567993482 4443-6446-3146-5608.\n';
    for (const operator of ['placeholder', 'mask', 'synthetic']) {
      const r = cli(['redact', '--operator', operator], { input: text });
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /4443[ -]?6446[ -]?3146[ -]?5608/, `${operator}: a copy of the card survived`);
      assert.doesNotMatch(r.stdout, /3146/, `${operator}: part of a copy survived`);
    }
  });

  test('synthetic values are reproducible with a seed', () => {
    const a = cli(['redact', '--operator', 'synthetic', '--seed', 'team-seed'], { input });
    const b = cli(['redact', '--operator', 'synthetic', '--seed', 'team-seed'], { input });
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
    assert.ok(!a.stdout.includes('rob.sanders@contoso.com'));
  });

  test('the policy applies; bad operator or non-UTF-8 input exit 2', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.piilintrc.json'), JSON.stringify({ classes: { EMAIL: 'off' } }));
    const kept = spawnSync(process.execPath, [CLI, 'redact', ...MODEL_ARGS], { cwd: dir, input, encoding: 'utf8', env: childEnv() });
    assert.equal(kept.status, 0, kept.stderr);
    assert.ok(kept.stdout.includes('rob.sanders@contoso.com'), 'EMAIL is off in this repository');
    assert.ok(!kept.stdout.includes('4539 1488 0343 6467'));
    assert.equal(cli(['redact', '--operator', 'shred'], { input }).code, 2);
    const latin1 = cli(['redact'], { input: Buffer.from('Caf\xe9\n', 'latin1') });
    assert.equal(latin1.code, 2);
    assert.match(latin1.stderr, /not valid UTF-8/);
  });
});

describe('redact --map / restore: reversible redaction for LLM prompts', () => {
  const prompt = 'Summarise: Rob Sanders (rob.sanders@contoso.com) paid with 4539 1488 0343 6467; write to rob.sanders@contoso.com.\n';
  const values = ['rob.sanders@contoso.com', '4539 1488 0343 6467'];

  /** restore prints the real values on stdout by design; only stderr must stay clean. */
  function restoreRun(args: string[], input: string, cwd = ROOT): Run {
    const r = spawnSync(process.execPath, [CLI, 'restore', ...args], { cwd, input, encoding: 'utf8', env: childEnv(), timeout: 60_000 });
    if (r.error) throw r.error;
    for (const v of SECRET_VALUES) assert.ok(!r.stderr.includes(v), 'stderr must not contain a value');
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  test('placeholders: the map is private and outside the repository, the answer gets its values back', () => {
    const r = cli(['redact', '--map', 'chat-1'], { input: prompt });
    assert.equal(r.code, 0, r.stderr);
    for (const v of values) assert.ok(!r.stdout.includes(v));
    const tokens = [...new Set(r.stdout.match(/\[[A-Z]+_\d+\]/g) ?? [])];
    const email = tokens.find((t) => t.startsWith('[EMAIL_'));
    const card = tokens.find((t) => t.startsWith('[CREDITCARDNUMBER_'));
    assert.ok(email && card, r.stdout);
    assert.equal(r.stdout.split(email).length - 1, 2, 'both copies of the e-mail share one token');

    const mapFile = join(home, '.local', 'state', 'pii-lint', 'maps', 'chat-1.json');
    assert.ok(existsSync(mapFile), 'a bare name lands in the per-user map folder');
    assert.ok(r.stderr.includes(mapFile), 'stderr says where the map is');
    if (process.platform !== 'win32') {
      assert.equal(statSync(mapFile).mode & 0o777, 0o600);
      assert.equal(statSync(dirname(mapFile)).mode & 0o077, 0, 'the map folder is private too');
    }

    const answer = `Card ${card} belongs to the owner of ${email}. Contact: ${email}.`;
    const back = restoreRun(['--map', 'chat-1'], answer);
    assert.equal(back.code, 0, back.stderr);
    assert.equal(back.stdout, 'Card 4539 1488 0343 6467 belongs to the owner of rob.sanders@contoso.com. Contact: rob.sanders@contoso.com.');
    assert.match(back.stderr, /3 tokens restored/);
    // The whole redacted prompt restores to the original.
    assert.equal(restoreRun(['--map', 'chat-1'], r.stdout).stdout, prompt);

    // A second prompt of the conversation: the same value keeps its token.
    const r2 = cli(['redact', '--map', 'chat-1'], { input: 'And cc rob.sanders@contoso.com.\n' });
    assert.equal(r2.code, 0, r2.stderr);
    assert.equal(r2.stdout, `And cc ${email}.\n`);
  });

  test('synthetic pseudonyms round-trip too', () => {
    const mapFile = join(tempDir(), 'maps', 'synthetic.json');
    const r = cli(['redact', '--operator', 'synthetic', '--map', mapFile], { input: prompt });
    assert.equal(r.code, 0, r.stderr);
    for (const v of values) assert.ok(!r.stdout.includes(v));
    const back = restoreRun(['--map', mapFile], r.stdout);
    assert.equal(back.code, 0, back.stderr);
    assert.equal(back.stdout, prompt);
  });

  test('refused before reading input: a map inside a git work tree, a mask, a missing or corrupt map', () => {
    const repo = newRepo();
    const inRepo = spawnSync(process.execPath, [CLI, 'redact', '--map', './prompt-map.json', ...MODEL_ARGS], { cwd: repo, input: prompt, encoding: 'utf8', env: childEnv() });
    assert.equal(inRepo.status, 2);
    assert.match(inRepo.stderr, /inside the git work tree/);
    assert.equal(inRepo.stdout, '');
    assert.ok(!existsSync(join(repo, 'prompt-map.json')));
    // A folder that does not exist yet inside the repository is refused as well.
    assert.equal(spawnSync(process.execPath, [CLI, 'redact', '--map', 'new/dir/m.json', ...MODEL_ARGS], { cwd: repo, input: prompt, env: childEnv() }).status, 2);
    assert.ok(!existsSync(join(repo, 'new')));

    const masked = cli(['redact', '--operator', 'mask', '--map', 'x'], { input: prompt });
    assert.equal(masked.code, 2);
    assert.match(masked.stderr, /cannot be restored/);
    assert.equal(restoreRun([], 'x').code, 2);
    assert.match(restoreRun(['--map', 'no-such-map'], 'x').stderr, /no such map/);

    const corrupt = join(tempDir(), 'corrupt.json');
    writeFileSync(corrupt, '{"entries": [{"token": "t", "value": "rob.sanders@contoso.com"');
    const bad = restoreRun(['--map', corrupt], 'x');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not a readable pii-lint map/);
  });
});

describe('unkeyed allowlists', () => {
  test('scan and the pre-commit hook refuse an allowlist without a salt: exit 2 with the fix, nothing committed', () => {
    const repo = newRepo();
    const unkeyed = JSON.stringify({ allowlist: [`hmac-sha256:${createHash('sha256').update('EMAIL\0helen.park@fabrikam.com').digest('hex')}`] });
    writeFileSync(join(repo, '.piilintrc.json'), unkeyed);
    writeFileSync(join(repo, 'notes.md'), 'Build with make.\n');
    const scan = cli(['scan', 'notes.md'], { cwd: repo });
    assert.equal(scan.code, 2, scan.stderr);
    assert.match(scan.stderr, /\.piilintrc\.json: "allowlist" has 1 entry but no "salt".*Fix: run "pii-lint allow --rekey"/);

    assert.equal(cli(['install-hook'], { cwd: repo }).code, 0);
    git(repo, 'add', 'notes.md', '.piilintrc.json');
    const blocked = gitRun(repo, 'commit', '-q', '-m', 'Add notes');
    assert.notEqual(blocked.code, 0, 'the hook refuses the commit');
    assert.match(blocked.stderr, /no "salt"/);
    assert.equal(gitRun(repo, 'rev-parse', '--verify', '-q', 'HEAD').code, 1, 'no commit');
  });
});
