/**
 * A task type `pii-lint` that scans the staged changes with the bundled CLI, as the pre-commit
 * hook does. Its terminal shows the CLI's lines; its findings go to Problems through TaskProblems,
 * for files that are not open (open ones are the live diagnostics', so nothing shows twice), and
 * they are replaced on every run. Run it from "Tasks: Run Task" or tasks.json:
 *
 *   { "type": "pii-lint", "staged": true }
 *
 * (The `$pii-lint` problem matcher stays for shell tasks that run the CLI themselves.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import { cliPath, NODE_ENV_FOR_CLI } from '../cli';
import type { JsonFinding, TaskProblems } from './taskProblems';

export const TASK_TYPE = 'pii-lint';
export const PROBLEM_MATCHER = '$pii-lint';

export interface PiiLintTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  /** Scan the staged changes (default) or the whole folder. */
  staged?: boolean;
  /** More arguments for `pii-lint scan`, e.g. ["--fail-on", "error"]. */
  args?: string[];
}

function isDefinition(d: vscode.TaskDefinition): d is PiiLintTaskDefinition {
  return d.type === TASK_TYPE && (d.args === undefined || (Array.isArray(d.args) && d.args.every((a) => typeof a === 'string')));
}

export function scanArguments(definition: PiiLintTaskDefinition): string[] {
  const staged = definition.staged !== false;
  // --verbose: unlike the hook, the task lists findings below --fail-on too and says when it is
  // clean. JSON last, so that it wins: the task reads the findings from it.
  return ['scan', ...(staged ? ['--staged', '--verbose'] : ['.']), ...(definition.args ?? []), '--format', 'json'];
}

interface JsonReport {
  findings: Array<JsonFinding & { message: string }>;
}

function parseReport(stdout: string): JsonReport | undefined {
  try {
    const doc = JSON.parse(stdout) as unknown;
    if (typeof doc === 'object' && doc !== null && Array.isArray((doc as JsonReport).findings)) return doc as JsonReport;
  } catch {
    // not JSON: the CLI failed before reporting, and said why on stderr
  }
  return undefined;
}

const crlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');

/** Runs the CLI once, shows its lines, publishes its findings, and closes with its exit status. */
class ScanTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private child: ChildProcess | undefined;

  constructor(
    private readonly cli: string,
    private readonly args: string[],
    private readonly cwd: string,
    private readonly problems: TaskProblems,
  ) {}

  open(): void {
    this.problems.clear();
    this.writeEmitter.fire(crlf(`> pii-lint ${this.args.join(' ')}\n`));
    let stdout = '';
    let stderr = '';
    const child = spawn(process.execPath, [this.cli, ...this.args], { cwd: this.cwd, env: { ...process.env, ...NODE_ENV_FOR_CLI } });
    this.child = child;
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', (e) => this.finish(2, `pii-lint: cannot start the CLI: ${e.message}\n`));
    child.on('close', (code) => {
      const report = parseReport(stdout);
      const lines = stderr.split(/\r?\n/).filter((l) => l !== '');
      // The hook's order: the reason first, the findings, then notices and the summary.
      const reason = lines.filter((l) => l.startsWith('PII Lint blocked'));
      const rest = lines.filter((l) => !l.startsWith('PII Lint blocked'));
      const out = [...reason, ...(report?.findings ?? []).map((f) => `${f.path}:${f.line}:${f.column}: ${f.label} ${Math.round(f.score * 100)}% ${f.severity}: ${f.message}`), ...rest];
      if (report) {
        const { open } = this.problems.publish(this.cwd, report.findings);
        if (open > 0) out.push(`pii-lint: ${open} of these ${open === 1 ? 'is' : 'are'} in open files, shown by the editor's live diagnostics`);
      }
      this.finish(code ?? 2, `${out.join('\n')}\n`);
    });
  }

  private finish(code: number, text: string): void {
    this.writeEmitter.fire(crlf(text));
    this.closeEmitter.fire(code);
  }

  close(): void {
    this.child?.kill();
  }
}

export class PreCommitTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly problems: TaskProblems,
  ) {}

  provideTasks(): vscode.Task[] {
    return (vscode.workspace.workspaceFolders ?? [])
      .filter((folder) => folder.uri.scheme === 'file')
      .map((folder) => this.createTask(folder, { type: TASK_TYPE, staged: true }));
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const folder = task.scope;
    if (!isDefinition(task.definition) || typeof folder !== 'object' || !('uri' in folder)) return undefined;
    return this.createTask(folder, task.definition);
  }

  createTask(folder: vscode.WorkspaceFolder, definition: PiiLintTaskDefinition): vscode.Task {
    const args = scanArguments(definition);
    const execution = new vscode.CustomExecution(() => Promise.resolve(new ScanTerminal(cliPath(this.extensionUri), args, folder.uri.fsPath, this.problems)));
    const name = definition.staged === false ? 'scan folder' : 'scan staged files';
    // No problem matcher: the findings are published by TaskProblems, for closed files only.
    const task = new vscode.Task(definition, folder, name, TASK_TYPE, execution, []);
    task.group = vscode.TaskGroup.Test;
    task.detail = `pii-lint ${args.join(' ')}`;
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true, showReuseMessage: false };
    return task;
  }
}
