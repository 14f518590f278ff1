/** One row of `uploads` (migrations/0005_uploads_and_finished_feed.sql). */
export interface UploadRow {
  id: string;
  tenant_id: string;
  object_key: string;
  r2_upload_id: string;
  size: number;
  content_type: string;
  file_name: string;
  status: "uploading" | "complete" | "deleted";
  created_at: number;
  completed_at: number | null;
  job_id: string | null;
}

/** One received part. */
export interface UploadPart {
  part_number: number;
  etag: string;
  size: number;
}

/** The R2 key of an upload: every object of a tenant lives under its own prefix. */
export function uploadObjectKey(tenantId: string, uploadId: string): string {
  return `tenants/${tenantId}/uploads/${uploadId}`;
}

/** The `uploads` and `upload_parts` tables of one tenant; every statement filters on the tenant. */
export function tenantUploads(db: D1Database, tenantId: string, clock: () => number) {
  return {
    async insert(row: Pick<UploadRow, "id" | "object_key" | "r2_upload_id" | "size" | "content_type" | "file_name">): Promise<void> {
      await db
        .prepare(
          `INSERT INTO uploads (id, tenant_id, object_key, r2_upload_id, size, content_type, file_name, status, created_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'uploading', ?8)`,
        )
        .bind(row.id, tenantId, row.object_key, row.r2_upload_id, row.size, row.content_type, row.file_name, clock())
        .run();
    },

    /** The upload, unless it is deleted or another tenant's. */
    async get(id: string): Promise<UploadRow | null> {
      return db.prepare(`SELECT * FROM uploads WHERE id = ?1 AND tenant_id = ?2 AND status <> 'deleted'`).bind(id, tenantId).first<UploadRow>();
    },

    async putPart(uploadId: string, part: UploadPart): Promise<void> {
      await db
        .prepare(`INSERT OR REPLACE INTO upload_parts (upload_id, part_number, etag, size) VALUES (?1, ?2, ?3, ?4)`)
        .bind(uploadId, part.part_number, part.etag, part.size)
        .run();
    },

    async parts(uploadId: string): Promise<UploadPart[]> {
      const { results } = await db
        .prepare(`SELECT part_number, etag, size FROM upload_parts WHERE upload_id = ?1 ORDER BY part_number`)
        .bind(uploadId)
        .all<UploadPart>();
      return results;
    },

    async markComplete(id: string): Promise<void> {
      await db.batch([
        db.prepare(`UPDATE uploads SET status = 'complete', completed_at = ?3 WHERE id = ?1 AND tenant_id = ?2 AND status = 'uploading'`).bind(id, tenantId, clock()),
        db.prepare(`DELETE FROM upload_parts WHERE upload_id = ?1`).bind(id),
      ]);
    },

    /** Links the upload to the note made from it (the sweeper deletes the object once AssemblyAI has fetched it). */
    async linkJob(id: string, jobId: string): Promise<void> {
      await db.prepare(`UPDATE uploads SET job_id = ?3 WHERE id = ?1 AND tenant_id = ?2 AND job_id IS NULL`).bind(id, tenantId, jobId).run();
    },
  };
}

/** A tenant's uploads repository. */
export type TenantUploads = ReturnType<typeof tenantUploads>;

/** An upload whose object is due for deletion. */
export interface DueUpload {
  id: string;
  object_key: string;
  r2_upload_id: string;
  status: UploadRow["status"];
}

/**
 * Uploads whose object is due for deletion: created before `createdBefore` (whatever happened to them),
 * or whose note has left `creating` / `transcribing` (AssemblyAI has fetched the audio, or never will) and
 * has no uncertain create waiting (the sweep may still send it again with this audio's URL).
 */
export async function dueUploads(db: D1Database, createdBefore: number, limit: number): Promise<DueUpload[]> {
  const { results } = await db
    .prepare(
      `SELECT u.id, u.object_key, u.r2_upload_id, u.status FROM uploads u LEFT JOIN jobs j ON j.id = u.job_id
       WHERE u.status <> 'deleted'
         AND (u.created_at < ?1 OR (u.job_id IS NOT NULL AND (j.id IS NULL OR (j.status NOT IN ('creating', 'transcribing')
              AND NOT EXISTS (SELECT 1 FROM uncertain_creates c WHERE c.job_id = j.id)))))
       ORDER BY u.created_at LIMIT ?2`,
    )
    .bind(createdBefore, limit)
    .all<DueUpload>();
  return results;
}

/** Marks an upload's object deleted (the row stays, without parts, so that its id is never reused). */
export async function markUploadDeleted(db: D1Database, id: string, now: number): Promise<void> {
  await db.batch([
    db.prepare(`UPDATE uploads SET status = 'deleted', deleted_at = ?2 WHERE id = ?1`).bind(id, now),
    db.prepare(`DELETE FROM upload_parts WHERE upload_id = ?1`).bind(id),
  ]);
}
