import { isPermanentError, RateLimitError, type Transcript } from "@org/soap-core";
import { draftNote, retentionDecision, retentionFromHours } from "@org/soap-core/visit";
import { makeClients, type Clients } from "../app/clients.js";
import type { TenantContext } from "../app/tenant-context.js";
import { storedPlan } from "../notes/plan-job.js";
import { webhookUrlNamesJob } from "../webhooks/job-webhook-url.js";
import type { JobRow } from "./job-row.js";
import { GENERATION_LEASE_MS } from "./lease.js";
import { checkAudioDuration } from "../notes/audio-duration-cap.js";
import { purgesRepo, type PurgeReason } from "./purges-repo.js";
import { isLastAttempt, queueRetryDelaySeconds } from "./retry-policy.js";
import { transcriptCopy } from "./transcript-copy.js";
import { runPurge } from "./transcript-purge.js";

/** What the consumer decided for one message. */
export type NoteJobOutcome =
  | { kind: "ack"; result: "completed" | "failed" | "skipped" | "waiting" }
  | { kind: "retry"; delaySeconds: number };

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

/** Text AssemblyAI leaves in a deleted transcript. */
const DELETED_TEXT = "Deleted by user.";

/**
 * Runs one delivery of a note-generation message for job `jobId` of the context's tenant. First it
 * takes the job's generation lease (one conditional UPDATE): a delivery that finds the job finished,
 * deleted, or leased by another delivery (a redelivery, a duplicate send) is acknowledged without
 * calling anything. Then it fetches the transcript and checks it is this job's (its `webhook_url` names
 * the job; a foreign one is unlinked and never generated from) and finished (an early webhook sends
 * the job back to waiting for the real one, without spending an attempt). It writes the note with
 * core's `draftNote` and the job's stored plan (the same step the CLI's `runVisit` takes) and stores it
 * with a copy of its transcript. Never throws for a job's own failure: it returns `retry` (backoff,
 * lease released) while attempts remain and the failure may pass, else marks the job failed with its
 * reason and returns `ack`. The failure is permanent when core's `isPermanentError` says so.
 */
