import type { Clock } from "@org/soap-core/visit";
import type { JobRow } from "./job-row.js";

/** A create whose outcome is not known yet (in flight, or uncertain), in `uncertain_creates` (migrations 0007, 0009). */
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
 * A job `creating` this long lost the request that was creating its transcript (the sweeper fails it as
 * uncertain); the row of a create in flight is due for a look-up {@link UNCERTAIN_CREATE_SETTLE_MS} later.
 */
export const STALE_CREATING_MS = 10 * 60_000;
/** How long after an uncertain create its first look-up by the sweep is due (see `resolveUncertainCreates`). */
export const UNCERTAIN_CREATE_SETTLE_MS = 2 * 60_000;
/** How long after a create is sent its row is due, should nobody learn its outcome (the Worker died mid-create). */
export const IN_FLIGHT_CREATE_DUE_MS = STALE_CREATING_MS + UNCERTAIN_CREATE_SETTLE_MS;

/** A create about to be sent. */
export interface CreateToSend {
  jobId: string;
  tenantId: string;
  audioUrl: string;
  sentAt: number;
}

/**
 * The `uncertain_creates` table (migrations 0007 and 0009: every create whose outcome is not known yet,
 * from before it is sent until it is resolved) and the job transitions that resolve one, stamped with
 * `clock()`. Each outcome moves the job and the row in one D1 batch (one round trip, one transaction).
 * Every transition out of the uncertain state is conditional on the job still being uncertain, so that
 * a webhook that resumed it meanwhile (the create did happen) always wins.
 */
export function uncertainCreatesRepo(db: D1Database, clock: Clock) {
  return {
    /**
     * The statement recording a job's first create before it is sent, for the batch that inserts the job
     * (nothing when the job was not inserted): due {@link IN_FLIGHT_CREATE_DUE_MS} after `sentAt`, so that
     * a create nobody hears back from is looked up like an uncertain one.
     */
    insertStatement(input: CreateToSend): D1PreparedStatement {
      return db
        .prepare(
          `INSERT INTO uncertain_creates (job_id, tenant_id, audio_url, sent_at, sends, next_attempt_at)
           SELECT ?1, ?2, ?3, ?4, 1, ?5 WHERE EXISTS (SELECT 1 FROM jobs WHERE id = ?1 AND tenant_id = ?2 AND status = 'creating')`,
        )
        .bind(input.jobId, input.tenantId, input.audioUrl, input.sentAt, input.sentAt + IN_FLIGHT_CREATE_DUE_MS);
    },

    /**
     * The create answered with its transcript: the job waits for it (`transcribing`; also from the
     * uncertain state, when the sweeper failed the job while its request was still running), and the row
     * goes. False when the job had moved on (its webhook came first, it was deleted).
     */
    async created(jobId: string, transcriptId: string): Promise<boolean> {
      const [moved] = await db.batch([
        db
          .prepare(
            `UPDATE jobs SET status = 'transcribing', transcript_id = ?2, failure_code = NULL, failure_reason = NULL, finished_at = NULL, updated_at = ?3
             WHERE id = ?1 AND (status = 'creating' OR (${UNCERTAIN_JOB}))`,
          )
          .bind(jobId, transcriptId, clock()),
        db.prepare(`DELETE FROM uncertain_creates WHERE job_id = ?1`).bind(jobId),
      ]);
      return (moved?.meta.changes ?? 0) === 1;
    },

    /** The create was certainly not made (rejected, or never sent): the job fails for good (`transcript_create_failed`), and the row goes. */
    async rejected(jobId: string, reason: string): Promise<void> {
      const now = clock();
      await db.batch([
        db
          .prepare(
            `UPDATE jobs SET status = 'failed', failure_code = 'transcript_create_failed', failure_reason = ?2, updated_at = ?3, finished_at = ?3, lease_until = NULL
             WHERE id = ?1 AND status = 'creating'`,
          )
          .bind(jobId, reason, now),
        db.prepare(`DELETE FROM uncertain_creates WHERE job_id = ?1`).bind(jobId),
      ]);
    },

    /**
     * The create's outcome is unknown: the job fails as `transcript_create_uncertain` (no webhook event:
     * not final) and the row, due for a look-up at `dueAt`, keeps the audio URL. The row is written here
     * too when it is missing (a job admitted before migration 0009); `sends` already counts this create.
     * Nothing changes when the job is no longer `creating` (a late answer: the sweep already resolved it).
     */
    async uncertain(input: CreateToSend & { dueAt: number; reason: string }): Promise<void> {
      const now = clock();
      await db.batch([
        db
          .prepare(
            `INSERT INTO uncertain_creates (job_id, tenant_id, audio_url, sent_at, sends, next_attempt_at)
             SELECT ?1, ?2, ?3, ?4, 1, ?5 WHERE EXISTS (SELECT 1 FROM jobs WHERE id = ?1 AND status = 'creating')
             ON CONFLICT (job_id) DO UPDATE SET sent_at = ?4, next_attempt_at = ?5`,
          )
          .bind(input.jobId, input.tenantId, input.audioUrl, input.sentAt, input.dueAt),
        db
          .prepare(
            `UPDATE jobs SET status = 'failed', failure_code = 'transcript_create_uncertain', failure_reason = ?2, updated_at = ?3, finished_at = ?3, lease_until = NULL
             WHERE id = ?1 AND status = 'creating'`,
          )
          .bind(input.jobId, input.reason, now),
      ]);
    },

    /** Rows due for a look-up, longest-waiting first. */
    async due(limit: number): Promise<UncertainCreate[]> {
      const { results } = await db
        .prepare(`SELECT * FROM uncertain_creates WHERE next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT ?2`)
        .bind(clock(), limit)
        .all<UncertainCreate>();
      return results;
    },

    /** The job of a row and whether it still waits on its uncertain create (`creating`: a create of it is being sent, or its Worker died). */
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

    /**
     * The create was never made: the job goes back to `creating` to send it again, and its row counts the
     * create about to be sent (`sends`, `sent_at`; due {@link IN_FLIGHT_CREATE_DUE_MS} later, should the
     * Worker die mid-create). False when the job moved on.
     */
    async reopen(jobId: string): Promise<boolean> {
      const now = clock();
      const [, moved] = await db.batch([
        db
          .prepare(
            `UPDATE uncertain_creates SET sends = sends + 1, sent_at = ?2, next_attempt_at = ?3
             WHERE job_id = ?1 AND EXISTS (SELECT 1 FROM jobs WHERE id = ?1 AND ${UNCERTAIN_JOB})`,
          )
          .bind(jobId, now, now + IN_FLIGHT_CREATE_DUE_MS),
        db
          .prepare(
            `UPDATE jobs SET status = 'creating', failure_code = NULL, failure_reason = NULL, finished_at = NULL, updated_at = ?2
             WHERE id = ?1 AND ${UNCERTAIN_JOB}`,
          )
          .bind(jobId, now),
      ]);
      return (moved?.meta.changes ?? 0) === 1;
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
