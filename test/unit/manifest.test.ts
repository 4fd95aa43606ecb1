/**
 * The extension manifest agrees with the code around it: commands with their registrations, the
 * problem matcher with the CLI's text output, the placeholder grammar with the class list, the
 * trust restrictions with the machine-overridable settings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatText, type ReportedFinding, type ScanReport } from '../../server/src/cli/formatters';
import { PII_CLASSES } from '../../server/src/engine/labels';
import { ALL_COMMANDS } from '../../common/protocol';
import { MACHINE_OVERRIDABLE_SETTINGS } from '../../server/src/settings';

const root = join(__dirname, '..', '..');

interface Pattern {
  regexp: string;
  file: number;
  line: number;
  column: number;
  code?: number;
  severity?: number;
  message: number;
}
interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations?: string[] } };
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    menus: Record<string, Array<{ command: string }>>;
    problemMatchers: Array<{ name: string; owner: string; source?: string; pattern: Pattern }>;
    taskDefinitions: Array<{ type: string }>;
    grammars: Array<{ scopeName: string; path: string; language?: string; injectTo?: string[] }>;
    languages: Array<{ id: string; filenames?: string[]; configuration?: string }>;
  };
  devDependencies: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

function clientSources(dir = join(root, 'client', 'src')): string {
  return readdirSync(dir)
    .map((f) => join(dir, f))
    .map((p) => (statSync(p).isDirectory() ? clientSources(p) : p.endsWith('.ts') ? readFileSync(p, 'utf8') : ''))
    .join('\n');
}

test('every command is in the "PII Lint" category and registered by the client', () => {
  const sources = clientSources();
  for (const { command, category } of manifest.contributes.commands) {
    assert.equal(category, 'PII Lint', command);
    assert.ok(sources.includes(`'${command}'`), `${command} is registered in client/src`);
  }
});

test("client commands don't collide with the server's executeCommand ids", () => {
  // vscode-languageclient registers the server's ids itself; a second registration throws.
  for (const { command } of manifest.contributes.commands) assert.ok(!ALL_COMMANDS.includes(command), command);
});

test('menus name contributed commands', () => {
  const ids = new Set(manifest.contributes.commands.map((c) => c.command));
  for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
    for (const item of items) assert.ok(ids.has(item.command), `${menu}: ${item.command}`);
  }
});

test('entry point, activation and engine', () => {
  assert.equal(manifest.main, './dist/client.js');
  assert.ok(manifest.activationEvents.includes('onLanguage:git-commit'));
  // code-server 4.100.3 (VS Code 1.100.3) runs the editor tests; @types/vscode must not be newer.
  const engine = /^\^1\.(\d+)\.\d+$/.exec(manifest.engines.vscode);
  assert.ok(engine && Number(engine[1]) <= 100, manifest.engines.vscode);
  const types = /(\d+)\.(\d+)/.exec(manifest.devDependencies['@types/vscode'] ?? '');
  assert.ok(types && Number(types[2]) <= Number(engine[1]), '@types/vscode is not newer than engines.vscode');
});

test('machine-overridable settings are restricted in untrusted workspaces', () => {
  const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  for (const key of MACHINE_OVERRIDABLE_SETTINGS) assert.ok(restricted.includes(key), key);
});

function finding(over: Partial<ReportedFinding>): ReportedFinding {
  return {
    label: 'EMAIL',
    score: 0.97,
    start: 0,
    end: 1,
    evidence: { model: 0.97 },
    severity: 'warning',
    path: 'src/users.ts',
    absPath: '/repo/src/users.ts',
    line: 12,
    column: 7,
    ...over,
  } as ReportedFinding;
}

test('the $pii-lint problem matcher parses the CLI text report', () => {
  const matcher = manifest.contributes.problemMatchers.find((m) => m.name === 'pii-lint');
  assert.ok(matcher);
  assert.notEqual(matcher.owner, 'pii-lint', "its own owner: the language server's diagnostics must not overwrite the task's");
  assert.ok(manifest.contributes.taskDefinitions.some((t) => t.type === 'pii-lint'));
  const report = {
    findings: [
      finding({}),
      finding({ label: 'CREDITCARDNUMBER', score: 1, severity: 'error', path: 'docs/a b:c.md', line: 3, column: 1, evidence: { validator: 'Luhn' } }),
      finding({ label: 'IPV4', score: 0.61, severity: 'hint', path: 'x.log', line: 100, column: 42 }),
    ],
  } as unknown as ScanReport;
  const lines = formatText(report).trimEnd().split('\n');
  assert.equal(lines.length, 3);
  const re = new RegExp(matcher.pattern.regexp);
  const expected = [
    ['src/users.ts', '12', '7', 'EMAIL', 'warning'],
    ['docs/a b:c.md', '3', '1', 'CREDITCARDNUMBER', 'error'],
    ['x.log', '100', '42', 'IPV4', 'hint'],
  ];
  lines.forEach((line, i) => {
    const m = re.exec(line);
    assert.ok(m, line);
    const p = matcher.pattern;
    const got = [m[p.file], m[p.line], m[p.column], m[p.code ?? 0], m[p.severity ?? 0]];
    assert.deepEqual(got, expected[i], line);
    assert.ok((m[p.message] ?? '').length > 0, `message of ${line}`);
  });
  // The format from the issue, without a severity, parses too.
  const bare = re.exec('a.txt:1:2: EMAIL 97% possible email address');
  assert.equal(bare?.[matcher.pattern.message], 'possible email address');
});

function grammar(scopeName: string): { injectionSelector?: string; repository: Record<string, { match: string }> } {
  const entry = manifest.contributes.grammars.find((g) => g.scopeName === scopeName);
  assert.ok(entry, scopeName);
  return JSON.parse(readFileSync(join(root, entry.path), 'utf8')) as { injectionSelector?: string; repository: Record<string, { match: string }> };
}

test('the placeholder injection highlights every class and leaves code alone', () => {
  const entry = manifest.contributes.grammars.find((g) => g.path.includes('placeholders.injection'));
  assert.ok(entry?.injectTo && entry.injectTo.length > 20, 'injected into the common languages');
  for (const scope of ['source.ts', 'source.python', 'text.html.markdown', 'text.git-commit', 'source.json']) {
    assert.ok(entry.injectTo.includes(scope), scope);
  }
  const g = grammar(entry.scopeName);
  assert.match(g.injectionSelector ?? '', /^L:/);
  const matches = (rule: string, text: string): string[] => text.match(new RegExp(g.repository[rule]?.match ?? '$^', 'g')) ?? [];
  for (const label of PII_CLASSES) {
    assert.deepEqual(matches('placeholder', `x [${label}] y [${label}_2]`), [`[${label}]`, `[${label}_2]`], label);
  }
  assert.deepEqual(matches('pseudonym', 'Dear ‹FIRSTNAME_1› ‹LASTNAME_1›,'), ['‹FIRSTNAME_1›', '‹LASTNAME_1›']);
  assert.deepEqual(matches('masked-email', 'mail j***@***.com or ***@example.org'), ['j***@***.com', '***@example.org']);
  assert.deepEqual(matches('masked-digits', 'card **** **** **** 4242, ssn ***-**-6789'), ['**** **** **** 4242', '***-**-6789']);
  assert.deepEqual(matches('masked-word', 'J*** D**'), ['J***', 'D**']);
  // Code that only looks similar stays unhighlighted.
  const code = 'const v = items[INDEX] ** 2; /*** banner ***/ a**b; x = **kwargs';
  for (const rule of Object.keys(g.repository)) assert.deepEqual(matches(rule, code), [], rule);
});

test('.piilintignore has a language, a grammar and a comment syntax', () => {
  const lang = manifest.contributes.languages.find((l) => l.id === 'piilintignore');
  assert.deepEqual(lang?.filenames, ['.piilintignore']);
  const config = JSON.parse(readFileSync(join(root, lang?.configuration ?? ''), 'utf8')) as { comments?: { lineComment?: string } };
  assert.equal(config.comments?.lineComment, '#');
  const g = grammar('source.piilintignore');
  assert.ok(g.repository.comment);
});
