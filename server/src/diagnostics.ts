/**
 * When documents are scanned. Typing must never wait for the model, and no stale result may be
 * shown:
 *
 * - each document's scan is debounced (a burst of edits costs one scan, of the last version);
 * - one scan runs at a time (the model shares the machine with the editor), others queue;
 * - a newer edit, or closing the document, aborts its scan in flight (AbortController: the engine
 *   stops between windows);
 * - a result is published only if the document is still open at the version that was scanned
 *   (`isStale`), so the last published diagnostics always belong to the current text;
 * - a long scan reports its progress, and may publish the diagnostics of the document's first
 *   lines (what is on screen) before it finishes; the full result replaces them.
 *
 * The last result of every open document is kept for code actions, hovers and commands.
 */
import { schemeOf, SCM_INPUT_SCHEME } from './documentKind';
import type { SeverityCounts } from '../../common/protocol';
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicyFinding } from './engine/policy/policy';
import { describeError, isAbortError, type Logger } from './log';

export const DEBOUNCE_MS = 150;

export interface ScanResult {
  findings: PolicyFinding[];
  diagnostics: Diagnostic[];
}

/** How far a scan has come; `diagnostics`, when present, are to be shown until the scan finishes. */
export interface ScanProgress {
  /** 0..1 */
  fraction: number;
  diagnostics?: Diagnostic[];
}

export interface SchedulerHost {
  getDocument(uri: string): TextDocument | undefined;
  /** Scans one document version; rejects with an AbortError when `signal` fires. */
  scan(doc: TextDocument, signal: AbortSignal, progress: (p: ScanProgress) => void): Promise<ScanResult>;
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  /** The queue went from idle to busy or back. */
  busyChanged(busy: boolean): void;
  /** A scan of `uri` has come this far (0..1); null: it ended (finished, cancelled or failed). */
  progress?(uri: string, fraction: number | null): void;
}

export interface DocumentResult extends ScanResult {
  version: number;
}

interface InFlight {
  uri: string;
  version: number;
  controller: AbortController;
}

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queue: string[] = [];
  private current: InFlight | null = null;
  private readonly results = new Map<string, DocumentResult>();
  private busy = false;
  private disposed = false;

  constructor(
    private readonly host: SchedulerHost,
    private readonly log: Logger,
    private readonly debounceMs = DEBOUNCE_MS,
  ) {}

  /** Scans the document after `delayMs` (default: the debounce), superseding any pending or running scan of it. */
  schedule(uri: string, delayMs = this.debounceMs): void {
    if (this.disposed) return;
    this.cancel(uri);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      this.enqueue(uri);
    }, delayMs);
    this.timers.set(uri, timer);
  }

  /** The document changed but won't be rescanned now (run on save): stop work on the old text. */
  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    const i = this.queue.indexOf(uri);
    if (i >= 0) this.queue.splice(i, 1);
    if (this.current?.uri === uri) this.current.controller.abort();
  }

  /** The document is gone: stop its scan, forget its result and clear its diagnostics. */
  close(uri: string): void {
    this.cancel(uri);
    this.results.delete(uri);
    this.host.publish(uri, undefined, []);
    this.updateBusy();
  }

  /** Publishes an empty result now (disabled, ignored, too large) and drops any scan of the document. */
  clear(uri: string, version: number): void {
    this.cancel(uri);
    this.results.set(uri, { version, findings: [], diagnostics: [] });
    this.host.publish(uri, version, []);
    this.updateBusy();
  }

  /** Every open document again (settings or policy changed). */
  scheduleAll(uris: Iterable<string>, delayMs = 0): void {
    for (const uri of uris) this.schedule(uri, delayMs);
  }

  /** The last result for exactly this version of the document, if any. */
  resultFor(doc: TextDocument): DocumentResult | undefined {
    const r = this.results.get(doc.uri);
    return r && r.version === doc.version ? r : undefined;
  }

  /**
   * Findings reported across open documents, by severity, as Problems lists them: the Source
   * Control input box's squiggles are not among its entries.
   */
  addSeverityCounts(counts: SeverityCounts): void {
    for (const [uri, r] of this.results) {
      if (schemeOf(uri) === SCM_INPUT_SCHEME) continue;
      for (const f of r.findings) counts[f.severity]++;
    }
  }

  /** Findings reported across open documents (notices such as a size cap are not findings). */
  get totalFindings(): number {
    let n = 0;
    for (const r of this.results.values()) n += r.findings.length;
    return n;
  }

  /** Documents waiting for a scan (timers and queue), for tests and the bench: never more than the open documents. */
  get pendingCount(): number {
    return this.timers.size + this.queue.length;
  }

  get isBusy(): boolean {
    return this.busy;
  }

  isStale(uri: string, version: number): boolean {
    return this.host.getDocument(uri)?.version !== version;
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.queue.length = 0;
    this.current?.controller.abort();
  }

  private enqueue(uri: string): void {
    if (!this.queue.includes(uri)) this.queue.push(uri);
    this.updateBusy();
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.current || this.disposed) return;
    const uri = this.queue.shift();
    if (uri === undefined) {
      this.updateBusy();
      return;
    }
    const doc = this.host.getDocument(uri);
    if (!doc) {
      void this.pump();
      return;
    }
    const job: InFlight = { uri, version: doc.version, controller: new AbortController() };
    this.current = job;
    const current = (): boolean => !job.controller.signal.aborted && !this.isStale(uri, job.version);
    try {
      const result = await this.host.scan(doc, job.controller.signal, (p) => {
        if (!current()) return;
        if (p.diagnostics) this.host.publish(uri, job.version, p.diagnostics);
        this.host.progress?.(uri, p.fraction);
      });
      if (current()) {
        this.results.set(uri, { ...result, version: job.version });
        this.host.publish(uri, job.version, result.diagnostics);
      }
    } catch (e) {
      if (!isAbortError(e) && !job.controller.signal.aborted) {
        this.log.error(`scan failed\n${describeError(e)}`);
      }
    } finally {
      this.host.progress?.(uri, null);
      this.current = null;
      // A scan aborted by the document's closing leaves nothing behind; one superseded by an
      // edit has already been rescheduled.
      this.updateBusy();
      void this.pump();
    }
  }

  private updateBusy(): void {
    const busy = this.current !== null || this.queue.length > 0;
    if (busy !== this.busy) {
      this.busy = busy;
      this.host.busyChanged(busy);
    }
  }
}
