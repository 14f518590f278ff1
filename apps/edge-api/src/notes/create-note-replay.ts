import type { TenantContext } from "../app/tenant-context.js";
import { HttpError } from "../http/errors.js";
import type { IdempotencyRecord } from "../idempotency/idempotency-store.js";
import { existingUse, inProgressError, keyReusedError, replayedError } from "../idempotency/replay.js";
import type { CreateAnswer } from "./create-note-job.js";
import { createdNoteSchema, noteStatusSchema } from "./notes-schemas.js";

/**
 * The answer to a `POST /v1/notes` whose `Idempotency-Key` another request holds: the first answer
 * again when the request is the same (202 or the stored error, marked replayed), 409 when the key
 * came with another request or its first use still runs, and, when the first use was interrupted
 * before it stored its answer, the job's current state.
 * @throws {HttpError} the replayed error, or the 409s.
 */
export async function replayCreate(ctx: TenantContext, record: IdempotencyRecord, requestHash: string, now: number): Promise<CreateAnswer> {
  const use = existingUse(record, requestHash, now);
  ctx.deps.log({ level: "info", event: "idempotency.existing", job_id: record.job_id, use: use.kind });
  switch (use.kind) {
    case "conflict":
      throw keyReusedError();
    case "in_progress":
      throw inProgressError(use.retryAfterSeconds);
    case "answered": {
      if (use.status !== 202) throw replayedError(use.status, use.body);
      const stored = createdNoteSchema.safeParse(parseStored(use.body));
      if (!stored.success) throw new HttpError(500, "internal_error", "Internal error.");
      return { note: stored.data, replayed: true };
    }
    case "interrupted": {
      const job = use.jobId === null ? null : await ctx.tenant.get(use.jobId);
      const status = noteStatusSchema.safeParse(job?.status);
      if (!job || !status.success) throw new HttpError(404, "not_found", "The note this Idempotency-Key created no longer exists.");
      return { note: { id: job.id, status: status.data, transcript_id: job.transcript_id }, replayed: true };
    }
  }
}

function parseStored(body: string | null): unknown {
  try {
    return body === null ? undefined : JSON.parse(body);
  } catch {
    return undefined; // a broken row: the schema check turns it into an internal error
  }
}
