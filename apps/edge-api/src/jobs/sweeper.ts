import { NotFoundError } from "@org/soap-core";
import type { ResolvedDeps } from "../app/app-types.js";
import { makeClients, type Clients } from "../app/clients.js";
import type { AppConfig } from "../config/app-config.js";
import { createUncertainReason } from "../notes/create-failure.js";
import { jobsRepo, type JobsRepo } from "./jobs-repo.js";

/** A job `queued` this long without its message being delivered is re-sent. */
export const STALE_QUEUED_MS = 10 * 60_000;
/** A job `creating` this long lost the request that was creating its transcript. */
export const STALE_CREATING_MS = 10 * 60_000;
/**
 * A job `transcribing` this long has likely lost its webhook (AssemblyAI does not retry a 4xx answer,
 * and gives up after its last retry): its transcript is looked up instead.
 */
export const STALE_TRANSCRIBING_MS = 30 * 60_000;
/** A job `generating` this long without progress lost its delivery (the dead-letter queue missed it too). */
export const STALE_GENERATING_MS = 60 * 60_000;

const BATCH = 100;

/** What one sweep did. */
export interface SweepResult {
  requeued: number;
  failed: number;
}

/**
 * The cron safety net (wrangler.jsonc `triggers.crons`), so that no job waits forever:
 * - `queued` whose message never arrived (not sent, or lost) -> sent again (the consumer is idempotent);
 * - `creating` for too long (the Worker died between recording the job and storing the transcript id)
 *   -> failed with the how-to-find-the-transcript reason; its webhook, if any, still resumes it;
 * - `transcribing` for too long (its webhook never got through) -> the transcript is fetched: finished
 *   -> queued like its webhook would have; still running -> looked at again later; gone -> failed;
 * - `generating` with no progress for an hour -> failed (retries_exhausted).
 */
export async function sweepStaleJobs(config: AppConfig, deps: ResolvedDeps): Promise<SweepResult> {
  // One sweep, one instant: every cutoff and every timestamp the sweep writes is this reading of the clock.
  const now = deps.now();
  const jobs = jobsRepo(config.db, () => now);
  let requeued = 0;
  let failed = 0;

  for (const job of await jobs.staleQueued(STALE_QUEUED_MS, BATCH)) {
    await config.noteJobs.send({ jobId: job.id, tenantId: job.tenant_id });
    await jobs.markEnqueued(job.id);
    requeued++;
  }

  for (const job of await jobs.staleCreating(STALE_CREATING_MS, BATCH)) {
    const reason = createUncertainReason(job.id, "the request creating it did not finish");
    if (await jobs.markFailed({ id: job.id, from: ["creating"], code: "transcript_create_uncertain", reason })) failed++;
  }

  const transcribing = await jobs.staleTranscribing(STALE_TRANSCRIBING_MS, BATCH);
  if (transcribing.length > 0) {
    // No retries inside the cron run: the next sweep looks again.
    const { transcripts } = makeClients(config, deps, 0);
    for (const job of transcribing) {
      const outcome = await recoverTranscribing({ config, deps, jobs, transcripts }, job);
      if (outcome === "requeued") requeued++;
      else if (outcome === "failed") failed++;
    }
  }
  for (const job of await jobs.staleGenerating(STALE_GENERATING_MS, BATCH)) {
    const reason = "Note generation stopped without a result (no progress for an hour).";
    if (await jobs.markFailed({ id: job.id, from: ["generating"], code: "retries_exhausted", reason })) failed++;
  }

  if (requeued + failed > 0) deps.log({ level: "warn", event: "sweep", requeued, failed });
  return { requeued, failed };
}

/** What {@link recoverTranscribing} works with: the sweep's repository (its clock frozen at the sweep's start) and clients. */
interface SweepContext {
  config: AppConfig;
  deps: ResolvedDeps;
  jobs: JobsRepo;
  transcripts: Clients["transcripts"];
}

/** Looks up the transcript of a job whose webhook never arrived and moves the job on like the webhook would. */
async function recoverTranscribing(
  { config, deps, jobs, transcripts }: SweepContext,
  job: { id: string; tenant_id: string; transcript_id: string },
): Promise<"requeued" | "failed" | "waiting" | "skipped"> {
  try {
    const transcript = await transcripts.get(job.transcript_id);
    if (transcript.status !== "completed" && transcript.status !== "error") {
      // Still running: look again in a later sweep (and let other stale jobs have their turn first).
      await jobs.touchTranscribing(job.id);
      return "waiting";
    }
    const { job: moved } = await jobs.applyWebhook({ jobId: job.id, transcriptId: job.transcript_id, transcriptStatus: transcript.status });
    if (moved?.id !== job.id || moved.status !== "queued" || moved.enqueued_at !== null) return "skipped";
    await config.noteJobs.send({ jobId: job.id, tenantId: job.tenant_id });
    await jobs.markEnqueued(job.id);
    deps.log({ level: "warn", event: "sweep.webhook_missed", job_id: job.id, transcript_id: job.transcript_id, status: transcript.status });
    return "requeued";
  } catch (error) {
    if (error instanceof NotFoundError) {
      const reason = "The transcript no longer exists at AssemblyAI, and its webhook never arrived.";
      const done = await jobs.markFailed({ id: job.id, from: ["transcribing"], code: "transcription_failed", reason });
      return done ? "failed" : "skipped";
    }
    deps.log({ level: "warn", event: "sweep.lookup_failed", job_id: job.id, error: error instanceof Error ? error.name : "Error" });
    return "skipped";
  }
}
