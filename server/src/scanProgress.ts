/**
 * The editor's progress indicator for a long scan of an open document: shown once a scan has run
 * for PROGRESS_AFTER_MS (a keystroke's scan never flashes it), with the percentage scanned, and
 * closed when the scan ends. It names the file, never its contents.
 */
import { basename } from 'node:path';
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { fsPathOf } from './documentKind';

export const PROGRESS_AFTER_MS = 500;

interface Active {
  uri: string;
  started: number;
  reporter: Promise<WorkDoneProgressServerReporter> | null;
  percent: number;
}

export class ScanProgressReporter {
  private active: Active | null = null;

  constructor(private readonly connection: Connection) {}

  /** A scan of `uri` has come `fraction` of the way; null: it ended. */
  update(uri: string, fraction: number | null): void {
    if (this.active && (fraction === null || this.active.uri !== uri)) this.end();
    if (fraction === null) return;
    this.active ??= { uri, started: Date.now(), reporter: null, percent: -1 };
    const a = this.active;
    const percent = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    if (!a.reporter) {
      if (Date.now() - a.started < PROGRESS_AFTER_MS || percent >= 90) return;
      const name = basename(fsPathOf(uri) ?? uri);
      a.reporter = this.connection.window.createWorkDoneProgress().then((r) => {
        r.begin('PII Lint', percent, `scanning ${name}`, false);
        return r;
      });
      a.reporter.catch(() => undefined);
      a.percent = percent;
      return;
    }
    if (percent !== a.percent) {
      a.percent = percent;
      void a.reporter.then((r) => r.report(percent)).catch(() => undefined);
    }
  }

  private end(): void {
    const r = this.active?.reporter;
    this.active = null;
    if (r) void r.then((x) => x.done()).catch(() => undefined);
  }
}
