import type { Clock } from "@org/soap-core/visit";
import type { JobRow, JobWithNote } from "./job-row.js";

/** The fields of a new job; its tenant and timestamps come from the {@link TenantJobs} that inserts it. */
export interface NewJob {
  id: string;
  templateSpec: string;
  experiment: string | undefined;
  variant: string | undefined;
  model: string;
  optionsJson: string;
}

/** A position in a listing: the last row of the previous page. */
export interface ListPosition {
  createdAt: number;
  id: string;
}

/**
 * One tenant's jobs and notes: every statement filters on the tenant, and every write stamps the
 * repository's clock. Made by `jobsRepo(db, clock).forTenant(tenantId)`.
 */
export interface TenantJobs {
  readonly tenantId: string;
  /** Records a job in `creating` state, before anything is sent to AssemblyAI. */
  insert(job: NewJob): Promise<void>;
  /** The job (and its note), or null. Deleted jobs are not found. */
  get(id: string): Promise<JobWithNote | null>;
  /** Jobs newest first, after `after` when given. Fetches `limit` rows. */
  list(limit: number, after: ListPosition | undefined): Promise<JobRow[]>;
  /** A job by id in any status (deleted included), without its note: for the queue consumer and the create race. */
  getForWork(id: string): Promise<JobRow | null>;
  /** `queued` (or `generating`, on a retry) -> `generating`. False when the job is terminal or deleted. */
  startGenerating(id: string, attempt: number): Promise<boolean>;
  /**
   * Stores the note and completes the job, atomically, only while the job is `generating` (a job deleted
   * meanwhile stays deleted and gets no note).
   */
  completeWithNote(id: string, noteJson: string): Promise<boolean>;
  /** Replaces a completed job's note (after a section was regenerated). */
  replaceNote(id: string, noteJson: string): Promise<boolean>;
  /**
   * Deletes the note and turns the job into a tombstone (it keeps its transcript id, so that a late
   * webhook is recognised and ignored, and drops everything else).
   */
  markDeleted(id: string): Promise<boolean>;
}

/** The {@link TenantJobs} of `tenantId` over `db`, stamping writes with `clock`. */
export function tenantJobs(db: D1Database, clock: Clock, tenantId: string): TenantJobs {
  return {
    tenantId,

    async insert(job) {
      await db
        .prepare(
          `INSERT INTO jobs (id, tenant_id, status, template_spec, experiment, variant, model, options_json, created_at, updated_at)
       VALUES (?1, ?2, 'creating', ?3, ?4, ?5, ?6, ?7, ?8, ?8)`,
        )
        .bind(job.id, tenantId, job.templateSpec, job.experiment ?? null, job.variant ?? null, job.model, job.optionsJson, clock())
        .run();
    },

    async get(id) {
      return db
        .prepare(
          `SELECT jobs.*, notes.note_json FROM jobs LEFT JOIN notes ON notes.job_id = jobs.id AND notes.tenant_id = jobs.tenant_id
       WHERE jobs.id = ?1 AND jobs.tenant_id = ?2 AND jobs.status <> 'deleted'`,
        )
        .bind(id, tenantId)
        .first<JobWithNote>();
    },

    async list(limit, after) {
      const stmt = after
        ? db
            .prepare(
              `SELECT * FROM jobs WHERE tenant_id = ?1 AND status <> 'deleted'
             AND (created_at < ?2 OR (created_at = ?2 AND id < ?3))
           ORDER BY created_at DESC, id DESC LIMIT ?4`,
            )
            .bind(tenantId, after.createdAt, after.id, limit)
        : db
            .prepare(`SELECT * FROM jobs WHERE tenant_id = ?1 AND status <> 'deleted' ORDER BY created_at DESC, id DESC LIMIT ?2`)
            .bind(tenantId, limit);
      const { results } = await stmt.all<JobRow>();
      return results;
    },

    async getForWork(id) {
      return db.prepare(`SELECT * FROM jobs WHERE id = ?1 AND tenant_id = ?2`).bind(id, tenantId).first<JobRow>();
    },

    async startGenerating(id, attempt) {
      const res = await db
        .prepare(
          `UPDATE jobs SET status = 'generating', attempts = ?3, updated_at = ?4
       WHERE id = ?1 AND tenant_id = ?2 AND status IN ('queued', 'generating')`,
        )
        .bind(id, tenantId, attempt, clock())
        .run();
      return res.meta.changes === 1;
    },

    async completeWithNote(id, noteJson) {
      const now = clock();
      const [insert] = await db.batch([
        db
          .prepare(
            `INSERT INTO notes (job_id, tenant_id, note_json, created_at, updated_at)
         SELECT id, tenant_id, ?3, ?4, ?4 FROM jobs WHERE id = ?1 AND tenant_id = ?2 AND status = 'generating'
         ON CONFLICT (job_id) DO UPDATE SET note_json = excluded.note_json, updated_at = excluded.updated_at`,
          )
          .bind(id, tenantId, noteJson, now),
        db
          .prepare(
            `UPDATE jobs SET status = 'completed', failure_code = NULL, failure_reason = NULL, updated_at = ?3
         WHERE id = ?1 AND tenant_id = ?2 AND status = 'generating'`,
          )
          .bind(id, tenantId, now),
      ]);
      return (insert?.meta.changes ?? 0) >= 1;
    },

    async replaceNote(id, noteJson) {
      const res = await db
        .prepare(
          `UPDATE notes SET note_json = ?3, updated_at = ?4 WHERE job_id = ?1 AND tenant_id = ?2
         AND EXISTS (SELECT 1 FROM jobs WHERE jobs.id = ?1 AND jobs.tenant_id = ?2 AND jobs.status = 'completed')`,
        )
        .bind(id, tenantId, noteJson, clock())
        .run();
      return res.meta.changes === 1;
    },

    async markDeleted(id) {
      const now = clock();
      const [, update] = await db.batch([
        db.prepare(`DELETE FROM notes WHERE job_id = ?1 AND tenant_id = ?2`).bind(id, tenantId),
        db
          .prepare(
            `UPDATE jobs SET status = 'deleted', options_json = '{}', failure_reason = NULL, updated_at = ?3
         WHERE id = ?1 AND tenant_id = ?2 AND status <> 'deleted'`,
          )
          .bind(id, tenantId, now),
      ]);
      return (update?.meta.changes ?? 0) === 1;
    },
  };
}
