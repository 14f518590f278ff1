import type { Transcript } from "@org/soap-core";
import { transcriptSchema } from "@org/soap-core/schemas";
import { retentionDecision, retentionFromHours } from "@org/soap-core/visit";
import { makeClients } from "../app/clients.js";
import type { TenantContext } from "../app/tenant-context.js";
import type { JobWithNote } from "../jobs/job-row.js";

/** What the page shows beside the note: the transcript, and the recording or why it is gone. */
export interface ReviewSources {
  transcript: Transcript | undefined;
  audio: { src: string } | { unavailable: string };
}

/**
 * The transcript and recording of a completed note for its review page. While core's retention rule
 * keeps the transcript at AssemblyAI (no policy, or not yet due, and not deleted), the page gets
 * AssemblyAI's transcript and its `audio_url` (the recording AssemblyAI transcribed: the tenant's URL or
 * the upload); once retention deleted it (or it is due), the note's stored copy of the transcript and a
 * sentence saying the recording is no longer available. A failed read of AssemblyAI falls back to the
 * copy and says so; it never fails the page.
 */
export async function reviewSources(ctx: TenantContext, job: JobWithNote): Promise<ReviewSources> {
  const { config, deps } = ctx;
  const now = deps.now();
  const decision = retentionDecision(
    retentionFromHours(config.retentionHours),
    { transcriptId: job.transcript_id, noteStoredAt: job.finished_at, deleted: job.transcript_purged_at !== null },
    now,
  );
  const kept = job.transcript_id !== null && job.transcript_purged_at === null && decision.action !== "delete";
  if (kept) {
    try {
      const { transcripts } = makeClients(config, deps, 0);
      const transcript = await transcripts.get(job.transcript_id as string);
      const url = transcript.audio_url;
      return {
        transcript,
        audio: url && /^https?:\/\//i.test(url) ? { src: url } : { unavailable: "AssemblyAI gave no address for this recording, so quotes cannot be played here." },
      };
    } catch (error) {
      deps.log({ level: "warn", event: "review_page.transcript_read_failed", job_id: job.id, error: error instanceof Error ? error.name : "Error" });
      return { transcript: await storedCopy(ctx, job.id), audio: { unavailable: "The recording could not be reached just now (AssemblyAI did not answer); reload the page to try again." } };
    }
  }
  const when = job.transcript_purged_at !== null ? ` on ${new Date(job.transcript_purged_at).toISOString().slice(0, 10)}` : "";
  return {
    transcript: await storedCopy(ctx, job.id),
    audio: { unavailable: `The recording is no longer available: it was deleted${when} under this deployment's retention policy. The transcript below is the copy kept with the note.` },
  };
  async function storedCopy(c: TenantContext, id: string): Promise<Transcript | undefined> {
    const copy = await c.tenant.storedTranscript(id);
    if (!copy) return undefined;
    try {
      const parsed = transcriptSchema.safeParse(JSON.parse(copy.json));
      return parsed.success ? parsed.data : undefined;
    } catch {
      deps.log({ level: "warn", event: "review_page.stored_transcript_unreadable", job_id: id });
      return undefined;
    }
  }
}
