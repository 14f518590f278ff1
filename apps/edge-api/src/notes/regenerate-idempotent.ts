import type { SoapSection } from "@org/soap-prompts";
import type { TenantContext } from "../app/tenant-context.js";
import { HttpError } from "../http/errors.js";
import { IDEMPOTENCY_STALE_MS, IDEMPOTENCY_TTL_MS, type IdempotencyKey } from "../idempotency/idempotency-key.js";
import { idempotencyStore } from "../idempotency/idempotency-store.js";
import { existingUse, inProgressError, keyReusedError, replayedError, storedError } from "../idempotency/replay.js";
import type { JobWithNote } from "../jobs/job-row.js";
import { dailyCapError, dailyUsage } from "../quotas/tenant-quotas.js";
import { noteNotFound } from "./delete-note.js";
import { regenerateNoteSection } from "./regenerate-note-section.js";

/** A regeneration's note, and whether the answer repeats the first use of its `Idempotency-Key`. */
export interface RegenerateAnswer {
  row: JobWithNote;
  replayed: boolean;
}

/**
 * Regenerates a section (one paid gateway call) under the tenant's daily quota and, with an
 * `Idempotency-Key`, once per key: a retry of a regeneration that succeeded answers with the note as
 * it is now (the regenerated section is not stored twice, and no note text is kept with the key); a
 * 4xx is answered again; a 5xx (nothing changed) forgets the key so that the retry runs. A 404 or 409
 * gives its quota back (no gateway call was made).
 * @throws {HttpError} 404, 409 (not ready, plan mismatch, key reused or in progress), 429 over the daily quota.
 */
export async function regenerateIdempotent(
  ctx: TenantContext,
  id: string,
  section: SoapSection,
  idempotency: IdempotencyKey | undefined,
): Promise<RegenerateAnswer> {
  const { config, deps, tenant } = ctx;
  const now = deps.now();
  const keys = idempotencyStore(config.db, tenant.tenantId);
  const claimId = crypto.randomUUID();
  if (idempotency) {
    await config.db.batch([
      keys.pruneExpired(now),
      keys.claim(idempotency, { claimId, jobId: id, now, expiresAt: now + IDEMPOTENCY_TTL_MS, staleBefore: now - IDEMPOTENCY_STALE_MS }),
    ]);
    const record = await keys.find(idempotency.keyHash);
    if (record && record.claim_id !== claimId) {
      const use = existingUse(record, idempotency.requestHash, now);
      if (use.kind === "conflict") throw keyReusedError();
      if (use.kind !== "answered") throw inProgressError(1);
      if (use.status !== 200) throw replayedError(use.status, use.body);
      const row = await tenant.get(id);
      if (!row) throw noteNotFound();
      return { row, replayed: true };
    }
  }
  const usage = dailyUsage(config.db, tenant.tenantId);
  if (!(await usage.consume(now, config.limits.createsPerDay))) {
    if (idempotency) await keys.release(idempotency.keyHash, claimId);
    deps.log({ level: "warn", event: "note.over_cap", tenant_id: tenant.tenantId, cap: "daily" });
    throw dailyCapError(config.limits.createsPerDay, now);
  }
  // Bookkeeping failures are logged, never answered: the regeneration's own outcome is what the caller needs.
  const settle = async (step: Promise<void>) =>
    step.catch((error: unknown) => deps.log({ level: "error", event: "idempotency.save_failed", job_id: id, error: error instanceof Error ? error.name : "Error" }));
  let row: JobWithNote;
  try {
    row = await regenerateNoteSection(ctx, id, section);
  } catch (error) {
    const definite = error instanceof HttpError && error.status < 500;
    if (definite && (error.status === 404 || error.status === 409)) await settle(usage.refund(now));
    if (idempotency) {
      await settle(definite ? keys.saveResponse(idempotency.keyHash, claimId, error.status, storedError(error)) : keys.release(idempotency.keyHash, claimId));
    }
    throw error;
  }
  if (idempotency) await settle(keys.saveResponse(idempotency.keyHash, claimId, 200, null));
  return { row, replayed: false };
}
