import type { Clock } from "@org/soap-core/visit";
import type { JobRow } from "./job-row.js";

/** A create whose outcome is unknown, waiting in `uncertain_creates` (migrations/0007_uncertain_creates.sql). */
export interface UncertainCreate {
  job_id: string;
  tenant_id: string;
  audio_url: string;
  sent_at: number;
  sends: number;
  next_attempt_at: number;
}

/** The SQL condition of a job left waiting by an uncertain create: failed as such, no transcript known. */
const UNCERTAIN_JOB = `status = 'failed' AND failure_code = 'transcript_create_uncertain' AND transcript_id IS NULL`;

/**
 * The `uncertain_creates` table and the job transitions that resolve one, stamped with `clock()`. Every
 * transition is conditional on the job still being uncertain, so that a webhook that resumed it
 * meanwhile (the create did happen) always wins.
 */
export function uncertainCreatesRepo(db: D1Database, clock: Clock) {
  return {
    /** Records (or, for a create sent again, updates) the job's uncertain create; due for a look-up at `dueAt`. */
    async record(input: { jobId: string; tenantId: string; audioUrl: string; sentAt: number; dueAt: number }): Promise<void> {
      await db
        .prepare(
          `INSERT INTO uncertain_creates (job_id, tenant_id, audio_url, sent_at, sends, next_attempt_at) VALUES (?1, ?2, ?3, ?4, 1, ?5)
           ON CONFLICT (job_id) DO UPDATE SET sent_at = ?4, sends = sends + 1, next_attempt_at = ?5`,
        )
        .bind(input.jobId, input.tenantId, input.audioUrl, input.sentAt, input.dueAt)
        .run();
    },

    /** Rows due for a look-up, longest-waiting first. */
    async due(limit: number): Promise<UncertainCreate[]> {
      const { results } = await db
        .prepare(`SELECT * FROM uncertain_creates WHERE next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT ?2`)
        .bind(clock(), limit)
        .all<UncertainCreate>();
      return results;
    },

    /** The job of a row and whether it still waits on its uncertain create (`creating`: a create of it is being sent). */
    async job(jobId: string): Promise<{ job: JobRow; waiting: boolean } | null> {
      const job = await db.prepare(`SELECT *, (${UNCERTAIN_JOB}) AS waiting FROM jobs WHERE id = ?1`).bind(jobId).first<JobRow & { waiting: number }>();
      return job === null ? null : { job, waiting: job.waiting === 1 };
    },

    /** Looked at, nothing concluded: due again at `dueAt`. */
    async postpone(jobId: string, dueAt: number): Promise<void> {
      await db.prepare(`UPDATE uncertain_creates SET next_attempt_at = ?2 WHERE job_id = ?1`).bind(jobId, dueAt).run();
    },

    /** The create is resolved (or its job moved on): the row, and its audio URL, go. */
    async forget(jobId: string): Promise<void> {
      await db.prepare(`DELETE FROM uncertain_creates WHERE job_id = ?1`).bind(jobId).run();
    },

    /**
     * The look-up found the job's transcript: the job waits for it again (`transcribing`), with its id,
     * unless another job holds that transcript. False when the job moved on meanwhile.
     */
    async link(jobId: string, transcriptId: string): Promise<boolean> {
      const now = clock();
      const [moved] = await db.batch([
        db
          .prepare(
            `UPDATE jobs SET status = 'transcribing', transcript_id = ?2, failure_code = NULL, failure_reason = NULL, finished_at = NULL, updated_at = ?3
             WHERE id = ?1 AND ${UNCERTAIN_JOB} AND NOT EXISTS (SELECT 1 FROM jobs other WHERE other.transcript_id = ?2)`,
          )
          .bind(jobId, transcriptId, now),
        db.prepare(`DELETE FROM uncertain_creates WHERE job_id = ?1`).bind(jobId),
      ]);
      return (moved?.meta.changes ?? 0) === 1;
    },

    /** The create was never made: the job goes back to `creating` to send it again. False when it moved on. */
    async reopen(jobId: string): Promise<boolean> {
      const res = await db
        .prepare(
          `UPDATE jobs SET status = 'creating', failure_code = NULL, failure_reason = NULL, finished_at = NULL, updated_at = ?2
           WHERE id = ?1 AND ${UNCERTAIN_JOB}`,
        )
        .bind(jobId, clock())
        .run();
      return res.meta.changes === 1;
    },

    /** The last create was never made either: the job fails for good (`transcript_create_failed`), and the row goes. */
    async giveUp(jobId: string, reason: string): Promise<boolean> {
      const now = clock();
      const [moved] = await db.batch([
        db
          .prepare(`UPDATE jobs SET failure_code = 'transcript_create_failed', failure_reason = ?2, updated_at = ?3, finished_at = ?3 WHERE id = ?1 AND ${UNCERTAIN_JOB}`)
          .bind(jobId, reason, now),
        db.prepare(`DELETE FROM uncertain_creates WHERE job_id = ?1`).bind(jobId),
      ]);
      return (moved?.meta.changes ?? 0) === 1;
    },
  };
}

/** The repository {@link uncertainCreatesRepo} returns. */
export type UncertainCreatesRepo = ReturnType<typeof uncertainCreatesRepo>;
