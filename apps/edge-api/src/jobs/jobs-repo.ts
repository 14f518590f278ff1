import type { Clock } from "@org/soap-core/visit";
import type { FailureCode, JobRow, JobStatus } from "./job-row.js";
import { tenantJobs, type TenantJobs } from "./tenant-jobs.js";

/** The outcome of a webhook delivery on the job state machine. */
export interface WebhookTransition {
  /** The job the delivery belongs to, after the transition; null when no job matches. */
  job: JobRow | null;
  /** True when this delivery moved the job to `queued` (false for duplicates and late deliveries). */
  transitioned: boolean;
}

/** A stale `generating` job, for the sweeper. */
export interface StaleGenerating {
  id: string;
  tenant_id: string;
  attempts: number;
  lease_until: number | null;
  updated_at: number;
}

/** A finished job whose transcript retention may delete. */
export interface RetentionCandidate {
  id: string;
  tenant_id: string;
  transcript_id: string;
  finished_at: number;
}

/**
 * The D1 `jobs` table, bound to a database and the injected clock: every write is stamped with
 * `clock()`, so no caller passes a time. Tenant-scoped reads and writes live on {@link forTenant};
 * the methods here move a job by its id alone (ids are ours and unique), for the create flow, the
 * webhook, the queue's dead letters and the sweeper, which learn the id before (or without) a tenant.
 */
export interface JobsRepo {
  /** This tenant's view: every statement filters on `tenantId`. */
  forTenant(tenantId: string): TenantJobs;
  /**
   * Moves a job to `failed` when it is in one of `from` (and releases its lease). False when it was not
   * (already terminal, deleted, or moved on), so that a late failure never overwrites a result.
   */
  markFailed(input: { id: string; from: readonly JobStatus[]; code: FailureCode; reason: string }): Promise<boolean>;
  /**
   * Applies a transcript webhook: a job waiting for its transcript (`transcribing`, or `creating` when the
   * webhook beats the create response, or `failed` because the create looked uncertain) moves to `queued`.
   * Matches on the job id from the (signed) webhook URL when there is one (then links the transcript id,
   * unless another job holds it: a replayed delivery naming another job's transcript changes nothing),
   * else on the transcript id. Conditional, so duplicates and out-of-order deliveries change nothing.
   * The job returned is the one the URL names (in any status, deleted included), or null when there is none.
   * A job the URL names that it moved deletes its create's record (`uncertain_creates`) in the same batch.
   */
  applyWebhook(input: { jobId: string | undefined; transcriptId: string; transcriptStatus: string }): Promise<WebhookTransition>;
  /** Records that the job's generation message is on the queue (stamping `updated_at`: the sweeper serves the longest-waiting first). */
  markEnqueued(id: string): Promise<void>;
  /** {@link markEnqueued} for several jobs, in one D1 batch. */
  markEnqueuedMany(ids: readonly string[]): Promise<void>;
  /**
   * Stamps jobs still in `status` as looked at now (`updated_at`), so that a sweep that could not move
   * them serves the others first next time instead of trying the same ones again.
   */
  touch(ids: readonly string[], status: JobStatus): Promise<void>;
  /** `queued` jobs whose message was last sent (or, never sent, that were queued) more than `ageMs` ago, least recently looked at first. */
  staleQueued(ageMs: number, limit: number): Promise<{ id: string; tenant_id: string }[]>;
  /** Jobs `creating` for more than `ageMs`. */
  staleCreating(ageMs: number, limit: number): Promise<{ id: string }[]>;
  /** Jobs `transcribing` without news for more than `ageMs`, least recently looked at first. */
  staleTranscribing(ageMs: number, limit: number): Promise<{ id: string; tenant_id: string; transcript_id: string }[]>;
  /**
   * Jobs `generating` that nobody holds: their lease expired (the delivery that held it died), or none
   * was held for `ageMs` (a queue retry that never came).
   */
  staleGenerating(ageMs: number, limit: number): Promise<StaleGenerating[]>;
  /**
   * Frees the expired leases of `generating` jobs (the delivery that held them died) and stamps them, so
   * that the message the sweeper sends again takes them over (and the one-hour rule fails them if it never comes).
   */
  freeExpiredLeases(ids: readonly string[]): Promise<void>;
  /** Stamps a still-`transcribing` job as looked at now, so that the sweeper comes back to it later. */
  touchTranscribing(id: string): Promise<void>;
  /** Finished jobs (completed, or failed for good) whose transcript is still at AssemblyAI and that finished at or before `cutoff`. */
  retentionDue(cutoff: number, limit: number): Promise<RetentionCandidate[]>;
}

/**
 * The {@link JobsRepo} of `db`, stamping writes with `clock` (the app's `ResolvedDeps.now`).
 *
 * @example
 * ```ts
 * const jobs = jobsRepo(config.db, deps.now);
 * const row = await jobs.forTenant(auth.tenantId).get(id);
 * ```
 */
