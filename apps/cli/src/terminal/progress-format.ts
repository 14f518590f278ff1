/** The stages a visit is counted in while it runs. */
export const PROGRESS_STAGES = ["upload", "transcribe", "generate", "write"] as const;

/** One progress stage. */
export type ProgressStage = (typeof PROGRESS_STAGES)[number];

/** Counts the progress line is drawn from. */
export interface ProgressCounts {
  total: number;
  /** Visits already done by an earlier run (not counted in the rate). */
  skipped: number;
  done: number;
  failed: number;
  /** Visits currently in each stage. */
  active: Record<ProgressStage, number>;
  startedAtMs: number;
  audioMs: number;
  tokens: number;
}

/** Fresh counts for a batch of `total` visits started at `nowMs`. */
export function emptyCounts(total: number, nowMs: number): ProgressCounts {
  return { total, skipped: 0, done: 0, failed: 0, active: { upload: 0, transcribe: 0, generate: 0, write: 0 }, startedAtMs: nowMs, audioMs: 0, tokens: 0 };
}

/** `950ms`, `12s`, `4m05s`, `1h02m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "?";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/** Visits finished (done or failed) in this run per minute, or 0 before the first one. */
export function ratePerMinute(c: ProgressCounts, nowMs: number): number {
  const finished = c.done + c.failed;
  const elapsed = nowMs - c.startedAtMs;
  if (finished === 0 || elapsed <= 0) return 0;
  return (finished / elapsed) * 60_000;
}

/** Estimated time left in ms, or `undefined` while there is no rate yet. */
export function etaMs(c: ProgressCounts, nowMs: number): number | undefined {
  const rate = ratePerMinute(c, nowMs);
  if (rate === 0) return undefined;
  const remaining = c.total - c.skipped - c.done - c.failed;
  return (remaining / rate) * 60_000;
}

/**
 * One progress line, e.g.
 * `[12/40] upload 1 · transcribe 5 · generate 2 · write 0 | done 10 · failed 1 · skipped 1 | 3.2/min · ETA 8m45s`.
 */
export function formatProgressLine(c: ProgressCounts, nowMs: number): string {
  const finished = c.skipped + c.done + c.failed;
  const stages = PROGRESS_STAGES.map((s) => `${s} ${c.active[s]}`).join(" · ");
  const rate = ratePerMinute(c, nowMs);
  const eta = etaMs(c, nowMs);
  const tail = rate === 0 ? "rate -" : `${rate.toFixed(1)}/min · ETA ${eta === undefined ? "?" : formatDuration(eta)}`;
  return `[${finished}/${c.total}] ${stages} | done ${c.done} · failed ${c.failed} · skipped ${c.skipped} | ${tail}`;
}

/** The end-of-batch counts as printed on stderr (snake_case, like every JSON the CLI writes). */
export interface BatchSummary {
  total: number;
  done: number;
  failed: number;
  skipped: number;
  /** Minutes of audio transcribed in this run. */
  audio_minutes: number;
  /** LLM Gateway tokens of the notes written in this run. */
  tokens: number;
  wall_ms: number;
  out_dir: string;
  interrupted: boolean;
}

/** The summary as lines for stderr; `summaryFile` names the file the full summary was written to. */
export function formatSummary(s: BatchSummary, summaryFile?: string): string[] {
  const lines = [
    `${s.interrupted ? "Interrupted" : "Finished"}: ${s.done} done, ${s.failed} failed, ${s.skipped} skipped (already done) of ${s.total} visits`,
    `audio ${s.audio_minutes.toFixed(1)} min · tokens ${s.tokens} · wall time ${formatDuration(s.wall_ms)} · notes in ${s.out_dir}`,
  ];
  if (s.failed > 0) lines.push(`failures are listed in ${s.out_dir}/failures.jsonl; run the same command again to retry them`);
  if (summaryFile !== undefined) lines.push(`summary (counts, durations, failures, tokens) in ${summaryFile}`);
  return lines;
}
