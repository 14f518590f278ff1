-- soap-notes edge API: the job lifecycle. Deleting (the note is hidden at once, its transcript is purged
-- at AssemblyAI when it can be), retention, the generation lease, the sweeper's index, the PHI access
-- audit trail and tenant offboarding. Times are Unix epoch milliseconds.
--
-- `deleting` is a job with status 'deleted' whose transcript still has a row in transcript_purges: the
-- note is gone here and hidden from the API; the transcript at AssemblyAI is deleted as soon as
-- AssemblyAI allows it (it refuses while transcribing), by the request, the job's webhook or the sweeper.
-- (jobs.status keeps the CHECK of 0001: SQLite cannot change a CHECK without rebuilding the table, and a
-- rebuild under D1's always-on foreign keys would cascade-delete every note.)

-- Generation lease: the delivery that moved a job to `generating` holds it until lease_until; another
-- delivery meanwhile is acknowledged without generating. NULL: nobody holds it (a queue retry is due).
ALTER TABLE jobs ADD COLUMN lease_until INTEGER;
-- When the job reached `completed` or `failed`; retention counts from it.
ALTER TABLE jobs ADD COLUMN finished_at INTEGER;
-- When the job's transcript was deleted at AssemblyAI (retention, deletion); NULL while it is there.
ALTER TABLE jobs ADD COLUMN transcript_purged_at INTEGER;
UPDATE jobs SET finished_at = updated_at WHERE status IN ('completed', 'failed');

-- The sweeper's scans, one status at a time, oldest first (a table that only grows).
CREATE INDEX jobs_status_updated ON jobs (status, updated_at);
-- Retention's scan: finished jobs whose transcript is still at AssemblyAI.
CREATE INDEX jobs_retention ON jobs (finished_at) WHERE transcript_id IS NOT NULL AND transcript_purged_at IS NULL;

-- What a section regeneration needs once the transcript is gone at AssemblyAI: the transcript the note was
-- written from, as AssemblyAI stored it (redacted when redaction was on): text, words and utterances
-- (without their copies of the words), and its content hash (the note's provenance.transcript_hash).
-- Deleted with the note.
ALTER TABLE notes ADD COLUMN transcript_json TEXT;
ALTER TABLE notes ADD COLUMN transcript_hash TEXT;

-- Transcripts to delete at AssemblyAI. No foreign keys on purpose: a pending purge outlives its job and
-- its tenant (offboarding), and a late webhook of a job that is gone adds one.
CREATE TABLE transcript_purges (
  transcript_id   TEXT PRIMARY KEY,
  job_id          TEXT NOT NULL,
  tenant_id       TEXT,
  reason          TEXT NOT NULL CHECK (reason IN ('deleted', 'retention', 'offboarded', 'unknown_job', 'audio_too_long')),
  -- 1 when the id came from a webhook: the transcript's webhook_url must name job_id before it is deleted.
  verify          INTEGER NOT NULL DEFAULT 0,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  -- The last failure's error class (never a message, never transcript text).
  last_error      TEXT,
  created_at      INTEGER NOT NULL
);
CREATE INDEX transcript_purges_due ON transcript_purges (next_attempt_at);
CREATE INDEX transcript_purges_tenant ON transcript_purges (tenant_id);

-- Who read, exported, regenerated or deleted which note, and when. Ids only, never PHI. Kept when the
-- tenant is offboarded (no foreign key), as an access record.
CREATE TABLE audit_events (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id  TEXT NOT NULL,
  at         INTEGER NOT NULL,
  actor      TEXT NOT NULL CHECK (actor IN ('api_key', 'system')),
  key_id     TEXT,
  action     TEXT NOT NULL CHECK (action IN ('note.read', 'note.exported', 'note.regenerated', 'note.deleted', 'transcript.purged')),
  note_id    TEXT NOT NULL,
  -- A short, PHI-free qualifier: the export format, the regenerated section, the purge reason.
  detail     TEXT
);
CREATE INDEX audit_events_tenant ON audit_events (tenant_id, id DESC);

-- Tenant offboarding requests (scripts/offboard-tenant.mjs); the sweeper carries them out: queues every
-- transcript for deletion at AssemblyAI, then deletes the tenant with its keys, jobs and notes.
CREATE TABLE tenant_offboardings (
  tenant_id          TEXT PRIMARY KEY,
  requested_at       INTEGER NOT NULL,
  completed_at       INTEGER,
  jobs_removed       INTEGER,
  transcripts_queued INTEGER
);
