/** The identifiers of the eight benchmarks. */
export const BENCHMARK_IDS = ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8"] as const;

/** One benchmark identifier. */
export type BenchmarkId = (typeof BENCHMARK_IDS)[number];

/** One row of the results table: what we measured, next to the seed-style baseline and the limit. */
export interface BenchRow {
  id: BenchmarkId;
  /** What the row measures, e.g. "B1 end-to-end, Method 1". */
  name: string;
  /** Our figure, formatted; "not measured" when it could not be measured. */
  ours: string;
  /** The seed-style baseline's figure, formatted, or "n/a". */
  baseline: string;
  /** The physical limit measured in the same run, formatted, or "n/a". */
  limit: string;
  /** The ratio the target is stated in (e.g. "ours/limit 1.012"), and others for context. */
  ratio: string;
  /** The target, as stated in the issue. */
  target: string;
  /** true = met, false = not met, null = not measured. */
  met: boolean | null;
  /** How it was measured, or why it was not. */
  notes?: string;
  /** When the target is not met: what limits it (named in docs/benchmarks.md). */
  limitedBy?: string;
}

/** A row for a benchmark that could not run, with the reason. */
export function notMeasured(id: BenchmarkId, name: string, target: string, why: string): BenchRow {
  return { id, name, ours: "not measured", baseline: "n/a", limit: "n/a", ratio: "n/a", target, met: null, notes: `not measured: ${why}` };
}
