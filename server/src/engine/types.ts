/** Shared shapes of the detection engine. UTF-16 offsets (JavaScript string indices) everywhere. */

/** A raw detection: what `pii-lint detect --jsonl` prints. */
export interface Entity {
  start: number;
  end: number;
  /** ai4privacy pii-masking-200k class, e.g. EMAIL, FIRSTNAME, CREDITCARDNUMBER. */
  label: string;
  /** Confidence in [0, 1]. */
  score: number;
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
