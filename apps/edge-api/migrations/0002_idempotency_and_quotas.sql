-- soap-notes edge API: idempotency keys, per-tenant quotas, key expiry, audio host allowlists.
-- Times are Unix epoch milliseconds.

-- A key stops working at expires_at (NULL: never). scripts/expire-key.mjs and rotate-key.mjs set it;
-- revoke-key.mjs sets revoked_at (0001), which stops it at once.
ALTER TABLE api_keys ADD COLUMN expires_at INTEGER;

-- The hosts this tenant's audio_url may name: a JSON array of host patterns ("media.example.com",
-- "*.example.com"); NULL: any public host. Set with scripts/audio-hosts.mjs.
ALTER TABLE tenants ADD COLUMN audio_url_hosts TEXT;

-- One row per Idempotency-Key of a tenant, for 24 hours. The key and the request are stored as their
-- SHA-256 only (a client's key may name a patient). The primary key is what makes concurrent first
-- uses of one key end with one job: only one INSERT wins.
CREATE TABLE idempotency_keys (
  tenant_id        TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  key_hash         TEXT NOT NULL,
  -- SHA-256 of method, path and canonical JSON body: the same key with another request is a 409.
  request_hash     TEXT NOT NULL,
  -- Unique per use (a create's job id): who holds the key.
  claim_id         TEXT NOT NULL,
  -- The note the request created or acted on.
  job_id           TEXT,
  -- The first answer, once there is one: its status and JSON body (a create's { id, status,
  -- transcript_id } or an error envelope; never note text: a regeneration's note is re-read on replay).
  response_status  INTEGER,
  response_body    TEXT,
  created_at       INTEGER NOT NULL,
  expires_at       INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, key_hash)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (tenant_id, expires_at);

-- Creating requests (new notes, section regenerations) per tenant per UTC day (days since the epoch),
-- for TENANT_CREATES_PER_DAY. Rows older than yesterday are pruned as new ones are counted.
CREATE TABLE tenant_daily_usage (
  tenant_id  TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  day        INTEGER NOT NULL,
  creates    INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, day)
);

-- TENANT_MAX_IN_FLIGHT counts a tenant's jobs by status on every create.
CREATE INDEX jobs_tenant_status ON jobs (tenant_id, status);