export async function runNoteJob(ctx: TenantContext, jobId: string, { attempt, random }: NoteJobDelivery): Promise<NoteJobOutcome> {
  const { deps, jobs, tenant } = ctx;
  const started = await tenant.startGenerating(jobId, attempt, deps.now() + GENERATION_LEASE_MS);
  if ("refused" in started) {
    deps.log({ level: "info", event: "job.skipped", job_id: jobId, reason: started.refused });
    return { kind: "ack", result: "skipped" };
  }
  const job = started.job;
  try {
    return await generateAndStore(ctx, job);
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    const permanent = isPermanentError(error);
    if (!permanent && !isLastAttempt(attempt)) {
      const retryAfterMs = error instanceof RateLimitError ? error.retryAfterMs : undefined;
      const delaySeconds = queueRetryDelaySeconds(attempt, { retryAfterMs, random });
      // The queue's retry delivery must find the lease free.
      await tenant.releaseLease(job.id);
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

async function generateAndStore(ctx: TenantContext, job: JobRow): Promise<NoteJobOutcome> {
  const { config, deps, jobs, tenant } = ctx;
  if (!job.transcript_id) throw new MissingTranscriptIdError("job has no transcript id");
  // One delivery, one try: the queue retries with backoff instead of sleeping inside the Worker.
  const { transcripts, gateway } = makeClients(config, deps, 0);
  const transcript: Transcript = await transcripts.get(job.transcript_id);
  if (transcript.text === DELETED_TEXT && !transcript.words?.length) {
    const reason = "The transcript was deleted at AssemblyAI before the note was written.";
    await jobs.markFailed({ id: job.id, from: ["generating"], code: "transcription_failed", reason });
    deps.log({ level: "warn", event: "job.transcript_deleted", job_id: job.id, transcript_id: job.transcript_id });
    return { kind: "ack", result: "failed" };
  }
  if (!webhookUrlNamesJob(transcript.webhook_url, job.id)) {
    // Linked by a webhook replayed with another job's transcript: never write this tenant a note from it.
    const reason =
      `Transcript ${job.transcript_id} belongs to another job (its webhook_url does not name this one), so it was unlinked and ` +
      "no note was generated from it. This job's own transcript, if AssemblyAI created one, resumes it through its webhook.";
    await tenant.unlinkForeignTranscript(job.id, reason);
    deps.log({ level: "error", event: "job.foreign_transcript", job_id: job.id, transcript_id: job.transcript_id });
    return { kind: "ack", result: "failed" };
  }
  if (transcript.status === "error") {
    const reason = `AssemblyAI could not transcribe the audio: ${transcript.error ?? "no reason given"}`;
    await jobs.markFailed({ id: job.id, from: ["generating"], code: "transcription_failed", reason });
    deps.log({ level: "warn", event: "job.transcription_failed", job_id: job.id, transcript_id: job.transcript_id });
    return { kind: "ack", result: "failed" };
  }
  if (transcript.status !== "completed") {
    // An early (or forged) "completed": wait for the real webhook (or the sweeper's lookup) without spending retries.
    await tenant.returnToTranscribing(job.id, transcript.status);
    deps.log({ level: "warn", event: "job.transcript_not_ready", job_id: job.id, transcript_status: transcript.status });
    return { kind: "ack", result: "waiting" };
  }
  const duration = checkAudioDuration(transcript, config.limits.maxAudioSeconds);
  if (!duration.ok) {
    // Over MAX_AUDIO_MINUTES: no LLM call, and the transcript (PHI) is deleted at once (or by the sweeper).
    await jobs.markFailed({ id: job.id, from: ["generating"], code: "audio_too_long", reason: duration.reason });
    deps.log({ level: "warn", event: "job.audio_too_long", job_id: job.id, duration_seconds: duration.durationSeconds });
    await purgeNow(ctx, job.id, job.transcript_id, "audio_too_long", transcripts).catch((error: unknown) => {
      deps.log({ level: "warn", event: "job.purge_deferred", job_id: job.id, error: error instanceof Error ? error.name : "Error" });
    });
    return { kind: "ack", result: "failed" };
  }
  const note = await draftNote(transcript, { plan: await storedPlan(job), gateway, clock: deps.now });
  const noteJson = JSON.stringify(note);
  const copy = await transcriptCopy(transcript, noteJson);
  const stored = await tenant.completeWithNote(job.id, noteJson, copy);
  deps.log({ level: "info", event: stored ? "job.completed" : "job.discarded", job_id: job.id, warnings: note.warnings.length, transcript_copy: copy !== null });
  if (stored) {
    // The note is stored: a failed deletion must not turn into a retry (the sweeper deletes due transcripts too).
    await retainNow(ctx, job.id, job.transcript_id, transcripts).catch((error: unknown) => {
      deps.log({ level: "warn", event: "job.retention_deferred", job_id: job.id, error: error instanceof Error ? error.name : "Error" });
    });
  }
  return { kind: "ack", result: stored ? "completed" : "skipped" };
}

/**
 * With `RETENTION_HOURS=0` (core's rule says "due at once"), deletes the transcript right after the note
 * is stored; a failed attempt stays queued for the sweeper. Other retentions are the sweeper's.
 */
async function retainNow({ config, deps, tenant }: TenantContext, jobId: string, transcriptId: string, transcripts: Clients["transcripts"]): Promise<void> {
  const now = deps.now();
  const decision = retentionDecision(retentionFromHours(config.retentionHours), { transcriptId, noteStoredAt: now }, now);
  if (decision.action !== "delete") return;
  await purgeNow({ config, deps, tenant } as TenantContext, jobId, transcriptId, "retention", transcripts);
}

/** Queues the transcript's deletion and tries it at once; a failed attempt stays queued for the sweeper. */
async function purgeNow(
  { config, deps, tenant }: TenantContext,
  jobId: string,
  transcriptId: string,
  reason: PurgeReason,
  transcripts: Clients["transcripts"],
): Promise<void> {
  const purges = purgesRepo(config.db, deps.now);
  await purges.add({ transcriptId, jobId, tenantId: tenant.tenantId, reason, verify: false });
  const row = await purges.get(transcriptId);
  if (row) await runPurge({ purges, transcripts, deps }, row);
}

/** A failure reason safe to store and show: the error's type and message (core errors carry no secrets or transcript text). */
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return "unknown error";
}
