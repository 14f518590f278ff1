/** The tenant and key an API key hash belongs to, for a live (not revoked) key. */
export async function findKeyByHash(db: D1Database, keyHash: string): Promise<{ keyId: string; tenantId: string } | null> {
  const row = await db
    .prepare(`SELECT id, tenant_id FROM api_keys WHERE key_hash = ?1 AND revoked_at IS NULL`)
    .bind(keyHash)
    .first<{ id: string; tenant_id: string }>();
  return row ? { keyId: row.id, tenantId: row.tenant_id } : null;
}

/**
 * Counts one request against a key's fixed window and returns the count so far (this request
 * included). Rows of windows older than the previous one are pruned on the way.
 */
export async function countRequest(db: D1Database, keyId: string, windowStart: number): Promise<number> {
  const [, counted] = await db.batch([
    db.prepare(`DELETE FROM rate_limits WHERE key_id = ?1 AND window_start < ?2`).bind(keyId, windowStart),
    db
      .prepare(
        `INSERT INTO rate_limits (key_id, window_start, count) VALUES (?1, ?2, 1)
         ON CONFLICT (key_id, window_start) DO UPDATE SET count = count + 1
         RETURNING count`,
      )
      .bind(keyId, windowStart),
  ]);
  const row = counted?.results[0] as { count: number } | undefined;
  return row?.count ?? 1;
}
