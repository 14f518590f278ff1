-- soap-notes edge API: audio uploaded to this API (R2 multipart) for AssemblyAI to fetch with a signed,
-- short-lived GET URL, and the feed of finished notes that batch clients poll. Times are Unix epoch ms.
--
-- One row per upload. The object lives in the R2 bucket AUDIO under `tenants/<tenant_id>/uploads/<id>`
-- (tenant-scoped keys) and is deleted by the sweeper once AssemblyAI has fetched it (the upload's job
-- left `creating`/`transcribing`) or UPLOAD_TTL after it was created, whichever comes first.
-- No foreign key to tenants: an offboarded tenant's objects must still be found and deleted.
CREATE TABLE uploads (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL,
  object_key    TEXT NOT NULL,
  r2_upload_id  TEXT NOT NULL,
  size          INTEGER NOT NULL,
  content_type  TEXT NOT NULL,
  file_name     TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('uploading', 'complete', 'deleted')),
  created_at    INTEGER NOT NULL,
  completed_at  INTEGER,
  deleted_at    INTEGER,
  -- The note made from it (set by POST /v1/notes with upload_id); NULL until then.
  job_id        TEXT
);
CREATE INDEX uploads_tenant ON uploads (tenant_id, created_at);
CREATE INDEX uploads_live ON uploads (created_at) WHERE status != 'deleted';

-- The parts received so far (R2 needs every part's etag to complete the upload).
CREATE TABLE upload_parts (
  upload_id    TEXT NOT NULL,
  part_number  INTEGER NOT NULL,
  etag         TEXT NOT NULL,
  size         INTEGER NOT NULL,
  PRIMARY KEY (upload_id, part_number)
);

-- GET /v1/notes/finished: a tenant's notes in the order they finished (completed or failed).
CREATE INDEX jobs_tenant_finished ON jobs (tenant_id, finished_at, id) WHERE finished_at IS NOT NULL;
