import type { Clock } from "@org/soap-core/visit";

/** Endpoints one tenant may register. */
export const MAX_ENDPOINTS_PER_TENANT = 5;

/** Event types an endpoint can subscribe to. */
export const WEBHOOK_EVENT_TYPES = ["note.completed", "note.failed"] as const;

/** One of {@link WEBHOOK_EVENT_TYPES}. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** A row of `webhook_endpoints` (migrations/0006). */
export interface EndpointRow {
  id: string;
  tenant_id: string;
  url: string;
  description: string | null;
  /** JSON array of {@link WebhookEventType}. */
  events: string;
  status: "enabled" | "disabled";
  disabled_reason: string | null;
  secret_enc: string;
  previous_secret_enc: string | null;
  previous_secret_expires_at: number | null;
  created_at: number;
  updated_at: number;
}

/** The outcome of {@link EndpointsRepo.create}. */
export type CreateOutcome = { kind: "created"; row: EndpointRow } | { kind: "limit" } | { kind: "duplicate"; id: string };

/** A tenant's endpoints: every statement filters on the tenant; changes are audited in the same batch. */
export interface EndpointsRepo {
  /** Registers an endpoint unless the tenant has {@link MAX_ENDPOINTS_PER_TENANT} or one with the same URL (one conditional insert). */
  create(input: { id: string; url: string; description: string | null; events: readonly WebhookEventType[]; secretEnc: string }, keyId: string): Promise<CreateOutcome>;
  list(): Promise<EndpointRow[]>;
  get(id: string): Promise<EndpointRow | null>;
  /** Deletes the endpoint and its deliveries (pending ones are never sent). False when there is none. */
  delete(id: string, keyId: string): Promise<boolean>;
  /**
   * Applies a PATCH (fields left undefined keep their value) and audits it in the same batch: a status
   * change as `webhook_endpoint.enabled` / `.disabled` (reason `paused`), else `webhook_endpoint.updated`;
   * the detail names the fields. Null when there is no such endpoint.
   */
  update(id: string, patch: EndpointPatch, keyId: string): Promise<EndpointRow | null>;
  /**
   * Swaps the sealed secrets for the same secrets sealed under the current `TENANT_WEBHOOK_KEY`, only if
   * they are still `from` (a rotation in between wins). Not audited: the secrets do not change. True when swapped.
   */
  reseal(id: string, change: { from: SealedSecrets; to: SealedSecrets }): Promise<boolean>;
  /** Replaces the secret, keeping the current one (sealed again for the same row) until `previousExpiresAt`. */
  rotate(id: string, secretEnc: string, previousEnc: string | null, previousExpiresAt: number | null, keyId: string): Promise<EndpointRow | null>;
}

/** An endpoint's sealed secrets (`secret_enc`, `previous_secret_enc`). */
export interface SealedSecrets {
  secretEnc: string;
  previousEnc: string | null;
}

/** The changes of `PATCH /v1/webhook-endpoints/{id}`. */
export interface EndpointPatch {
  status?: "enabled" | "disabled" | undefined;
  events?: readonly WebhookEventType[] | undefined;
  description?: string | null | undefined;
}

/** New random ids with a type prefix (`we_`, `evt_`, `whd_`): 128 bits, hex. */
export function newPrefixedId(prefix: string): string {
  return `${prefix}${crypto.randomUUID().replace(/-/g, "")}`;
}

/**
 * The audit statement of an endpoint change (ids only), for the change's own batch. With
 * `ifEndpointExists`, it writes nothing unless the tenant's endpoint exists when it runs (put it after
 * an insert or update, before a delete), so that a change that found no endpoint is not audited.
 */
export function endpointAuditStatement(
  db: D1Database,
  at: number,
  e: { tenantId: string; keyId: string | null; action: string; endpointId: string; detail?: string | undefined },
  o: { ifEndpointExists?: boolean } = {},
): D1PreparedStatement {
  const condition = o.ifEndpointExists ? ` WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = ?7 AND tenant_id = ?1)` : "";
  return db
    .prepare(`INSERT INTO audit_events (tenant_id, at, actor, key_id, action, note_id, detail, endpoint_id) SELECT ?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7${condition}`)
    .bind(e.tenantId, at, e.keyId === null ? "system" : "api_key", e.keyId, e.action, e.detail ?? null, e.endpointId);
}

