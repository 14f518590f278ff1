import { z } from "@hono/zod-openapi";
import { makeClients } from "../app/clients.js";
import type { TenantContext } from "../app/tenant-context.js";
import { HttpError } from "../http/errors.js";
import { purgesRepo } from "../jobs/purges-repo.js";
import { purgeIsOver, runPurge } from "../jobs/transcript-purge.js";

/** Timeout of the one AssemblyAI call a delete makes before it answers (the sweeper retries what it leaves). */
export const DELETE_PURGE_TIMEOUT_MS = 5_000;

/** `202` answer of `DELETE /v1/notes/{id}`: deleted here, the transcript still to be deleted at AssemblyAI. */
export const deletingNoteSchema = z
  .object({ id: z.string(), status: z.literal("deleting"), transcript_id: z.string() })
  .openapi("NoteDeleting");

/** What a delete did: `deleted` (nothing left anywhere) or `deleting` (the transcript is still to be deleted at AssemblyAI). */
export type DeleteOutcome = { status: "deleted" } | { status: "deleting"; transcriptId: string };

/**
 * Deletes a note for API key `byKeyId`. At once, in one D1 batch: the note (and its transcript copy) is
 * deleted, the deletion is recorded in the tenant's audit trail, the job becomes a tombstone (the note answers 404 from now on, and is never generated, even while it is being
 * transcribed or generated), and its transcript is queued for deletion at AssemblyAI. Then it tries
 * that deletion once: AssemblyAI refuses it while the transcript is being made, and may fail; either
 * way the answer is `deleting`, never an upstream error, and the transcript is deleted by the job's
 * webhook or the sweeper as soon as it can be.
 * @throws {HttpError} 404 when this tenant has no such note.
 */
export async function deleteNote({ config, deps, tenant }: TenantContext, id: string, byKeyId: string): Promise<DeleteOutcome> {
  const deleted = await tenant.markDeleted(id, byKeyId);
  if (!deleted) throw noteNotFound();
  deps.log({ level: "info", event: "note.deleted", job_id: id, tenant_id: tenant.tenantId, transcript_id: deleted.transcriptId });
  const transcriptId = deleted.transcriptId;
  if (transcriptId === null) return { status: "deleted" };
  const purges = purgesRepo(config.db, deps.now);
  const row = await purges.get(transcriptId);
  if (!row) return { status: "deleted" };
  const { transcripts } = makeClients(config, deps, deps.clientMaxRetries);
  try {
    const outcome = await runPurge({ purges, transcripts, deps }, row, { timeoutMs: DELETE_PURGE_TIMEOUT_MS });
    return purgeIsOver(outcome) ? { status: "deleted" } : { status: "deleting", transcriptId };
  } catch (error) {
    // The note is already deleted here; the purge stays queued for the sweeper.
    deps.log({ level: "warn", event: "note.purge_deferred", job_id: id, error: error instanceof Error ? error.name : "Error" });
    return { status: "deleting", transcriptId };
  }
}

/** The 404 of a note this tenant cannot see (whether or not another tenant has it). */
export function noteNotFound(): HttpError {
  return new HttpError(404, "not_found", "No note with this id.");
}
