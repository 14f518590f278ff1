// SQL of the key scripts (create, revoke, rotate, expire, list, audio hosts), as pure functions: no
// Node built-ins, so that the Worker's tests run the same statements against D1. Keys are never in
// here, only their SHA-256. Times are Unix epoch milliseconds.

/** A SQL string literal. */
export function quote(value) {
  return `'${String(value).replace(/'/g, "''")}'`;
}

const nullable = (value) => (value === undefined || value === null ? "NULL" : String(value));

/** A new tenant (when `tenantName` is given) and a key for it. */
export function createKeySql({ tenantId, tenantName, keyId, keyHash, keyPrefix, name, now, expiresAt }) {
  const statements = [];
  if (tenantName !== undefined) {
    statements.push(`INSERT INTO tenants (id, name, created_at) VALUES (${quote(tenantId)}, ${quote(tenantName)}, ${now});`);
  }
  statements.push(
    `INSERT INTO api_keys (id, tenant_id, key_hash, key_prefix, name, created_at, expires_at) VALUES (${quote(keyId)}, ${quote(tenantId)}, ` +
      `${quote(keyHash)}, ${quote(keyPrefix)}, ${name === undefined ? "NULL" : quote(name)}, ${now}, ${nullable(expiresAt)});`,
  );
  return statements.join("\n");
}

/** Revokes a key (`keyId`), or every key of a tenant (`tenantId`), at once. Already revoked keys keep their time. */
export function revokeKeySql({ keyId, tenantId, now }) {
  const where = keyId !== undefined ? `id = ${quote(keyId)}` : `tenant_id = ${quote(tenantId)}`;
  return `UPDATE api_keys SET revoked_at = ${now} WHERE ${where} AND revoked_at IS NULL;`;
}

/** Makes a key stop working at `expiresAt` (null: never expires). */
export function expireKeySql({ keyId, expiresAt }) {
  return `UPDATE api_keys SET expires_at = ${nullable(expiresAt)} WHERE id = ${quote(keyId)} AND revoked_at IS NULL;`;
}

/**
 * Rotation: a new key for the old key's tenant, made only while the old key is live, and the old key
 * expiring at `graceUntil` (never later than it already would). The first statement changes no row
 * when the old key is unknown, revoked or expired.
 */
export function rotateKeySql({ oldKeyId, newKeyId, keyHash, keyPrefix, now, graceUntil }) {
  const old = quote(oldKeyId);
  return [
    `INSERT INTO api_keys (id, tenant_id, key_hash, key_prefix, name, created_at) SELECT ${quote(newKeyId)}, tenant_id, ${quote(keyHash)}, ` +
      `${quote(keyPrefix)}, name, ${now} FROM api_keys WHERE id = ${old} AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ${now});`,
    `UPDATE api_keys SET expires_at = ${graceUntil} WHERE id = ${old} AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ${graceUntil});`,
  ].join("\n");
}

/**
 * `SELECT … AS n` statements a script appends to learn what its SQL did (local `wrangler d1 execute`
 * reports no row counts): keys with an id, keys revoked at a time, live keys with an id, tenants.
 */
export const countSql = {
  key: (keyId) => `SELECT COUNT(*) AS n FROM api_keys WHERE id = ${quote(keyId)};`,
  revokedAt: ({ keyId, tenantId, now }) =>
    `SELECT COUNT(*) AS n FROM api_keys WHERE ${keyId !== undefined ? `id = ${quote(keyId)}` : `tenant_id = ${quote(tenantId)}`} AND revoked_at = ${now};`,
  liveKey: (keyId) => `SELECT COUNT(*) AS n FROM api_keys WHERE id = ${quote(keyId)} AND revoked_at IS NULL;`,
  tenant: (tenantId) => `SELECT COUNT(*) AS n FROM tenants WHERE id = ${quote(tenantId)};`,
};

/** A tenant's keys (never their hashes), newest first. */
export function listKeysSql({ tenantId }) {
  return (
    `SELECT id, key_prefix, name, created_at, expires_at, revoked_at FROM api_keys WHERE tenant_id = ${quote(tenantId)} ` +
    "ORDER BY created_at DESC;"
  );
}

const HOST_PATTERN = /^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+$/;

/**
 * Sets a tenant's audio host allowlist (host names, or `*.example.com` for any subdomain), or clears it
 * with `hosts: null` (any public host).
 * @throws {Error} naming a pattern that is not a host name.
 */
export function audioHostsSql({ tenantId, hosts }) {
  if (hosts === null) return `UPDATE tenants SET audio_url_hosts = NULL WHERE id = ${quote(tenantId)};`;
  const clean = hosts.map((h) => h.trim().toLowerCase()).filter((h) => h !== "");
  const bad = clean.filter((h) => !HOST_PATTERN.test(h) || h.length > 253);
  if (bad.length > 0) throw new Error(`not a host name or *.domain pattern: ${bad.join(", ")}`);
  return `UPDATE tenants SET audio_url_hosts = ${quote(JSON.stringify(clean))} WHERE id = ${quote(tenantId)};`;
}
