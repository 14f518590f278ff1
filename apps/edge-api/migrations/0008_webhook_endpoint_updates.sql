-- soap-notes edge API: tenants may pause, resume and edit their completion webhook endpoints
-- (PATCH /v1/webhook-endpoints/{id}). The audit trail gains two actions: 'webhook_endpoint.updated'
-- (events or description changed) and 'webhook_endpoint.enabled' (resumed; pausing is audited as the
-- existing 'webhook_endpoint.disabled', actor api_key). The CHECK is widened, so the table is rebuilt as
-- in 0006 (all columns and the index kept).
CREATE TABLE audit_events_v4 (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id    TEXT NOT NULL,
  at           INTEGER NOT NULL,
  actor        TEXT NOT NULL CHECK (actor IN ('api_key', 'system')),
  key_id       TEXT,
  action       TEXT NOT NULL CHECK (action IN ('note.read', 'note.exported', 'note.regenerated', 'note.deleted', 'transcript.purged',
                 'note.reviewed', 'webhook_endpoint.created', 'webhook_endpoint.deleted', 'webhook_endpoint.secret_rotated',
                 'webhook_endpoint.disabled', 'webhook_endpoint.enabled', 'webhook_endpoint.updated')),
  note_id      TEXT,
  detail       TEXT,
  endpoint_id  TEXT,
  CHECK (note_id IS NOT NULL OR endpoint_id IS NOT NULL)
);
INSERT INTO audit_events_v4 (id, tenant_id, at, actor, key_id, action, note_id, detail, endpoint_id)
  SELECT id, tenant_id, at, actor, key_id, action, note_id, detail, endpoint_id FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_v4 RENAME TO audit_events;
CREATE INDEX audit_events_tenant ON audit_events (tenant_id, id DESC);