/** The {@link EndpointsRepo} of `tenantId` in `db`, stamped with `clock`. */
export function endpointsRepo(db: D1Database, clock: Clock, tenantId: string): EndpointsRepo {
  const get = (id: string) => db.prepare(`SELECT * FROM webhook_endpoints WHERE id = ?1 AND tenant_id = ?2`).bind(id, tenantId).first<EndpointRow>();
  return {
    async create(input, keyId) {
      const now = clock();
      const [inserted] = await db.batch([
        db
          .prepare(
            `INSERT INTO webhook_endpoints (id, tenant_id, url, description, events, status, secret_enc, created_at, updated_at)
             SELECT ?1, ?2, ?3, ?4, ?5, 'enabled', ?6, ?7, ?7
             WHERE (SELECT COUNT(*) FROM webhook_endpoints WHERE tenant_id = ?2) < ?8
               AND NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE tenant_id = ?2 AND url = ?3)`,
          )
          .bind(input.id, tenantId, input.url, input.description, JSON.stringify(input.events), input.secretEnc, now, MAX_ENDPOINTS_PER_TENANT),
        endpointAuditStatement(db, now, { tenantId, keyId, action: "webhook_endpoint.created", endpointId: input.id }, { ifEndpointExists: true }),
      ]);
      if (inserted?.meta.changes === 1) {
        const row = await get(input.id);
        if (row) return { kind: "created", row };
      }
      const same = await db
        .prepare(`SELECT id FROM webhook_endpoints WHERE tenant_id = ?1 AND url = ?2`)
        .bind(tenantId, input.url)
        .first<{ id: string }>();
      return same ? { kind: "duplicate", id: same.id } : { kind: "limit" };
    },

    async list() {
      const { results } = await db
        .prepare(`SELECT * FROM webhook_endpoints WHERE tenant_id = ?1 ORDER BY created_at, id`)
        .bind(tenantId)
        .all<EndpointRow>();
      return results;
    },

    get,

    async delete(id, keyId) {
      const now = clock();
      // One batch: the audit row (written only while the endpoint exists) and the deletion stand or fall together.
      const [, deleted] = await db.batch([
        endpointAuditStatement(db, now, { tenantId, keyId, action: "webhook_endpoint.deleted", endpointId: id }, { ifEndpointExists: true }),
        db.prepare(`DELETE FROM webhook_endpoints WHERE id = ?1 AND tenant_id = ?2`).bind(id, tenantId),
        db.prepare(`DELETE FROM webhook_deliveries WHERE endpoint_id = ?1 AND tenant_id = ?2`).bind(id, tenantId),
      ]);
      return deleted?.meta.changes === 1;
    },

    async update(id, patch, keyId) {
      const before = await get(id);
      if (!before) return null;
      const now = clock();
      const fields = (["status", "events", "description"] as const).filter((f) => patch[f] !== undefined);
      const statusChanged = patch.status !== undefined && patch.status !== before.status;
      const action = !statusChanged ? "webhook_endpoint.updated" : patch.status === "enabled" ? "webhook_endpoint.enabled" : "webhook_endpoint.disabled";
      // Pausing an endpoint a 410 disabled keeps its reason; resuming clears it.
      const reason = patch.status === "enabled" ? null : statusChanged ? "paused" : before.disabled_reason;
      const [updated] = await db.batch([
        db
          .prepare(
            `UPDATE webhook_endpoints SET status = ?3, disabled_reason = ?4, events = ?5, description = ?6, updated_at = ?7
             WHERE id = ?1 AND tenant_id = ?2 RETURNING *`,
          )
          .bind(
            id,
            tenantId,
            patch.status ?? before.status,
            reason,
            patch.events === undefined ? before.events : JSON.stringify(patch.events),
            patch.description === undefined ? before.description : patch.description,
            now,
          ),
        endpointAuditStatement(db, now, { tenantId, keyId, action, endpointId: id, detail: `fields:${fields.join(",")}` }, { ifEndpointExists: true }),
      ]);
      return (updated?.results[0] as EndpointRow | undefined) ?? null;
    },

    async reseal(id, { from, to }) {
      const res = await db
        .prepare(
          `UPDATE webhook_endpoints SET secret_enc = ?3, previous_secret_enc = ?4
           WHERE id = ?1 AND tenant_id = ?2 AND secret_enc = ?5 AND previous_secret_enc IS ?6`,
        )
        .bind(id, tenantId, to.secretEnc, to.previousEnc, from.secretEnc, from.previousEnc)
        .run();
      return res.meta.changes === 1;
    },

    async rotate(id, secretEnc, previousEnc, previousExpiresAt, keyId) {
      const now = clock();
      const [updated] = await db.batch([
        db
          .prepare(
            `UPDATE webhook_endpoints SET secret_enc = ?3, previous_secret_enc = ?4, previous_secret_expires_at = ?5, updated_at = ?6
             WHERE id = ?1 AND tenant_id = ?2 RETURNING *`,
          )
          .bind(id, tenantId, secretEnc, previousEnc, previousExpiresAt, now),
        endpointAuditStatement(
          db,
          now,
          { tenantId, keyId, action: "webhook_endpoint.secret_rotated", endpointId: id, detail: previousEnc === null ? "grace:none" : `grace_until:${new Date(previousExpiresAt ?? now).toISOString()}` },
          { ifEndpointExists: true },
        ),
      ]);
      return (updated?.results[0] as EndpointRow | undefined) ?? null;
    },
  };
}
