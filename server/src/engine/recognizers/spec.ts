/** The shape of a registry recognizer (registry.ts runs them; health.ts, nationalIds.ts… list them). */

export interface RecognizerSpec {
  /** Stable name, e.g. "uk-nhs"; the `kind` of a NATIONALID finding. */
  id: string;
  label: string;
  /** Scheme carried on the finding (NATIONALID's country scheme). */
  kind?: string;
  /** What users read: "UK NHS number". */
  title: string;
  /** Candidates: global, bounded, linear; word boundaries are the pattern's job. */
  pattern: RegExp;
  /** Separators dropped and case folded before the check. */
  compact?: (value: string) => string;
  /** The issuer's check (check digit, letter, date, ranges); absent for format-only schemes. */
  validate?: (compact: string) => boolean;
  /** What the check is, for the evidence and the README: "mod 11 ✓". */
  check: string;
  context: {
    words: readonly string[];
    /** Without one of the words nearby the value is not reported. */
    required: boolean;
    /** A layout specific enough to need no context even when `required` (AHV's 756.xxxx.xxxx.xx). */
    standalone?: RegExp;
  };
  /** Score with a context word, and without one (where context is not required). */
  score: { context: number; alone: number };
  /** Published example/test values (compact): reported at 0.3, like other documentation values. */
  examples?: readonly string[];
}

/** Digits and letters only, upper case. */
export const alnumOnly = (v: string): string => v.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
