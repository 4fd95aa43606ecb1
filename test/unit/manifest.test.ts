/**
 * The extension manifest agrees with the code around it: commands with their registrations, the
 * problem matcher with the CLI's text output, the placeholder grammar with the class list, the
 * trust restrictions with the machine-overridable settings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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
    walkthroughs: Array<{
      id: string;
      title: string;
      steps: Array<{ id: string; title: string; description: string; media: { markdown?: string; image?: string }; completionEvents?: string[] }>;
    }>;
  };
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
  repository?: { type: string; url: string };
  homepage?: string;
  bugs?: { url: string };
  icon?: string;
  galleryBanner?: { color: string; theme: string };
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
  // Activation only where there is something to scan: no window-wide events.
  for (const event of manifest.activationEvents) {
    assert.match(event, /^(onLanguage:[a-z0-9-]+|onTaskType:pii-lint)$/, `${event}: activation only by language or by its task`);
  }
  for (const language of ['git-commit', 'scminput', 'plaintext', 'markdown', 'json', 'yaml', 'typescript', 'python', 'csv', 'log']) {
    assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
  }
  assert.ok(manifest.activationEvents.includes('onTaskType:pii-lint'));
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

test('the Marketplace listing: repository, homepage, issues, banner, a 128×128 PNG icon', () => {
  assert.match(manifest.repository?.url ?? '', /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
  assert.ok(manifest.homepage?.startsWith(manifest.repository?.url.replace(/\.git$/, '') ?? '-'), 'homepage in the repository');
  assert.match(manifest.bugs?.url ?? '', /\/issues$/);
  assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9A-Fa-f]{6}$/);
  assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
  const png = readFileSync(join(root, manifest.icon ?? ''));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
  assert.equal(png.toString('ascii', 12, 16), 'IHDR');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  // vsce builds the bundles itself, so a plain `vsce package` ships current code.
  assert.match(manifest.scripts['vscode:prepublish'] ?? '', /esbuild\.mjs --production/);
});

test('CHANGELOG.md is in Keep a Changelog form, with the manifest version', () => {
  const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
  assert.match(changelog, /^# Changelog\n/);
  assert.match(changelog, /keepachangelog\.com/);
  assert.match(changelog, /^## \[Unreleased\]$/m);
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  assert.match(changelog, new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm'));
  for (const heading of changelog.match(/^### .*$/gm) ?? []) {
    assert.ok(['### Added', '### Changed', '### Deprecated', '### Removed', '### Fixed', '### Security'].includes(heading), heading);
  }
  // Every version heading has its link at the bottom.
  for (const [, v] of changelog.matchAll(/^## \[([^\]]+)\]/gm)) assert.match(changelog, new RegExp(`^\\[${v}\\]: https://`, 'm'), v);
});

test('`vsce ls` (no flags) ships the listing files, one platform of ONNX Runtime, no tests or maps', () => {
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const files = execFileSync(process.execPath, [vsce, 'ls'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
  const walkthroughMedia = manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown ?? s.media.image ?? '-'));
  for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'docs/screenshot.png', manifest.icon ?? '-', ...walkthroughMedia]) {
    assert.ok(files.includes(f), `${f} ships`);
  }
  const native = files.filter((f) => f.startsWith('node_modules/onnxruntime-node/bin/'));
  assert.ok(native.length > 0 && native.every((f) => f.includes('/linux/x64/')), `linux-x64 binaries only: ${native.join(', ')}`);
  for (const f of files) assert.doesNotMatch(f, /(^|\/)test\/|\.map$|^models\/training\/|^docs\/(?!screenshot\.png$)/, f);
});

test('the walkthrough: hooks, Redact Selection, settings; every button is a contributed command, every page exists', () => {
  const [walkthrough, ...others] = manifest.contributes.walkthroughs;
  assert.ok(walkthrough && others.length === 0);
  const ids = new Set(manifest.contributes.commands.map((c) => c.command));
  const buttons = walkthrough.steps.map((step) => [...step.description.matchAll(/\(command:([\w.]+)[^)]*\)/g)].map((m) => m[1]));
  assert.deepEqual(buttons, [['piiLint.installGitHooks'], ['piiLint.openSample', 'piiLint.redactSelection'], ['piiLint.openSettings']]);
  for (const step of walkthrough.steps) {
    for (const event of step.completionEvents ?? []) {
      const command = /^onCommand:(.+)$/.exec(event)?.[1];
      if (command) assert.ok(ids.has(command), `${step.id}: ${event}`);
      else assert.match(event, /^onSettingChanged:piiLint/, `${step.id}: ${event}`);
    }
    const page = step.media.markdown;
    assert.ok(page, `${step.id} has a page`);
    const text = readFileSync(join(root, page), 'utf8');
    assert.match(text, /^# /, `${page} starts with a heading`);
  }
  for (const id of buttons.flat()) assert.ok(ids.has(id ?? ''), `${id} is contributed`);
});
