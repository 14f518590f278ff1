import { resolve } from "node:path";
import { writeFileAtomic } from "../../io/fs-durable.js";
import type { BatchSummary } from "../../terminal/progress-format.js";
import type { FailureRecord } from "./batch-runner.js";

/**
 * File name of a batch's summary in the output folder. Visit ids start with a letter or a digit, so
 * no note (`<id>.json`) can ever have this name.
 */
export const SUMMARY_FILE = "_summary.json";

/** Spread of the time visits done in this run took. */
export interface DurationStats {
  count: number;
  min_ms: number;
  median_ms: number;
  p95_ms: number;
  max_ms: number;
}

/**
 * What a batch run did, as written to {@link SUMMARY_FILE} and printed on stdout with `--json`.
 * Every key is snake_case, like the notes and AssemblyAI's API.
 */
export interface BatchSummaryReport extends BatchSummary {
  /** Format version of this object. */
  v: 1;
  started_at: string;
  finished_at: string;
  /** Made on a sandbox (embedded or served): demo notes. */
  sandbox: boolean;
  /** Where the transcripts live: `sandbox` (in-process), `assemblyai:<region>`, or the base URL. */
  origin: string;
  /** Why the run stopped before every visit was tried, else `null`. */
  stopped_by: "interrupt" | "auth" | "network" | null;
  /** Time per visit done in this run (`null` when none was). */
  visit_durations: DurationStats | null;
  /** LLM Gateway token usage of the notes written in this run. */
  token_usage: { total_tokens: number; per_note_mean: number | null };
  failures: FailureRecord[];
}

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

/** Min, median, 95th percentile and max of `ms` (nearest rank), or `null` for no value. */
export function durationStats(ms: readonly number[]): DurationStats | null {
  if (ms.length === 0) return null;
  const sorted = [...ms].sort((a, b) => a - b);
  return { count: sorted.length, min_ms: sorted[0] as number, median_ms: percentile(sorted, 50), p95_ms: percentile(sorted, 95), max_ms: sorted.at(-1) as number };
}

/** Inputs of {@link batchSummaryReport}. */
export interface SummaryInputs {
  counts: BatchSummary;
  startedAt: Date;
  finishedAt: Date;
  sandbox: boolean;
  origin: string;
  stoppedBy: BatchSummaryReport["stopped_by"];
  visitMs: readonly number[];
  failures: FailureRecord[];
}

/** The summary of a run, from the reporter's counts and the runner's outcome. */
export function batchSummaryReport(i: SummaryInputs): BatchSummaryReport {
  return {
    v: 1,
    ...i.counts,
    audio_minutes: Math.round(i.counts.audio_minutes * 100) / 100,
    started_at: i.startedAt.toISOString(),
    finished_at: i.finishedAt.toISOString(),
    sandbox: i.sandbox,
    origin: i.origin,
    stopped_by: i.stoppedBy,
    visit_durations: durationStats(i.visitMs),
    token_usage: { total_tokens: i.counts.tokens, per_note_mean: i.counts.done > 0 ? Math.round(i.counts.tokens / i.counts.done) : null },
    failures: i.failures,
  };
}

/** Writes the summary to `<outDir>/_summary.json` atomically (temp file, fsync, rename); returns its path. */
export async function writeSummaryFile(outDir: string, report: BatchSummaryReport): Promise<string> {
  const path = resolve(outDir, SUMMARY_FILE);
  await writeFileAtomic(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
