/**
 * The pii-lint task's findings in Problems, for files no editor has open. Open documents belong to
 * the language server's live diagnostics, so one finding never shows twice: a file's task entries
 * go when it is opened, and all of them when the task runs again.
 */
import { isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import { SOURCE, type SeverityCounts } from '../../../common/protocol';

/** The fields of `pii-lint scan --format json` findings this module reads. */
export interface JsonFinding {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  label: string;
  score: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
}

const SEVERITY: Record<JsonFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function isOpen(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
}

export class TaskProblems implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('pii-lint-task');
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];
  /** Fires whenever the task's problems change. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (!this.collection.has(doc.uri)) return;
        this.collection.delete(doc.uri);
        this.changed.fire();
      }),
    ];
  }

  /** A run starts: the previous run's results go. */
  clear(): void {
    this.collection.clear();
    this.changed.fire();
  }

  /** Publishes one run's findings (paths relative to `cwd`); returns how many files are open and left to the live diagnostics. */
  publish(cwd: string, findings: readonly JsonFinding[]): { published: number; open: number } {
    const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    let open = 0;
    for (const f of findings) {
      const uri = vscode.Uri.file(isAbsolute(f.path) ? f.path : resolve(cwd, f.path));
      if (isOpen(uri)) {
        open++;
        continue;
      }
      const range = new vscode.Range(f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1);
      // The live diagnostics' wording, so the two never read as different findings.
      const d = new vscode.Diagnostic(range, `${f.label} · ${Math.round(f.score * 100)}%`, SEVERITY[f.severity]);
      d.source = SOURCE;
      d.code = f.label;
      const entry = byFile.get(uri.toString()) ?? { uri, diagnostics: [] };
      entry.diagnostics.push(d);
      byFile.set(uri.toString(), entry);
    }
    for (const { uri, diagnostics } of byFile.values()) this.collection.set(uri, diagnostics);
    this.changed.fire();
    return { published: findings.length - open, open };
  }

  /** Problems the task reports now, by severity. */
  counts(): SeverityCounts {
    const counts = { error: 0, warning: 0, info: 0, hint: 0 };
    this.collection.forEach((_uri, diagnostics) => {
      for (const d of diagnostics) {
        if (d.severity === vscode.DiagnosticSeverity.Error) counts.error++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warning++;
        else if (d.severity === vscode.DiagnosticSeverity.Information) counts.info++;
        else counts.hint++;
      }
    });
    return counts;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
    this.collection.dispose();
  }
}
