import { UsageError } from "../errors/cli-errors.js";
import { formatDuration, PROGRESS_STAGES, type ProgressCounts, type ProgressStage } from "./progress-format.js";

/** The variable that sets the heartbeat interval, in seconds (0 turns it off). */
export const HEARTBEAT_ENV = "SOAP_NOTES_HEARTBEAT";

/** Seconds between two heartbeat lines of a batch whose stderr is not a terminal. */
export const DEFAULT_HEARTBEAT_SECONDS = 15;

/**
 * The heartbeat interval in ms from `$SOAP_NOTES_HEARTBEAT` (seconds, fractions allowed; `0` turns
 * it off), else {@link DEFAULT_HEARTBEAT_SECONDS}.
 * @throws {UsageError} when the variable is not a number of seconds from 0 to 3600.
 */
export function heartbeatMs(env: Record<string, string | undefined>): number {
  const raw = env[HEARTBEAT_ENV]?.trim();
  if (raw === undefined || raw === "") return DEFAULT_HEARTBEAT_SECONDS * 1000;
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(seconds) || seconds > 3600) {
    throw new UsageError(`${HEARTBEAT_ENV} must be a number of seconds from 0 to 3600 (0 turns the heartbeat off), got "${raw.slice(0, 20)}"`);
  }
  return Math.round(seconds * 1000);
}

const VERB: Record<ProgressStage, string> = { upload: "uploading", transcribe: "transcribing", generate: "generating", write: "writing" };

/** Visits in some stage right now. */
export function inProgress(c: ProgressCounts): number {
  return PROGRESS_STAGES.reduce((n, s) => n + c.active[s], 0);
}

/**
 * One heartbeat line for logs that are not a terminal (CI), e.g.
 * `soap-notes: 12/200 done, 3 failed, 16 in progress (uploading 2, transcribing 10, writing 4), 1m30s`.
 * Visits done by an earlier run count as done and are named once.
 */
export function formatHeartbeat(c: ProgressCounts, nowMs: number): string {
  const parts = [`${c.done + c.skipped}/${c.total} done${c.skipped > 0 ? ` (${c.skipped} by an earlier run)` : ""}`, `${c.failed} failed`];
  const active = inProgress(c);
  const stages = PROGRESS_STAGES.filter((s) => c.active[s] > 0).map((s) => `${VERB[s]} ${c.active[s]}`);
  parts.push(active === 0 ? "0 in progress" : `${active} in progress (${stages.join(", ")})`);
  parts.push(formatDuration(nowMs - c.startedAtMs));
  return `soap-notes: ${parts.join(", ")}`;
}
