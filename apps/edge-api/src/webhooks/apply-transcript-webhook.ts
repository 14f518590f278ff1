import type { ResolvedDeps } from "../app/app-types.js";
import { makeClients } from "../app/clients.js";
import type { AppConfig } from "../config/app-config.js";
import { jobsRepo } from "../jobs/jobs-repo.js";
import { purgesRepo } from "../jobs/purges-repo.js";
import { purgeIsOver, runPurge } from "../jobs/transcript-purge.js";

/** What a transcript webhook did. */
export type WebhookAction = "enqueued" | "duplicate" | "ignored" | "purged" | "purge_pending";

/** Timeout of the one AssemblyAI call a webhook may make (AssemblyAI waits 10 s for the answer). */
export const WEBHOOK_PURGE_TIMEOUT_MS = 4_000;

/**
 * Applies an authenticated `completed`/`error` transcript webhook for job `jobId`:
 * - a job waiting for its transcript moves to `queued` and gets one queue message (a send that throws
 *   propagates, so the webhook answers 500 and AssemblyAI's redelivery sends it);
 * - a job that is deleted (or deleting), or that this deployment does not know (deleted before its
 *   transcript id was known, its tenant offboarded), has the transcript deleted at AssemblyAI, now if it
 *   can (one call, no retries) and else by the sweeper; a transcript id the job never had is deleted only
 *   once its `webhook_url` proves it is the job's;
 * - anything else (duplicates, late deliveries) changes nothing.
 */
export async function applyTranscriptWebhook(
  config: AppConfig,
  deps: ResolvedDeps,
  input: { jobId: string; transcriptId: string; status: string },
): Promise<{ jobId: string | null; action: WebhookAction }> {
  const { jobId, transcriptId, status } = input;
  const jobs = jobsRepo(config.db, deps.now);
  const { job, transitioned } = await jobs.applyWebhook({ jobId, transcriptId, transcriptStatus: status });
  if (!job || job.status === "deleted") {
    const purges = purgesRepo(config.db, deps.now);
    await purges.add({
      transcriptId,
      jobId,
      tenantId: job?.tenant_id ?? null,
      reason: job ? "deleted" : "unknown_job",
      verify: job?.transcript_id !== transcriptId,
    });
    const row = await purges.get(transcriptId);
    if (!row) return { jobId: job?.id ?? null, action: "purged" };
    const { transcripts } = makeClients(config, deps, 0);
    const outcome = await runPurge({ purges, transcripts, deps }, row, { timeoutMs: WEBHOOK_PURGE_TIMEOUT_MS, maxRetries: 0 });
    deps.log({ level: "info", event: job ? "webhook.deleted_job" : "webhook.unknown_job", job_id: jobId, transcript_id: transcriptId, outcome });
    if (outcome === "foreign") return { jobId: job?.id ?? null, action: "ignored" };
    return { jobId: job?.id ?? null, action: purgeIsOver(outcome) ? "purged" : "purge_pending" };
  }
  // Queued but not yet sent: this delivery moved it, or an earlier one failed to send (then AssemblyAI
  // redelivered because we answered 5xx).
  if (job.status === "queued" && job.enqueued_at === null) {
    await config.noteJobs.send({ jobId: job.id, tenantId: job.tenant_id });
    await jobs.markEnqueued(job.id);
    deps.log({ level: "info", event: "webhook.enqueued", job_id: job.id, transcript_id: transcriptId, status });
    return { jobId: job.id, action: "enqueued" };
  }
  deps.log({ level: "info", event: "webhook.duplicate", job_id: job.id, job_status: job.status, transitioned });
  return { jobId: job.id, action: "duplicate" };
}
