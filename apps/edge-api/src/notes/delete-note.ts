import { NotFoundError } from "@org/soap-core";
import type { ResolvedDeps } from "../app-types.js";
import { makeClients } from "../clients.js";
import type { AppConfig } from "../config/app-config.js";
import { getJob, markDeleted } from "../db/jobs-repo.js";
import { HttpError } from "../http/errors.js";

/**
 * Deletes a note: first the transcript at AssemblyAI (already gone counts as deleted), then the note and
 * the job's data here. When AssemblyAI fails, nothing is deleted here, so that the call can be repeated.
 * @throws {HttpError} 404 when this tenant has no such note.
 */
export async function deleteNote(config: AppConfig, deps: ResolvedDeps, tenantId: string, id: string): Promise<void> {
  const job = await getJob(config.db, tenantId, id);
  if (!job) throw noteNotFound();
  if (job.transcript_id) {
    const { transcripts } = makeClients(config, deps, deps.clientMaxRetries);
    try {
      await transcripts.delete(job.transcript_id);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  await markDeleted(config.db, tenantId, id, deps.now());
  deps.log({ level: "info", event: "note.deleted", job_id: id, tenant_id: tenantId, transcript_id: job.transcript_id });
}

/** The 404 of a note this tenant cannot see (whether or not another tenant has it). */
export function noteNotFound(): HttpError {
  return new HttpError(404, "not_found", "No note with this id.");
}
