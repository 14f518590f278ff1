import type { Clock } from "@org/soap-core/visit";

/** A pending row of `tenant_offboardings` (written by scripts/offboard-tenant.mjs). */
export interface OffboardingRequest {
  tenant_id: string;
  requested_at: number;
}

/** What carrying out one offboarding did. */
export interface OffboardingResult {
  tenantId: string;
  /** Jobs (with their notes) deleted here. */
  jobsRemoved: number;
  /** Transcripts queued for deletion at AssemblyAI (the sweeper's purge step deletes them). */
  transcriptsQueued: number;
}

/** Offboarding requests not carried out yet, oldest first. */
export async function pendingOffboardings(db: D1Database, limit: number): Promise<OffboardingRequest[]> {
  const { results } = await db
    .prepare(`SELECT tenant_id, requested_at FROM tenant_offboardings WHERE completed_at IS NULL ORDER BY requested_at LIMIT ?1`)
    .bind(limit)
    .all<OffboardingRequest>();
  return results;
}

/**
 * Carries out a tenant's offboarding in one D1 batch (all or nothing): queues every transcript of its
 * jobs that is still at AssemblyAI in `transcript_purges` (no foreign keys there, so the purges outlive
 * the tenant; the sweeper deletes them), deletes its notes (with their transcript copies) and jobs, then
 * the tenant, whose keys go by cascade (scripts/offboard-tenant.mjs revoked them when it asked), and
 * its webhook endpoints, events and deliveries. A job still being created has no transcript id yet:
 * its transcript's webhook finds no job and deletes it.
 * Audit events are kept (ids only).
 */
export async function offboardTenant(db: D1Database, clock: Clock, tenantId: string): Promise<OffboardingResult> {
  const now = clock();
  const [queued, , removed] = await db.batch([
    db
      .prepare(
        `INSERT INTO transcript_purges (transcript_id, job_id, tenant_id, reason, verify, next_attempt_at, created_at)
         SELECT transcript_id, id, tenant_id, 'offboarded', 0, ?2, ?2 FROM jobs
         WHERE tenant_id = ?1 AND transcript_id IS NOT NULL AND transcript_purged_at IS NULL
         ON CONFLICT (transcript_id) DO NOTHING`,
      )
      .bind(tenantId, now),
    db.prepare(`DELETE FROM notes WHERE tenant_id = ?1`).bind(tenantId),
    db.prepare(`DELETE FROM jobs WHERE tenant_id = ?1`).bind(tenantId),
    db.prepare(`DELETE FROM tenants WHERE id = ?1`).bind(tenantId),
    // Completion webhooks (migration 0006): endpoints (with their encrypted secrets), events, deliveries.
    db.prepare(`DELETE FROM webhook_deliveries WHERE tenant_id = ?1`).bind(tenantId),
    db.prepare(`DELETE FROM webhook_events WHERE tenant_id = ?1`).bind(tenantId),
    db.prepare(`DELETE FROM webhook_endpoints WHERE tenant_id = ?1`).bind(tenantId),
  ]);
  const result = { tenantId, jobsRemoved: removed?.meta.changes ?? 0, transcriptsQueued: queued?.meta.changes ?? 0 };
  await db
    .prepare(`UPDATE tenant_offboardings SET completed_at = ?2, jobs_removed = ?3, transcripts_queued = ?4 WHERE tenant_id = ?1`)
    .bind(tenantId, now, result.jobsRemoved, result.transcriptsQueued)
    .run();
  return result;
}
