import type { ListPosition } from "../jobs/tenant-jobs.js";

/**
 * A note is listed in the finished feed only once it finished this long ago: D1 applies writes one at a
 * time, but two Workers may stamp `finished_at` and commit in the other order; a reader that already
 * moved past a stamp would then miss the late one. Clients still look up, one by one, notes they have
 * waited on for long (the CLI after 10 minutes).
 */
export const FINISHED_SETTLE_MS = 2_000;

/** One row of the feed. */
export interface FinishedRow {
  id: string;
  status: "completed" | "failed";
  failure_code: string | null;
  failure_reason: string | null;
  finished_at: number;
}

/**
 * A tenant's notes in the order they finished (`completed` or `failed`; deleted ones are left out),
 * strictly after `after`, up to `settledBefore`. Served by the index `jobs_tenant_finished`.
 */
export async function finishedNotes(db: D1Database, tenantId: string, after: ListPosition | undefined, settledBefore: number, limit: number): Promise<FinishedRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, status, failure_code, failure_reason, finished_at FROM jobs
       WHERE tenant_id = ?1 AND finished_at IS NOT NULL AND finished_at <= ?2 AND status IN ('completed', 'failed')
         AND (finished_at > ?3 OR (finished_at = ?3 AND id > ?4))
       ORDER BY finished_at, id LIMIT ?5`,
    )
    .bind(tenantId, settledBefore, after?.createdAt ?? -1, after?.id ?? "", limit)
    .all<FinishedRow>();
  return results;
}
