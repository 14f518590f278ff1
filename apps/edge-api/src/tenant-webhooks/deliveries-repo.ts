import type { Clock } from "@org/soap-core/visit";
import { endpointAuditStatement, newPrefixedId, type EndpointRow } from "./endpoints-repo.js";

/** A row of `webhook_deliveries` (migrations/0006). */
export interface DeliveryRow {
  id: string;
  event_id: string;
  endpoint_id: string;
  tenant_id: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: number | null;
  lease_until: number | null;
  enqueued_at: number | null;
  delivered_at: number | null;
  /** Start of the current series of attempts (the event, or the last redelivery). */
  started_at: number;
  created_at: number;
  updated_at: number;
}

/** A row of `webhook_events`: ids and codes only. */
export interface EventRow {
  id: string;
  tenant_id: string;
  type: "note.completed" | "note.failed" | "ping";
  note_id: string | null;
  note_status: string | null;
  failure_code: string | null;
  finished_at: number | null;
  created_at: number;
}

/** A delivery with its event's type and note, as the tenant's routes show it. */
export type DeliveryWithEvent = DeliveryRow & { event_type: string; note_id: string | null };

/** The select of {@link DeliveryWithEvent} rows (`d`: the delivery, `e`: its event). */
const DELIVERY_WITH_EVENT = `SELECT d.*, e.type AS event_type, e.note_id AS note_id FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id`;

/** What one attempt ended with, to record on the delivery. */
export interface AttemptRecord {
  statusCode: number | null;
  error: string | null;
  /** `pending` with the time of the next attempt, or final. */
  next: { status: "pending"; at: number } | { status: "delivered" } | { status: "failed" };
}

/** How long one delivery attempt holds its delivery (longer than the request's timeout). */
export const DELIVERY_LEASE_MS = 60_000;

/**
 * The outbox of tenant webhooks. Methods that take no tenant are for the queue consumer and the sweep,
 * which work by delivery id; everything a tenant reads filters on its tenant.
 */
