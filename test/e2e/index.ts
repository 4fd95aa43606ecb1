/**
 * Runs the editor suite inside the extension host: VS Code (desktop, via @vscode/test-electron) or
 * code-server (web workbench, Node extension host) loads this file as `extensionTestsPath` and
 * awaits `run()`. A rejected promise is a failed run.
 *
 * Results go to the console and, when the runner set PII_LINT_E2E_DIR, to `suite.log` there: the
 * web workbench does not forward the extension host's console to the runner.
 */
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type MochaType from 'mocha';

type MochaClass = typeof MochaType;

function loadMocha(): MochaClass {
  // mocha 12 is an ES module whose `default` is the class; older ones export the class itself.
  const loaded = require('mocha') as MochaClass & { default?: MochaClass };
  return loaded.default ?? loaded;
}

function emit(line: string): void {
  console.log(line);
  const dir = process.env.PII_LINT_E2E_DIR;
  if (dir) appendFileSync(join(dir, 'suite.log'), `${line}\n`);
}

/** Spec-like output that also lands in suite.log. */
function createReporter(Mocha: MochaClass): new (runner: MochaType.Runner, options: MochaType.MochaOptions) => MochaType.reporters.Base {
  const { EVENT_SUITE_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;
  return class FileReporter extends Mocha.reporters.Base {
    constructor(runner: MochaType.Runner, options: MochaType.MochaOptions) {
      super(runner, options);
      runner.on(EVENT_SUITE_BEGIN, (suite: MochaType.Suite) => {
        if (suite.title) emit(`\n${suite.title}`);
      });
      runner.on(EVENT_TEST_PASS, (test: MochaType.Test) => emit(`  ✓ ${test.title} (${test.duration ?? 0} ms)`));
      runner.on(EVENT_TEST_PENDING, (test: MochaType.Test) => emit(`  - ${test.title} (skipped)`));
      runner.on(EVENT_TEST_FAIL, (test: MochaType.Test, err: Error) => {
        emit(`  ✗ ${test.title}\n${(err.stack ?? err.message).replace(/^/gm, '      ')}`);
      });
      runner.once(EVENT_RUN_END, () => {
        const s = this.stats;
        emit(`\n${s.passes} passing, ${s.failures} failing, ${s.pending} skipped (${s.duration ?? 0} ms)`);
      });
    }
  };
}

export async function run(): Promise<void> {
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false, reporter: createReporter(Mocha) });
  const suiteDir = join(__dirname, 'suite');
  // The untrusted-workspace suite needs a window of its own (the runner's --untrusted); the rest a trusted one.
  const untrusted = process.env.PII_LINT_E2E_UNTRUSTED === '1';
  const files = readdirSync(suiteDir).filter((f) => f.endsWith('.test.js') && (f === 'untrusted.test.js') === untrusted);
  for (const file of files.sort()) {
    mocha.addFile(join(suiteDir, file));
  }
  const grep = process.env.PII_LINT_E2E_GREP;
  if (grep) mocha.grep(grep);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} editor test${failures === 1 ? '' : 's'} failed`);
}