export function jobsRepo(db: D1Database, clock: Clock): JobsRepo {
  return {
    forTenant: (tenantId) => tenantJobs(db, clock, tenantId),

    async markFailed(input) {
      const placeholders = input.from.map((_, i) => `?${i + 5}`).join(", ");
      const res = await db
        .prepare(
          `UPDATE jobs SET status = 'failed', failure_code = ?2, failure_reason = ?3, updated_at = ?4, finished_at = ?4, lease_until = NULL
       WHERE id = ?1 AND status IN (${placeholders})`,
        )
        .bind(input.id, input.code, input.reason, clock(), ...input.from)
        .run();
      return res.meta.changes === 1;
    },

    async applyWebhook(input) {
      const now = clock();
      const waiting = `(status IN ('creating', 'transcribing') OR (status = 'failed' AND failure_code = 'transcript_create_uncertain'))`;
      const updated = input.jobId
        ? ((
            await db.batch([
              db
                .prepare(
                  `UPDATE jobs SET status = 'queued', transcript_id = ?2, transcript_status = ?3, failure_code = NULL,
             failure_reason = NULL, finished_at = NULL, enqueued_at = NULL, updated_at = ?4
           WHERE id = ?1 AND (transcript_id IS NULL OR transcript_id = ?2) AND ${waiting}
             AND NOT EXISTS (SELECT 1 FROM jobs other WHERE other.transcript_id = ?2 AND other.id <> ?1)
           RETURNING *`,
                )
                .bind(input.jobId, input.transcriptId, input.transcriptStatus, now),
              // The create was made (this is its transcript): its record, and the audio URL, go in the same batch.
              db
                .prepare(`DELETE FROM uncertain_creates WHERE job_id = ?1 AND EXISTS (SELECT 1 FROM jobs WHERE id = ?1 AND transcript_id = ?2 AND status = 'queued')`)
                .bind(input.jobId, input.transcriptId),
            ])
          )[0]?.results[0] as JobRow | undefined) ?? null
        : await db
            .prepare(
              `UPDATE jobs SET status = 'queued', transcript_status = ?2, failure_code = NULL, failure_reason = NULL,
             finished_at = NULL, enqueued_at = NULL, updated_at = ?3
           WHERE transcript_id = ?1 AND ${waiting}
           RETURNING *`,
            )
            .bind(input.transcriptId, input.transcriptStatus, now)
            .first<JobRow>();
      if (updated) return { job: updated, transitioned: true };
      const existing = input.jobId
        ? await db.prepare(`SELECT * FROM jobs WHERE id = ?1`).bind(input.jobId).first<JobRow>()
        : await db.prepare(`SELECT * FROM jobs WHERE transcript_id = ?1`).bind(input.transcriptId).first<JobRow>();
      return { job: existing, transitioned: false };
    },

    async markEnqueued(id) {
      await db.prepare(`UPDATE jobs SET enqueued_at = ?2, updated_at = ?2 WHERE id = ?1`).bind(id, clock()).run();
    },

    async markEnqueuedMany(ids) {
      if (ids.length === 0) return;
      const now = clock();
      await db.batch(ids.map((id) => db.prepare(`UPDATE jobs SET enqueued_at = ?2, updated_at = ?2 WHERE id = ?1`).bind(id, now)));
    },

    async touch(ids, status) {
      if (ids.length === 0) return;
      const now = clock();
      await db.batch(ids.map((id) => db.prepare(`UPDATE jobs SET updated_at = ?2 WHERE id = ?1 AND status = ?3`).bind(id, now, status)));
    },

    async staleQueued(ageMs, limit) {
      const { results } = await db
        .prepare(
          `SELECT id, tenant_id FROM jobs WHERE status = 'queued' AND COALESCE(enqueued_at, updated_at) < ?1 ORDER BY updated_at LIMIT ?2`,
        )
        .bind(clock() - ageMs, limit)
        .all<{ id: string; tenant_id: string }>();
      return results;
    },

    async staleCreating(ageMs, limit) {
      const { results } = await db
        .prepare(`SELECT id FROM jobs WHERE status = 'creating' AND updated_at < ?1 ORDER BY updated_at LIMIT ?2`)
        .bind(clock() - ageMs, limit)
        .all<{ id: string }>();
      return results;
    },

    async staleTranscribing(ageMs, limit) {
      const { results } = await db
        .prepare(`SELECT id, tenant_id, transcript_id FROM jobs WHERE status = 'transcribing' AND updated_at < ?1 ORDER BY updated_at LIMIT ?2`)
        .bind(clock() - ageMs, limit)
        .all<{ id: string; tenant_id: string; transcript_id: string }>();
      return results;
    },

    async staleGenerating(ageMs, limit) {
      const now = clock();
      const { results } = await db
        .prepare(
          `SELECT id, tenant_id, attempts, lease_until, updated_at FROM jobs
         WHERE status = 'generating' AND ((lease_until IS NOT NULL AND lease_until < ?1) OR (lease_until IS NULL AND updated_at < ?2))
         ORDER BY updated_at LIMIT ?3`,
        )
        .bind(now, now - ageMs, limit)
        .all<StaleGenerating>();
      return results;
    },

    async freeExpiredLeases(ids) {
      if (ids.length === 0) return;
      const now = clock();
      await db.batch(
        ids.map((id) =>
          db.prepare(`UPDATE jobs SET lease_until = NULL, updated_at = ?2 WHERE id = ?1 AND status = 'generating' AND lease_until < ?2`).bind(id, now),
        ),
      );
    },

    async touchTranscribing(id) {
      await db.prepare(`UPDATE jobs SET updated_at = ?2 WHERE id = ?1 AND status = 'transcribing'`).bind(id, clock()).run();
    },

    async retentionDue(cutoff, limit) {
      // A job failed because its create looked uncertain may still be resumed by its webhook: not finished.
      const { results } = await db
        .prepare(
          `SELECT id, tenant_id, transcript_id, finished_at FROM jobs
         WHERE transcript_id IS NOT NULL AND transcript_purged_at IS NULL AND finished_at <= ?1
           AND (status = 'completed' OR (status = 'failed' AND failure_code <> 'transcript_create_uncertain'))
           AND NOT EXISTS (SELECT 1 FROM transcript_purges p WHERE p.transcript_id = jobs.transcript_id)
         ORDER BY finished_at LIMIT ?2`,
        )
        .bind(cutoff, limit)
        .all<RetentionCandidate>();
      return results;
    },
  };
}
