-- soap-notes edge API: completion webhooks to tenants (OUT of the API; the AssemblyAI webhooks coming IN
-- are migrations 0001/0003). Times are Unix epoch milliseconds.
--
-- One row per registered endpoint. The signing secret is stored encrypted (AES-256-GCM under the Worker
-- secret TENANT_WEBHOOK_KEY, the endpoint id and tenant id as associated data): the API must compute
-- HMACs with it, so a hash would not do; a copy of D1 alone reveals no secret. During a rotation the
-- previous secret is kept (encrypted) until previous_secret_expires_at and deliveries carry both signatures.
CREATE TABLE webhook_endpoints (
  id                         TEXT PRIMARY KEY,
  tenant_id                  TEXT NOT NULL,
  url                        TEXT NOT NULL,
  description                TEXT,
  -- JSON array of event types, e.g. ["note.completed","note.failed"].
  events                     TEXT NOT NULL,
  status                     TEXT NOT NULL CHECK (status IN ('enabled', 'disabled')),
  -- Why it was disabled ('gone': the receiver answered 410).
  disabled_reason            TEXT,
  secret_enc                 TEXT NOT NULL,
  previous_secret_enc        TEXT,
  previous_secret_expires_at INTEGER,
  created_at                 INTEGER NOT NULL,
  updated_at                 INTEGER NOT NULL
);
CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id, created_at);

-- One row per event (a note finished, or a test ping). Ids and codes only: never note or transcript text.
-- The event id is stable across every delivery and retry (receivers dedupe on it).
CREATE TABLE webhook_events (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL,
  type          TEXT NOT NULL CHECK (type IN ('note.completed', 'note.failed', 'ping')),
  note_id       TEXT,
  note_status   TEXT,
  failure_code  TEXT,
  finished_at   INTEGER,
  created_at    INTEGER NOT NULL
);
CREATE INDEX webhook_events_tenant ON webhook_events (tenant_id, created_at);

-- One row per (event, endpoint): the outbox. A row with enqueued_at NULL still needs its queue message
-- (sent right after the note's queue batch, else by the cron sweep); a pending row whose next attempt is
-- long past lost its message and is sent again by the sweep.
CREATE TABLE webhook_deliveries (
  id                 TEXT PRIMARY KEY,
  event_id           TEXT NOT NULL,
  endpoint_id        TEXT NOT NULL,
  tenant_id          TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts           INTEGER NOT NULL DEFAULT 0,
  last_status_code   INTEGER,
  -- A short, PHI-free code: 'http_500', 'timeout', 'connect_failed', 'redirect', 'endpoint_gone', ...
  last_error         TEXT,
  next_attempt_at    INTEGER,
  lease_until        INTEGER,
  enqueued_at        INTEGER,
  delivered_at       INTEGER,
  -- When this series of attempts began (the event, or the last redelivery): the 72 h limit counts from it.
  started_at         INTEGER NOT NULL,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  UNIQUE (event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);
CREATE INDEX webhook_deliveries_unsent ON webhook_deliveries (created_at) WHERE enqueued_at IS NULL;
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

-- The single place a job finishes: whatever statement moves a job to completed or failed (the consumer,
-- a create failure, the sweeper, the dead-letter queue), the event and its deliveries are written in
-- the same statement, so no completion is announced twice or missed.
CREATE TRIGGER jobs_finished_webhook_event AFTER UPDATE OF status ON jobs
WHEN NEW.status IN ('completed', 'failed') AND OLD.status IS NOT NEW.status
  AND EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.tenant_id = NEW.tenant_id AND e.status = 'enabled'
                AND instr(e.events, '"note.' || NEW.status || '"') > 0)
BEGIN
  INSERT INTO webhook_events (id, tenant_id, type, note_id, note_status, failure_code, finished_at, created_at)
  VALUES ('evt_' || lower(hex(randomblob(16))), NEW.tenant_id, 'note.' || NEW.status, NEW.id, NEW.status,
          NEW.failure_code, NEW.finished_at, COALESCE(NEW.finished_at, NEW.updated_at));
  INSERT INTO webhook_deliveries (id, event_id, endpoint_id, tenant_id, status, attempts, next_attempt_at, started_at, created_at, updated_at)
  SELECT 'whd_' || lower(hex(randomblob(16))), ev.id, e.id, e.tenant_id, 'pending', 0, ev.created_at, ev.created_at, ev.created_at, ev.created_at
  FROM webhook_events ev JOIN webhook_endpoints e ON e.tenant_id = ev.tenant_id
  WHERE ev.rowid = last_insert_rowid() AND e.status = 'enabled' AND instr(e.events, '"' || ev.type || '"') > 0;
END;

-- The audit trail records endpoint changes too (ids only): the CHECK is widened, so the table is rebuilt
-- as in 0004. An endpoint event names the endpoint in endpoint_id; note_id is then NULL.
CREATE TABLE audit_events_v3 (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id    TEXT NOT NULL,
  at           INTEGER NOT NULL,
  actor        TEXT NOT NULL CHECK (actor IN ('api_key', 'system')),
  key_id       TEXT,
  action       TEXT NOT NULL CHECK (action IN ('note.read', 'note.exported', 'note.regenerated', 'note.deleted', 'transcript.purged',
                 'note.reviewed', 'webhook_endpoint.created', 'webhook_endpoint.deleted', 'webhook_endpoint.secret_rotated',
                 'webhook_endpoint.disabled')),
  note_id      TEXT,
  detail       TEXT,
  endpoint_id  TEXT,
  CHECK (note_id IS NOT NULL OR endpoint_id IS NOT NULL)
);
INSERT INTO audit_events_v3 (id, tenant_id, at, actor, key_id, action, note_id, detail)
  SELECT id, tenant_id, at, actor, key_id, action, note_id, detail FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_v3 RENAME TO audit_events;
CREATE INDEX audit_events_tenant ON audit_events (tenant_id, id DESC);
