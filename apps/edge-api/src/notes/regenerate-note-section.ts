import { PlanMismatchError, type Transcript } from "@org/soap-core";
import type { SoapNote } from "@org/soap-core/engine";
import { transcriptSchema } from "@org/soap-core/schemas";
import { regenerateNoteSection as regenerateWithPlan } from "@org/soap-core/visit";
import type { SoapSection } from "@org/soap-prompts";
import { makeClients, type Clients } from "../app/clients.js";
import type { TenantContext } from "../app/tenant-context.js";
import type { JobWithNote } from "../jobs/job-row.js";
import { HttpError } from "../http/errors.js";
import { noteNotFound } from "./delete-note.js";
import { parseStoredNote } from "./note-resource.js";

/**
 * Regenerates one section of a completed note with core's `regenerateNoteSection`: the note's own
 * recorded plan (template id@version and hash, model, transcript mode), bound to the note's
 * transcript (core checks its content hash). The transcript is AssemblyAI's while it is there, and
 * once retention deleted it there, the copy the note keeps (for a note whose gateway requests carry
 * the transcript inline; one written in `transcript_id` mode cannot be regenerated any more). Stores
 * the new note. Synchronous: one gateway request.
 * @throws {HttpError} 404 unknown note, 409 note not completed, its transcript gone, or its plan cannot be carried out.
 */
export async function regenerateNoteSection(ctx: TenantContext, id: string, section: SoapSection): Promise<JobWithNote> {
  const { config, deps, tenant } = ctx;
  const job = await tenant.get(id);
  if (!job) throw noteNotFound();
  if (job.status !== "completed" || !job.note_json || !job.transcript_id) {
    throw new HttpError(409, "note_not_ready", `Only a completed note can have a section regenerated (status: ${job.status}).`, {
      details: { status: job.status },
    });
  }
  const stored = parseStoredNote(job.note_json);
  const { transcripts, gateway } = makeClients(config, deps, deps.clientMaxRetries);
  const transcript = await transcriptOf(ctx, job, stored, transcripts);
  let note;
  try {
    note = await regenerateWithPlan(stored, section, { gateway, transcript, clock: deps.now });
  } catch (error) {
    if (error instanceof PlanMismatchError) throw new HttpError(409, "conflict", error.message, { cause: error });
    throw error;
  }
  const noteJson = JSON.stringify(note);
  if (!(await tenant.replaceNote(id, noteJson))) throw noteNotFound();
  deps.log({ level: "info", event: "note.section_regenerated", job_id: id, section, transcript: job.transcript_purged_at === null ? "assemblyai" : "stored_copy" });
  return { ...job, note_json: noteJson, updated_at: deps.now() };
}

/** The transcript to regenerate from: AssemblyAI's until this API deleted it (retention), then the note's copy. */
async function transcriptOf({ tenant }: TenantContext, job: JobWithNote, note: SoapNote, transcripts: Clients["transcripts"]): Promise<Transcript> {
  const transcriptId = job.transcript_id as string;
  if (job.transcript_purged_at === null) return transcripts.get(transcriptId);
  const deletedOn = new Date(job.transcript_purged_at).toISOString();
  if (note.provenance.transcript_mode === "transcript_id") {
    throw transcriptGone(
      `Transcript ${transcriptId} was deleted at AssemblyAI on ${deletedOn} (retention), and this note's requests let the gateway read it there ` +
        "(transcript_mode transcript_id), so no section can be regenerated any more. Nothing was sent.",
    );
  }
  const copy = await tenant.storedTranscript(job.id);
  const parsed = copy ? transcriptSchema.safeParse(safeJson(copy.json)) : undefined;
  if (!parsed?.success) {
    throw transcriptGone(
      `Transcript ${transcriptId} was deleted at AssemblyAI on ${deletedOn} (retention), and this note keeps no usable copy of it ` +
        "(notes written before copies were kept, or too large to keep one), so no section can be regenerated any more. Nothing was sent.",
    );
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function transcriptGone(message: string): HttpError {
  return new HttpError(409, "conflict", message, { details: { reason: "transcript_deleted" } });
}
