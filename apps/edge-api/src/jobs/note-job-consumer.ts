import { isPermanentError, RateLimitError, type Transcript } from "@org/soap-core";
import { draftNote } from "@org/soap-core/visit";
import { makeClients } from "../app/clients.js";
import type { TenantContext } from "../app/tenant-context.js";
import { storedPlan } from "../notes/plan-job.js";
import type { JobRow } from "./job-row.js";
import { isLastAttempt, queueRetryDelaySeconds } from "./retry-policy.js";

/** What the consumer decided for one message. */
export type NoteJobOutcome =
  | { kind: "ack"; result: "completed" | "failed" | "skipped" }
  | { kind: "retry"; delaySeconds: number };

/** A thrown error that is not the job's fault: the transcript is not finished yet. */
class TranscriptNotReadyError extends Error {
  override name = "TranscriptNotReadyError";
}

/** A job that reached generation without a transcript id: a broken row, not a passing fault. */
class MissingTranscriptIdError extends Error {
  override name = "MissingTranscriptIdError";
}

/** One delivery of a message: its number (1-based) and the randomness of its retry jitter. */
export interface NoteJobDelivery {
  attempt: number;
  /** Random number in [0, 1). */
  random: () => number;
}

/**
 * Runs one delivery of a note-generation message for job `jobId` of the context's tenant: fetches the
 * transcript, writes the note with core's `draftNote` and the job's stored plan (the same step the
 * CLI's `runVisit` takes, so the same transcript gives the same prompt), and stores it. Never throws
 * for a job's own failure: it returns `retry` (with backoff) while attempts remain and the failure may
 * pass, else marks the job failed with its reason and returns `ack`. The failure is permanent when
 * core's `isPermanentError` says so (the rule the CLI shares). Duplicate and late messages (job
 * terminal or deleted) are skipped.
 */
export async function runNoteJob(ctx: TenantContext, jobId: string, { attempt, random }: NoteJobDelivery): Promise<NoteJobOutcome> {
  const { deps, jobs, tenant } = ctx;
  const job = await tenant.getForWork(jobId);
  if (!job || !(await tenant.startGenerating(job.id, attempt))) {
    deps.log({ level: "info", event: "job.skipped", job_id: jobId, status: job?.status ?? "missing" });
    return { kind: "ack", result: "skipped" };
  }
  try {
    return await generateAndStore(ctx, job);
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    const permanent = isPermanentError(error);
    if (!permanent && !isLastAttempt(attempt)) {
      const retryAfterMs = error instanceof RateLimitError ? error.retryAfterMs : undefined;
      const delaySeconds = queueRetryDelaySeconds(attempt, { retryAfterMs, random });
      deps.log({ level: "warn", event: "job.retry", job_id: job.id, attempt, error: name, delay_seconds: delaySeconds });
      return { kind: "retry", delaySeconds };
    }
    const reason = `${permanent ? "Note generation failed" : `Note generation failed after ${attempt} attempts`}: ${describe(error)}`;
    await jobs.markFailed({
      id: job.id,
      from: ["queued", "generating"],
      code: permanent ? "generation_failed" : "retries_exhausted",
      reason,
    });
    deps.log({ level: "error", event: "job.failed", job_id: job.id, attempt, error: name, permanent });
    return { kind: "ack", result: "failed" };
  }
}

async function generateAndStore({ config, deps, jobs, tenant }: TenantContext, job: JobRow): Promise<NoteJobOutcome> {
  if (!job.transcript_id) throw new MissingTranscriptIdError("job has no transcript id");
  // One delivery, one try: the queue retries with backoff instead of sleeping inside the Worker.
  const { transcripts, gateway } = makeClients(config, deps, 0);
  const transcript: Transcript = await transcripts.get(job.transcript_id);
  if (transcript.status === "error") {
    const reason = `AssemblyAI could not transcribe the audio: ${transcript.error ?? "no reason given"}`;
    await jobs.markFailed({ id: job.id, from: ["generating"], code: "transcription_failed", reason });
    deps.log({ level: "warn", event: "job.transcription_failed", job_id: job.id, transcript_id: job.transcript_id });
    return { kind: "ack", result: "failed" };
  }
  if (transcript.status !== "completed") throw new TranscriptNotReadyError(`transcript status is ${transcript.status}`);
  const note = await draftNote(transcript, { plan: await storedPlan(job), gateway, clock: deps.now });
  const stored = await tenant.completeWithNote(job.id, JSON.stringify(note));
  deps.log({ level: "info", event: stored ? "job.completed" : "job.discarded", job_id: job.id, warnings: note.warnings.length });
  return { kind: "ack", result: stored ? "completed" : "skipped" };
}

/** A failure reason safe to store and show: the error's type and message (core errors carry no secrets or transcript text). */
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return "unknown error";
}
