-- soap-notes edge API: the review page (#18). Who marked a note reviewed, through a review link minted
-- with a reviewer identity the tenant asserted; one row per note (the latest review). Deleted with the note.
CREATE TABLE note_reviews (
  job_id            TEXT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
  tenant_id         TEXT NOT NULL,
  reviewer_id       TEXT NOT NULL,
  reviewer_display  TEXT NOT NULL,
  reviewed_at       INTEGER NOT NULL,
  -- The API key that minted the link the reviewer used.
  key_id            TEXT
);

-- The audit trail records reviews too: SQLite cannot change a CHECK in place, so the table is rebuilt
-- (it has no foreign keys, and nothing references it).
CREATE TABLE audit_events_v2 (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id  TEXT NOT NULL,
  at         INTEGER NOT NULL,
  actor      TEXT NOT NULL CHECK (actor IN ('api_key', 'system')),
  key_id     TEXT,
  action     TEXT NOT NULL CHECK (action IN ('note.read', 'note.exported', 'note.regenerated', 'note.deleted', 'transcript.purged', 'note.reviewed')),
  note_id    TEXT NOT NULL,
  detail     TEXT
);
INSERT INTO audit_events_v2 (id, tenant_id, at, actor, key_id, action, note_id, detail)
  SELECT id, tenant_id, at, actor, key_id, action, note_id, detail FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_v2 RENAME TO audit_events;
CREATE INDEX audit_events_tenant ON audit_events (tenant_id, id DESC);
