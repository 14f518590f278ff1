/** The D1 `api_keys` and `rate_limits` tables, bound to a database. */
export interface KeysRepo {
  /** The tenant and key an API key hash belongs to, for a live (not revoked) key. */
  findByHash(keyHash: string): Promise<{ keyId: string; tenantId: string } | null>;
  /**
   * Counts one request against a key's fixed window and returns the count so far (this request
   * included). Rows of windows older than the previous one are pruned on the way.
   */
  countRequest(keyId: string, windowStart: number): Promise<number>;
}

/** The {@link KeysRepo} of `db`. */
export function keysRepo(db: D1Database): KeysRepo {
  return {
    async findByHash(keyHash) {
      const row = await db
        .prepare(`SELECT id, tenant_id FROM api_keys WHERE key_hash = ?1 AND revoked_at IS NULL`)
        .bind(keyHash)
        .first<{ id: string; tenant_id: string }>();
      return row ? { keyId: row.id, tenantId: row.tenant_id } : null;
    },

    async countRequest(keyId, windowStart) {
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
    },
  };
}
