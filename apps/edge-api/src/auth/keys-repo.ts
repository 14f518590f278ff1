import { z } from "zod";

/** A live API key: its id, its tenant and the tenant's audio host allowlist. */
export interface LiveKey {
  keyId: string;
  tenantId: string;
  /** null: any public host; otherwise host patterns (`media.example.com`, `*.example.com`). */
  audioUrlHosts: string[] | null;
  /** The stored allowlist did not parse: treated as an empty list (nothing allowed) and logged. */
  allowlistUnreadable: boolean;
}

/** The D1 `api_keys` and `rate_limits` tables, bound to a database. */
export interface KeysRepo {
  /**
   * The key an API key hash belongs to, when it is live at `now`: not revoked (`revoked_at` null) and
   * not expired (`expires_at` null or later than `now`).
   */
  findByHash(keyHash: string, now: number): Promise<LiveKey | null>;
  /** Whether key `keyId` of `tenantId` is live at `now` (same rule as {@link findByHash}). */
  isLive(keyId: string, tenantId: string, now: number): Promise<boolean>;
  /**
   * Counts one request against a counter's fixed window (a key id, or a tenant's `tenant:<id>:creates`)
   * and returns the count so far (this request included). Rows of windows older than this one are
   * pruned on the way.
   */
  countRequest(counterId: string, windowStart: number): Promise<number>;
}

/** A stored allowlist: a JSON array of host patterns. */
export const audioUrlHostsSchema = z.array(z.string().min(1).max(253)).max(100);

/** The one rule for a live key, as SQL on `api_keys`: not revoked, and not expired at the time bound to `nowParam`. */
const liveKeyAt = (nowParam: string) => `api_keys.revoked_at IS NULL AND (api_keys.expires_at IS NULL OR api_keys.expires_at > ${nowParam})`;

/** The {@link KeysRepo} of `db`. */
export function keysRepo(db: D1Database): KeysRepo {
  return {
    async findByHash(keyHash, now) {
      const row = await db
        .prepare(
          `SELECT api_keys.id, api_keys.tenant_id, tenants.audio_url_hosts FROM api_keys
       JOIN tenants ON tenants.id = api_keys.tenant_id
       WHERE api_keys.key_hash = ?1 AND ${liveKeyAt("?2")}`,
        )
        .bind(keyHash, now)
        .first<{ id: string; tenant_id: string; audio_url_hosts: string | null }>();
      if (!row) return null;
      const hosts = parseHosts(row.audio_url_hosts);
      return { keyId: row.id, tenantId: row.tenant_id, audioUrlHosts: hosts === undefined ? [] : hosts, allowlistUnreadable: hosts === undefined };
    },

    async isLive(keyId, tenantId, now) {
      const row = await db
        .prepare(
          `SELECT 1 AS live FROM api_keys
       WHERE api_keys.id = ?1 AND api_keys.tenant_id = ?2 AND ${liveKeyAt("?3")}`,
        )
        .bind(keyId, tenantId, now)
        .first<{ live: number }>();
      return row !== null;
    },

    async countRequest(counterId, windowStart) {
      const [, counted] = await db.batch([
        db.prepare(`DELETE FROM rate_limits WHERE key_id = ?1 AND window_start < ?2`).bind(counterId, windowStart),
        db
          .prepare(
            `INSERT INTO rate_limits (key_id, window_start, count) VALUES (?1, ?2, 1)
         ON CONFLICT (key_id, window_start) DO UPDATE SET count = count + 1
         RETURNING count`,
          )
          .bind(counterId, windowStart),
      ]);
      const row = counted?.results[0] as { count: number } | undefined;
      return row?.count ?? 1;
    },
  };
}

/** null for no allowlist, the list, or undefined when the stored value does not parse. */
function parseHosts(raw: string | null): string[] | null | undefined {
  if (raw === null) return null;
  try {
    const parsed = audioUrlHostsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON: the caller logs it and allows nothing.
    return undefined;
  }
}
