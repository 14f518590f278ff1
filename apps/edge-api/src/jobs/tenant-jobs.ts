import type { Clock } from "@org/soap-core/visit";
import type { JobRow, JobWithNote } from "./job-row.js";
import { auditRepo } from "../audit/audit-repo.js";
import { purgesRepo } from "./purges-repo.js";

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

/** The copy of its transcript a note keeps (see migrations/0003_job_lifecycle.sql), for regenerations once AssemblyAI's is gone. */
export interface StoredTranscript {
  /** The transcript as JSON (validated again when read). */
  json: string;
  /** Its content hash, `sha256:<hex>` (the note's `provenance.transcript_hash`). */
  hash: string;
}

/** What {@link TenantJobs.markDeleted} did. */
export interface DeletedJob {
  /** The transcript left to delete at AssemblyAI (now pending in `transcript_purges`), if any. */
  transcriptId: string | null;
}

/** Why {@link TenantJobs.startGenerating} refused a delivery. */
export type GenerationRefusal = "missing" | "not_runnable" | "leased";

/**
 * One tenant's jobs and notes: every statement filters on the tenant, and every write stamps the
 * repository's clock. Made by `jobsRepo(db, clock).forTenant(tenantId)`.
 */
export interface TenantJobs {
  readonly tenantId: string;
  /** Records a job in `creating` state, before anything is sent to AssemblyAI. */
  insert(job: NewJob): Promise<void>;
  /** The job (and its note), or null. Deleted (and deleting) jobs are not found. */
  get(id: string): Promise<JobWithNote | null>;
  /** Jobs newest first, after `after` when given. Fetches `limit` rows. */
  list(limit: number, after: ListPosition | undefined): Promise<JobRow[]>;
  /** A job by id in any status (deleted included), without its note: for the queue consumer and the create race. */
  getForWork(id: string): Promise<JobRow | null>;
  /**
   * Takes the generation lease until `leaseUntil`: `queued` -> `generating`, or a `generating` job whose
   * lease expired or was released (a queue retry). Returns the job as leased, or why not: the job is
   * gone, not runnable (terminal, deleted, waiting for its transcript), or another delivery holds it.
   */
  startGenerating(id: string, attempt: number, leaseUntil: number): Promise<{ job: JobRow } | { refused: GenerationRefusal }>;
  /** Releases the lease of a `generating` job whose delivery hands back to the queue (a retry follows). */
  releaseLease(id: string): Promise<void>;
  /**
   * Back to waiting for the transcript: a `generating` job whose transcript turned out not to be finished
   * (an early webhook) returns to `transcribing`, its lease released, so that the real webhook (or the
   * sweeper) queues it again. False when the job had moved on.
   */
  returnToTranscribing(id: string, transcriptStatus: string): Promise<boolean>;
  /**
   * Unlinks a transcript that is not this job's (its `webhook_url` names another job) from a `generating`
   * job: back to `failed` (`transcript_create_uncertain`) without a transcript id, so that the job's own
   * transcript webhook still resumes it.
   */
  unlinkForeignTranscript(id: string, reason: string): Promise<boolean>;
  /**
   * Stores the note (with the copy of its transcript, when given) and completes the job, atomically,
   * only while the job is `generating` (a job deleted meanwhile stays deleted and gets no note).
   */
  completeWithNote(id: string, noteJson: string, transcript: StoredTranscript | null): Promise<boolean>;
  /** The transcript copy a completed job's note keeps, or null. */
  storedTranscript(id: string): Promise<StoredTranscript | null>;
  /** Replaces a completed job's note (after a section was regenerated). */
  replaceNote(id: string, noteJson: string): Promise<boolean>;
  /**
   * Deletes the note (and its transcript copy) and turns the job into a tombstone (it keeps its transcript
   * id, so that a late webhook is recognised, and drops everything else); in the same batch its
   * transcript, if any, is queued in `transcript_purges` and a `note.deleted` audit event is recorded for
   * API key `byKeyId`. Null when there was no such (undeleted) job.
   */
  markDeleted(id: string, byKeyId: string): Promise<DeletedJob | null>;
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

    async startGenerating(id, attempt, leaseUntil) {
      const now = clock();
      // One statement: of two concurrent deliveries, exactly one sees the lease free.
      const leased = await db
        .prepare(
          `UPDATE jobs SET status = 'generating', attempts = ?3, lease_until = ?4, updated_at = ?5
       WHERE id = ?1 AND tenant_id = ?2
         AND (status = 'queued' OR (status = 'generating' AND (lease_until IS NULL OR lease_until <= ?5)))
       RETURNING *`,
        )
        .bind(id, tenantId, attempt, leaseUntil, now)
        .first<JobRow>();
      if (leased) return { job: leased };
      const current = await db.prepare(`SELECT status FROM jobs WHERE id = ?1 AND tenant_id = ?2`).bind(id, tenantId).first<{ status: string }>();
      if (!current) return { refused: "missing" };
      return { refused: current.status === "generating" ? "leased" : "not_runnable" };
    },

