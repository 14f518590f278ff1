import { RateLimitError, type Transcript } from "@org/soap-core";
import { draftNote } from "@org/soap-core/visit";
import type { ResolvedDeps } from "../app-types.js";
import { makeClients } from "../clients.js";
import type { AppConfig } from "../config/app-config.js";
import { completeWithNote, getJobForWork, markFailed, startGenerating } from "../db/jobs-repo.js";
import type { JobRow } from "../db/job-row.js";
import { isPermanentFailure } from "../core-adapters/error-classification.js";
import { storedPlan } from "../notes/plan-job.js";
import type { NoteJobMessage } from "./note-job-message.js";
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

/**
 * Runs one delivery of a note-generation message: fetches the transcript, writes the note with core's
 * `draftNote` and the job's stored plan (the same step the CLI's `runVisit` takes, so the same
 * transcript gives the same prompt), and stores it. Never throws for a job's own failure: it returns
 * `retry` (with backoff) while attempts remain and the failure may pass, else marks the job failed with
 * its reason and returns `ack`. Duplicate and late messages (job terminal or deleted) are skipped.
 */
export async function runNoteJob(
  config: AppConfig,
  deps: ResolvedDeps,
  message: NoteJobMessage,
  attempt: number,
  random: () => number = Math.random,
): Promise<NoteJobOutcome> {
  const job = await getJobForWork(config.db, message.tenantId, message.jobId);
  if (!job || !(await startGenerating(config.db, job.tenant_id, job.id, attempt, deps.now()))) {
    deps.log({ level: "info", event: "job.skipped", job_id: message.jobId, status: job?.status ?? "missing" });
    return { kind: "ack", result: "skipped" };
  }
  try {
    return await generateAndStore(config, deps, job);
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    const permanent = isPermanentFailure(error);
    if (!permanent && !isLastAttempt(attempt)) {
      const retryAfterMs = error instanceof RateLimitError ? error.retryAfterMs : undefined;
      const delaySeconds = queueRetryDelaySeconds(attempt, { retryAfterMs, random });
      deps.log({ level: "warn", event: "job.retry", job_id: job.id, attempt, error: name, delay_seconds: delaySeconds });
      return { kind: "retry", delaySeconds };
    }
    const reason = `${permanent ? "Note generation failed" : `Note generation failed after ${attempt} attempts`}: ${describe(error)}`;
    await markFailed(config.db, {
      id: job.id,
      from: ["queued", "generating"],
      code: permanent ? "generation_failed" : "retries_exhausted",
      reason,
      now: deps.now(),
    });
    deps.log({ level: "error", event: "job.failed", job_id: job.id, attempt, error: name, permanent });
    return { kind: "ack", result: "failed" };
  }
}

async function generateAndStore(config: AppConfig, deps: ResolvedDeps, job: JobRow): Promise<NoteJobOutcome> {
  if (!job.transcript_id) throw new MissingTranscriptIdError("job has no transcript id");
  // One delivery, one try: the queue retries with backoff instead of sleeping inside the Worker.
  const { transcripts, gateway } = makeClients(config, deps, 0);
  const transcript: Transcript = await transcripts.get(job.transcript_id);
  if (transcript.status === "error") {
    const reason = `AssemblyAI could not transcribe the audio: ${transcript.error ?? "no reason given"}`;
    await markFailed(config.db, { id: job.id, from: ["generating"], code: "transcription_failed", reason, now: deps.now() });
    deps.log({ level: "warn", event: "job.transcription_failed", job_id: job.id, transcript_id: job.transcript_id });
    return { kind: "ack", result: "failed" };
  }
  if (transcript.status !== "completed") throw new TranscriptNotReadyError(`transcript status is ${transcript.status}`);
  const note = await draftNote(transcript, { plan: await storedPlan(job), gateway, clock: deps.now });
  const stored = await completeWithNote(config.db, job.tenant_id, job.id, JSON.stringify(note), deps.now());
  deps.log({ level: "info", event: stored ? "job.completed" : "job.discarded", job_id: job.id, warnings: note.warnings.length });
  return { kind: "ack", result: stored ? "completed" : "skipped" };
}

/** A failure reason safe to store and show: the error's type and message (core errors carry no secrets or transcript text). */
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return "unknown error";
}
