import { PlanMismatchError } from "@org/soap-core";
import { regenerateNoteSection as regenerateWithPlan } from "@org/soap-core/visit";
import type { SoapSection } from "@org/soap-prompts";
import { makeClients } from "../app/clients.js";
import type { TenantContext } from "../app/tenant-context.js";
import type { JobWithNote } from "../jobs/job-row.js";
import { HttpError } from "../http/errors.js";
import { noteNotFound } from "./delete-note.js";
import { parseStoredNote } from "./note-resource.js";

/**
 * Regenerates one section of a completed note with core's `regenerateNoteSection`: the note's own
 * recorded plan (template id@version and hash, model, transcript mode), bound to the note's
 * transcript. Stores the new note. Synchronous: one gateway request.
 * @throws {HttpError} 404 unknown note, 409 note not completed or its plan cannot be carried out.
 */
export async function regenerateNoteSection({ config, deps, tenant }: TenantContext, id: string, section: SoapSection): Promise<JobWithNote> {
  const job = await tenant.get(id);
  if (!job) throw noteNotFound();
  if (job.status !== "completed" || !job.note_json || !job.transcript_id) {
    throw new HttpError(409, "note_not_ready", `Only a completed note can have a section regenerated (status: ${job.status}).`, {
      details: { status: job.status },
    });
  }
  const { transcripts, gateway } = makeClients(config, deps, deps.clientMaxRetries);
  const transcript = await transcripts.get(job.transcript_id);
  let note;
  try {
    note = await regenerateWithPlan(parseStoredNote(job.note_json), section, { gateway, transcript, clock: deps.now });
  } catch (error) {
    if (error instanceof PlanMismatchError) throw new HttpError(409, "conflict", error.message, { cause: error });
    throw error;
  }
  const noteJson = JSON.stringify(note);
  if (!(await tenant.replaceNote(id, noteJson))) throw noteNotFound();
  deps.log({ level: "info", event: "note.section_regenerated", job_id: id, section });
  return { ...job, note_json: noteJson, updated_at: deps.now() };
}