export function deliveriesRepo(db: D1Database, clock: Clock) {
  return {
    /** Marks up to `limit` deliveries that have no queue message yet as sent now, and returns them (send them next; {@link unclaim} on failure). */
    async claimUnsent(limit: number): Promise<{ id: string; tenant_id: string }[]> {
      const { results } = await db
        .prepare(
          `UPDATE webhook_deliveries SET enqueued_at = ?1 WHERE id IN
             (SELECT id FROM webhook_deliveries WHERE enqueued_at IS NULL ORDER BY created_at LIMIT ?2)
           RETURNING id, tenant_id`,
        )
        .bind(clock(), limit)
        .all<{ id: string; tenant_id: string }>();
      return results;
    },

    /** Pending deliveries whose message was lost (next attempt more than `staleMs` ago, no live lease): claimed again. */
    async claimLost(staleMs: number, limit: number): Promise<{ id: string; tenant_id: string }[]> {
      const now = clock();
      const { results } = await db
        .prepare(
          `UPDATE webhook_deliveries SET enqueued_at = ?1, next_attempt_at = ?1, updated_at = ?1 WHERE id IN
             (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND enqueued_at IS NOT NULL
                AND next_attempt_at < ?2 AND (lease_until IS NULL OR lease_until < ?1) ORDER BY next_attempt_at LIMIT ?3)
           RETURNING id, tenant_id`,
        )
        .bind(now, now - staleMs, limit)
        .all<{ id: string; tenant_id: string }>();
      return results;
    },

    /** Forgets that these deliveries were sent (the send failed): the next dispatch sends them. */
    async unclaim(ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.batch(ids.map((id) => db.prepare(`UPDATE webhook_deliveries SET enqueued_at = NULL WHERE id = ?1`).bind(id)));
    },

    /**
     * Takes a pending delivery for one attempt (a conditional update: a duplicate message, or one for a
     * delivery already delivered or failed, gets null). Returns it with its endpoint (null when deleted) and event.
     */
    async lease(id: string, tenantId: string): Promise<{ delivery: DeliveryRow; endpoint: EndpointRow | null; event: EventRow | null } | null> {
      const now = clock();
      const delivery = await db
        .prepare(
          `UPDATE webhook_deliveries SET lease_until = ?3, updated_at = ?4
           WHERE id = ?1 AND tenant_id = ?2 AND status = 'pending' AND (lease_until IS NULL OR lease_until < ?4) RETURNING *`,
        )
        .bind(id, tenantId, now + DELIVERY_LEASE_MS, now)
        .first<DeliveryRow>();
      if (!delivery) return null;
      const [endpoint, event] = await Promise.all([
        db.prepare(`SELECT * FROM webhook_endpoints WHERE id = ?1 AND tenant_id = ?2`).bind(delivery.endpoint_id, tenantId).first<EndpointRow>(),
        db.prepare(`SELECT * FROM webhook_events WHERE id = ?1 AND tenant_id = ?2`).bind(delivery.event_id, tenantId).first<EventRow>(),
      ]);
      return { delivery, endpoint, event };
    },

    /** Records an attempt (`countsAsAttempt`: false when nothing was sent, e.g. the endpoint is gone) and releases the lease. */
    async record(id: string, r: AttemptRecord, countsAsAttempt = true): Promise<void> {
      const now = clock();
      await db
        .prepare(
          `UPDATE webhook_deliveries SET attempts = attempts + ?2, last_status_code = CASE WHEN ?2 = 1 THEN ?3 ELSE last_status_code END, last_error = ?4,
             status = ?5, next_attempt_at = ?6, delivered_at = ?7, lease_until = NULL, updated_at = ?8
           WHERE id = ?1`,
        )
        .bind(
          id,
          countsAsAttempt ? 1 : 0,
          r.statusCode,
          r.error,
          r.next.status,
          r.next.status === "pending" ? r.next.at : null,
          r.next.status === "delivered" ? now : null,
          now,
        )
        .run();
    },

    /** Answered 410 Gone: the delivery fails, the endpoint is disabled, its other pending deliveries fail, audited as the system. */
    async endpointGone(delivery: DeliveryRow, statusCode: number): Promise<void> {
      const now = clock();
      await db.batch([
        db
          .prepare(
            `UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = 'gone', updated_at = ?3 WHERE id = ?1 AND tenant_id = ?2 AND status = 'enabled'`,
          )
          .bind(delivery.endpoint_id, delivery.tenant_id, now),
        db
          .prepare(
            `UPDATE webhook_deliveries SET status = 'failed', last_error = CASE WHEN id = ?2 THEN 'endpoint_gone' ELSE 'endpoint_disabled' END,
               last_status_code = CASE WHEN id = ?2 THEN ?3 ELSE last_status_code END, attempts = attempts + (id = ?2),
               next_attempt_at = NULL, lease_until = NULL, updated_at = ?4
             WHERE endpoint_id = ?1 AND (id = ?2 OR status = 'pending')`,
          )
          .bind(delivery.endpoint_id, delivery.id, statusCode, now),
        endpointAuditStatement(db, now, { tenantId: delivery.tenant_id, keyId: null, action: "webhook_endpoint.disabled", endpointId: delivery.endpoint_id, detail: "http_410" }),
      ]);
    },

    /**
     * Starts a new series of attempts for a finished (delivered or failed) delivery of the tenant's
     * endpoint: pending, 0 attempts, due now, marked as sent (the caller sends its message). The event,
     * and so its id, stays the same. "pending" when it is still being delivered, null when there is none.
     */
    async redeliver(tenantId: string, endpointId: string, deliveryId: string): Promise<DeliveryRow | "pending" | null> {
      const now = clock();
      const row = await db
        .prepare(
          `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, last_error = NULL, next_attempt_at = ?4, lease_until = NULL,
             enqueued_at = ?4, delivered_at = NULL, started_at = ?4, updated_at = ?4
           WHERE id = ?1 AND tenant_id = ?2 AND endpoint_id = ?3 AND status <> 'pending' RETURNING *`,
        )
        .bind(deliveryId, tenantId, endpointId, now)
        .first<DeliveryRow>();
      if (row) return row;
      const existing = await db
        .prepare(`SELECT status FROM webhook_deliveries WHERE id = ?1 AND tenant_id = ?2 AND endpoint_id = ?3`)
        .bind(deliveryId, tenantId, endpointId)
        .first<{ status: string }>();
      return existing ? "pending" : null;
    },

    /** Deletes finished deliveries last touched before `cutoff`, then events no delivery refers to; returns how many deliveries. */
    async deleteFinishedBefore(cutoff: number, limit: number): Promise<number> {
      const [deleted] = await db.batch([
        db
          .prepare(
            `DELETE FROM webhook_deliveries WHERE id IN
               (SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND updated_at < ?1 ORDER BY updated_at LIMIT ?2)`,
          )
          .bind(cutoff, limit),
        db
          .prepare(
            `DELETE FROM webhook_events WHERE created_at < ?1
               AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id)`,
          )
          .bind(cutoff),
      ]);
      return deleted?.meta.changes ?? 0;
    },

    /** A `ping` event and its one delivery to `endpointId` (POST …/ping). */
    async createPing(tenantId: string, endpointId: string): Promise<{ eventId: string; deliveryId: string }> {
      const now = clock();
      const eventId = newPrefixedId("evt_");
      const deliveryId = newPrefixedId("whd_");
      await db.batch([
        db.prepare(`INSERT INTO webhook_events (id, tenant_id, type, created_at) VALUES (?1, ?2, 'ping', ?3)`).bind(eventId, tenantId, now),
        db
          .prepare(
            `INSERT INTO webhook_deliveries (id, event_id, endpoint_id, tenant_id, status, attempts, next_attempt_at, enqueued_at, started_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'pending', 0, ?5, ?5, ?5, ?5, ?5)`,
          )
          .bind(deliveryId, eventId, endpointId, tenantId, now),
      ]);
      return { eventId, deliveryId };
    },

    /** One of the tenant's deliveries with its event's type and note. */
    async getWithEvent(tenantId: string, deliveryId: string): Promise<DeliveryWithEvent | null> {
      return db
        .prepare(
`${DELIVERY_WITH_EVENT} WHERE d.id = ?1 AND d.tenant_id = ?2`,
        )
        .bind(deliveryId, tenantId)
        .first<DeliveryWithEvent>();
    },

    /** An endpoint's deliveries with their events, newest first, before (`created_at`, `id`) when given. */
    async listForEndpoint(
      tenantId: string,
      endpointId: string,
      limit: number,
      before: { createdAt: number; id: string } | undefined,
    ): Promise<DeliveryWithEvent[]> {
      const { results } = await db
        .prepare(
`${DELIVERY_WITH_EVENT}
           WHERE d.tenant_id = ?1 AND d.endpoint_id = ?2 AND (?3 IS NULL OR d.created_at < ?3 OR (d.created_at = ?3 AND d.id < ?4))
           ORDER BY d.created_at DESC, d.id DESC LIMIT ?5`,
        )
        .bind(tenantId, endpointId, before?.createdAt ?? null, before?.id ?? "", limit)
        .all<DeliveryWithEvent>();
      return results;
    },
  };
}

/** The repository {@link deliveriesRepo} returns. */
export type DeliveriesRepo = ReturnType<typeof deliveriesRepo>;
