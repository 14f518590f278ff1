import type { ResolvedDeps } from "../app/app-types.js";
import { UPLOAD_TTL_MS } from "./upload-limits.js";
import { dueUploads, markUploadDeleted } from "./uploads-repo.js";

/** Uploads one sweep deletes at most. */
export const UPLOAD_SWEEP_BATCH = 200;

/** What {@link sweepUploads} did. */
export interface UploadSweepResult {
  deleted: number;
  errors: number;
}

/**
 * The retention of uploaded audio, run by the cron sweep: deletes the R2 object (or aborts the unfinished
 * multipart upload) of every upload whose note has left `creating` / `transcribing` (AssemblyAI has
 * fetched the audio; the transcript's own retention is `RETENTION_HOURS`), and of every upload older than
 * {@link UPLOAD_TTL_MS}, used or not. Each item fails on its own and is tried again by the next sweep.
 */
export async function sweepUploads(db: D1Database, bucket: R2Bucket | undefined, deps: ResolvedDeps): Promise<UploadSweepResult> {
  const result: UploadSweepResult = { deleted: 0, errors: 0 };
  if (bucket === undefined) return result;
  const now = deps.now();
  for (const upload of await dueUploads(db, now - UPLOAD_TTL_MS, UPLOAD_SWEEP_BATCH)) {
    try {
      if (upload.status === "uploading") {
        // Aborting an upload R2 already forgot (expired, completed elsewhere) is not an error worth keeping the row for.
        await bucket
          .resumeMultipartUpload(upload.object_key, upload.r2_upload_id)
          .abort()
          .catch(() => undefined);
      }
      await bucket.delete(upload.object_key);
      await markUploadDeleted(db, upload.id, now);
      result.deleted++;
    } catch (error) {
      result.errors++;
      deps.log({ level: "warn", event: "sweep.upload_failed", upload_id: upload.id, error: error instanceof Error ? error.name : "Error" });
    }
  }
  if (result.deleted + result.errors > 0) deps.log({ level: result.errors > 0 ? "warn" : "info", event: "sweep.uploads", ...result });
  return result;
}
