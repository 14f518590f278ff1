import type { Clock } from "@org/soap-core/visit";

/** Why a transcript is to be deleted at AssemblyAI. */
export type PurgeReason = "deleted" | "retention" | "offboarded" | "unknown_job" | "audio_too_long";

/** A row of `transcript_purges`: a transcript to delete at AssemblyAI (see migrations/0003_job_lifecycle.sql). */
export interface PurgeRow {
  transcript_id: string;
  job_id: string;
  /** Null for a job this deployment no longer knows (a webhook of a job that is gone). */
  tenant_id: string | null;
  reason: PurgeReason;
  /** 1: the transcript's `webhook_url` must name `job_id` before it is deleted (the id came from a webhook). */
  verify: 0 | 1;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
}

/** A purge to record. */
export interface NewPurge {
  transcriptId: string;
  jobId: string;
  tenantId: string | null;
  reason: PurgeReason;
  verify: boolean;
}

/**
 * The D1 `transcript_purges` table (plus the job stamp and audit line a finished purge leaves),
 * stamped with the injected clock.
 */
export interface PurgesRepo {
  /** The statement that records a purge (a pending one for the same transcript is kept), to batch with other writes. */
  insertStatement(purge: NewPurge): D1PreparedStatement;
  /** Records a purge, due now. */
  add(purge: NewPurge): Promise<void>;
  /** The pending purge of a transcript, or null. */
  get(transcriptId: string): Promise<PurgeRow | null>;
  /** Purges due now, the longest-waiting first. */
  due(limit: number): Promise<PurgeRow[]>;
  /**
   * A purge that is over: drops its row; when the transcript was `deleted` now or is `gone`, stamps the
   * job's `transcript_purged_at` (if the job still exists); when it was `deleted`, records a
   * `transcript.purged` audit event for the tenant. A `foreign` transcript (not this job's) is left alone.
   */
  finish(row: PurgeRow, outcome: "deleted" | "gone" | "foreign"): Promise<void>;
  /** Tries again at `nextAttemptAt`, recording the failure's error class. */
  postpone(transcriptId: string, nextAttemptAt: number, error: string): Promise<void>;
  /** How many purges of a tenant are pending. */
  pendingForTenant(tenantId: string): Promise<number>;
}

/** The {@link PurgesRepo} of `db`, stamping writes with `clock`. */
export function purgesRepo(db: D1Database, clock: Clock): PurgesRepo {
  const insertStatement = (p: NewPurge): D1PreparedStatement =>
    db
      .prepare(
        `INSERT INTO transcript_purges (transcript_id, job_id, tenant_id, reason, verify, next_attempt_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) ON CONFLICT (transcript_id) DO NOTHING`,
      )
      .bind(p.transcriptId, p.jobId, p.tenantId, p.reason, p.verify ? 1 : 0, clock());
  return {
    insertStatement,

    async add(purge) {
      await insertStatement(purge).run();
    },

    async get(transcriptId) {
      return db.prepare(`SELECT * FROM transcript_purges WHERE transcript_id = ?1`).bind(transcriptId).first<PurgeRow>();
    },

    async due(limit) {
      const { results } = await db
        .prepare(`SELECT * FROM transcript_purges WHERE next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT ?2`)
        .bind(clock(), limit)
        .all<PurgeRow>();
      return results;
    },

    async finish(row, outcome) {
      const now = clock();
      const statements: D1PreparedStatement[] = [];
      if (outcome === "deleted" && row.tenant_id !== null) {
        // Only while the row is still pending: of two attempts racing on one transcript, one records it.
        statements.push(
          db
            .prepare(
              `INSERT INTO audit_events (tenant_id, at, actor, key_id, action, note_id, detail)
             SELECT ?1, ?2, 'system', NULL, 'transcript.purged', ?3, ?4 WHERE EXISTS (SELECT 1 FROM transcript_purges WHERE transcript_id = ?5)`,
            )
            .bind(row.tenant_id, now, row.job_id, row.reason, row.transcript_id),
        );
      }
      statements.push(db.prepare(`DELETE FROM transcript_purges WHERE transcript_id = ?1`).bind(row.transcript_id));
      if (outcome !== "foreign") {
        statements.push(
          db
            .prepare(`UPDATE jobs SET transcript_purged_at = ?3 WHERE id = ?1 AND transcript_id = ?2 AND transcript_purged_at IS NULL`)
            .bind(row.job_id, row.transcript_id, now),
        );
      }
      await db.batch(statements);
    },

    async postpone(transcriptId, nextAttemptAt, error) {
      await db
        .prepare(`UPDATE transcript_purges SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 WHERE transcript_id = ?1`)
        .bind(transcriptId, nextAttemptAt, error.slice(0, 100))
        .run();
    },

    async pendingForTenant(tenantId) {
      const row = await db.prepare(`SELECT COUNT(*) AS n FROM transcript_purges WHERE tenant_id = ?1`).bind(tenantId).first<{ n: number }>();
      return row?.n ?? 0;
    },
  };
}
