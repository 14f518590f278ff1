-- soap-notes edge API: initial schema.
-- Every row that belongs to a customer carries tenant_id, and every query filters on it.
-- Times are Unix epoch milliseconds.

CREATE TABLE tenants (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

-- API keys are stored as the hex SHA-256 of the key; the key itself is shown once, when created.
CREATE TABLE api_keys (
  id          TEXT PRIMARY KEY,
  tenant_id   TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  key_hash    TEXT NOT NULL UNIQUE,
  -- The first characters of the key, to tell keys apart in listings (never enough to use it).
  key_prefix  TEXT NOT NULL,
  name        TEXT,
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

-- Fixed-window request counters, one row per key per window.
CREATE TABLE rate_limits (
  key_id        TEXT NOT NULL,
  window_start  INTEGER NOT NULL,
  count         INTEGER NOT NULL,
  PRIMARY KEY (key_id, window_start)
);

-- One job per POST /v1/notes. Its id is the note id clients use.
-- status: creating -> transcribing -> queued -> generating -> completed
--         any non-terminal state -> failed; completed|failed -> deleted (tombstone, keeps the transcript id
--         so that a late webhook is recognised and ignored).
CREATE TABLE jobs (
  id                TEXT PRIMARY KEY,
  tenant_id         TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  status            TEXT NOT NULL CHECK (status IN ('creating', 'transcribing', 'queued', 'generating', 'completed', 'failed', 'deleted')),
  transcript_id     TEXT UNIQUE,
  -- Options the note is generated with (template spec, experiment, variant, model; never the audio URL).
  template_spec     TEXT NOT NULL,
  experiment        TEXT,
  variant           TEXT,
  model             TEXT NOT NULL,
  options_json      TEXT NOT NULL,
  transcript_status TEXT,
  failure_code      TEXT,
  failure_reason    TEXT,
  attempts          INTEGER NOT NULL DEFAULT 0,
  -- Set once the note-generation message is on the queue; a webhook redelivery re-sends while it is NULL.
  enqueued_at       INTEGER,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX jobs_tenant_created ON jobs (tenant_id, created_at DESC, id DESC);

CREATE TABLE notes (
  job_id      TEXT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
  tenant_id   TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  note_json   TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX notes_tenant ON notes (tenant_id);
