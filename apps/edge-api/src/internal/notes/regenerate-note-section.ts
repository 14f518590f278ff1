import { regenerateSection } from "@org/soap-core";
import { getTemplate, templateHash, type SoapSection } from "@org/soap-prompts";
import type { ResolvedDeps } from "../app-types.js";
import { makeClients } from "../clients.js";
import type { AppConfig } from "../config/app-config.js";
import type { JobWithNote } from "../db/job-row.js";
import { getJob, replaceNote } from "../db/jobs-repo.js";
import { HttpError } from "../http/errors.js";
import { noteNotFound } from "./delete-note.js";
import { parseStoredNote } from "./note-resource.js";

/**
 * Regenerates one section of a completed note with the job's pinned template and model (core's
 * `regenerateSection`), and stores the new note. Synchronous: one gateway request.
 * @throws {HttpError} 404 unknown note, 409 note not completed.
 */
export async function regenerateNoteSection(
  config: AppConfig,
  deps: ResolvedDeps,
  tenantId: string,
  id: string,
  section: SoapSection,
): Promise<JobWithNote> {
  const job = await getJob(config.db, tenantId, id);
  if (!job) throw noteNotFound();
  if (job.status !== "completed" || !job.note_json || !job.transcript_id) {
    throw new HttpError(409, "note_not_ready", `Only a completed note can have a section regenerated (status: ${job.status}).`, {
      details: { status: job.status },
    });
  }
  const { transcripts, gateway } = makeClients(config, deps, deps.clientMaxRetries);
  const transcript = await transcripts.get(job.transcript_id);
  const template = getTemplate(job.template_spec);
  const note = await regenerateSection(parseStoredNote(job.note_json), section, {
    gateway,
    template,
    transcript,
    model: job.model,
    templateHash: await templateHash(template),
    now: () => new Date(deps.now()),
  });
  const noteJson = JSON.stringify(note);
  if (!(await replaceNote(config.db, tenantId, id, noteJson, deps.now()))) throw noteNotFound();
  deps.log({ level: "info", event: "note.section_regenerated", job_id: id, section });
  return { ...job, note_json: noteJson, updated_at: deps.now() };
}
