/**
 * A task type `pii-lint` that scans the staged changes with the bundled CLI, as the pre-commit
 * hook does; the `$pii-lint` problem matcher (package.json) turns its `path:line:column: LABEL
 * 97% severity: message` lines into Problems. Run it from "Tasks: Run Task" or tasks.json:
 *
 *   { "type": "pii-lint", "staged": true, "problemMatcher": ["$pii-lint"] }
 */
import * as vscode from 'vscode';
import { cliPath, NODE_ENV_FOR_CLI } from '../cli';

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
  // --verbose: unlike the hook, the task lists findings below --fail-on too, and says when it is clean.
  return ['scan', ...(staged ? ['--staged', '--verbose'] : ['.']), '--format', 'text', ...(definition.args ?? [])];
}

export class PreCommitTaskProvider implements vscode.TaskProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  provideTasks(): vscode.Task[] {
    return (vscode.workspace.workspaceFolders ?? [])
      .filter((folder) => folder.uri.scheme === 'file')
      .map((folder) => this.createTask(folder, { type: TASK_TYPE, staged: true }));
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const folder = task.scope;
    if (!isDefinition(task.definition) || typeof folder !== 'object' || !('uri' in folder)) return undefined;
    return this.createTask(folder, task.definition, task.problemMatchers);
  }

  createTask(folder: vscode.WorkspaceFolder, definition: PiiLintTaskDefinition, problemMatchers: string[] = [PROBLEM_MATCHER]): vscode.Task {
    const execution = new vscode.ProcessExecution(process.execPath, [cliPath(this.extensionUri), ...scanArguments(definition)], {
      cwd: folder.uri.fsPath,
      env: { ...NODE_ENV_FOR_CLI },
    });
    const name = definition.staged === false ? 'scan folder' : 'scan staged files';
    const task = new vscode.Task(definition, folder, name, TASK_TYPE, execution, problemMatchers.length > 0 ? problemMatchers : [PROBLEM_MATCHER]);
    task.group = vscode.TaskGroup.Test;
    task.detail = `pii-lint ${scanArguments(definition).join(' ')}`;
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true, showReuseMessage: false };
    return task;
  }
}
