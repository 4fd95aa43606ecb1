/**
 * The same editor suite under desktop VS Code, downloaded by @vscode/test-electron — for machines
 * that can reach update.code.visualstudio.com (this project's CI cannot: it uses runCodeServer).
 *
 *   node dist/test/e2e/runElectron.js [--version stable|1.100.3]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';

const root = resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { version: { type: 'string' } } });
  const tmp = mkdtempSync(join(tmpdir(), 'pii-lint-e2e-electron-'));
  const workspace = join(tmp, 'workspace');
  cpSync(join(root, 'test', 'e2e', 'fixtures', 'workspace'), workspace, { recursive: true });
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: workspace, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'PII Lint e2e');
  git('config', 'user.email', 'e2e@pii-lint.invalid');
  git('add', '-A');
  git('commit', '-q', '-m', 'fixtures', '--no-verify');
  try {
    const code = await runTests({
      version: values.version ?? '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'dist', 'test', 'e2e', 'index.js'),
      launchArgs: [workspace, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { PII_LINT_E2E_SCREENSHOTS: '0' },
    });
    process.exitCode = code;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
