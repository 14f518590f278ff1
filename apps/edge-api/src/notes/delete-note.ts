import { NotFoundError } from "@org/soap-core";
import { makeClients } from "../app/clients.js";
import type { TenantContext } from "../app/tenant-context.js";
import { HttpError } from "../http/errors.js";

/**
 * Deletes a note: first the transcript at AssemblyAI (already gone counts as deleted), then the note and
 * the job's data here. When AssemblyAI fails, nothing is deleted here, so that the call can be repeated.
 * @throws {HttpError} 404 when this tenant has no such note.
 */
export async function deleteNote({ config, deps, tenant }: TenantContext, id: string): Promise<void> {
  const job = await tenant.get(id);
  if (!job) throw noteNotFound();
  if (job.transcript_id) {
    const { transcripts } = makeClients(config, deps, deps.clientMaxRetries);
    try {
      await transcripts.delete(job.transcript_id);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  await tenant.markDeleted(id);
  deps.log({ level: "info", event: "note.deleted", job_id: id, tenant_id: tenant.tenantId, transcript_id: job.transcript_id });
}

/** The 404 of a note this tenant cannot see (whether or not another tenant has it). */
export function noteNotFound(): HttpError {
  return new HttpError(404, "not_found", "No note with this id.");
}
