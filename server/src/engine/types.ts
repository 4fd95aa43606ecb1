/** Shared shapes of the detection engine. UTF-16 offsets (JavaScript string indices) everywhere. */

/** A raw detection: what `pii-lint detect --jsonl` prints. */
export interface Entity {
  start: number;
  end: number;
  /** ai4privacy pii-masking-200k class, e.g. EMAIL, FIRSTNAME, CREDITCARDNUMBER. */
  label: string;
  /** Confidence in [0, 1]. */
  score: number;
  /** The scheme within the class, from the recognizer that proved it: "uk-nhs", "in-aadhaar" (NATIONALID…). */
  kind?: string;
}

/** Where a detection's confidence comes from; shown in hovers and machine output. */
export interface Evidence {
  /** Model confidence (mean token probability of the entity's label), absent for pure recognizers. */
  model?: number;
  /** Checksum/format validator that confirmed the value, e.g. "Luhn", "IBAN mod-97", "libphonenumber". */
  validator?: string;
  /** Produced by a recognizer (regex + validator) rather than the model. */
  recognizer?: boolean;
  /** Why the value is a documentation/test value (user@example.com, 555-0100): scored down. */
  placeholder?: string;
  /** A rule beyond the model and the validators that added or backs the finding, e.g. "follows a first name". */
  rule?: string;
}

export interface Finding extends Entity {
  evidence: Evidence;
}

/** A finding placed in a file: what `scan` reports. Line and column are 1-based. */
export interface FileFinding extends Finding {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Half-open [start, end) range of a document that should be scanned. */
export interface Region {
  start: number;
  end: number;
}

/* The engine's interface: what createEngine (engine.ts) returns and its parts and layers share. */

export interface EngineOptions {
  /** Model folder (config.json + tokenizer.json + *.onnx). undefined = the built-in model; null = validators only. */
  modelDir?: string | null;
  /** onnxruntime intra-op threads (default 1: an editor shares the machine). */
  threads?: number;
}

export interface DetectOptions {
  /** Only these ranges of the text are scanned (default: all of it). */
  regions?: Region[];
  /** Report every detection with its score, ignoring the model's per-class thresholds (for tuning). */
  allScores?: boolean;
  /** Abandon the work when aborted (a newer edit, a closed document); the promise rejects with AbortError. */
  signal?: AbortSignal;
  /** Called as the scan moves through a long text, start to end (see DetectProgress). */
  onProgress?: (progress: DetectProgress) => void;
}

/** How far a scan has come. Long texts are scanned in chunks, in document order. */
export interface DetectProgress {
  /** The text up to here is scanned; `findings` are final for it. */
  done: number;
  total: number;
  /** Chunks still to be scanned that are not remembered from an earlier scan (0: the rest is quick). */
  pending: number;
  /** Findings so far, in order. Read it during the call; it grows afterwards. */
  findings: readonly Finding[];
}

export interface ModelInfo {
  name: string;
  dir: string;
  /** Entity classes the model can emit. */
  classes: string[];
}

export interface Engine {
  /** null when running validators/recognizers only (no model, or the model failed to load). */
  readonly model: ModelInfo | null;
  /** Raw detections (model + checksum recognizers), no policy applied, sorted by start. */
  detect(text: string, options?: DetectOptions): Promise<Finding[]>;
  /** Detections for many texts; each result is independent of what else was in the batch. */
  detectMany(texts: string[], options?: Omit<DetectOptions, 'regions'>): Promise<Finding[][]>;
  /** Counters since creation: windows run by the model and windows answered from the cache. */
  stats(): EngineStats;
  dispose(): Promise<void>;
}

export interface EngineStats {
  windowsRun: number;
  windowsCached: number;
  /** Chunks of long texts scanned, and reused unchanged from an earlier scan. */
  chunksRun?: number;
  chunksCached?: number;
}
