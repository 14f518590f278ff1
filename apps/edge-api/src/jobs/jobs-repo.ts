import type { FailureCode, JobRow, JobStatus, JobWithNote } from "./job-row.js";

/** The fields of a new job. */
export interface NewJob {
  id: string;
  tenantId: string;
  templateSpec: string;
  experiment: string | undefined;
  variant: string | undefined;
  model: string;
  optionsJson: string;
  now: number;
}

/** Records a job in `creating` state, before anything is sent to AssemblyAI. */
export async function insertJob(db: D1Database, job: NewJob): Promise<void> {
  await db
    .prepare(
      `INSERT INTO jobs (id, tenant_id, status, template_spec, experiment, variant, model, options_json, created_at, updated_at)
       VALUES (?1, ?2, 'creating', ?3, ?4, ?5, ?6, ?7, ?8, ?8)`,
    )
    .bind(job.id, job.tenantId, job.templateSpec, job.experiment ?? null, job.variant ?? null, job.model, job.optionsJson, job.now)
    .run();
}

/** This tenant's job (and its note), or null. Deleted jobs are not found. */
export async function getJob(db: D1Database, tenantId: string, id: string): Promise<JobWithNote | null> {
  return db
    .prepare(
      `SELECT jobs.*, notes.note_json FROM jobs LEFT JOIN notes ON notes.job_id = jobs.id AND notes.tenant_id = jobs.tenant_id
       WHERE jobs.id = ?1 AND jobs.tenant_id = ?2 AND jobs.status <> 'deleted'`,
    )
    .bind(id, tenantId)
    .first<JobWithNote>();
}

/** A position in a listing: the last row of the previous page. */
export interface ListPosition {
  createdAt: number;
  id: string;
}

/** This tenant's jobs, newest first, after `after` when given. Fetches `limit` rows. */
export async function listJobs(
  db: D1Database,
  tenantId: string,
  limit: number,
  after: ListPosition | undefined,
): Promise<JobRow[]> {
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
}

/** `creating` -> `transcribing` with the transcript id. False when the job had already moved on. */
export async function markTranscribing(db: D1Database, id: string, transcriptId: string, now: number): Promise<boolean> {
  const res = await db
    .prepare(`UPDATE jobs SET status = 'transcribing', transcript_id = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'creating'`)
    .bind(id, transcriptId, now)
    .run();
  return res.meta.changes === 1;
}

/**
 * Moves a job to `failed` when it is in one of `from`. False when it was not (already terminal, deleted,
 * or moved on), so that a late failure never overwrites a result.
 */
export async function markFailed(
  db: D1Database,
  input: { id: string; from: readonly JobStatus[]; code: FailureCode; reason: string; now: number },
): Promise<boolean> {
  const placeholders = input.from.map((_, i) => `?${i + 5}`).join(", ");
  const res = await db
    .prepare(
      `UPDATE jobs SET status = 'failed', failure_code = ?2, failure_reason = ?3, updated_at = ?4
       WHERE id = ?1 AND status IN (${placeholders})`,
    )
    .bind(input.id, input.code, input.reason, input.now, ...input.from)
    .run();
  return res.meta.changes === 1;
}

/** The outcome of a webhook delivery on the job state machine. */
export interface WebhookTransition {
  /** The job the delivery belongs to, after the transition; null when no job matches. */
  job: JobRow | null;
  /** True when this delivery moved the job to `queued` (false for duplicates and late deliveries). */
  transitioned: boolean;
}

/**
 * Applies a transcript webhook: a job waiting for its transcript (`transcribing`, or `creating` when the
 * webhook beats the create response, or `failed` because the create looked uncertain) moves to `queued`.
 * Matches on the job id from the webhook URL when there is one (then links the transcript id), else on
 * the transcript id. Conditional, so duplicates and out-of-order deliveries change nothing.
 */
export async function applyWebhook(
  db: D1Database,
  input: { jobId: string | undefined; transcriptId: string; transcriptStatus: string; now: number },
): Promise<WebhookTransition> {
  const waiting = `(status IN ('creating', 'transcribing') OR (status = 'failed' AND failure_code = 'transcript_create_uncertain'))`;
  const updated = input.jobId
    ? await db
        .prepare(
          `UPDATE jobs SET status = 'queued', transcript_id = ?2, transcript_status = ?3, failure_code = NULL,
             failure_reason = NULL, updated_at = ?4
           WHERE id = ?1 AND (transcript_id IS NULL OR transcript_id = ?2) AND ${waiting}
           RETURNING *`,
        )
        .bind(input.jobId, input.transcriptId, input.transcriptStatus, input.now)
        .first<JobRow>()
    : await db
        .prepare(
          `UPDATE jobs SET status = 'queued', transcript_status = ?2, failure_code = NULL, failure_reason = NULL, updated_at = ?3
           WHERE transcript_id = ?1 AND ${waiting}
           RETURNING *`,
        )
        .bind(input.transcriptId, input.transcriptStatus, input.now)
        .first<JobRow>();
  if (updated) return { job: updated, transitioned: true };
  const existing = await db.prepare(`SELECT * FROM jobs WHERE transcript_id = ?1`).bind(input.transcriptId).first<JobRow>();
  return { job: existing, transitioned: false };
}

/** Records that the job's generation message is on the queue. */
export async function markEnqueued(db: D1Database, id: string, now: number): Promise<void> {
  await db.prepare(`UPDATE jobs SET enqueued_at = ?2 WHERE id = ?1`).bind(id, now).run();
}

/** A job by id for the queue consumer (tenant-scoped like everything else). */
export async function getJobForWork(db: D1Database, tenantId: string, id: string): Promise<JobRow | null> {
  return db.prepare(`SELECT * FROM jobs WHERE id = ?1 AND tenant_id = ?2`).bind(id, tenantId).first<JobRow>();
}

/** `queued` (or `generating`, on a retry) -> `generating`. False when the job is terminal or deleted. */
export async function startGenerating(db: D1Database, tenantId: string, id: string, attempt: number, now: number): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE jobs SET status = 'generating', attempts = ?3, updated_at = ?4
       WHERE id = ?1 AND tenant_id = ?2 AND status IN ('queued', 'generating')`,
    )
    .bind(id, tenantId, attempt, now)
    .run();
  return res.meta.changes === 1;
}

/**
 * Stores the note and completes the job, atomically, only while the job is `generating` (a job deleted
 * meanwhile stays deleted and gets no note).
 */
export async function completeWithNote(db: D1Database, tenantId: string, id: string, noteJson: string, now: number): Promise<boolean> {
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
}

/** Replaces a completed job's note (after a section was regenerated). */
export async function replaceNote(db: D1Database, tenantId: string, id: string, noteJson: string, now: number): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE notes SET note_json = ?3, updated_at = ?4 WHERE job_id = ?1 AND tenant_id = ?2
         AND EXISTS (SELECT 1 FROM jobs WHERE jobs.id = ?1 AND jobs.tenant_id = ?2 AND jobs.status = 'completed')`,
    )
    .bind(id, tenantId, noteJson, now)
    .run();
  return res.meta.changes === 1;
}

/**
 * Deletes the note and turns the job into a tombstone (it keeps its transcript id, so that a late
 * webhook is recognised and ignored, and drops everything else).
 */
export async function markDeleted(db: D1Database, tenantId: string, id: string, now: number): Promise<boolean> {
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
}
