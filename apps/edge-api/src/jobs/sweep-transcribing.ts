import { NotFoundError } from "@org/soap-core";
import type { ResolvedDeps } from "../app/app-types.js";
import type { Clients } from "../app/clients.js";
import type { JobsRepo } from "./jobs-repo.js";

/** What {@link recoverTranscribing} works with: the sweep's repository (its clock frozen at the sweep's start) and clients. */
export interface RecoverContext {
  deps: ResolvedDeps;
  jobs: JobsRepo;
  transcripts: Clients["transcripts"];
  /** Timeout of the lookup (what is left of the sweep's budget). */
  timeoutMs: number;
}

/**
 * Looks up the transcript of a job whose webhook never arrived and moves the job on like the webhook
 * would: finished -> `queued` (the caller sends its message); still running -> stamped, looked at again
 * later; gone -> `failed`. A failed lookup stamps the job too, so that a stuck batch of jobs does not
 * keep the others from their turn. Never throws.
 */
export async function recoverTranscribing(
  { deps, jobs, transcripts, timeoutMs }: RecoverContext,
  job: { id: string; tenant_id: string; transcript_id: string },
): Promise<"queued" | "failed" | "waiting" | "skipped" | "error"> {
  try {
    const transcript = await transcripts.get(job.transcript_id, { timeoutMs });
    if (transcript.status !== "completed" && transcript.status !== "error") {
      // Still running: look again in a later sweep (and let other stale jobs have their turn first).
      await jobs.touchTranscribing(job.id);
      return "waiting";
    }
    const { job: moved } = await jobs.applyWebhook({ jobId: job.id, transcriptId: job.transcript_id, transcriptStatus: transcript.status });
    if (moved?.id !== job.id || moved.status !== "queued" || moved.enqueued_at !== null) return "skipped";
    deps.log({ level: "warn", event: "sweep.webhook_missed", job_id: job.id, transcript_id: job.transcript_id, status: transcript.status });
    return "queued";
  } catch (error) {
    try {
      if (error instanceof NotFoundError) {
        const reason = "The transcript no longer exists at AssemblyAI, and its webhook never arrived.";
        const done = await jobs.markFailed({ id: job.id, from: ["transcribing"], code: "transcription_failed", reason });
        return done ? "failed" : "skipped";
      }
      deps.log({ level: "warn", event: "sweep.lookup_failed", job_id: job.id, error: error instanceof Error ? error.name : "Error" });
      await jobs.touchTranscribing(job.id);
    } catch (inner) {
      deps.log({ level: "warn", event: "sweep.item_failed", step: "transcribing", job_id: job.id, error: inner instanceof Error ? inner.name : "Error" });
    }
    return "error";
  }
}
