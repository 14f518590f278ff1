import type { TenantLimits } from "../config/app-config.js";
import { IDEMPOTENCY_TTL_MS, type IdempotencyKey } from "../idempotency/idempotency-key.js";
import { idempotencyStore, type IdempotencyRecord } from "../idempotency/idempotency-store.js";
import type { NewJob } from "../jobs/tenant-jobs.js";
import { uncertainCreatesRepo } from "../jobs/uncertain-creates-repo.js";
import { dailyUsage, IN_FLIGHT_SQL, utcDay } from "../quotas/tenant-quotas.js";

/** What became of a new job's admission. */
export type Admission =
  | { kind: "admitted" }
  | { kind: "key_in_use"; record: IdempotencyRecord }
  | { kind: "over_cap"; cap: "in_flight" | "daily" };

/** Input of {@link admitNoteJob}. */
export interface AdmissionInput {
  tenantId: string;
  job: NewJob;
  now: number;
  limits: Pick<TenantLimits, "createsPerDay" | "maxInFlight">;
  idempotency: IdempotencyKey | undefined;
  /** The audio URL the job's create is about to send: recorded with the job (`uncertain_creates`) until the create is resolved. */
  audioUrl: string;
}

/**
 * Records a new job (`creating`) only when its tenant is under both caps (jobs in flight, creating
 * requests today) and, with an `Idempotency-Key`, only when this request holds the key. One D1 batch
 * (a transaction): claim the key (its primary key makes concurrent first uses race on a constraint,
 * not on a read), insert the job under the caps and the claim, count it for the day, record the create
 * about to be sent with its audio URL (`uncertain_creates`, until its outcome is known), and drop a claim
 * whose job was refused, so that all of it happens or none of it. The job row is the one
 * `TenantJobs.insert` writes; the caps make it a conditional insert.
 */
export async function admitNoteJob(db: D1Database, input: AdmissionInput): Promise<Admission> {
  const { tenantId, job, now, limits, idempotency, audioUrl } = input;
  const day = utcDay(now);
  const keys = idempotencyStore(db, tenantId);
  const usage = dailyUsage(db, tenantId);
  const holdsKey = idempotency ? `AND EXISTS (SELECT 1 FROM idempotency_keys WHERE tenant_id = ?2 AND key_hash = ?12 AND claim_id = ?1)` : "";
  const statements: D1PreparedStatement[] = [usage.prune(now), keys.pruneExpired(now)];
  if (idempotency) statements.push(keys.claim(idempotency, { claimId: job.id, jobId: job.id, now, expiresAt: now + IDEMPOTENCY_TTL_MS }));
  statements.push(
    db
      .prepare(
        `INSERT INTO jobs (id, tenant_id, status, template_spec, experiment, variant, model, options_json, created_at, updated_at)
     SELECT ?1, ?2, 'creating', ?3, ?4, ?5, ?6, ?7, ?8, ?8
     WHERE (SELECT COUNT(*) FROM jobs WHERE tenant_id = ?2 AND status IN (${IN_FLIGHT_SQL})) < ?9
       AND COALESCE((SELECT creates FROM tenant_daily_usage WHERE tenant_id = ?2 AND day = ?10), 0) < ?11
       ${holdsKey}`,
      )
      .bind(
        job.id,
        tenantId,
        job.templateSpec,
        job.experiment ?? null,
        job.variant ?? null,
        job.model,
        job.optionsJson,
        now,
        limits.maxInFlight,
        day,
        limits.createsPerDay,
        ...(idempotency ? [idempotency.keyHash] : []),
      ),
    db
      .prepare(
        `INSERT INTO tenant_daily_usage (tenant_id, day, creates)
     SELECT ?1, ?2, 1 WHERE EXISTS (SELECT 1 FROM jobs WHERE id = ?3 AND tenant_id = ?1)
     ON CONFLICT (tenant_id, day) DO UPDATE SET creates = creates + 1`,
      )
      .bind(tenantId, day, job.id),
    uncertainCreatesRepo(db, () => now).insertStatement({ jobId: job.id, tenantId, audioUrl, sentAt: now }),
  );
  if (idempotency) {
    statements.push(
      db
        .prepare(`DELETE FROM idempotency_keys WHERE tenant_id = ?1 AND key_hash = ?2 AND claim_id = ?3 AND NOT EXISTS (SELECT 1 FROM jobs WHERE id = ?3)`)
        .bind(tenantId, idempotency.keyHash, job.id),
    );
  }
  statements.push(
    db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM jobs WHERE id = ?1 AND tenant_id = ?2) AS admitted,
       (SELECT COUNT(*) FROM jobs WHERE tenant_id = ?2 AND status IN (${IN_FLIGHT_SQL})) AS in_flight`,
      )
      .bind(job.id, tenantId),
  );
  const results = await db.batch(statements);
  const outcome = results[results.length - 1]?.results[0] as { admitted: number; in_flight: number } | undefined;
  if (outcome?.admitted === 1) return { kind: "admitted" };
  if (idempotency) {
    const record = await keys.find(idempotency.keyHash);
    if (record && record.claim_id !== job.id) return { kind: "key_in_use", record };
  }
  // Refused by a cap: the in-flight count includes every job the tenant has running, so it is the cap to name when full.
  return { kind: "over_cap", cap: (outcome?.in_flight ?? 0) >= limits.maxInFlight ? "in_flight" : "daily" };
}
