/**
 * The stages of detection, in their one order. A text goes down the list once; each stage reads
 * what the stages above it produced and never calls back into them. The folders are named after
 * the stages and depend on each other in this order only (checked by dependency-cruiser, see
 * .dependency-cruiser.cjs).
 *
 *   1. regions      text/         the ranges to scan: the caller's (comments and strings of code…), else all of it
 *   2. guesses      model/        the model's findings, region by region: tokens, windows, worker, decoding
 *   3. repairs      repairs/      what a small model gets wrong, mended per region (repairs.ts lists them)
 *   4. filters      filters/      guesses that are table literals, code or plain words dropped
 *   5. recognizers  recognizers/  checksum and format recognizers (cards, IBANs, phones, emails…)
 *   6. combine      combine/      validators' verdicts on the guesses, recognizers against guesses,
 *                                 documentation values (user@example.com) scored down; sorted result
 *   7. thresholds   (here)        the model's per-class thresholds, unless `allScores`
 *
 * The repository's policy (severities, suppressions, allowlist: policy/) comes after detection, in
 * scan.ts. Long texts reach this list chunk by chunk (text/chunked.ts).
 */
import { abortError } from './errors';
import { keepPersonalGuesses, type RegionFindings } from './filters/filters';
import type { ModelGuesser, RegionGuesses } from './model/guesses';
import { recognize } from './recognizers/recognizers';
import { repairFindings } from './repairs/repairs';
import { combineFindings } from './combine/combine';
import type { DetectOptions, Finding, Region } from './types';

/** Raw detections of `text`, sorted by start. `model` null: the recognizers alone. */
export async function detectFindings(text: string, options: DetectOptions, model: ModelGuesser | null): Promise<Finding[]> {
  const regions = options.regions ?? [{ start: 0, end: text.length }]; // 1. regions
  const guesses = await guessRegions(text, regions, model, options.signal); // 2. model guesses
  const repaired = model ? guesses.map((g) => repairRegion(g, model)) : []; // 3. repairs
  const norm = (w: string): string => model?.norm(w) ?? w.toLowerCase();
  const kept = keepPersonalGuesses(text, regions, repaired, model?.lexicon ?? null, norm); // 4. filters
  const recognized = recognize(text, options.regions); // 5. recognizers
  const combined = combineFindings(text, kept, recognized); // 6. combine
  return options.allScores ? combined : aboveThresholds(combined, model); // 7. thresholds
}

/** 2. The model's decoded findings of each non-empty region, in order (none without a model). */
async function guessRegions(text: string, regions: readonly Region[], model: ModelGuesser | null, signal?: AbortSignal): Promise<RegionGuesses[]> {
  const out: RegionGuesses[] = [];
  for (const r of regions) {
    if (signal?.aborted) throw abortError();
    if (r.end <= r.start || !model) continue;
    const g = await model.guess(text, r, signal);
    if (g) out.push(g);
  }
  return out;
}

/** 3. One region's guesses repaired, moved from the region's offsets to the text's. */
function repairRegion(g: RegionGuesses, model: ModelGuesser): RegionFindings {
  const found = repairFindings(g.slice, g.words, g.findings, model.lexicon, (w) => model.norm(w));
  return { region: g.region, findings: found.map((f) => ({ ...f, start: f.start + g.region.start, end: f.end + g.region.start })) };
}

/** 7. Without a model there are no thresholds: the recognizers' scores already encode their proof. */
function aboveThresholds(findings: Finding[], model: ModelGuesser | null): Finding[] {
  const threshold = model ? (label: string): number => model.threshold(label) : (): number => 0.5;
  return findings.filter((f) => f.score >= threshold(f.label));
}
