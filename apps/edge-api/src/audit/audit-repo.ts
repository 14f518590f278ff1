import type { Clock } from "@org/soap-core/visit";

/** What was done to a note (or its transcript). */
export const AUDIT_ACTIONS = [
  "note.read",
  "note.exported",
  "note.regenerated",
  "note.deleted",
  "transcript.purged",
  "note.reviewed",
  // Completion webhook endpoints (migration 0006): these name an endpoint, not a note.
  "webhook_endpoint.created",
  "webhook_endpoint.deleted",
  "webhook_endpoint.secret_rotated",
  "webhook_endpoint.disabled",
  // Migration 0008: PATCH /v1/webhook-endpoints/{id} (resumed; events or description changed).
  "webhook_endpoint.enabled",
  "webhook_endpoint.updated",
] as const;

/** One of {@link AUDIT_ACTIONS}. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** An event to record: ids and a short PHI-free qualifier only. */
export interface NewAuditEvent {
  tenantId: string;
  /** The API key that acted; null for the deployment itself (retention, offboarding, late webhooks). */
  keyId: string | null;
  action: AuditAction;
  noteId: string;
  /** The export format, the regenerated section, or the purge reason. */
  detail?: string | undefined;
}

/** A row of `audit_events`. */
export interface AuditRow {
  id: number;
  tenant_id: string;
  at: number;
  actor: "api_key" | "system";
  key_id: string | null;
  action: AuditAction;
  /** Null for the `webhook_endpoint.*` actions. */
  note_id: string | null;
  detail: string | null;
  /** The webhook endpoint of a `webhook_endpoint.*` action, else null. */
  endpoint_id: string | null;
}

/** The D1 `audit_events` table (migrations/0003_job_lifecycle.sql), stamped with the injected clock. */
export interface AuditRepo {
  /** The statement that records `event`, to batch with the write it records. */
  insertStatement(event: NewAuditEvent): D1PreparedStatement;
  /** Records `event`. */
  record(event: NewAuditEvent): Promise<void>;
  /** A tenant's events, newest first, older than event `beforeId` when given; fetches `limit` rows. */
  list(tenantId: string, limit: number, beforeId: number | undefined): Promise<AuditRow[]>;
}

/** The {@link AuditRepo} of `db`, stamping events with `clock`. */
export function auditRepo(db: D1Database, clock: Clock): AuditRepo {
  const insertStatement = (e: NewAuditEvent): D1PreparedStatement =>
    db
      .prepare(`INSERT INTO audit_events (tenant_id, at, actor, key_id, action, note_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`)
      .bind(e.tenantId, clock(), e.keyId === null ? "system" : "api_key", e.keyId, e.action, e.noteId, e.detail ?? null);
  return {
    insertStatement,

    async record(event) {
      await insertStatement(event).run();
    },

    async list(tenantId, limit, beforeId) {
      const stmt =
        beforeId === undefined
          ? db.prepare(`SELECT * FROM audit_events WHERE tenant_id = ?1 ORDER BY id DESC LIMIT ?2`).bind(tenantId, limit)
          : db.prepare(`SELECT * FROM audit_events WHERE tenant_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3`).bind(tenantId, beforeId, limit);
      const { results } = await stmt.all<AuditRow>();
      return results;
    },
  };
}
