import type { IdempotencyKey } from "./idempotency-key.js";

/** A row of `idempotency_keys`: the first use of a key and, once it finished, its answer. */
export interface IdempotencyRecord {
  request_hash: string;
  /** Unique per first use; a create uses its new job id. */
  claim_id: string;
  /** The note the request created or acted on. */
  job_id: string | null;
  /** Null while the first use runs. */
  response_status: number | null;
  /** The answer's JSON (the create's body, or an error envelope); null for answers re-read on replay. */
  response_body: string | null;
  created_at: number;
  expires_at: number;
}

/** One tenant's `idempotency_keys` rows over `db`. */
export interface IdempotencyStore {
  /** Drops this tenant's expired rows (so that an expired key may be used again). */
  pruneExpired(now: number): D1PreparedStatement;
  /**
   * Records the first use of `key` unless the key is already in use. With `staleBefore`, a use that
   * started before it and never recorded an answer is taken over. Check who holds it with {@link find}.
   */
  claim(key: IdempotencyKey, claim: { claimId: string; jobId: string | null; now: number; expiresAt: number; staleBefore?: number }): D1PreparedStatement;
  /** The row of `key`, if any. */
  find(keyHash: string): Promise<IdempotencyRecord | null>;
  /** Stores the answer of the use `claimId`. */
  saveResponse(keyHash: string, claimId: string, status: number, body: string | null): Promise<void>;
  /** Forgets the use `claimId` (its request changed nothing, so the key may be sent again). */
  release(keyHash: string, claimId: string): Promise<void>;
}

/** The {@link IdempotencyStore} of `tenantId` in `db`. */
export function idempotencyStore(db: D1Database, tenantId: string): IdempotencyStore {
  return {
    pruneExpired: (now) => db.prepare(`DELETE FROM idempotency_keys WHERE tenant_id = ?1 AND expires_at <= ?2`).bind(tenantId, now),

    claim: (key, { claimId, jobId, now, expiresAt, staleBefore }) =>
      db
        .prepare(
          `INSERT INTO idempotency_keys (tenant_id, key_hash, request_hash, claim_id, job_id, created_at, expires_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (tenant_id, key_hash) DO UPDATE SET claim_id = excluded.claim_id, job_id = excluded.job_id,
         created_at = excluded.created_at, expires_at = excluded.expires_at
       WHERE idempotency_keys.response_status IS NULL AND idempotency_keys.request_hash = excluded.request_hash
         AND idempotency_keys.created_at < ?8`,
        )
        .bind(tenantId, key.keyHash, key.requestHash, claimId, jobId, now, expiresAt, staleBefore ?? -1),

    async find(keyHash) {
      return db
        .prepare(
          `SELECT request_hash, claim_id, job_id, response_status, response_body, created_at, expires_at
       FROM idempotency_keys WHERE tenant_id = ?1 AND key_hash = ?2`,
        )
        .bind(tenantId, keyHash)
        .first<IdempotencyRecord>();
    },

    async saveResponse(keyHash, claimId, status, body) {
      await db
        .prepare(`UPDATE idempotency_keys SET response_status = ?4, response_body = ?5 WHERE tenant_id = ?1 AND key_hash = ?2 AND claim_id = ?3`)
        .bind(tenantId, keyHash, claimId, status, body)
        .run();
    },

    async release(keyHash, claimId) {
      await db.prepare(`DELETE FROM idempotency_keys WHERE tenant_id = ?1 AND key_hash = ?2 AND claim_id = ?3`).bind(tenantId, keyHash, claimId).run();
    },
  };
}