    async releaseLease(id) {
      await db
        .prepare(`UPDATE jobs SET lease_until = NULL, updated_at = ?3 WHERE id = ?1 AND tenant_id = ?2 AND status = 'generating'`)
        .bind(id, tenantId, clock())
        .run();
    },

    async returnToTranscribing(id, transcriptStatus) {
      const res = await db
        .prepare(
          `UPDATE jobs SET status = 'transcribing', transcript_status = ?3, lease_until = NULL, enqueued_at = NULL, updated_at = ?4
       WHERE id = ?1 AND tenant_id = ?2 AND status = 'generating'`,
        )
        .bind(id, tenantId, transcriptStatus, clock())
        .run();
      return res.meta.changes === 1;
    },

    async unlinkForeignTranscript(id, reason) {
      const res = await db
        .prepare(
          `UPDATE jobs SET status = 'failed', transcript_id = NULL, transcript_status = NULL, failure_code = 'transcript_create_uncertain',
         failure_reason = ?3, lease_until = NULL, enqueued_at = NULL, finished_at = ?4, updated_at = ?4
       WHERE id = ?1 AND tenant_id = ?2 AND status = 'generating'`,
        )
        .bind(id, tenantId, reason, clock())
        .run();
      return res.meta.changes === 1;
    },

    async completeWithNote(id, noteJson, transcript) {
      const now = clock();
      const [insert] = await db.batch([
        db
          .prepare(
            `INSERT INTO notes (job_id, tenant_id, note_json, transcript_json, transcript_hash, created_at, updated_at)
         SELECT id, tenant_id, ?3, ?5, ?6, ?4, ?4 FROM jobs WHERE id = ?1 AND tenant_id = ?2 AND status = 'generating'
         ON CONFLICT (job_id) DO UPDATE SET note_json = excluded.note_json, transcript_json = excluded.transcript_json,
           transcript_hash = excluded.transcript_hash, updated_at = excluded.updated_at`,
          )
          .bind(id, tenantId, noteJson, now, transcript?.json ?? null, transcript?.hash ?? null),
        db
          .prepare(
            `UPDATE jobs SET status = 'completed', failure_code = NULL, failure_reason = NULL, lease_until = NULL, finished_at = ?3, updated_at = ?3
         WHERE id = ?1 AND tenant_id = ?2 AND status = 'generating'`,
          )
          .bind(id, tenantId, now),
      ]);
      return (insert?.meta.changes ?? 0) >= 1;
    },

    async storedTranscript(id) {
      const row = await db
        .prepare(`SELECT transcript_json, transcript_hash FROM notes WHERE job_id = ?1 AND tenant_id = ?2`)
        .bind(id, tenantId)
        .first<{ transcript_json: string | null; transcript_hash: string | null }>();
      return row?.transcript_json && row.transcript_hash ? { json: row.transcript_json, hash: row.transcript_hash } : null;
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

    async markDeleted(id, byKeyId) {
      const now = clock();
      const job = await db
        .prepare(`SELECT transcript_id, transcript_purged_at FROM jobs WHERE id = ?1 AND tenant_id = ?2 AND status <> 'deleted'`)
        .bind(id, tenantId)
        .first<{ transcript_id: string | null; transcript_purged_at: number | null }>();
      if (!job) return null;
      const purge = job.transcript_id !== null && job.transcript_purged_at === null ? job.transcript_id : null;
      const statements = [
        db.prepare(`DELETE FROM notes WHERE job_id = ?1 AND tenant_id = ?2`).bind(id, tenantId),
        // Who reviewed it (#18) goes with the note.
        db.prepare(`DELETE FROM note_reviews WHERE job_id = ?1 AND tenant_id = ?2`).bind(id, tenantId),
        db
          .prepare(
            `UPDATE jobs SET status = 'deleted', options_json = '{}', failure_reason = NULL, lease_until = NULL, updated_at = ?3
         WHERE id = ?1 AND tenant_id = ?2 AND status <> 'deleted'`,
          )
          .bind(id, tenantId, now),
        auditRepo(db, () => now).insertStatement({ tenantId, keyId: byKeyId, action: "note.deleted", noteId: id }),
        // A create not resolved yet is never sent again for a deleted note: its audio URL goes now.
        db.prepare(`DELETE FROM uncertain_creates WHERE job_id = ?1 AND tenant_id = ?2`).bind(id, tenantId),
      ];
      if (purge !== null) {
        statements.push(purgesRepo(db, () => now).insertStatement({ transcriptId: purge, jobId: id, tenantId, reason: "deleted", verify: false }));
      }
      const [, , update] = await db.batch(statements);
      return (update?.meta.changes ?? 0) === 1 ? { transcriptId: purge } : null;
    },
  };
}
