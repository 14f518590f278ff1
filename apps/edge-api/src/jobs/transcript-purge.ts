import { ApiError, NotFoundError, type RequestOptions, type Transcript } from "@org/soap-core";
import type { ResolvedDeps } from "../app/app-types.js";
import type { Clients } from "../app/clients.js";
import { webhookUrlNamesJob } from "../webhooks/job-webhook-url.js";
import type { PurgeRow, PurgesRepo } from "./purges-repo.js";

/**
 * How one purge attempt ended: `deleted` (by this attempt), `gone` (already deleted or unknown at
 * AssemblyAI), `foreign` (its `webhook_url` names another job: not ours to delete, left alone),
 * `not_ready` (still transcribing: AssemblyAI refuses to delete it until it is done) or `failed`
 * (anything else: tried again later).
 */
export type PurgeOutcome = "deleted" | "gone" | "foreign" | "not_ready" | "failed";

/** What a purge works with. */
export interface PurgeContext {
  purges: PurgesRepo;
  transcripts: Clients["transcripts"];
  deps: ResolvedDeps;
}

/** Text AssemblyAI leaves in a deleted transcript. */
const DELETED_TEXT = "Deleted by user.";
/** A transcript still transcribing is looked at again after this long (its webhook usually comes first). */
export const PURGE_NOT_READY_DELAY_MS = 5 * 60_000;
/** Longest wait between two failed attempts: a transcript is never given up on. */
export const PURGE_MAX_DELAY_MS = 6 * 3_600_000;

/** Delay before attempt `attempt + 1` after failed attempt number `attempt` (1-based): 5 min doubling, capped at 6 h. */
export function purgeRetryDelayMs(attempt: number): number {
  return Math.min(PURGE_MAX_DELAY_MS, PURGE_NOT_READY_DELAY_MS * 2 ** Math.max(0, attempt - 1));
}

function isDeletedUpstream(t: Transcript): boolean {
  return t.text === DELETED_TEXT && !t.words?.length;
}

async function attempt(transcripts: Clients["transcripts"], row: PurgeRow, o: RequestOptions): Promise<Exclude<PurgeOutcome, "failed">> {
  if (row.verify === 1) {
    // The id came from a webhook: delete only a transcript whose webhook_url names this job.
    let t: Transcript;
    try {
      t = await transcripts.get(row.transcript_id, o);
    } catch (error) {
      if (error instanceof NotFoundError) return "gone";
      throw error;
    }
    if (isDeletedUpstream(t)) return "gone";
    if (!webhookUrlNamesJob(t.webhook_url, row.job_id)) return "foreign";
    if (t.status === "queued" || t.status === "processing") return "not_ready";
  }
  try {
    await transcripts.delete(row.transcript_id, o);
    return "deleted";
  } catch (error) {
    if (error instanceof NotFoundError) return "gone";
    // AssemblyAI answers 400 to the deletion of a transcript that is still being processed.
    if (error instanceof ApiError && error.status === 400) return "not_ready";
    throw error;
  }
}

/**
 * Tries once to delete a pending purge's transcript at AssemblyAI, and records the outcome: a purge
 * that is over leaves `transcript_purges` (the job stamped, a `transcript.purged` audit event for its
 * tenant); one that is not is tried again later (`not_ready` after {@link PURGE_NOT_READY_DELAY_MS},
 * failures with {@link purgeRetryDelayMs}). Never throws for AssemblyAI's answers; D1 errors propagate.
 */
export async function runPurge({ purges, transcripts, deps }: PurgeContext, row: PurgeRow, o: RequestOptions = {}): Promise<PurgeOutcome> {
  let outcome: PurgeOutcome;
  let error = "";
  try {
    outcome = await attempt(transcripts, row, o);
  } catch (e) {
    outcome = "failed";
    error = e instanceof Error ? e.name : "Error";
  }
  if (outcome === "deleted" || outcome === "gone" || outcome === "foreign") {
    await purges.finish(row, outcome);
  } else {
    const delay = outcome === "not_ready" ? PURGE_NOT_READY_DELAY_MS : purgeRetryDelayMs(row.attempts + 1);
    await purges.postpone(row.transcript_id, deps.now() + delay, outcome === "failed" ? error : "not_ready");
  }
  deps.log({
    level: outcome === "failed" ? "warn" : "info",
    event: `purge.${outcome}`,
    transcript_id: row.transcript_id,
    job_id: row.job_id,
    reason: row.reason,
    attempts: row.attempts + 1,
    ...(error ? { error } : {}),
  });
  return outcome;
}

/** True when an outcome ended the purge (nothing is left to do for the transcript). */
export function purgeIsOver(outcome: PurgeOutcome): boolean {
  return outcome === "deleted" || outcome === "gone" || outcome === "foreign";
}
